import LibYAML
import SourceText

extension YAMLScanner {
  /// The byte ranges of the file's comments (`#` to the end of the line): a `#` at the start
  /// of a line or after a blank that lies outside every scalar libyaml read. Quoted, plain and
  /// block scalars are content, so `note: "don't # this"` holds no comment. Past a syntax
  /// error libyaml reads no more scalars, and the blank rule alone decides.
  public static func comments(in file: SourceFile) -> [Range<Int>] {
    comments(in: file.bytes, scalars: YAMLStream.parse(file.bytes).scalarByteRanges)
  }

  /// The comments of `bytes`, given the byte ranges of its scalars (in file order).
  static func comments(in bytes: [UInt8], scalars: [Range<Int>]) -> [Range<Int>] {
    var comments: [Range<Int>] = []
    var next = 0  // the first scalar that may still contain or follow `index`
    var index = 0
    while index < bytes.count {
      guard bytes[index] == 0x23 else {
        index += 1
        continue
      }
      while next < scalars.count && scalars[next].upperBound <= index { next += 1 }
      let inScalar = next < scalars.count && scalars[next].contains(index)
      let before: UInt8? = index > 0 ? bytes[index - 1] : nil
      let afterBlank =
        before == nil || before == 0x20 || before == 0x09 || before == 0x0A || before == 0x0D
        || (index == 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]))
      guard !inScalar && afterBlank else {
        index += 1
        continue
      }
      var end = index
      while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
      comments.append(index..<end)
      index = end
    }
    return comments
  }
}
