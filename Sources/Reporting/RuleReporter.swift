import Linting
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
    var out = "| Code | Name | Default | Summary |\n|---|---|---|---|\n"
    for rule in rules {
      let severity = rule.isOptIn ? "off (opt-in)" : severityText(rule)
      out += "| \(rule.code) | `\(rule.name)` | \(severity) | \(rule.summary) |\n"
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
        ])
      }) + "\n"
  }

  /// The full documentation of one rule, examples without their `# expect:` annotations.
  public static func explain(_ rule: RuleDescription) -> String {
    let severity = rule.isOptIn ? "off, opt-in" : severityText(rule)
    var out = "\(rule.code) \(rule.name) (default: \(severity))\n\n"
    out +=
      rule.summary + ".\n\n## Why\n\n" + rule.rationale + "\n\n## How to fix\n\n" + rule.fix + "\n"
    if !rule.triggering.isEmpty {
      out += "\n## Triggers\n"
      for example in rule.triggering { out += "\n" + block(example) }
    }
    if !rule.nonTriggering.isEmpty {
      out += "\n## Does not trigger\n"
      for example in rule.nonTriggering { out += "\n" + block(example) }
    }
    return out
  }

  /// `error`, or `error; info in with_overrides …` when the severity varies by finding.
  static func severityText(_ rule: RuleDescription) -> String {
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
