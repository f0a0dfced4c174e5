import Linting
import Reporting

enum ReportingProbe {
  static func markdownTable() -> String { RuleReporter.markdown(RuleSet.descriptions) }
}
