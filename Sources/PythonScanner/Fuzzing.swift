import SourceText

/// Entry points for the fuzz targets (`Fuzz/`) and their regression test: they drive the
/// scanner's internal stages on arbitrary bytes, past the prefilter that `PythonScanner.scan`
/// would use to skip most random inputs.
@_spi(Fuzzing)
public enum PythonScannerFuzzing {
  /// Tokenizes `bytes`, parses every logical line into expressions, reads every call argument
  /// as a value, then runs the declaration passes with every call as a candidate.
  /// - Returns: the number of expression nodes visited plus the declarations found, so that the
  ///   work is observable and a test can bound it.
  public static func parseAll(_ bytes: [UInt8]) -> Int {
    let file = SourceFile(path: "fuzz.py", bytes: bytes)
    return bytes.withUnsafeBufferPointer { buffer in
      let stream = PythonTokenizer.tokenize(buffer)
      let context = ScanContext(file: file, bytes: buffer, stream: stream)
      var nodes = 0
      for line in stream.lines.indices {
        for expr in context.statement(line).expressions {
          expr.walk { node in
            nodes += 1
            if let call = node.call {
              for argument in call.arguments { _ = context.value(argument.value) }
            }
            return true
          }
        }
      }
      let tokens = stream.tokens
      var candidates: [Int] = []
      for index in 0..<max(0, tokens.count - 1)
      where tokens[index].kind == .name && tokens[index + 1].kind == .op
        && tokens[index + 1].op == Op.lparen
      {
        candidates.append(index)
      }
      context.readStatements(candidates: candidates)
      context.finishPasses()
      return nodes + context.declarations.count
    }
  }
}
