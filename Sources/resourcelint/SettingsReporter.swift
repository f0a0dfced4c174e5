import Linting
import Reporting
import ResourceModel
import Workspace

/// `check --show-settings`: how one path is checked, as stable text of `key: value` lines, with
/// the lists under their key indented by two spaces (README, Commands). Lists are in a fixed
/// order: rules and policies by code, globs as written.
public enum SettingsReporter {
  public static func render(_ resolved: ResolvedSettings) -> String {
    let configuration = resolved.configuration
    let settings = resolved.settings
    var lines: [String] = []
    lines.append("path: \(resolved.path)\(resolved.isDirectory ? " (directory)" : "")")
    if let configuration {
      lines.append(
        "configuration: \(configuration.file)\(resolved.configurationIsFixed ? " (--config)" : "")")
    } else {
      lines.append("configuration: none (defaults)")
    }
    if let include = configuration?.include {
      lines.append("include: " + list(include.map(\.text)))
    } else {
      lines.append("include: default (*.py, *.pyi, *.yaml, *.yml)")
    }
    lines.append("exclude: " + list(configuration?.exclude.map(\.text) ?? []))
    let perFile = configuration?.perFileIgnores ?? []
    lines.append("per-file-ignores:" + (perFile.isEmpty ? " none" : ""))
    for entry in perFile {
      lines.append("  \(entry.pattern.text): \(entry.codes.joined(separator: ", "))")
    }
    if !resolved.isDirectory {
      lines.append("per-file-ignores here: " + list(resolved.perFileIgnored))
    }
    lines.append("respect-gitignore: \(resolved.respectGitignore)")
    lines.append("force-exclude: \(resolved.forceExclude)")
    lines += platform(settings.platform, resolved: resolved)

    let rules = settings.rules.enabledRules
    lines.append("rules: \(rules.count) enabled")
    let nameWidth = rules.map(\.description.name.count).max() ?? 0
    for (description, severity) in rules {
      // A fixed severity, or the rule's own, which may vary by finding (as `rules` shows it).
      let level = severity?.rawValue ?? RuleReporter.severityText(description)
      lines.append(
        "  \(description.code)  \(padded(description.name, to: nameWidth))  \(level)")
    }
    let policies = settings.policies.sorted { $0.id < $1.id }
    lines.append("policies: \(policies.count) enabled")
    let policyWidth = policies.map(\.name.count).max() ?? 0
    for policy in policies {
      lines.append(
        "  \(policy.id)  \(padded(policy.name, to: policyWidth))  \(policy.severity.rawValue)  "
          + policy.message)
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// Where the platform limits come from, and what they are.
  private static func platform(_ limits: PlatformLimits?, resolved: ResolvedSettings)
    -> [String]
  {
    guard let limits else { return ["platform: none"] }
    let origin: String
    if resolved.platformFromCommandLine {
      origin = "\(limits.source) (--platform)"
    } else if let file = resolved.configuration?.file, limits.source == file {
      origin = "inline in \(file)"
    } else {
      origin = "\(limits.source) (from \(resolved.configuration?.file ?? "configuration"))"
    }
    var lines = ["platform: " + origin, "  limits: " + resources(limits.limits)]
    if !limits.defaults.isEmpty { lines.append("  defaults: " + resources(limits.defaults)) }
    return lines
  }

  /// `cpu 16, mem 64Gi`, keys and values as written.
  private static func resources(_ list: ResourceList) -> String {
    list.entries.map { "\($0.writtenKey) \($0.value.quantityText ?? $0.value.pythonRepr)" }
      .joined(separator: ", ")
  }

  private static func list(_ items: [String]) -> String {
    items.isEmpty ? "none" : items.joined(separator: ", ")
  }

  private static func padded(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
}
