import LibYAML
import ResourceModel
import SourceText

/// Maps byte offsets of the buffer libyaml parsed to positions in the file on disk.
///
/// For the file itself this is the identity. For YAML embedded in a block scalar (a ConfigMap
/// `data` entry) each content line was copied without its indentation, so an offset maps to
/// the same line of the file, shifted right by the indentation that was removed.
struct Locator {
  let file: SourceFile
  /// For each line of the parsed buffer: its first byte there and the matching file offset.
  private let lines: [(inner: Int, outer: Int)]
  /// True when libyaml's line and column of a mark are the file's, so the file's line index
  /// is not needed: the buffer is the file itself, and the file has none of the line breaks
  /// only YAML counts (NEL, LS, PS). Otherwise both count lines and characters alike.
  private let marksAreFilePositions: Bool

  /// The identity mapping for the file's own bytes.
  init(file: SourceFile) {
    self.file = file
    self.lines = [(0, 0)]
    self.marksAreFilePositions = !Self.containsUnicodeLineBreak(file.bytes)
  }

  private init(file: SourceFile, lines: [(inner: Int, outer: Int)]) {
    self.file = file
    self.lines = lines
    self.marksAreFilePositions = false
  }

  /// True when the bytes hold a NEL (C2 85), LS (E2 80 A8) or PS (E2 80 A9).
  private static func containsUnicodeLineBreak(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { buffer in
      let count = buffer.count
      var index = 0
      while index < count {
        // Eight ASCII bytes at once: none of them starts a line break.
        if index + 8 <= count
          && buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            & 0x8080_8080_8080_8080 == 0
        {
          index += 8
          continue
        }
        let byte = buffer[index]
        if byte == 0xC2 && index + 1 < count && buffer[index + 1] == 0x85 { return true }
        if byte == 0xE2 && index + 2 < count && buffer[index + 1] == 0x80
          && (buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9)
        {
          return true
        }
        index += 1
      }
      return false
    }
  }

  func fileOffset(_ offset: Int) -> Int {
    var low = 0
    var high = lines.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lines[mid].inner <= offset { low = mid } else { high = mid - 1 }
    }
    return lines[low].outer + (offset - lines[low].inner)
  }

  /// The file location of a node's mark.
  func location(_ mark: YAMLMark) -> SourceLocation {
    // At the very end libyaml starts a line of its own, which the file may not have.
    if marksAreFilePositions && mark.offset < file.bytes.count {
      return SourceLocation(line: mark.line, column: mark.column)
    }
    return file.location(ofByte: fileOffset(mark.offset))
  }

  /// The file location of any mark, whether libyaml counted its line and column or not (an
  /// error's mark may have been made from a byte offset).
  func locationOfAnyMark(_ mark: YAMLMark) -> SourceLocation {
    file.location(ofByte: fileOffset(mark.offset))
  }

  func span(from start: YAMLMark, to end: YAMLMark) -> SourceSpan {
    SourceSpan(start: location(start), end: location(end))
  }

  /// The content of a block scalar, re-read from the raw bytes of `buffer` with its
  /// indentation removed, and a locator that maps offsets in that content back to the file.
  ///
  /// The raw bytes are used rather than libyaml's value because the value loses where each
  /// line came from. Returns nil when the scalar has no content or its header is not found.
  /// - Parameters:
  ///   - start: the byte offset where a literal or folded scalar of `buffer` starts.
  ///   - end: the byte offset just after the scalar.
  ///   - parentIndent: the indentation (in spaces) of the mapping holding the scalar, used
  ///     only with an explicit indentation indicator such as `|2`.
  func blockContent(from start: Int, to end: Int, in buffer: [UInt8], parentIndent: Int)
    -> (bytes: [UInt8], locator: Locator)?
  {
    let count = buffer.count
    let end = min(end, count)
    var index = start
    // The node may start at its tag or anchor: find the `|` or `>` indicator on that line.
    while index < end && buffer[index] != UInt8(ascii: "|") && buffer[index] != UInt8(ascii: ">") {
      if isBreak(buffer[index]) { return nil }
      index += 1
    }
    guard index < end else { return nil }
    index += 1
    var explicitIndent: Int?
    while index < count {
      let byte = buffer[index]
      if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
        explicitIndent = Int(byte - UInt8(ascii: "0"))
      } else if byte != UInt8(ascii: "+") && byte != UInt8(ascii: "-") {
        break
      }
      index += 1
    }
    while index < count && !isBreak(buffer[index]) { index += 1 }
    index = skipBreak(buffer, index)

    // Each line: start, end of its text, end including the line break, leading spaces.
    var rawLines: [(start: Int, textEnd: Int, end: Int, spaces: Int)] = []
    var lineStart = index
    while lineStart < end {
      var textEnd = lineStart
      while textEnd < count && !isBreak(buffer[textEnd]) { textEnd += 1 }
      var spaces = 0
      while lineStart + spaces < textEnd && buffer[lineStart + spaces] == UInt8(ascii: " ") {
        spaces += 1
      }
      let next = skipBreak(buffer, textEnd)
      rawLines.append((lineStart, textEnd, next, spaces))
      if next == lineStart { break }
      lineStart = next
    }
    let indent: Int
    if let explicitIndent {
      indent = parentIndent + explicitIndent
    } else if let first = rawLines.first(where: { $0.start + $0.spaces < $0.textEnd }) {
      indent = first.spaces
    } else {
      return nil
    }

    var content: [UInt8] = []
    var map: [(inner: Int, outer: Int)] = []
    for line in rawLines {
      let isBlank = line.start + line.spaces == line.textEnd
      if !isBlank && line.spaces < indent { break }
      let strip = min(indent, line.spaces)
      map.append((content.count, fileOffset(line.start + strip)))
      content.append(contentsOf: buffer[(line.start + strip)..<line.end])
    }
    guard !map.isEmpty else { return nil }
    return (content, Locator(file: file, lines: map))
  }

  private func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

  private func skipBreak(_ buffer: [UInt8], _ index: Int) -> Int {
    var index = index
    if index < buffer.count && buffer[index] == 0x0D { index += 1 }
    if index < buffer.count && buffer[index] == 0x0A { index += 1 }
    return index
  }
}
