import ArgumentParser
import FileIO
import Linting
import ResourceModel
import Workspace

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options shared by `check` and `dump`: what to read.
struct InputOptions: ParsableArguments {
  @Argument(
    help: """
      Files or directories to lint (default: the current directory); - reads standard input.
      """)
  var paths: [String] = []

  @Option(
    help: ArgumentHelp(
      "Read the file from standard input and report it under NAME.", valueName: "NAME"))
  var stdinFilename: String?

  @Option(
    help: ArgumentHelp(
      "Use this configuration for every file instead of the nearest .resourcelint.yml.",
      valueName: "FILE"))
  var config: String?

  @Option(
    help: ArgumentHelp(
      "Also check the paths listed in FILE, one per line or NUL-separated (- reads them from"
        + " standard input).", valueName: "FILE"))
  var filesFrom: String?

  @Flag(help: "Apply exclude and .gitignore to paths named on the command line too.")
  var forceExclude = false

  @Flag(help: "Also check files that .gitignore or .git/info/exclude exclude.")
  var noRespectGitignore = false

  /// Sets the paths to the operands taken out of the command line before parsing
  /// (`PathOperands`), followed by those listed in `--files-from`.
  mutating func take(operands: [String]) throws {
    paths = operands
    guard let filesFrom else { return }
    let bytes: [UInt8]
    if filesFrom == "-" {
      if operands.contains("-") || stdinFilename != nil {
        throw UsageError(
          description: "--files-from - and standard input as a file cannot be used together")
      }
      bytes = try readStandardInput()
    } else {
      switch FileSystem.contents(of: filesFrom) {
      case .success(let contents): bytes = contents
      case .failure(let error):
        throw UsageError(description: "--files-from \(filesFrom): \(error.description)")
      }
    }
    paths += Self.listedPaths(in: bytes)
  }

  /// The paths of a `--files-from` list: NUL-separated when it holds a NUL (`find -print0`,
  /// `git ls-files -z`), else one per line (LF or CRLF); empty entries are skipped.
  static func listedPaths(in bytes: [UInt8]) -> [String] {
    let separator: UInt8 = bytes.contains(0) ? 0 : 0x0A
    return bytes.split(separator: separator).compactMap { entry in
      var entry = entry
      if separator == 0x0A && entry.last == 0x0D { entry = entry.dropLast() }
      return entry.isEmpty ? nil : String(decoding: entry, as: UTF8.self)
    }
  }

  /// What a run over the inputs gave.
  struct Outcome {
    var results: [FileResult]
    /// Files linted, unreadable paths included (each is an RL000 finding).
    var filesChecked: Int
    /// For standard error, without the `warning: ` prefix: the run did something other than
    /// what was probably meant (no file matched, no rule ran, paths ignored for standard input).
    var warnings: [String]
  }

  /// The name standard input is linted under: `--stdin-filename NAME`, or `stdin.py` for the
  /// path `-` (the language comes from the name, and Python is what editors pipe most).
  var stdinName: String? {
    if let stdinFilename { return stdinFilename }
    return paths == ["-"] ? "stdin.py" : nil
  }

  /// The paths to walk: those given, or the current directory.
  var walkedPaths: [String] { paths.isEmpty ? ["."] : paths }

  /// The file selector for these options. A bad `--config` or a misuse of `-` is a usage error.
  func makeSelector(commandLine: CommandLineRules?) throws -> FileSelector {
    // `-` alone means standard input; beside other paths it would be ambiguous, and a file
    // named `-` is still reachable as `./-`.
    if paths.count > 1 && paths.contains("-") {
      throw UsageError(description: "- (standard input) cannot be combined with other paths")
    }
    do {
      return try FileSelector(
        options: SelectionOptions(
          configFile: config, respectGitignore: !noRespectGitignore, forceExclude: forceExclude,
          commandLine: commandLine))
    } catch {
      throw UsageError(description: error.description)
    }
  }

  /// Lints the inputs, each file with the settings of its configuration layered under
  /// `commandLine`, or with `linter` alone when `commandLine` is nil (`dump`). Exits 2 on a
  /// missing path or a bad configuration.
  func run(with linter: Linter, commandLine: CommandLineRules? = nil) throws -> Outcome {
    if let problem = Linter.scannerSetupProblem { throw UsageError(description: problem) }
    let selector = try makeSelector(commandLine: commandLine)
    if let name = stdinName {
      return try runStandardInput(
        named: name, with: linter, selector: selector, linting: commandLine != nil)
    }
    let linted: (results: [FileResult], unreadable: [(path: String, reason: String)], files: Int)
    do {
      linted = try linter.lint(discovering: walkedPaths, selector: selector)
    } catch let error as MissingPathError {
      throw UsageError(description: "\(error)" + PathOperands.commandHint(for: error.path))
    } catch {
      throw UsageError(description: "\(error)")
    }
    var results = linted.results
    for (path, reason) in linted.unreadable {
      results.append(linter.unreadable(path, reason: reason))
    }
    results.sort { $0.path < $1.path }
    let filesChecked = linted.files + linted.unreadable.count
    var warnings: [String] = []
    // Paths that exist but hold nothing to check are most often a mistake (a wrong directory,
    // an exclude that is too wide); saying "All checks passed" alone would hide it.
    if filesChecked == 0 {
      warnings.append("no files matched \(walkedPaths.joined(separator: " "))")
    }
    // Settings are made for every directory the walk judged, so they are there even when
    // nothing matched; without any, the command line's own choice is what would have run.
    if let commandLine { try Self.requireKnownNames(commandLine, selector: selector) }
    let used = selector.settingsInUse
    if commandLine != nil,
      used.isEmpty ? linter.checksNothing : used.allSatisfy(\.checksNothing)
    {
      warnings.append("no rules are enabled")
    }
    return Outcome(results: results, filesChecked: filesChecked, warnings: warnings)
  }

  /// Fails the run (exit 2) when `--select`, `--ignore` or `--severity` names something that is
  /// neither a rule nor a policy of a configuration the run read. Checked after the walk,
  /// since a policy may be defined by any configuration in the tree.
  static func requireKnownNames(_ commandLine: CommandLineRules, selector: FileSelector) throws {
    let unknown = commandLine.unknownNames(policies: selector.policiesSeen)
    if !unknown.isEmpty { throw UsageError(description: unknown.joined(separator: "\nerror: ")) }
  }

  /// Lints standard input as the file `name`, with the settings of `name`'s configuration.
  private func runStandardInput(
    named name: String, with linter: Linter, selector: FileSelector, linting: Bool
  ) throws -> Outcome {
    let language = try requireLanguage(of: name)
    var warnings: [String] = []
    if stdinFilename != nil && !paths.isEmpty && paths != ["-"] {
      warnings.append(
        "ignoring \(paths.joined(separator: " ")): --stdin-filename checks standard input")
    }
    var own = linter
    do {
      // An editor that sends every buffer with --force-exclude expects excluded ones to give
      // nothing, quietly, as ruff does.
      if try selector.skipsExplicit(path: name, isDirectory: false) {
        return Outcome(results: [], filesChecked: 0, warnings: warnings)
      }
      if let settings = try selector.settings(forPath: name) {
        own = Linter(settings)
        own.keepsDeclarations = linter.keepsDeclarations
        own.fixing = linter.fixing
        own.usesPrefilters = linter.usesPrefilters
      }
    } catch {
      throw UsageError(description: error.description)
    }
    if linting, let commandLine = selector.options.commandLine {
      try Self.requireKnownNames(commandLine, selector: selector)
    }
    if linting && own.checksNothing { warnings.append("no rules are enabled") }
    let bytes = try readStandardInput()
    guard var fixing = own.fixing else {
      return Outcome(
        results: [own.lint(path: name, bytes: bytes, language: language)], filesChecked: 1,
        warnings: warnings)
    }
    // Standard input is fixed in memory: the command prints the fixed text, so it always gets
    // a record, with the text unchanged when nothing applied.
    fixing.writes = false
    var result = own.fix(path: name, bytes: bytes, language: language, options: fixing)
    if result.fixes == nil {
      result.fixes = FixRecord(
        applied: [], original: bytes, fixed: bytes, passes: 0, converged: true)
    }
    return Outcome(results: [result], filesChecked: 1, warnings: warnings)
  }
}

/// All of standard input as bytes, read with `read(2)`: `readLine` would split and decode it.
func readStandardInput() throws -> [UInt8] {
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
    if count == 0 { return bytes }
    if count < 0 {
      if errno == EINTR { continue }
      // A closed or unreadable standard input is an input that could not be read at all.
      let reason = String(cString: strerror(errno))
      throw UsageError(description: "cannot read standard input: \(reason)")
    }
    bytes.append(contentsOf: buffer[0..<count])
  }
}

/// The language standard input is read as, from its name; a name without one is a usage error.
@discardableResult
func requireLanguage(of name: String) throws -> FileLanguage {
  guard let language = FileLanguage(path: name) else {
    throw UsageError(description: "--stdin-filename must end in .py, .yaml or .yml: \(name)")
  }
  return language
}
