import ResourceModel

/// The rules the engine reports itself, because they are about a file rather than its
/// declarations: the engine refers to them through these descriptions, never by code.
public enum EngineReportedRules {
  /// RL000: the file could not be read or parsed.
  public static let parseError = ParseErrorRule.description
  /// RL028: a suppression comment that silences nothing.
  public static let unusedSuppression = UnusedSuppressionRule.description
  /// RL029: a suppression comment that is misspelt or names no rule.
  public static let invalidSuppression = InvalidSuppressionRule.description

  /// Every engine-reported rule.
  public static let all = [parseError, unusedSuppression, invalidSuppression]

  /// True when `code` is one of them.
  public static func contains(_ code: String) -> Bool { all.contains { $0.code == code } }
}
