import ArgumentParser
import Linting
import Reporting
import ResourceModel

/// `--fix`, `--unsafe-fixes`, `--diff`, `--fix-only` and `--show-fixes`, kept apart from
/// `Check.run()` so that it stays short.
extension Check {
  /// The least safe fix applied or offered: unsafe only with `--unsafe-fixes`.
  var fixApplicability: FixApplicability { unsafeFixes == true ? .unsafe : .safe }

  /// What the engine does with fixes this run; nil when it only lints.
  var fixOptions: FixOptions? {
    guard fix || fixOnly || diff else { return nil }
    // `--diff` writes nothing, nor does standard input (its fixed text is printed).
    return FixOptions(applicability: fixApplicability, writes: !diff && input.stdinName == nil)
  }

  func validateFixOptions() throws {
    guard fix || fixOnly || diff else { return }
    for (given, name) in [
      (statistics, "--statistics"), (writeBaseline != nil, "--write-baseline"),
      (showSettings, "--show-settings"), (showFiles, "--show-files"),
    ] where given {
      let option = diff ? "--diff" : fixOnly ? "--fix-only" : "--fix"
      throw ValidationError("\(option) and \(name) cannot be used together")
    }
    if diff && input.stdinName != nil && (fix || fixOnly) {
      throw ValidationError("--diff and --fix cannot be used together on standard input")
    }
  }

  /// Reports what fixing did that is not a finding: files that could not be written, fixes
  /// that did not settle, and for `--diff`, `--fix-only` and standard input the whole output
  /// (and exit status). Otherwise returns whether a file could not be written, for the run to
  /// exit 2 once the findings are reported.
  func finishFixing(_ results: [FileResult], output: ReportOutput) throws -> Bool {
    var writeFailed = false
    for result in results {
      guard let record = result.fixes else { continue }
      if let problem = record.writeError {
        printError("error: cannot write the fixes to \(result.path): \(problem)")
        writeFailed = true
      }
      if !record.converged {
        output.warn(
          "fixes to \(result.path) still applied after \(FixEngine.maximumPasses) passes; "
            + "it was left as it was then: check it and run --fix again")
      }
    }
    let records = results.compactMap(\.fixes)
    let fixedCount = records.map(\.applied.count).reduce(0, +)
    if diff {
      let changed = results.filter { $0.fixes?.changed == true }
      try output.write(
        changed.compactMap { result in
          result.fixes.map {
            UnifiedDiff.render(path: result.path, old: $0.original, new: $0.fixed)
          }
        }.joined())
      if fixedCount > 0 {
        output.note(
          "would fix \(fixedCount) problem\(fixedCount == 1 ? "" : "s") in \(changed.count) "
            + "file\(changed.count == 1 ? "" : "s")")
      }
      if writeFailed { throw ExitCode(2) }
      if !changed.isEmpty { throw ExitCode(1) }
      return false
    }
    if input.stdinName != nil, let record = records.first {
      // The fixed text is the output, as editors expect; the report goes to standard error.
      try output.write(String(decoding: record.fixed, as: UTF8.self))
      if !fixOnly && output.verbosity == .normal {
        let remaining = results.flatMap(\.diagnostics)
        if !remaining.isEmpty { printError(ConciseReporter.render(remaining)) }
      }
      if !fixOnly && !exitZero
        && results.flatMap(\.diagnostics).contains(where: {
          $0.severity == .error || (strict && $0.severity == .warning)
        })
      {
        throw ExitCode(1)
      }
      return false
    }
    if fixOnly {
      var text = showFixes ? fixesReport(results) : ""
      if !quiet && effectiveFormat == .text {
        let files = records.filter { !$0.applied.isEmpty }.count
        text +=
          fixedCount == 0
          ? "No fixes applied.\n"
          : "Fixed \(fixedCount) problem\(fixedCount == 1 ? "" : "s") in \(files) "
            + "file\(files == 1 ? "" : "s").\n"
      }
      try output.write(text)
      if writeFailed { throw ExitCode(2) }
    }
    return writeFailed
  }

  /// `--show-fixes`: per file, the fixes applied (`--fix`) or, without it, those available
  /// (unsafe ones marked when `--unsafe-fixes` is not given).
  func fixesReport(_ results: [FileResult]) -> String {
    let applying = fix || fixOnly
    var out = ""
    for result in results {
      let listed: [Diagnostic] =
        applying ? result.fixes?.applied ?? [] : result.diagnostics.filter { $0.fix != nil }
      guard !listed.isEmpty else { continue }
      out += "- \(TerminalText.escaped(result.path)):\n"
      for diagnostic in listed {
        guard let fix = diagnostic.fix else { continue }
        let hidden = fix.applicability > fixApplicability ? " (unsafe: --unsafe-fixes)" : ""
        out +=
          "    \(diagnostic.span.start.line):\(diagnostic.span.start.column) "
          + "\(diagnostic.code) \(TerminalText.escaped(fix.title))\(hidden)\n"
      }
    }
    guard !out.isEmpty else { return "" }
    return (applying ? "Fixes applied:\n" : "Fixes available:\n") + out + "\n"
  }
}
