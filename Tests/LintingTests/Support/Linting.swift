import FileIO
import Linting
import ResourceModel

/// Lints in-memory text the way the command line lints a file.
func lint(_ source: String, path: String, rules: RuleSet) -> FileResult {
  let language: FileLanguage = path.hasSuffix(".py") ? .python : .yaml
  return Linter(rules: rules).lint(path: path, bytes: Array(source.utf8), language: language)
}

/// Only `code` (and RL000, so that a broken fixture can never pass silently). RL028 judges
/// other rules' suppressions, so it runs with the default rules.
func rulesOnly(_ code: String) -> RuleSet {
  let code = RuleSet.description(named: code)?.code
  // Suppression rules need findings to suppress: they run with the defaults.
  if code == "RL028" || code == "RL029" { return defaultRules() }
  // Selection of known codes cannot fail.
  return (try? RuleSet(select: [code ?? "", "RL000"])) ?? defaultRules()
}

func defaultRules() -> RuleSet {
  // The default selection names no rule, so it cannot fail.
  (try? RuleSet()) ?? { preconditionFailure("default rule set") }()
}
