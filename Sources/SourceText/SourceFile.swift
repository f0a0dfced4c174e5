import ResourceModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of one file with a line index: the one place where byte offsets become
/// 1-based lines and Unicode-scalar columns.
///
/// Line breaks are `\n`, `\r\n` and a lone `\r` (Python and YAML agree on these). A UTF-8 byte
/// order mark at the start is not counted as a column, as libyaml does.
public struct SourceFile: Sendable {
  public let path: String
  public let bytes: [UInt8]
  /// Byte offset of the first byte of each line; `lineStarts[0]` is after the BOM if there is one.
  public let lineStarts: [Int]
  /// Scalars before each 64-byte block, so a column costs at most one block of counting even on
  /// a 1 MB line holding thousands of declarations (counting from the line start is quadratic).
  private let scalarsBeforeBlock: [Int]
  private static let blockShift = 6

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    (self.lineStarts, self.scalarsBeforeBlock) = bytes.withUnsafeBytes { raw in
      if let base = raw.baseAddress, memchr(base, 0x0D, raw.count) == nil {
        return SourceFile.index(withoutCR: raw, from: hasBOM ? 3 : 0)
      }
      return (
        SourceFile.lineStarts(in: raw, from: hasBOM ? 3 : 0),
        SourceFile.scalarsBeforeBlocks(in: raw)
      )
    }
  }

  /// `lineStarts` and `scalarsBeforeBlock` of a file without `\r`, in one pass over 64-byte
  /// blocks of four 16-byte (SSE2) vectors: a block is ASCII when no high bit is set in them,
  /// and `(x - 1) & ~x` has its high bit set exactly in the lanes where `x` (a byte xor `\n`)
  /// is zero, so each vector yields the newline positions as bits without a byte loop.
  private static func index(withoutCR bytes: UnsafeRawBufferPointer, from first: Int)
    -> (lineStarts: [Int], scalarsBeforeBlock: [Int])
  {
    let count = bytes.count
    var starts = [first]
    var blocks: [Int] = []
    blocks.reserveCapacity(count >> blockShift + 2)
    var scalars = 0
    let highs = SIMD16<UInt8>(repeating: 0x80)
    let blockSize = 1 << blockShift
    var index = 0
    while index + blockSize <= count {
      blocks.append(scalars)
      let first = bytes.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
      let second = bytes.loadUnaligned(fromByteOffset: index + 16, as: SIMD16<UInt8>.self)
      let third = bytes.loadUnaligned(fromByteOffset: index + 32, as: SIMD16<UInt8>.self)
      let fourth = bytes.loadUnaligned(fromByteOffset: index + 48, as: SIMD16<UInt8>.self)
      let high = unsafeBitCast((first | second | third | fourth) & highs, to: (UInt64, UInt64).self)
      scalars +=
        high.0 | high.1 == 0
        ? blockSize : SourceFile.scalars(in: bytes, from: index, to: index + blockSize)
      appendStarts(after: first, at: index, to: &starts)
      appendStarts(after: second, at: index + 16, to: &starts)
      appendStarts(after: third, at: index + 32, to: &starts)
      appendStarts(after: fourth, at: index + 48, to: &starts)
      index += blockSize
    }
    if index < count {
      blocks.append(scalars)
      scalars += SourceFile.scalars(in: bytes, from: index, to: count)
      for offset in index..<count where bytes[offset] == 0x0A { starts.append(offset + 1) }
    }
    blocks.append(scalars)
    return (starts, blocks)
  }

  /// Appends a line start after each newline among the 16 bytes at `offset`.
  @inline(__always)
  private static func appendStarts(
    after vector: SIMD16<UInt8>, at offset: Int, to starts: inout [Int]
  ) {
    let x = vector ^ SIMD16(repeating: 0x0A)
    let flags = unsafeBitCast(
      (x &- SIMD16(repeating: 1)) & ~x & SIMD16(repeating: 0x80), to: (UInt64, UInt64).self)
    appendStarts(after: UInt64(littleEndian: flags.0), at: offset, to: &starts)
    appendStarts(after: UInt64(littleEndian: flags.1), at: offset + 8, to: &starts)
  }

  /// Appends a line start after each newline flagged (bit 7 of its byte) in `flags`.
  @inline(__always)
  private static func appendStarts(after flags: UInt64, at offset: Int, to starts: inout [Int]) {
    var flags = flags
    while flags != 0 {
      starts.append(offset + flags.trailingZeroBitCount >> 3 + 1)
      flags &= flags &- 1
    }
  }

  /// Where each line starts in a file with a `\r` (CRLF or lone CR line ends), byte by byte;
  /// files without one take `index(withoutCR:from:)`.
  private static func lineStarts(in bytes: UnsafeRawBufferPointer, from first: Int) -> [Int] {
    var starts = [first]
    let count = bytes.count
    for index in 0..<count {
      let byte = bytes[index]
      if byte == 0x0A || (byte == 0x0D && !(index + 1 < count && bytes[index + 1] == 0x0A)) {
        starts.append(index + 1)
      }
    }
    return starts
  }

  /// The number of scalars before each block of `1 << blockShift` bytes, and in all.
  private static func scalarsBeforeBlocks(in bytes: UnsafeRawBufferPointer) -> [Int] {
    let count = bytes.count
    let blockSize = 1 << blockShift
    var blocks: [Int] = []
    blocks.reserveCapacity(count >> blockShift + 2)
    var scalars = 0
    var index = 0
    while index < count {
      blocks.append(scalars)
      let blockEnd = min(index + blockSize, count)
      scalars += SourceFile.scalars(in: bytes, from: index, to: blockEnd)
      index = blockEnd
    }
    blocks.append(scalars)
    return blocks
  }

  /// The scalars starting in `bytes[from..<to]`: every byte but a continuation byte
  /// (`10xxxxxx`) starts one. Counted eight bytes at a time.
  private static func scalars(in bytes: UnsafeRawBufferPointer, from: Int, to end: Int) -> Int {
    var scalars = 0
    var index = from
    let high: UInt64 = 0x8080_8080_8080_8080
    while index + 8 <= end {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      if word & high == 0 {
        scalars += 8  // ASCII, nearly always: no bit count (no POPCNT on baseline x86-64)
      } else {
        // Bit 7 of each byte set where that byte is 10xxxxxx.
        let continuation = word & high & ~(word << 1)
        scalars += 8 - continuation.nonzeroBitCount
      }
      index += 8
    }
    while index < end {
      if bytes[index] & 0xC0 != 0x80 { scalars += 1 }
      index += 1
    }
    return scalars
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  public var lineCount: Int { lineStarts.count }

  /// The 0-based line index containing byte `offset`.
  public func lineIndex(ofByte offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// `lineIndex(ofByte:)` trying line `hint` and the next one first: a scanner asks for the
  /// spans of a file in nearly file order, and most then cost no search (on a dense file the
  /// binary searches were 5 % of a `check`). `hint` becomes the line found.
  public func lineIndex(ofByte offset: Int, near hint: inout Int) -> Int {
    let count = lineStarts.count
    if hint >= 0 && hint < count && lineStarts[hint] <= offset {
      if hint + 1 == count || offset < lineStarts[hint + 1] { return hint }
      if hint + 2 == count || offset < lineStarts[hint + 2] {
        hint += 1
        return hint
      }
    }
    hint = lineIndex(ofByte: offset)
    return hint
  }

  /// The location of byte `offset` (clamped to the file).
  public func location(ofByte offset: Int) -> SourceLocation {
    let (line, column) = lineAndColumn(ofByte: offset)
    return SourceLocation(line: line + 1, column: column)
  }

  /// The 0-based line index and 1-based column of byte `offset` (clamped to the file).
  private func lineAndColumn(ofByte offset: Int, near hint: inout Int) -> (line: Int, column: Int) {
    let clamped = max(0, min(offset, bytes.count))
    let line = lineIndex(ofByte: clamped, near: &hint)
    let start = lineStarts[line]
    guard clamped >= start else { return (line, 1) }
    return (line, scalars(from: start, to: clamped) + 1)
  }

  /// Scalars (bytes that are not UTF-8 continuation bytes) in `bytes[from..<to]`.
  private func scalars(from: Int, to end: Int) -> Int {
    guard end > from else { return 0 }
    // Blocks with as many scalars as bytes hold no continuation byte: within them every byte
    // is a scalar, and nothing needs counting (most files are ASCII throughout; the count was
    // 1.2 % of a dense module's check).
    let firstBlock = from >> SourceFile.blockShift
    let blocksEnd = (end - 1) >> SourceFile.blockShift + 1
    if scalarsBeforeBlock[blocksEnd] - scalarsBeforeBlock[firstBlock]
      == (blocksEnd - firstBlock) << SourceFile.blockShift
    {
      return end - from
    }
    // Most ranges are short: counting them is cheaper than two block lookups.
    return end - from <= 4 << SourceFile.blockShift
      ? bytes.withUnsafeBytes { SourceFile.scalars(in: $0, from: from, to: end) }
      : scalars(before: end) - scalars(before: from)
  }

  /// Scalars (bytes that are not UTF-8 continuation bytes) before byte `offset`.
  private func scalars(before offset: Int) -> Int {
    let block = min(offset >> SourceFile.blockShift, scalarsBeforeBlock.count - 1)
    let from = block << SourceFile.blockShift
    return scalarsBeforeBlock[block]
      + bytes.withUnsafeBytes { SourceFile.scalars(in: $0, from: from, to: offset) }
  }

  private func lineAndColumn(ofByte offset: Int) -> (line: Int, column: Int) {
    var hint = -1
    return lineAndColumn(ofByte: offset, near: &hint)
  }

  /// The span of bytes `start..<end`.
  public func span(fromByte start: Int, toByte end: Int) -> SourceSpan {
    var hint = -1
    return span(fromByte: start, toByte: end, near: &hint)
  }

  /// `span(fromByte:toByte:)` searching from line `hint` (see `lineIndex(ofByte:near:)`).
  public func span(fromByte start: Int, toByte end: Int, near hint: inout Int) -> SourceSpan {
    let (line, column) = lineAndColumn(ofByte: start, near: &hint)
    let from = max(0, min(start, bytes.count))
    let to = max(0, min(max(start, end), bytes.count))
    // Nearly every span ends on the line it starts on: its end column follows from the start's
    // without a second line search or a second count from the line start.
    if from >= lineStarts[line] && (line + 1 == lineStarts.count || to < lineStarts[line + 1]) {
      return SourceSpan(
        start: SourceLocation(line: line + 1, column: column),
        end: SourceLocation(line: line + 1, column: column + scalars(from: from, to: to)))
    }
    return SourceSpan(
      start: SourceLocation(line: line + 1, column: column), end: location(ofByte: max(start, end)))
  }

  /// The byte range of 1-based `line`, without its line break.
  public func byteRange(ofLine line: Int) -> Range<Int>? {
    guard line >= 1 && line <= lineStarts.count else { return nil }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
    return start..<end
  }

  /// The text of 1-based `line` (invalid UTF-8 repaired), without its line break.
  public func text(ofLine line: Int) -> String? {
    guard let range = byteRange(ofLine: line) else { return nil }
    return String(decoding: bytes[range], as: UTF8.self)
  }

  /// The byte offset of a 1-based location, the inverse of `location(ofByte:)`.
  public func byteOffset(of location: SourceLocation) -> Int? {
    guard let range = byteRange(ofLine: location.line) else { return nil }
    var column = 1
    var index = range.lowerBound
    while index < range.upperBound && column < location.column {
      index += 1
      while index < range.upperBound && bytes[index] & 0xC0 == 0x80 { index += 1 }
      column += 1
    }
    return index
  }
}
