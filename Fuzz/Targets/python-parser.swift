// libFuzzer target: the Python tokenizer and expression parser, with argument values and the
// declaration passes, on every call (no prefilter).
@_spi(Fuzzing) import PythonScanner

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPythonParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  _ = PythonScannerFuzzing.parseAll(bytes)
  return 0
}
