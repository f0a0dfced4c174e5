import ArgumentParser
import Linting
import Reporting
import ResourceModel
import Workspace

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Lint files and directories (the default command).",
    discussion: """
      Exit status: 0 when there are no error-level findings, 1 when there are (or warnings \
      with --strict), 2 for usage errors. With --fix, the findings that remain decide; \
      --diff exits 1 when there is something to fix; --fix-only exits 0; a fixed file that \
      cannot be written exits 2.
      """)

  @OptionGroup var input: InputOptions

  @Option(
    help: """
      Output format: text, concise, json, sarif, github or checkstyle (default: text, or github \
      when GITHUB_ACTIONS=true).
      """)
  var format: CheckFormat?

  @Option(
    help: ArgumentHelp(
      "Report only findings that are not in this baseline file.", valueName: "FILE"))
  var baseline: String?

  @Option(
    help: ArgumentHelp(
      "Record every current finding in this baseline file (and report none).", valueName: "FILE"))
  var writeBaseline: String?

  @Option(
    parsing: .singleValue,
    help: ArgumentHelp(
      "Only run these rules (codes or names, comma-separated; ALL for every rule).",
      valueName: "RULES"))
  var select: [String] = []

  @Option(parsing: .singleValue, help: ArgumentHelp("Never run these rules.", valueName: "RULES"))
  var ignore: [String] = []

  @Option(
    parsing: .singleValue,
    help: ArgumentHelp(
      "Set a rule's severity: RULE=error|warning|info|off.", valueName: "RULE=LEVEL"))
  var severity: [String] = []

  @Option(
    help: ArgumentHelp(
      "Flyte platform limits for RL021: a flyteadmin config, a flytectl attribute file, or inline `limits:`.",
      valueName: "FILE"))
  var platform: String?

  @Flag(help: "Exit with 0 even when there are error-level findings.")
  var exitZero = false

  @Flag(help: "Warnings fail the run too.")
  var strict = false

  @Flag(name: .shortAndLong, help: "Print the findings only: no summary, notes or warnings.")
  var quiet = false

  @Flag(
    name: .shortAndLong,
    help: "Print nothing, not even findings; the exit status tells (usage errors still print).")
  var silent = false

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write the report to FILE (atomically) instead of standard output.", valueName: "FILE"))
  var outputFile: String?

  @Option(
    help: ArgumentHelp(
      """
      When to use colours: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces \
      them; never in an --output-file), always or never.
      """,
      valueName: "WHEN"))
  var color: ColorChoice?

  /// The spelling before `--color`: kept working for scripts, out of the help.
  @Flag(help: .hidden)
  var noColor = false

  /// Scans every file fully, skipping none on the cheap byte prefilters: for the test that
  /// compares both modes' findings (they must be identical), not for users.
  @Flag(help: .hidden)
  var noPrefilter = false

  @Flag(help: "Print how often each rule fired instead of the findings (JSON with --format json).")
  var statistics = false

  @Flag(
    help: """
      Print the settings the one PATH (default: the current directory) is checked with, and exit.
      """)
  var showSettings = false

  @Flag(help: "Print the files that would be checked, one per line, and exit.")
  var showFiles = false

  @Flag(help: "Apply the safe fixes, then report the findings that remain.")
  var fix = false

  @Flag(
    inversion: .prefixedNo,
    help: """
      Also apply (with --fix) or offer the unsafe fixes, which change what is deployed.
      """)
  var unsafeFixes: Bool?

  @Flag(
    help: """
      Print a unified diff of what --fix would change and write nothing; exit 1 when there is \
      something to fix.
      """)
  var diff = false

  @Flag(help: "Apply the fixes and report nothing about the findings that remain.")
  var fixOnly = false

  @Flag(help: "List the fixes applied (or, without --fix, available) in each file.")
  var showFixes = false

  func validate() throws {
    if showSettings && showFiles {
      throw ValidationError("--show-settings and --show-files cannot be used together")
    }
    if noColor, let color, color != .never {
      throw ValidationError("--no-color contradicts --color \(color.rawValue)")
    }
    try validateFixOptions()
  }

  /// `--quiet`, `--silent` (which wins) or neither.
  var verbosity: ReportOutput.Verbosity { silent ? .silent : quiet ? .quiet : .normal }

  func run() throws {
    let output = try ReportOutput(file: outputFile, verbosity: verbosity)
    var platformLimits: PlatformLimits?
    if let platform {
      do {
        platformLimits = try Platform.load(path: platform)
      } catch {
        throw UsageError(description: error.description)
      }
    }
    let commandLine = CommandLineRules(
      select: splitList(select), ignore: splitList(ignore),
      severities: try parseSeverities(severity), platform: platformLimits)
    if showSettings {
      try output.write(try settingsReport(commandLine: commandLine))
      return
    }
    if showFiles {
      try output.write(try filesReport(output: output))
      return
    }
    // Files that no configuration governs are checked with the command line's choices alone.
    let defaults: LintSettings
    do {
      defaults = try commandLine.settings(for: nil)
    } catch {
      throw UsageError(description: error.message)
    }
    var linter = Linter(defaults)
    linter.keepsDeclarations = false  // only `dump` shows them
    linter.fixing = fixOptions
    linter.usesPrefilters = !noPrefilter
    let outcome = try input.run(with: linter, commandLine: commandLine)
    for warning in outcome.warnings { output.warn(warning) }
    var writeFailed = false
    if fixOptions != nil {
      writeFailed = try finishFixing(outcome.results, output: output)
      if diff || fixOnly || input.stdinName != nil { return }
    }
    let (results, baselineOutcome) = try applyBaseline(to: outcome.results, output: output)
    let diagnostics = results.flatMap(\.diagnostics)
    try output.write(
      report(
        results, filesChecked: outcome.filesChecked, baselineNote: baselineOutcome?.summary,
        toFile: output.file != nil))
    // Machine formats keep stdout parseable; the baseline's note goes to stderr.
    if effectiveFormat != .text || statistics, let note = baselineOutcome?.summary {
      output.note(note)
    }
    let failing = diagnostics.contains {
      $0.severity == .error || (strict && $0.severity == .warning)
    }
    // A file that could not be written is an input error, whatever the findings.
    if writeFailed { throw ExitCode(2) }
    if failing && !exitZero { throw ExitCode(1) }
  }

  /// The report in the chosen format: the findings (or their statistics) and, in `text`, the
  /// summary and the baseline's note unless `--quiet`.
  func report(
    _ results: [FileResult], filesChecked: Int, baselineNote: String?, toFile: Bool
  ) -> String {
    let diagnostics = results.flatMap(\.diagnostics)
    let fixed = results.compactMap(\.fixes).filter { !$0.applied.isEmpty }
    if statistics {
      return effectiveFormat == .json
        ? StatisticsReporter.json(diagnostics) : StatisticsReporter.render(diagnostics)
    }
    switch effectiveFormat {
    case .concise: return ConciseReporter.render(diagnostics)
    case .json: return JSONReporter.render(diagnostics)
    case .sarif, .github, .checkstyle: return renderMachineFormat(diagnostics)
    case .text:
      let colorChoice = noColor ? ColorChoice.never : color ?? .auto
      let style = TextReporter.Style(color: colorChoice.isEnabled(writingToFile: toFile))
      var text = TextReporter.render(results, style: style, fixable: fixApplicability)
      if showFixes { text += fixesReport(results) }
      if !quiet {
        text += TextReporter.summary(
          RunSummary(
            filesChecked: filesChecked, diagnostics: diagnostics,
            fixApplicability: fixApplicability, fixed: fixed.map(\.applied.count).reduce(0, +),
            filesFixed: fixed.count), style: style)
        if let baselineNote { text += baselineNote + "\n" }
      }
      return text
    }
  }
}

/// Builds the rule set from command-line choices; unknown rules are usage errors.
func makeRuleSet(select: [String], ignore: [String], severity: [String]) throws -> RuleSet {
  let severities = try parseSeverities(severity)
  do {
    return try RuleSet(select: splitList(select), ignore: splitList(ignore), severities: severities)
  } catch {
    throw UsageError(description: "\(error.description)")
  }
}

/// `--severity RULE=LEVEL` values.
func parseSeverities(_ severity: [String]) throws -> [String: RuleLevel] {
  var severities: [String: RuleLevel] = [:]
  for item in splitList(severity) {
    let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
      throw UsageError(description: "--severity expects RULE=LEVEL, got '\(item)'")
    }
    guard let level = RuleLevel(rawValue: parts[1]) else {
      let hint = DidYouMean.hint(parts[1], among: RuleLevel.allCases.map(\.rawValue))
      throw UsageError(
        description: "unknown severity '\(parts[1])'\(hint) (\(RuleLevel.spellings))")
    }
    severities[parts[0]] = level
  }
  return severities
}
