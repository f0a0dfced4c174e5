import Linting
import ResourceModel

/// Lints in-memory text the way the command line lints a file.
func lint(_ source: String, path: String, rules: RuleSet) -> FileResult {
  let language: FileLanguage = path.hasSuffix(".py") ? .python : .yaml
  return Linter(rules: rules).lint(path: path, bytes: Array(source.utf8), language: language)
}

/// Only `code` (and RL000, so that a broken fixture can never pass silently).
func rulesOnly(_ code: String) -> RuleSet {
  // Selection of known codes cannot fail.
  (try? RuleSet(select: [code, "RL000"])) ?? defaultRules()
}

func defaultRules() -> RuleSet {
  // The default selection names no rule, so it cannot fail.
  (try? RuleSet()) ?? { preconditionFailure("default rule set") }()
}
