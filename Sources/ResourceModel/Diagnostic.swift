/// What a rule reports: a message and the span of the offending value. The engine stamps on
/// the rule and the effective severity.
public struct Violation: Sendable, Hashable {
  public var message: String
  public var span: SourceSpan
  /// A severity for this finding when it differs from the rule's default (RL002 is an error
  /// below 1Mi and a warning above).
  public var severity: Severity?
  /// The change that would correct it, when the rule knows one.
  public var fix: Fix?

  public init(
    _ message: String, at span: SourceSpan, severity: Severity? = nil, fix: Fix? = nil
  ) {
    self.message = message
    self.span = span
    self.severity = severity
    self.fix = fix
  }
}

/// A finding, ready to report.
public struct Diagnostic: Sendable, Hashable {
  public var file: String
  public var span: SourceSpan
  /// The stable code, `RL001`.
  public var code: String
  /// The kebab-case name, `limit-below-request`.
  public var name: String
  public var severity: Severity
  public var message: String
  /// Where the finding is in terms that survive edits elsewhere in the file: the declaring
  /// construct (kind, task/object/container name, owner), the resource key and side, never a
  /// line number — `task train › limits.cpu`. Baselines and SARIF fingerprints are built from it.
  /// The engine fills it in; nil for diagnostics made elsewhere.
  public var logicalPlace: String?
  /// Other places the finding involves, in file order: when the offending value is defined
  /// outside the construct that uses it (a module constant, a YAML anchor), every construct
  /// that uses it. Empty for most findings. Not part of the logical place.
  public var related: [RelatedLocation]
  /// The rule's fix, copied from its violation.
  public var fix: Fix?

  public init(
    file: String, span: SourceSpan, code: String, name: String, severity: Severity,
    message: String, logicalPlace: String? = nil, related: [RelatedLocation] = [],
    fix: Fix? = nil
  ) {
    self.file = file
    self.span = span
    self.code = code
    self.name = name
    self.severity = severity
    self.message = Diagnostic.oneLine(message)
    self.logicalPlace = logicalPlace
    self.related = related
    self.fix = fix
  }

  /// The documented output order: file, line, column, rule.
  public static func inReportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    if lhs.file != rhs.file { return lhs.file < rhs.file }
    if lhs.span.start != rhs.span.start { return lhs.span.start < rhs.span.start }
    if lhs.code != rhs.code { return lhs.code < rhs.code }
    return lhs.message < rhs.message
  }
}

extension Diagnostic {
  /// Messages quote values as written, and a YAML or Python string may hold a line break;
  /// every output format promises one line per finding, so control characters are escaped.
  /// Line-oriented reporters escape file paths (a file name may hold a line break) the same way.
  public static func oneLine(_ message: String) -> String {
    guard message.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      return message
    }
    var result = ""
    for scalar in message.unicodeScalars {
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = Array("0123456789abcdef")
        result += "\\x" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xF)])
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
