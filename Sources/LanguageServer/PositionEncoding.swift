import ResourceModel
import SourceText

/// How LSP positions count characters within a line, as negotiated at `initialize`.
public enum PositionEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16 = "utf-16"
  case utf32 = "utf-32"

  /// The encoding for a client that offers `offered` (`general.positionEncodings`, in its order
  /// of preference). utf-32 counts exactly what our columns count (Unicode scalars), so it is
  /// taken whenever offered; then utf-8; utf-16, which every client must support, otherwise.
  public static func negotiate(_ offered: [String]?) -> PositionEncoding {
    guard let offered else { return .utf16 }
    for preferred in [PositionEncoding.utf32, .utf8] where offered.contains(preferred.rawValue) {
      return preferred
    }
    return .utf16
  }

  /// Code units of one scalar.
  func units(of scalar: Unicode.Scalar) -> Int {
    switch self {
    case .utf8: UTF8.width(scalar)
    case .utf16: UTF16.width(scalar)
    case .utf32: 1
    }
  }
}

/// An LSP position: 0-based line, 0-based character offset in the negotiated code units.
public struct LSPPosition: Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var character: Int

  public init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  public var description: String { "\(line):\(character)" }
}

/// The text of one document with the conversions between our positions (1-based line,
/// 1-based column in Unicode scalars, as every span carries them) and LSP's.
///
/// Lines break at `\n`, `\r\n` and a lone `\r`, in both `SourceFile` and the protocol, so line
/// numbers agree; only the columns need converting. A byte order mark is not a column for
/// `SourceFile` (libyaml's view) but is a character for the editor, so the first line of a file
/// that starts with one is shifted by it.
public struct DocumentText: Sendable {
  public let file: SourceFile
  public let encoding: PositionEncoding

  public init(path: String, text: String, encoding: PositionEncoding) {
    file = SourceFile(path: path, bytes: Array(text.utf8))
    self.encoding = encoding
  }

  /// The LSP position of `location`. A column past the end of its line is the line's end; a
  /// line past the end of the file is the end of the file.
  public func position(of location: SourceLocation) -> LSPPosition {
    let offset: Int
    if location.line < 1 {
      offset = 0
    } else if let byte = file.byteOffset(of: location) {
      offset = byte
    } else {
      offset = file.bytes.count
    }
    return position(ofByte: offset)
  }

  /// The LSP position of byte `offset`.
  public func position(ofByte offset: Int) -> LSPPosition {
    let line = file.lineIndex(ofByte: offset)
    // The editor's line 0 starts at byte 0, before any byte order mark.
    let lineStart = line == 0 ? 0 : file.lineStarts[line]
    return LSPPosition(line: line, character: units(from: lineStart, to: max(lineStart, offset)))
  }

  /// The location of an LSP position. A character past the end of its line is the line's end
  /// (as the protocol asks); one in the middle of a scalar (half a surrogate pair, part of a
  /// UTF-8 sequence) is that scalar's start.
  public func location(of position: LSPPosition) -> SourceLocation {
    file.location(ofByte: byteOffset(of: position))
  }

  /// The byte offset of an LSP position (clamped to the document).
  public func byteOffset(of position: LSPPosition) -> Int {
    guard position.line >= 0 else { return 0 }
    guard position.line < file.lineCount else { return file.bytes.count }
    let lineStart = position.line == 0 ? 0 : file.lineStarts[position.line]
    let lineEnd = file.byteRange(ofLine: position.line + 1)?.upperBound ?? file.bytes.count
    var index = lineStart
    var units = 0
    let bytes = file.bytes
    while index < lineEnd {
      let length = Self.sequenceLength(bytes[index])
      let end = min(index + length, lineEnd)
      guard let scalar = Self.decode(bytes[index..<end]) else {
        index = end
        units += 1
        continue
      }
      let width = encoding.units(of: scalar)
      if units + width > position.character { break }
      units += width
      index = end
    }
    return index
  }

  public func range(of span: SourceSpan) -> (start: LSPPosition, end: LSPPosition) {
    (position(of: span.start), position(of: span.end))
  }

  /// Code units of the text `bytes[from..<to]`.
  private func units(from: Int, to: Int) -> Int {
    if encoding == .utf8 { return to - from }
    var count = 0
    var index = from
    let bytes = file.bytes
    while index < to {
      let end = min(index + Self.sequenceLength(bytes[index]), to)
      count += Self.decode(bytes[index..<end]).map(encoding.units(of:)) ?? 1
      index = end
    }
    return count
  }

  /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
  private static func sequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xF0...0xF7: 4
    case 0xE0...0xEF: 3
    case 0xC0...0xDF: 2
    default: 1
    }
  }

  private static func decode(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
    return nil
  }
}
