import FileIO
import Linting
import ResourceModel

/// How the files to lint are chosen and configured.
public struct SelectionOptions: Sendable {
  /// `--config FILE`: one configuration for every file instead of the nearest one.
  public var configFile: String?
  /// Skip what `.gitignore`, nested `.gitignore` files and `.git/info/exclude` exclude.
  public var respectGitignore: Bool
  /// Apply `exclude` and `.gitignore` to files named on the command line too.
  public var forceExclude: Bool
  /// The command line's rule choices; nil when files are only read, not linted (`dump`), so
  /// no per-file settings are made.
  public var commandLine: CommandLineRules?

  public init(
    configFile: String? = nil, respectGitignore: Bool = true, forceExclude: Bool = false,
    commandLine: CommandLineRules? = nil
  ) {
    self.configFile = configFile
    self.respectGitignore = respectGitignore
    self.forceExclude = forceExclude
    self.commandLine = commandLine
  }
}

/// Decides, during discovery, which files are linted and with which settings: the nearest
/// `.resourcelint.yml` (or `--config`), its `include`/`exclude`/`per-file-ignores`, and the
/// `.gitignore` files above each file.
///
/// Every configuration and ignore file is read once and cached per directory; the walk is
/// sequential, so the caches need no locking.
public final class FileSelector {
  public static let configurationNames = [".resourcelint.yml", ".resourcelint.yaml"]

  public let options: SelectionOptions
  /// The `--config` file, when given.
  let fixed: Configuration?
  private var configurationByDirectory: [[String]: Configuration?] = [:]
  private var ignoresByDirectory: [[String]: [PatternList]] = [:]
  private var settingsCache: [String: LintSettings] = [:]
  /// The last directory `settings(forFile:)` was asked about whose files share their settings
  /// (`plainSettings(for:)`), with those settings: files named one by one come a directory at
  /// a time, and hashing each one's directory path was most of their discovery.
  private var lastPlainDirectory: (components: [String], settings: LintSettings)?

  public init(options: SelectionOptions) throws(ConfigurationError) {
    self.options = options
    if let path = options.configFile {
      let components = AbsolutePath.components(of: path)
      guard FileSystem.kind(of: path, followingSymlinks: true) == .regular else {
        throw ConfigurationError(file: path, message: "no such configuration file")
      }
      fixed = try Configuration.load(path: components)
    } else {
      fixed = nil
    }
  }

  // MARK: Configurations

  /// The configuration governing files in `directory` (absolute components): `--config`, or
  /// the nearest `.resourcelint.yml`/`.resourcelint.yaml` at or above it.
  public func configuration(forDirectory directory: [String]) throws(ConfigurationError)
    -> Configuration?
  {
    if let fixed { return fixed }
    var pending: [[String]] = []
    var current = directory
    var found: Configuration?
    while true {
      if let cached = configurationByDirectory[current] {
        found = cached
        break
      }
      pending.append(current)
      if let own = try ownConfiguration(in: current) {
        found = own
        break
      }
      if current.isEmpty { break }
      current.removeLast()
    }
    for visited in pending { configurationByDirectory[visited] = .some(found) }
    return found
  }

  private func ownConfiguration(in directory: [String]) throws(ConfigurationError)
    -> Configuration?
  {
    let present = FileSelector.configurationNames.filter {
      FileSystem.kind(of: AbsolutePath.string(directory + [$0]), followingSymlinks: true)
        == .regular
    }
    guard let name = present.first else { return nil }
    if present.count > 1 {
      throw ConfigurationError(
        file: AbsolutePath.display(directory + [present[1]]),
        message: "both \(present[0]) and \(present[1]) are here; keep one")
    }
    return try Configuration.load(path: directory + [name])
  }

  // MARK: .gitignore

  /// The ignore files that apply inside `directory`, outermost first: `.git/info/exclude` of
  /// the repository, then every `.gitignore` from the repository root (or the filesystem root
  /// outside a repository) down to `directory`.
  func ignoreLists(forDirectory directory: [String]) -> [PatternList] {
    if let cached = ignoresByDirectory[directory] { return cached }
    let path = AbsolutePath.string(directory)
    let prefix = directory.isEmpty ? "" : path
    let isRepositoryRoot = FileSystem.kind(of: prefix + "/.git") != .missing
    var lists: [PatternList] = []
    if !isRepositoryRoot && !directory.isEmpty {
      lists = ignoreLists(forDirectory: Array(directory.dropLast()))
    }
    if isRepositoryRoot,
      case .success(let bytes) = FileSystem.contents(of: prefix + "/.git/info/exclude")
    {
      lists.append(PatternList(gitignore: bytes, base: directory))
    }
    if let own = ownGitignore(in: directory) { lists.append(own) }
    ignoresByDirectory[directory] = lists
    return lists
  }

  /// The patterns of `directory`'s own `.gitignore`, when it has one that can be read.
  func ownGitignore(in directory: [String]) -> PatternList? {
    guard
      case .success(let bytes) = FileSystem.contents(
        of: AbsolutePath.string(directory + [".gitignore"]))
    else { return nil }
    return PatternList(gitignore: bytes, base: directory)
  }

  /// Whether git would ignore `path` itself, judged by the ignore files of its directory (the
  /// nearest matching pattern wins).
  func isGitIgnored(_ path: [String], isDirectory: Bool) -> Bool {
    guard !path.isEmpty else { return false }
    var verdict = false
    for list in ignoreLists(forDirectory: Array(path.dropLast())) {
      if let own = list.verdict(forAbsolute: path, isDirectory: isDirectory) { verdict = own }
    }
    return verdict
  }

  // MARK: Decisions

  /// Whether `path` (or, for explicit paths, a directory it is in) matches one of `patterns`
  /// relative to `base`. Outside `base`, only patterns without a `/` can match, by name.
  static func matches(
    _ patterns: [PathPattern], path: [String], isDirectory: Bool, base: [String],
    ancestors: Bool
  ) -> Bool {
    guard !patterns.isEmpty, !path.isEmpty else { return false }
    let relative: [String]
    if path.count > base.count && path.starts(with: base) {
      relative = Array(path[base.count...])
    } else {
      relative = [path[path.count - 1]]
    }
    let lowest = ancestors ? 1 : relative.count
    for length in stride(from: relative.count, through: lowest, by: -1) {
      let prefix = Array(relative[0..<length])
      let isDirectoryHere = length < relative.count || isDirectory
      let isRelative = path.count > base.count && path.starts(with: base)
      for pattern in patterns where isRelative || !pattern.isAnchored {
        if pattern.matches(prefix, isDirectory: isDirectoryHere) { return true }
      }
    }
    return false
  }

  /// Whether a file or directory met while walking is left out: by `.gitignore`, by the
  /// governing configuration's `exclude`, or (files only) by its `include`.
  public func skipsWalked(_ path: [String], isDirectory: Bool) throws(ConfigurationError) -> Bool {
    if options.respectGitignore && isGitIgnored(path, isDirectory: isDirectory) { return true }
    guard let configuration = try configuration(forDirectory: Array(path.dropLast())) else {
      return false
    }
    if FileSelector.matches(
      configuration.exclude, path: path, isDirectory: isDirectory,
      base: configuration.directory, ancestors: false)
    {
      return true
    }
    if !isDirectory, let include = configuration.include {
      return !FileSelector.matches(
        include, path: path, isDirectory: false, base: configuration.directory, ancestors: true)
    }
    return false
  }

  /// Whether a path named on the command line is left out: only with `--force-exclude`, when
  /// it or a directory it is in is excluded or ignored.
  public func skipsExplicit(_ path: [String], isDirectory: Bool) throws(ConfigurationError)
    -> Bool
  {
    guard options.forceExclude, !path.isEmpty else { return false }
    if options.respectGitignore {
      for length in 1...path.count
      where isGitIgnored(Array(path[0..<length]), isDirectory: length < path.count || isDirectory) {
        return true
      }
    }
    guard let configuration = try configuration(forDirectory: Array(path.dropLast())) else {
      return false
    }
    return FileSelector.matches(
      configuration.exclude, path: path, isDirectory: isDirectory, base: configuration.directory,
      ancestors: true)
  }

  /// The settings a file is linted with (nil when not linting): its configuration's, minus the
  /// rules its `per-file-ignores` turn off.
  public func settings(forFile path: [String]) throws(ConfigurationError) -> LintSettings? {
    let directory = path.dropLast()
    if let last = lastPlainDirectory, last.components.elementsEqual(directory) {
      return last.settings
    }
    // Read even when not linting, so a broken configuration is reported by `dump` too.
    let configuration = try configuration(forDirectory: Array(directory))
    guard options.commandLine != nil else { return nil }
    if let plain = try plainSettings(for: configuration) {
      lastPlainDirectory = (Array(directory), plain)
      return plain
    }
    return try settings(
      for: configuration, ignoring: perFileIgnores(forFile: path, in: configuration))
  }

  /// The settings every file `configuration` governs is linted with, when its
  /// `per-file-ignores` cannot single one out (nil when they can, or when not linting): the
  /// walk's directories and files named one by one share them.
  private func plainSettings(for configuration: Configuration?) throws(ConfigurationError)
    -> LintSettings?
  {
    guard configuration?.perFileIgnores.isEmpty ?? true else { return nil }
    return try settings(for: configuration, ignoring: [])
  }

  /// The codes that `configuration`'s `per-file-ignores` turn off for the file `path`.
  func perFileIgnores(forFile path: [String], in configuration: Configuration?) -> [String] {
    var ignored: [String] = []
    if let configuration {
      for entry in configuration.perFileIgnores
      where FileSelector.matches(
        [entry.pattern], path: path, isDirectory: false, base: configuration.directory,
        ancestors: true)
      {
        ignored += entry.codes
      }
    }
    return ignored
  }

  /// Every distinct settings made so far, for any file or directory the walk judged: after a
  /// run, what files were (or, when none matched, would have been) linted with.
  public var settingsInUse: [LintSettings] { Array(settingsCache.values) }

  /// Every policy of every configuration read so far (`--config`'s included): the ids the
  /// command line's rule lists may name besides the built-in rules.
  public var policiesSeen: [Policy] {
    var policies = fixed?.policies ?? []
    for case .some(let configuration) in configurationByDirectory.values {
      policies += configuration.policies
    }
    return policies
  }

  /// The settings for files of `configuration` with the rules `ignored` turned off, made once
  /// for each distinct pair.
  private func settings(for configuration: Configuration?, ignoring ignored: [String])
    throws(ConfigurationError) -> LintSettings?
  {
    guard let commandLine = options.commandLine else { return nil }
    // Nearly every file has no per-file ignores: its key is the configuration's alone, without
    // building a set for it (8,000 files named on the command line each came here).
    let key =
      ignored.isEmpty
      ? (configuration?.file ?? "") + "\u{0}"
      : (configuration?.file ?? "") + "\u{0}" + Set(ignored).sorted().joined(separator: ",")
    if let cached = settingsCache[key] { return cached }
    let settings = try commandLine.settings(for: configuration, extraIgnores: ignored)
    settingsCache[key] = settings
    return settings
  }
}

/// What the walk needs to know about one directory to judge its entries, worked out once for
/// all of them: the ignore files that apply and, when first needed (so that a broken
/// configuration is reported exactly when a per-entry lookup would read it), the governing
/// configuration and the settings of files that no `per-file-ignores` pattern names.
public final class WalkedDirectory {
  let components: [String]
  let ignoreLists: [PatternList]
  /// The directory the walk came from, whose answers hold here unless this one has its own
  /// configuration file.
  let parent: WalkedDirectory?
  let mayHaveConfiguration: Bool
  fileprivate var resolved: (configuration: Configuration?, plainSettings: LintSettings?)?

  init(
    components: [String], ignoreLists: [PatternList], parent: WalkedDirectory?,
    mayHaveConfiguration: Bool
  ) {
    self.components = components
    self.ignoreLists = ignoreLists
    self.parent = parent
    self.mayHaveConfiguration = mayHaveConfiguration
  }
}

/// Which of the names that matter to file selection a directory's listing holds: without
/// them, a directory inherits its parent's ignore files and configuration without a lookup.
public struct DirectoryListing {
  public var hasConfiguration = false
  public var hasGitignore = false
  public var hasGit = false

  public init() {}

  public mutating func note(_ name: String) {
    switch name {
    case FileSelector.configurationNames[0], FileSelector.configurationNames[1]:
      hasConfiguration = true
    case ".gitignore": hasGitignore = true
    case ".git": hasGit = true
    default: break
    }
  }
}

extension FileSelector {
  /// The facts `skipsWalked(_:isDirectory:in:)` and `settings(forFile:in:)` use for the entries
  /// of `directory` (absolute components), whose listing is summed up in `listing`, met in the
  /// walk below `parent` (nil for where the walk starts).
  public func walkedDirectory(
    _ directory: [String], parent: WalkedDirectory? = nil, listing: DirectoryListing
  ) -> WalkedDirectory {
    var lists: [PatternList] = []
    if options.respectGitignore {
      if let parent, !listing.hasGit {
        lists = parent.ignoreLists
        if listing.hasGitignore, let own = ownGitignore(in: directory) { lists.append(own) }
      } else {
        lists = ignoreLists(forDirectory: directory)
      }
    }
    return WalkedDirectory(
      components: directory, ignoreLists: lists, parent: parent,
      mayHaveConfiguration: listing.hasConfiguration)
  }

  private func resolve(_ directory: WalkedDirectory) throws(ConfigurationError)
    -> (configuration: Configuration?, plainSettings: LintSettings?)
  {
    if let resolved = directory.resolved { return resolved }
    let configuration: Configuration?
    if fixed == nil, !directory.mayHaveConfiguration, let parent = directory.parent {
      configuration = try resolve(parent).configuration
    } else {
      configuration = try self.configuration(forDirectory: directory.components)
    }
    let plainSettings = try plainSettings(for: configuration)
    directory.resolved = (configuration, plainSettings)
    return (configuration, plainSettings)
  }

  /// `skipsWalked(_:isDirectory:)` for the entry `name` of a directory the walk is in.
  public func skipsWalked(_ name: String, isDirectory: Bool, in directory: WalkedDirectory)
    throws(ConfigurationError) -> Bool
  {
    if isGitIgnored(name, isDirectory: isDirectory, in: directory) { return true }
    guard let configuration = try resolve(directory).configuration else { return false }
    if configuration.exclude.isEmpty && (isDirectory || configuration.include == nil) {
      return false
    }
    return try skipsWalked(directory.components + [name], isDirectory: isDirectory)
  }

  /// `settings(forFile:)` for the file `name` of a directory the walk is in.
  public func settings(forFile name: String, in directory: WalkedDirectory)
    throws(ConfigurationError) -> LintSettings?
  {
    if let plain = try resolve(directory).plainSettings { return plain }
    return try settings(forFile: directory.components + [name])
  }

  private func isGitIgnored(_ name: String, isDirectory: Bool, in directory: WalkedDirectory)
    -> Bool
  {
    var verdict = false
    for list in directory.ignoreLists {
      if let own = list.verdict(in: directory.components, name: name, isDirectory: isDirectory) {
        verdict = own
      }
    }
    return verdict
  }
}

extension FileSelector {
  /// `skipsExplicit` for a path as typed (relative to the current directory).
  public func skipsExplicit(path: String, isDirectory: Bool) throws(ConfigurationError) -> Bool {
    try skipsExplicit(AbsolutePath.components(of: path), isDirectory: isDirectory)
  }

  /// `settings(forFile:)` for a path as typed, such as `--stdin-filename`'s.
  public func settings(forPath path: String) throws(ConfigurationError) -> LintSettings? {
    try settings(forFile: AbsolutePath.components(of: path))
  }
}
