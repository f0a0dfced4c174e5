import Linting
import ResourceModel

/// A problem with a configuration file: the command line exits with 2. It names the file, and
/// the line and column of the offending node when there is one.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var column: Int?
  public var message: String

  public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `.resourcelint.yml:4:3: unknown key 'exlcude' (did you mean 'exclude'?)`.
  public var description: String {
    if let line, let column { return "\(file):\(line):\(column): \(message)" }
    return "\(file): \(message)"
  }
}

/// One `.resourcelint.yml`, parsed and validated. Rule names are already resolved to codes (or
/// policy ids); globs are relative to `directory`.
public struct Configuration: Sendable {
  /// Which of a file's globs decide what: a pattern and the rules it turns off.
  public struct PerFileIgnore: Sendable {
    public var pattern: PathPattern
    public var codes: [String]
  }

  /// The file's path, as shown in messages.
  public var file: String
  /// The absolute directory holding the file, as components: globs are relative to it.
  public var directory: [String]
  /// nil: every Python and YAML file.
  public var include: [PathPattern]?
  public var exclude: [PathPattern] = []
  public var perFileIgnores: [PerFileIgnore] = []
  /// `rules:`: code (or policy id) → severity; nil turns it off.
  public var severities: [String: RuleLevel] = [:]
  /// `select:` codes (or `ALL`); nil when the file does not set it.
  public var select: [String]?
  public var ignore: [String] = []
  public var platform: PlatformLimits?
  public var policies: [Policy] = []
  /// `external:`: prefixes of other linters' codes that suppressions may name.
  public var external: [String] = []

  public init(file: String, directory: [String]) {
    self.file = file
    self.directory = directory
  }
}

/// The rule choices made on the command line, which win over the configuration file's.
public struct CommandLineRules: Sendable {
  /// `--select`: replaces the file's `select` and `ignore`. Empty when not given.
  public var select: [String]
  /// `--ignore`: added to the rules the file ignores.
  public var ignore: [String]
  /// `--severity`: per rule, over the file's `rules:`.
  public var severities: [String: RuleLevel]
  /// `--platform`: replaces the file's `platform`.
  public var platform: PlatformLimits?

  public init(
    select: [String] = [], ignore: [String] = [], severities: [String: RuleLevel] = [:],
    platform: PlatformLimits? = nil
  ) {
    self.select = select
    self.ignore = ignore
    self.severities = severities
    self.platform = platform
  }

  /// The settings for a file governed by `configuration` (nil: no file), with `extraIgnores`
  /// from matching `per-file-ignores`.
  ///
  /// Layers, later winning: the defaults; the file's `select` then `ignore`; the command line's
  /// `--select` (which starts over) then `--ignore`; per-file ignores. Severities: the file's
  /// `rules:`, then `--severity`. Policies are selected, ignored and given severities by the
  /// same lists, under their ids.
  public func settings(for configuration: Configuration?, extraIgnores: [String] = [])
    throws(ConfigurationError) -> LintSettings
  {
    let policies = configuration?.policies ?? []
    func isPolicy(_ name: String) -> Bool { policies.contains { $0.id == name } }
    // A command-line name that is neither a rule nor one of this configuration's policies is
    // another configuration's policy (or a mistake, which `unknownNames(policies:)` reports
    // once the run has read every configuration): it selects nothing here.
    func isRuleOrOwnPolicy(_ name: String) -> Bool {
      name.uppercased() == "ALL" || RuleSet.description(named: name) != nil || isPolicy(name)
    }
    let commandSelect = self.select.map { policyID($0, in: policies) }.filter(isRuleOrOwnPolicy)
    let select: [String]? =
      !self.select.isEmpty ? commandSelect : configuration?.select
    let ignore =
      (self.select.isEmpty ? configuration?.ignore ?? [] : [])
      + self.ignore.map { policyID($0, in: policies) }.filter(isRuleOrOwnPolicy) + extraIgnores
    var severities = configuration?.severities ?? [:]
    for (name, level) in self.severities {
      let own = policyID(name, in: policies)
      guard isRuleOrOwnPolicy(own) else { continue }
      severities[RuleSet.description(named: own)?.code ?? own] = level
    }

    var enabledPolicies: [Policy] = []
    for var policy in policies {
      if let select, !select.isEmpty || !self.select.isEmpty, !select.contains("ALL"),
        !select.contains(policy.id)
      {
        continue
      }
      if ignore.contains(policy.id) || ignore.contains("ALL") { continue }
      if let override = severities[policy.id] {
        guard let level = override.severity else { continue }
        policy.severity = level
      }
      enabledPolicies.append(policy)
    }

    var ruleSelect = (select ?? []).filter { !isPolicy($0) }
    var ruleIgnore = ignore.filter { !isPolicy($0) }
    // A selection that names only policies runs no rule at all (an empty `select` would mean
    // the defaults), nor does a `--select` whose names are all another configuration's.
    if let select, !select.isEmpty || !self.select.isEmpty, ruleSelect.isEmpty {
      ruleSelect = []
      ruleIgnore = ["ALL"]
    }
    let ruleSeverities = severities.filter { !isPolicy($0.key) }
    do {
      let rules = try RuleSet(select: ruleSelect, ignore: ruleIgnore, severities: ruleSeverities)
      return LintSettings(
        rules: rules, platform: platform ?? configuration?.platform, policies: enabledPolicies,
        external: configuration?.external ?? [])
    } catch {
      throw ConfigurationError(
        file: configuration?.file ?? "command line", message: error.description)
    }
  }

  /// The id of the policy `name` stands for (its id in any case, or its name), else `name`.
  private func policyID(_ name: String, in policies: [Policy]) -> String {
    policies.first { $0.id.uppercased() == name.uppercased() || $0.name == name }?.id ?? name
  }

  /// Names in `--select`, `--ignore` and `--severity` that are neither a rule nor one of
  /// `policies`, each with a did-you-mean among both.
  public func unknownNames(policies: [Policy]) -> [String] {
    let names = select + ignore + severities.keys.sorted()
    var seen = Set<String>()
    return names.compactMap { name in
      guard seen.insert(name).inserted, name.uppercased() != "ALL",
        RuleSet.description(named: name) == nil,
        !policies.contains(where: { $0.id.uppercased() == name.uppercased() || $0.name == name })
      else { return nil }
      return "unknown rule or policy '\(name)'\(RuleSet.hint(forUnknown: name, policies: policies))"
        + " (see `resourcelint rules`)"
    }
  }
}
