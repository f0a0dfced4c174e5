#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lexical path arithmetic for configuration lookup and ignore matching. Paths are compared as
/// absolute component lists, without resolving symlinks, so a tree reached through a link keeps
/// the names the user typed.
public enum AbsolutePath {
  /// The current directory's components (empty for `/` or when it cannot be read).
  public static let currentDirectory: [String] = {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return [] }
    let text = buffer.withUnsafeBufferPointer { pointer -> String in
      guard let base = pointer.baseAddress else { return "" }
      return String(cString: base)
    }
    return components(of: text, relativeTo: [])
  }()

  /// `path` as absolute components: relative paths start at `base`; `.` and `..` are folded.
  ///
  /// Split at `/` bytes, as the kernel does: a split by `Character` would keep `/` joined to a
  /// combining mark that follows it (and cost thousands of instructions a path).
  public static func components(of path: String, relativeTo base: [String]) -> [String] {
    let slash = UInt8(ascii: "/")
    var result = path.utf8.first == slash ? [] : base
    for part in path.utf8.split(separator: slash) {
      let name = Substring(part)
      switch name {
      case ".": continue
      case "..": if !result.isEmpty { result.removeLast() }
      default: result.append(String(name))
      }
    }
    return result
  }

  /// `path` as absolute components, relative paths taken from the current directory.
  public static func components(of path: String) -> [String] {
    components(of: path, relativeTo: currentDirectory)
  }

  public static func string(_ components: [String]) -> String {
    "/" + components.joined(separator: "/")
  }

  /// How to show an absolute path: relative to the current directory when it is inside it.
  public static func display(_ components: [String]) -> String {
    let current = currentDirectory
    if components.count > current.count && components.starts(with: current) {
      return components[current.count...].joined(separator: "/")
    }
    return string(components)
  }
}
