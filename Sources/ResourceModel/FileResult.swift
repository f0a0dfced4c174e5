/// What linting one file produced.
public struct FileResult: Sendable {
  public var path: String
  public var declarations: [Declaration]
  public var diagnostics: [Diagnostic]
  /// The text of every line a diagnostic points at, for reporters that show source.
  public var lines: [Int: String]

  public init(
    path: String, declarations: [Declaration], diagnostics: [Diagnostic], lines: [Int: String]
  ) {
    self.path = path
    self.declarations = declarations
    self.diagnostics = diagnostics
    self.lines = lines
  }
}
