import ResourceModel

/// What one file is linted with: its rule set, platform limits and policies.
public struct LintSettings: Sendable {
  public var rules: RuleSet
  public var platform: PlatformLimits?
  public var policies: [Policy]
  /// Prefixes of other linters' codes that suppression comments may name (`external:`).
  public var external: [String]

  public init(
    rules: RuleSet, platform: PlatformLimits? = nil, policies: [Policy] = [],
    external: [String] = []
  ) {
    self.rules = rules
    self.platform = platform
    self.policies = policies
    self.external = external
  }

  /// True when neither a rule nor a policy runs: a file linted with these settings gets no
  /// finding whatever it holds.
  public var checksNothing: Bool { rules.isEmpty && policies.isEmpty }
}
