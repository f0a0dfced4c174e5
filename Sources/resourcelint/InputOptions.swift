import ArgumentParser
import Linting

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options shared by `check` and `dump`: what to read.
struct InputOptions: ParsableArguments {
  @Argument(help: "Files or directories to lint (default: the current directory).")
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

  @Flag(help: "Apply exclude and .gitignore to paths named on the command line too.")
  var forceExclude = false

  @Flag(help: "Also check files that .gitignore or .git/info/exclude exclude.")
  var noRespectGitignore = false

  /// Lints the inputs, each file with the settings of its configuration layered under
  /// `commandLine`, or with `linter` alone when `commandLine` is nil (`dump`). Exits 2 on a
  /// missing path or a bad configuration.
  func run(with linter: Linter, commandLine: CommandLineRules? = nil) throws
    -> (results: [FileResult], filesChecked: Int)
  {
    let selector: FileSelector
    do {
      selector = try FileSelector(
        options: SelectionOptions(
          configFile: config, respectGitignore: !noRespectGitignore, forceExclude: forceExclude,
          commandLine: commandLine))
    } catch {
      throw UsageError(description: error.description)
    }
    if let name = stdinFilename {
      guard let language = FileLanguage(path: name) else {
        throw UsageError(description: "--stdin-filename must end in .py, .yaml or .yml: \(name)")
      }
      var own = linter
      do {
        if try selector.skipsExplicit(path: name, isDirectory: false) { return ([], 0) }
        if let settings = try selector.settings(forPath: name) {
          own = Linter(settings)
          own.keepsDeclarations = linter.keepsDeclarations
        }
      } catch {
        throw UsageError(description: error.description)
      }
      var bytes: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
      }
      return ([own.lint(path: name, bytes: bytes, language: language)], 1)
    }
    let linted: (results: [FileResult], unreadable: [(path: String, reason: String)], files: Int)
    do {
      linted = try linter.lint(discovering: paths.isEmpty ? ["."] : paths, selector: selector)
    } catch {
      throw UsageError(description: "\(error)")
    }
    var results = linted.results
    for (path, reason) in linted.unreadable {
      results.append(linter.unreadable(path, reason: reason))
    }
    results.sort { $0.path < $1.path }
    return (results, linted.files + linted.unreadable.count)
  }
}
