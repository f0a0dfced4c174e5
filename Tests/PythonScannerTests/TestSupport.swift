import ResourceModel
import SourceText

@testable import PythonScanner

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The repository's root: this file is `Tests/PythonScannerTests/TestSupport.swift`.
let repositoryRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

/// The file at `path` (relative to the repository root), named by that path.
func loadRepositoryFile(_ path: String) -> SourceFile? {
  guard let handle = fopen(repositoryRoot + "/" + path, "rb") else { return nil }
  defer { fclose(handle) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let count = fread(&buffer, 1, buffer.count, handle)
    if count <= 0 { break }
    bytes.append(contentsOf: buffer[0..<count])
  }
  return SourceFile(path: path, bytes: bytes)
}

/// Scans `source` as `test.py`.
func scan(_ source: String, path: String = "test.py") -> ScanResult {
  PythonScanner.scan(SourceFile(path: path, text: source))
}

func declarations(_ source: String) -> [Declaration] { scan(source).declarations }

/// `key=value` pairs of a list, in order, with `dumpText` values (`nil` → "None").
func dump(_ list: ResourceList) -> String {
  list.entries.map { "\($0.key.dumpName)=\($0.value.dumpText ?? "None")" }.joined(separator: " ")
}

/// A compact one-line summary of a declaration for assertions.
func summary(_ declaration: Declaration) -> String {
  var parts = [
    declaration.kind.rawValue, declaration.name ?? "-",
    "\(declaration.location.line):\(declaration.location.column)",
  ]
  parts.append("req[\(dump(declaration.requests))]")
  parts.append("lim[\(dump(declaration.limits))]")
  if let accelerator = declaration.accelerator { parts.append("acc=\(accelerator.dumpText)") }
  if let owner = declaration.owner { parts.append("owner=\(owner)") }
  return parts.joined(separator: " ")
}

func summaries(_ source: String) -> [String] { declarations(source).map(summary) }

/// Tokens of `source` as `kind:text` strings, without NEWLINE/ENDMARKER.
func tokenTexts(_ source: String) -> [String] {
  let bytes = Array(source.utf8)
  let stream = PythonTokenizer.tokenize(bytes)
  return stream.tokens.compactMap { token in
    let text = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    switch token.kind {
    case .name: return "N:\(text)"
    case .number: return "#:\(text)"
    case .string: return "S:\(text)"
    case .op: return "O:\(text)"
    case .newline: return "NL"
    case .endMarker: return nil
    }
  }
}

/// Parses `source` as one expression statement and returns its first expression's value.
func parseValue(_ source: String, prefix: String = "") -> ResourceValue? {
  let full = prefix + "X = " + source + "\nR(x=X)\n"
  let file = SourceFile(path: "t.py", text: full)
  return file.bytes.withUnsafeBufferPointer { buffer -> ResourceValue? in
    let stream = PythonTokenizer.tokenize(buffer)
    let context = ScanContext(file: file, bytes: buffer, stream: stream)
    guard
      let line = context.stream.lines.indices.first(where: { line in
        let first = context.stream.tokens[context.stream.lines[line].firstToken]
        return context.text(first.start, first.end) == "X"
      })
    else { return nil }
    let statement = context.statement(line)
    guard let start = statement.valueStart,
      let expr = statement.expressions.first(where: { $0.start >= start })
    else { return nil }
    return context.value(expr)
  }
}
