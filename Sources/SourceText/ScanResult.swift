import ResourceModel

/// A file (or part of one) that a scanner could not read: reported as RL000 parse-error.
public struct ScanProblem: Sendable, Hashable {
  public var message: String
  public var span: SourceSpan

  public init(_ message: String, at span: SourceSpan) {
    self.message = message
    self.span = span
  }
}

/// What a scanner found in one file. A scanner never judges values: it only reports
/// declarations, and problems that stopped it from reading (some or all of) the file.
public struct ScanResult: Sendable {
  public var declarations: [Declaration]
  public var problems: [ScanProblem]
  /// The byte ranges of the file's comments, when the scanner found them while reading it
  /// (nil: it did not look; the engine asks for them only when it needs suppressions).
  public var comments: [Range<Int>]?

  public init(
    declarations: [Declaration] = [], problems: [ScanProblem] = [], comments: [Range<Int>]? = nil
  ) {
    self.declarations = declarations
    self.problems = problems
    self.comments = comments
  }
}
