import FileIO
import Linting

/// Where `check` puts what it prints, and how much of it: the report on standard output or in
/// `--output-file`; notes and warnings on standard error unless `--quiet`; nothing at all with
/// `--silent`, whose run answers with its exit status alone. Usage errors bypass this and are
/// always printed.
struct ReportOutput {
  enum Verbosity {
    case normal
    /// The findings only.
    case quiet
    /// Nothing, not even an output file.
    case silent
  }

  /// `--output-file`, when given.
  let file: String?
  let verbosity: Verbosity

  /// Checks at once that `file` can be written, so that a long run does not end in a usage error
  /// after all its work.
  init(file: String?, verbosity: Verbosity) throws {
    self.file = file
    self.verbosity = verbosity
    if let file, verbosity != .silent, let problem = AtomicFile.problem(writing: file) {
      throw UsageError(description: "cannot write output file \(file): \(problem)")
    }
  }

  /// Prints the report, or writes it to the output file atomically (a reader never sees half a
  /// report, and a failed run leaves the previous one in place).
  func write(_ report: String) throws {
    if verbosity == .silent { return }
    guard let file else {
      print(report, terminator: "")
      return
    }
    do {
      try AtomicFile.write(report, to: file)
    } catch {
      throw UsageError(description: "cannot write output file \(file): \(error.description)")
    }
  }

  /// Something the run did besides checking (`wrote 4 findings to the baseline b.json`).
  func note(_ message: String) {
    if verbosity == .normal { printError("resourcelint: " + message) }
  }

  /// The run did something other than what was probably meant (`no files matched docs`).
  func warn(_ message: String) {
    if verbosity == .normal { printError("warning: " + message) }
  }
}
