import Baseline
import Linting
import Reporting
import ResourceModel
import Workspace

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The machine formats and the baseline, kept apart from `Check.run()` so that it stays short.
extension Check {
  /// `--format`, or `github` inside GitHub Actions (which sets `GITHUB_ACTIONS=true`) so that
  /// findings become annotations without configuration, else `text`.
  var effectiveFormat: CheckFormat {
    if let format { return format }
    if let value = getenv("GITHUB_ACTIONS"), String(cString: value) == "true" { return .github }
    return .text
  }

  /// Applies `--write-baseline` (record every finding, report none) or `--baseline` (report
  /// only findings not recorded). A baseline that cannot be read or written is a usage error.
  func applyBaseline(to results: [FileResult], output: ReportOutput) throws -> (
    results: [FileResult], outcome: Baseline.Outcome?
  ) {
    let directory = currentDirectory()
    let recorded: Baseline
    if let path = writeBaseline {
      recorded = Baseline(
        diagnostics: results.flatMap(\.diagnostics), currentDirectory: directory)
      do {
        try recorded.write(to: path)
      } catch {
        throw UsageError(description: error.description)
      }
      let count = recorded.findingCount
      output.note("wrote \(count) finding\(count == 1 ? "" : "s") to the baseline \(path)")
    } else if let path = baseline {
      do {
        recorded = try Baseline.load(path: path)
      } catch {
        throw UsageError(description: error.description)
      }
    } else {
      return (results, nil)
    }
    let applied = recorded.apply(to: results, currentDirectory: directory)
    return (applied.results, applied.outcome)
  }

  /// SARIF, GitHub workflow commands or Checkstyle XML.
  func renderMachineFormat(_ diagnostics: [Diagnostic]) -> String {
    let directory = currentDirectory()
    switch effectiveFormat {
    case .sarif:
      // Relative to the repository root, not the current directory: code scanning resolves
      // paths from the root, and a log must not depend on the subdirectory it was made in.
      return SarifReporter.render(
        diagnostics, rules: RuleSet.descriptions,
        toolVersion: resourcelintVersion, currentDirectory: directory,
        repositoryRoot: directory.map(RepositoryRoot.containing))
    case .github: return GitHubReporter.render(diagnostics, currentDirectory: directory)
    case .checkstyle: return CheckstyleReporter.render(diagnostics)
    case .text, .concise, .json: return ""
    }
  }
}

/// The absolute current directory, which machine formats and baselines make paths relative to.
func currentDirectory() -> String? {
  var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
  guard getcwd(&buffer, buffer.count) != nil else { return nil }
  return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
