import FileIO
import Linting

/// Everything that decides how one path is checked, as `check --show-settings` reports it: the
/// configuration that governs it and what it resolves to with the command line layered over it.
public struct ResolvedSettings: Sendable {
  /// The path as given.
  public var path: String
  /// A directory's settings are those of the files directly in it, before `per-file-ignores`.
  public var isDirectory: Bool
  /// The governing `.resourcelint.yml`, or the `--config` file; nil: the defaults.
  public var configuration: Configuration?
  /// Whether `configuration` is the `--config` file rather than the nearest one.
  public var configurationIsFixed: Bool
  /// The rules, severities, platform limits and policies the path is linted with.
  public var settings: LintSettings
  /// Rules and policies that `per-file-ignores` turn off for this path (a file only).
  public var perFileIgnored: [String]
  public var respectGitignore: Bool
  public var forceExclude: Bool
  /// Whether `settings.platform` is `--platform`'s (else the configuration's, if any).
  public var platformFromCommandLine: Bool
}

extension FileSelector {
  /// The settings of `path`: of the file, or of the files directly in the directory. A path
  /// that does not exist throws `MissingPathError`, unless it is `isStandardInput`'s name (which
  /// need not exist, as with `--stdin-filename`); a bad configuration throws
  /// `ConfigurationError`.
  public func resolvedSettings(forPath path: String, isStandardInput: Bool = false) throws
    -> ResolvedSettings
  {
    let kind = FileSystem.kind(of: path, followingSymlinks: true)
    if kind == .missing && !isStandardInput { throw MissingPathError(path: path) }
    let isDirectory = kind == .directory && !isStandardInput
    let components = AbsolutePath.components(of: path)
    let directory = isDirectory ? components : Array(components.dropLast())
    let configuration = try self.configuration(forDirectory: directory)
    let ignored = isDirectory ? [] : perFileIgnores(forFile: components, in: configuration)
    let commandLine = options.commandLine ?? CommandLineRules()
    return ResolvedSettings(
      path: path, isDirectory: isDirectory, configuration: configuration,
      configurationIsFixed: fixed != nil,
      settings: try commandLine.settings(for: configuration, extraIgnores: ignored),
      perFileIgnored: ignored, respectGitignore: options.respectGitignore,
      forceExclude: options.forceExclude, platformFromCommandLine: commandLine.platform != nil)
  }
}
