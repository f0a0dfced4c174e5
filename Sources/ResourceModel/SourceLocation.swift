/// A position in a source file: 1-based line, 1-based column counted in Unicode scalars.
///
/// Columns count scalars (not bytes, not grapheme clusters) because that is what libyaml's
/// marks count and what editors and problem matchers agree on for plain text.
///
/// Stored in 32 bits each (clamped: no source file the scanners read has two billion lines):
/// every value and key of every declaration carries a span, so its size is paid per entry.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  private var storedLine: Int32
  private var storedColumn: Int32

  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(clamping: newValue) }
  }
  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(clamping: newValue) }
  }

  public init(line: Int, column: Int) {
    storedLine = Int32(clamping: line)
    storedColumn = Int32(clamping: column)
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
  }

  public var description: String { "\(line):\(column)" }
}

/// A range in one source file. `end` is exclusive: the position just after the last scalar.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
  public var start: SourceLocation
  public var end: SourceLocation

  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = end
  }

  /// A span covering a single position (used when only a start is known).
  public init(at location: SourceLocation) {
    self.start = location
    self.end = SourceLocation(line: location.line, column: location.column + 1)
  }

  public var description: String { "\(start)-\(end)" }

  /// True when `other` lies within this span (both ends included).
  public func contains(_ other: SourceSpan) -> Bool {
    start <= other.start && other.end <= end
  }
}

/// The language a declaration was read from.
public enum SourceLanguage: String, Sendable, Hashable {
  case python
  case yaml
}
