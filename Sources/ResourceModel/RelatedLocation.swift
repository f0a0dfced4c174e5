/// A second place a finding involves, shown beside it: for a value defined once and used by
/// several constructs (a module constant, a YAML anchor), each construct that uses it.
///
/// Related locations never take part in a finding's identity: two findings that differ only
/// in them are the same finding, and baselines and fingerprints ignore them.
public struct RelatedLocation: Sendable, Hashable {
  /// The path as given on the command line, like `Diagnostic.file`.
  public var file: String
  public var span: SourceSpan
  /// What the place is, `used by task a (limits=SMALL)`; one line, like a diagnostic's message.
  public var message: String

  public init(file: String, span: SourceSpan, message: String) {
    self.file = file
    self.span = span
    self.message = Diagnostic.oneLine(message)
  }
}
