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

  public init(declarations: [Declaration] = [], problems: [ScanProblem] = []) {
    self.declarations = declarations
    self.problems = problems
  }
}
