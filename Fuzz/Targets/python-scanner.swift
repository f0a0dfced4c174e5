// libFuzzer target: `PythonScanner.scan`, the whole Python scanner as the linter runs it.
import PythonScanner
import SourceText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPythonScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let file = SourceFile(path: "fuzz.py", bytes: bytes)
  let result = PythonScanner.scan(file)
  // Every reported place must be inside the file.
  for declaration in result.declarations
  where !(1...file.lineCount).contains(declaration.location.line) {
    preconditionFailure("declaration at line \(declaration.location.line) of \(file.lineCount)")
  }
  return 0
}
