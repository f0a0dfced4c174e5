import ResourceModel
import SourceText
import YAMLScanner

/// The repository root: this file is Tests/YAMLScannerTests/Support.swift.
let repositoryRoot: String = {
  var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

let fixtureDirectory = repositoryRoot + "/Fixtures/scanner/yaml"

/// Reads a fixture under Fixtures/scanner/yaml (nil if it cannot be read).
func fixture(_ name: String) -> SourceFile? {
  let path = fixtureDirectory + "/" + name
  guard let handle = fopen(path, "rb") else { return nil }
  defer { fclose(handle) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65_536)
  while true {
    let count = fread(&buffer, 1, buffer.count, handle)
    if count <= 0 { break }
    bytes.append(contentsOf: buffer[0..<count])
  }
  return SourceFile(path: "Fixtures/scanner/yaml/" + name, bytes: bytes)
}

func scan(_ text: String, path: String = "test.yaml") -> ScanResult {
  YAMLScanner.scan(SourceFile(path: path, text: text))
}

func scanFixture(_ name: String) -> ScanResult {
  guard let file = fixture(name) else {
    return ScanResult(problems: [
      ScanProblem("missing fixture", at: SourceSpan(at: SourceLocation(line: 0, column: 0)))
    ])
  }
  return YAMLScanner.scan(file)
}

/// `key=value` pairs of a resource list, as `dump` would print them.
func dump(_ list: ResourceList) -> [String: String] {
  var result: [String: String] = [:]
  for entry in list { result[entry.key.dumpName] = entry.value.dumpText ?? "null" }
  return result
}

/// A one-line summary of a declaration, handy for debugging failures.
func summary(_ declaration: Declaration) -> String {
  let requests = declaration.requests.map { "\($0.writtenKey)=\($0.value.form)@\($0.value.span)" }
  let limits = declaration.limits.map { "\($0.writtenKey)=\($0.value.form)@\($0.value.span)" }
  return "\(declaration.kind.rawValue) \(declaration.name ?? "-") @\(declaration.location) "
    + "path=\(declaration.path ?? "-") req=\(requests) lim=\(limits)"
    + (declaration.accelerator.map { " acc=\($0.dumpText)@\($0.span)" } ?? "")
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
