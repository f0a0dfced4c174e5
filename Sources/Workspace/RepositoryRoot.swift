import FileIO

/// The root of the repository a run happens in, which SARIF's `%SRCROOT%` names: code scanning
/// matches a result's path against the files of the repository, so the path has to be the same
/// whatever subdirectory resourcelint was started from.
public enum RepositoryRoot {
  /// The nearest of `directory` and its ancestors that contains `.git`, or `directory` itself
  /// when none does. `.git` may be a directory (a clone) or a file (a worktree or a submodule,
  /// where it holds a `gitdir:` line); either marks the root of the checked-out tree.
  ///
  /// The walk is lexical, like configuration lookup: `..` is folded, symlinks are not resolved,
  /// so the root is spelt the way the current directory is. A relative `directory` is taken from
  /// the process's current directory.
  public static func containing(_ directory: String) -> String {
    var components = AbsolutePath.components(of: directory)
    while true {
      let candidate = AbsolutePath.string(components)
      let marker = (components.isEmpty ? "" : candidate) + "/.git"
      switch FileSystem.kind(of: marker, followingSymlinks: true) {
      case .directory, .regular: return candidate
      case .symlink, .other, .missing: break
      }
      guard !components.isEmpty else { break }
      components.removeLast()
    }
    return AbsolutePath.string(AbsolutePath.components(of: directory))
  }
}
