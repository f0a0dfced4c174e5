import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `--color auto|always|never`, decided as ruff does: `always` and `never` win over the
/// environment; `auto` colours a terminal unless `NO_COLOR` is set (https://no-color.org), and a
/// non-empty `FORCE_COLOR` (https://force-color.org) colours even a pipe, over `NO_COLOR`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto
  case always
  case never

  /// Whether the report gets colours. An `--output-file` is not a terminal, and a report file is
  /// read by tools, so `auto` never colours one, whatever `FORCE_COLOR` says (which is meant for
  /// logs such as CI's); `always` still does.
  func isEnabled(writingToFile: Bool) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      if writingToFile { return false }
      if isSetAndNotEmpty("FORCE_COLOR") { return true }
      if isSetAndNotEmpty("NO_COLOR") { return false }
      return isatty(STDOUT_FILENO) == 1
    }
  }

  /// Both conventions say an empty value counts as unset.
  private func isSetAndNotEmpty(_ name: String) -> Bool {
    guard let value = getenv(name) else { return false }
    return value.pointee != 0
  }
}
