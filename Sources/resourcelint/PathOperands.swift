import ResourceModel

/// The path operands of `check` and `dump`, taken out of the command line before
/// ArgumentParser reads it.
///
/// pre-commit, lint-staged and editors pass thousands of file names, and ArgumentParser's
/// handling of positional arguments grows faster than linearly with their number (8,000 paths
/// took 2.1 s, against 0.04 s for the same files as one directory). Options stay with
/// ArgumentParser; paths are handed to the command afterwards. To tell an option's value from
/// a path this needs to know which options take a value: `valueOptions`, checked against
/// ArgumentParser's own description of the commands by a test.
enum PathOperands {
  /// Subcommands whose operands are paths. The first is the default subcommand.
  static let pathCommands = ["check", "dump"]
  /// Every other subcommand name: its operands are left to ArgumentParser.
  static let otherCommands: Set<String> = [
    "rules", "explain", "quantity", "completion", "server", "help",
  ]

  /// Options of `check` and `dump` that take a value, spelt as on the command line.
  static let valueOptions: Set<String> = [
    "--stdin-filename", "--config", "--files-from", "--format", "--baseline", "--write-baseline",
    "--select", "--ignore", "--severity", "--platform", "--output-file", "-o", "--color",
  ]

  /// `arguments` without the path operands, and the operands in order; nil when the command
  /// is not `check` or `dump` (explicit or by default), or when it asks for help.
  static func split(_ arguments: [String]) -> (arguments: [String], paths: [String])? {
    var first = 0
    if let name = arguments.first {
      if pathCommands.contains(name) {
        first = 1
      } else if otherCommands.contains(name) {
        return nil
      }
    }
    var kept = Array(arguments[..<first])
    var paths: [String] = []
    var index = first
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument == "--" {
        paths += arguments[index...]
        break
      }
      // `-` alone is standard input: a path operand like any other.
      guard argument.hasPrefix("-") && argument != "-" else {
        paths.append(argument)
        continue
      }
      // Help shows the operands in its usage line, and ArgumentParser's own `---` requests
      // (completion, help dumps) read the rest of the line: leave those to it.
      if argument == "--help" || argument == "-h" || argument.hasPrefix("---") { return nil }
      kept.append(argument)
      if valueOptions.contains(argument) && index < arguments.count {
        kept.append(arguments[index])
        index += 1
      }
    }
    return (kept, paths)
  }

  /// ` (did you mean the check command?)` when a missing path is a bare word close to a
  /// subcommand's name (`resourcelint chek` reads `chek` as a path of the default `check`).
  static func commandHint(for path: String) -> String {
    guard !path.contains("/"), !path.contains("."),
      let command = DidYouMean.closest(
        to: path, among: pathCommands + otherCommands.sorted(), within: 2)
    else { return "" }
    return " (did you mean the \(command) command?)"
  }
}
