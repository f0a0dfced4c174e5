import FileIO
import Linting

/// A command-line path that does not exist: a usage error (exit 2), not a finding.
public struct MissingPathError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var description: String { "\(path): no such file or directory" }
}

/// Walks the given paths into the list of files to lint.
public enum Discovery {
  /// Directories never descended into: tool caches and VCS metadata.
  static let skippedDirectories: Set<String> = [
    ".git", ".hg", ".svn", ".build", ".swiftpm", "node_modules", "__pycache__", ".venv", "venv",
    ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs",
  ]

  /// Files to lint, in a deterministic order, and directories that could not be read, with
  /// `selector` deciding what is skipped (`.gitignore`, `exclude`, `include`) and attaching each
  /// file's settings. Throws `MissingPathError` or `ConfigurationError`.
  ///
  /// A file named explicitly is linted whatever its extension says only if it is Python or
  /// YAML; directories are walked without following symlinks, so a link loop cannot trap the
  /// walk and nothing outside the tree is read.
  public static func files(
    in paths: [String], selector: FileSelector?
  ) throws -> (files: [InputFile], unreadable: [(path: String, reason: String)]) {
    var files: [InputFile] = []
    let unreadable = try forEachFile(in: paths, selector: selector) { files.append($0) }
    return (files, unreadable)
  }

  /// Hands each file to lint to `body` as soon as the walk finds it (so linting can start
  /// before the walk ends), in the order `files(in:selector:)` lists them, and returns the
  /// paths that could not be read.
  public static func forEachFile(
    in paths: [String], selector: FileSelector?, _ body: (InputFile) -> Void
  ) throws -> [(path: String, reason: String)] {
    var unreadable: [(String, String)] = []
    // Only paths named together can reach one file twice: a walk follows no links.
    var seen = DuplicateFilter(isNeeded: paths.count > 1)
    // Files named one by one (pre-commit, editors) come a directory at a time: the absolute
    // components of the last file's directory are reused for the next file in it.
    var lastDirectory: (path: Substring, components: [String])?
    for path in paths {
      let kind = FileSystem.kind(of: path, followingSymlinks: true)
      switch kind {
      case .missing:
        if FileSystem.kind(of: path) == .symlink {
          unreadable.append((path, FileSystem.brokenLinkReason(path)))
          continue
        }
        throw MissingPathError(path: path)
      case .directory:
        let absolute = AbsolutePath.components(of: path)
        if let selector, try selector.skipsExplicit(absolute, isDirectory: true) { continue }
        try walk(
          path, absolute: absolute, selector: selector, into: body, unreadable: &unreadable,
          seen: &seen)
      default:
        guard let language = FileLanguage(path: path), seen.isNew(path) else { continue }
        let absolute: [String]
        // A byte search: `/` is ASCII, and a search by `Character` cost thousands of
        // instructions a path.
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directory = slash.map { path[..<$0] } ?? ""
        let name = slash.map { path[path.index(after: $0)...] } ?? path[...]
        if let last = lastDirectory, last.path == directory, name != ".", name != "..",
          !name.isEmpty
        {
          absolute = last.components + [String(name)]
        } else {
          absolute = AbsolutePath.components(of: path)
          if name != ".", name != "..", !name.isEmpty, !directory.isEmpty {
            lastDirectory = (directory, Array(absolute.dropLast()))
          }
        }
        if let selector, try selector.skipsExplicit(absolute, isDirectory: false) { continue }
        seen.insert(path)
        body(
          InputFile(
            path: path, language: language, settings: try selector?.settings(forFile: absolute)))
      }
    }
    // A directory named on the command line and met again in a walk is reported once.
    var reported = Set<String>()
    return unreadable.filter { reported.insert($0.0).inserted }
  }

  private static func walk(
    _ root: String, absolute rootComponents: [String], selector: FileSelector?,
    into body: (InputFile) -> Void, unreadable: inout [(String, String)],
    seen: inout DuplicateFilter
  ) throws {
    var pending: [(String, [String], parent: WalkedDirectory?)] = [(root, rootComponents, nil)]
    while let (directory, absolute, parent) = pending.popLast() {
      switch FileSystem.entries(of: directory) {
      case .failure(let error):
        unreadable.append((directory, error.description))
      case .success(let (names, undecodable)):
        var here: WalkedDirectory?
        if let selector {
          var listing = DirectoryListing()
          for (name, _) in names { listing.note(name) }
          here = selector.walkedDirectory(absolute, parent: parent, listing: listing)
        }
        var subdirectories: [(String, [String], parent: WalkedDirectory?)] = []
        for name in undecodable {
          unreadable.append((join(directory, name), "file name is not valid UTF-8"))
        }
        for (name, known) in names {
          // Most entries are neither directories nor Python or YAML: no path is built for them.
          let language = FileLanguage(path: name)
          if known == .regular && language == nil { continue }
          let path = join(directory, name)
          switch known ?? FileSystem.kind(of: path) {
          case .directory:
            if skippedDirectories.contains(name) || name.hasPrefix(".build") { continue }
            if let selector, let here,
              try selector.skipsWalked(name, isDirectory: true, in: here)
            {
              continue
            }
            subdirectories.append((path, absolute + [name], here))
          case .regular:
            guard let language, seen.isNew(path) else { continue }
            if let selector, let here,
              try selector.skipsWalked(name, isDirectory: false, in: here)
            {
              continue
            }
            seen.insert(path)
            body(
              InputFile(
                path: path, language: language,
                settings: try here.flatMap { try selector?.settings(forFile: name, in: $0) }))
          default:
            continue  // symlinks, FIFOs, sockets: never followed or read during a walk
          }
        }
        pending.append(contentsOf: subdirectories.reversed())
      }
    }
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory == "." ? name : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
  }
}

/// The files already handed out, when more than one command-line path could reach a file twice.
struct DuplicateFilter {
  private var seen: Set<String>?

  init(isNeeded: Bool) {
    seen = isNeeded ? [] : nil
  }

  func isNew(_ path: String) -> Bool {
    !(seen?.contains(path) ?? false)
  }

  mutating func insert(_ path: String) {
    seen?.insert(path)
  }
}
