// libFuzzer target: `YAMLScanner.scan`, libyaml events to declarations.
import SourceText
import YAMLScanner

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
  let result = YAMLScanner.scan(file)
  for declaration in result.declarations
  where !(1...file.lineCount).contains(declaration.location.line) {
    preconditionFailure("declaration at line \(declaration.location.line) of \(file.lineCount)")
  }
  return 0
}
