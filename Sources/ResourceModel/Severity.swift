/// How serious a finding is. Only `error` fails a run by default.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
  case info
  case warning
  case error

  private var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// How a rule is configured to report (`rules:` in the configuration, `--severity`): not at
/// all, or with every finding at one severity.
public enum RuleLevel: String, Sendable, Hashable, CaseIterable {
  case off
  case info
  case warning
  case error

  public init(_ severity: Severity) {
    switch severity {
    case .info: self = .info
    case .warning: self = .warning
    case .error: self = .error
    }
  }

  /// The severity findings are reported at; nil when the rule is off.
  public var severity: Severity? {
    switch self {
    case .off: nil
    case .info: .info
    case .warning: .warning
    case .error: .error
    }
  }

  /// `error, warning, info or off`, for messages.
  public static let spellings = "error, warning, info or off"
}
