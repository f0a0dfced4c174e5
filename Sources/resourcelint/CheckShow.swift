import ArgumentParser
import Linting
import Reporting
import Workspace

/// `--show-settings` and `--show-files`: what a run would do, without linting.
extension Check {
  /// The settings of the one path given (or the current directory, or `--stdin-filename`'s
  /// name), as `SettingsReporter` prints them.
  func settingsReport(commandLine: CommandLineRules) throws -> String {
    let selector = try input.makeSelector(commandLine: commandLine)
    let path: String
    let isStandardInput = input.stdinName != nil
    if let name = input.stdinName {
      try requireLanguage(of: name)
      path = name
    } else {
      // Settings differ from file to file, so the question needs one file (or directory).
      guard input.paths.count <= 1 else {
        throw UsageError(
          description: "--show-settings takes one path, got \(input.paths.count): "
            + input.paths.joined(separator: " "))
      }
      path = input.paths.first ?? "."
    }
    let resolved: ResolvedSettings
    do {
      resolved = try selector.resolvedSettings(forPath: path, isStandardInput: isStandardInput)
    } catch {
      throw UsageError(description: "\(error)")
    }
    try InputOptions.requireKnownNames(commandLine, selector: selector)
    return SettingsReporter.render(resolved)
  }

  /// The files a run would check, after include, exclude and `.gitignore`: one per line, sorted.
  /// Directories that cannot be read are warnings here (a run reports them as RL000).
  func filesReport(output: ReportOutput) throws -> String {
    // Only which files are chosen matters: no rule settings are made.
    let selector = try input.makeSelector(commandLine: nil)
    if let name = input.stdinName {
      try requireLanguage(of: name)
      do {
        return try selector.skipsExplicit(path: name, isDirectory: false) ? "" : name + "\n"
      } catch {
        throw UsageError(description: error.description)
      }
    }
    let found: (files: [InputFile], unreadable: [(path: String, reason: String)])
    do {
      found = try Discovery.files(in: input.walkedPaths, selector: selector)
    } catch {
      throw UsageError(description: "\(error)")
    }
    for (path, reason) in found.unreadable { output.warn("cannot read \(path): \(reason)") }
    if found.files.isEmpty && found.unreadable.isEmpty {
      output.warn("no files matched \(input.walkedPaths.joined(separator: " "))")
    }
    return found.files.map(\.path).sorted().map { $0 + "\n" }.joined()
  }
}
