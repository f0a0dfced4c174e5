import ResourceModel

/// `resourcelint rules` and `resourcelint explain`.
public enum RuleReporter {
  public static func table(_ rules: [RuleDescription]) -> String {
    let nameWidth = rules.map(\.name.count).max() ?? 0
    return rules.map { rule in
      let name = rule.name + String(repeating: " ", count: nameWidth - rule.name.count)
      let severity = (rule.isOptIn ? "off" : rule.defaultSeverity.rawValue)
      return "\(rule.code)  \(name)  \(severity.padding(7))  \(rule.summary)\n"
    }.joined()
  }

  /// The README's rules table (kept current by a test).
  public static func markdown(_ rules: [RuleDescription]) -> String {
    markdownTable(rules) { $0.code }
  }

  /// `docs/rules.md` (`make docs`, kept current by a test): an index table, then one section per
  /// rule with what `explain` prints. Each section's heading is the bare code, so its GitHub
  /// anchor is `RuleDocumentation.anchor(for:)`, the fragment `helpUri` and `explain` link to.
  public static func docs(_ rules: [RuleDescription]) -> String {
    var out = """
      <!-- Generated from the rule files by `make docs` (`resourcelint rules --format docs`); \
      do not edit. A test fails when it is stale. -->

      # resourcelint rules

      Every rule with its default level, why it matters, how to fix it, and examples that must \
      and must not trigger it. `resourcelint explain RULE` prints the same text.

      """
    out +=
      "\n"
      + markdownTable(rules) { rule in
        "[\(rule.code)](#\(RuleDocumentation.anchor(for: rule.code)))"
      }
    for rule in rules {
      out += "\n## \(rule.code)\n\n**\(rule.name)** (default: \(defaultText(rule)))\n\n"
      out += body(rule, headingLevel: 3)
    }
    return out
  }

  /// A table of every rule; `code` spells the first cell (plain, or a link to the rule's section).
  private static func markdownTable(
    _ rules: [RuleDescription], code: (RuleDescription) -> String
  ) -> String {
    var out = "| Code | Name | Default | Fix | Summary |\n|---|---|---|---|---|\n"
    for rule in rules {
      let severity = rule.isOptIn ? "off (opt-in)" : severityText(rule)
      out +=
        "| \(code(rule)) | `\(rule.name)` | \(severity) | \(fixCell(rule.fixAvailability)) "
        + "| \(rule.summary) |\n"
    }
    return out
  }

  public static func json(_ rules: [RuleDescription]) -> String {
    JSON.array(
      rules.map { rule in
        JSON.object([
          ("code", JSON.string(rule.code)), ("name", JSON.string(rule.name)),
          ("severity", JSON.string(rule.defaultSeverity.rawValue)),
          ("opt_in", rule.isOptIn ? "true" : "false"), ("summary", JSON.string(rule.summary)),
          ("fix", JSON.string(rule.fixAvailability.shortText)),
        ])
      }) + "\n"
  }

  /// The full documentation of one rule, examples without their `# expect:` annotations, and
  /// last the link to its section of `docs/rules.md`.
  public static func explain(_ rule: RuleDescription) -> String {
    "\(rule.code) \(rule.name) (default: \(defaultText(rule)))\n\n" + body(rule, headingLevel: 2)
      + "\nDocumentation: \(RuleDocumentation.url(for: rule.code))\n"
  }

  /// `explain`'s default level: the severity text, or that the rule is opt-in.
  private static func defaultText(_ rule: RuleDescription) -> String {
    rule.isOptIn ? "off, opt-in" : severityText(rule)
  }

  /// The summary, why, how to fix and examples, with headings at `headingLevel`: level 2 on
  /// their own (`explain`), level 3 under the rule's heading in `docs/rules.md`.
  private static func body(_ rule: RuleDescription, headingLevel: Int) -> String {
    let heading = String(repeating: "#", count: headingLevel) + " "
    var out = rule.summary + ".\n\n" + heading + "Why\n\n" + rule.rationale + "\n\n"
    out += heading + "How to fix\n\n" + rule.fix + "\n"
    out += "\nAutomatic fix (`check --fix`): \(rule.fixAvailability.shortText). "
    out += rule.fixAvailability.reason + "\n"
    if !rule.triggering.isEmpty {
      out += "\n" + heading + "Triggers\n"
      for example in rule.triggering { out += "\n" + block(example) }
    }
    if !rule.nonTriggering.isEmpty {
      out += "\n" + heading + "Does not trigger\n"
      for example in rule.nonTriggering { out += "\n" + block(example) }
    }
    return out
  }

  /// The table's fix cell: the applicabilities a rule's fixes have (`safe`, `safe, unsafe`),
  /// `—` for none.
  private static func fixCell(_ availability: FixAvailability) -> String {
    availability.extent == .none
      ? "—" : availability.applicabilities.map(\.rawValue).joined(separator: ", ")
  }

  /// `error`, or `error; info in with_overrides …` when the severity varies by finding.
  public static func severityText(_ rule: RuleDescription) -> String {
    let base = rule.defaultSeverity.rawValue
    guard let detail = rule.severityDetail else { return base }
    return detail.hasPrefix(base) ? detail : "\(base); \(detail)"
  }

  private static func block(_ example: Example) -> String {
    let language = example.language == .python ? "python" : "yaml"
    let lines = example.code.split(separator: "\n", omittingEmptySubsequences: false).compactMap {
      line -> String? in
      guard let range = line.firstRange(of: "# expect:") else { return String(line) }
      let before = line[..<range.lowerBound]
      if before.allSatisfy({ $0 == " " }) { return nil }
      var kept = String(before)
      while kept.hasSuffix(" ") { kept.removeLast() }
      return kept
    }
    return "```\(language)\n" + lines.joined(separator: "\n") + "\n```\n"
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
