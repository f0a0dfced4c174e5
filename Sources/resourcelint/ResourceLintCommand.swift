import ArgumentParser
import Linting
import Reporting
import ResourceModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@main
struct ResourceLintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resourcelint",
    abstract:
      "Lint compute-resource declarations in flytekit Python code and Kubernetes/Flyte YAML.",
    discussion: "-V is short for --version.",
    version: resourcelintVersion,
    subcommands: [
      Check.self, Dump.self, RulesCommand.self, Explain.self, QuantityCommand.self, Completion.self,
      Server.self,
    ],
    defaultSubcommand: Check.self)

  /// Usage errors exit with 2 (DESIGN.md), not ArgumentParser's 64.
  static func main() {
    var arguments = Array(CommandLine.arguments.dropFirst())
    // ruff's `-V`: ArgumentParser spells its built-in version flag `--version` only, and a
    // root flag of our own would be consumed before the default subcommand runs.
    if arguments.first == "-V" { arguments[0] = "--version" }
    do {
      var command: any ParsableCommand
      if let split = PathOperands.split(arguments) {
        command = try parse(split.arguments)
        if var check = command as? Check {
          try check.input.take(operands: split.paths)
          command = check
        } else if var dump = command as? Dump {
          try dump.input.take(operands: split.paths)
          command = dump
        }
      } else {
        command = try parse(arguments)
      }
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        terminateProcess(0)
      }
      let message = lowercasedErrorPrefix(fullMessage(for: error))
      if code == .validationFailure || error is UsageError {
        if !message.isEmpty { printError(message) }
        terminateProcess(2)
      }
      if !message.isEmpty { printError(message) }
      terminateProcess(code.rawValue)
    }
  }
}

extension ResourceLintCommand {
  /// The command `arguments` ask for. `check`, the one run most often (by pre-commit on every
  /// commit), is parsed on its own: from the root, ArgumentParser reflects over all of its
  /// options three more times (to learn whether it, or the default subcommand, takes all the
  /// remaining input), most of a small run's time. Whatever that parse does not accept (help,
  /// the root's own flags, a mistake) is parsed again from the root, so every message and exit
  /// status is the root's.
  static func parse(_ arguments: [String]) throws -> any ParsableCommand {
    if arguments.first == "check" {
      do {
        return try Check.parseAsRoot(Array(arguments.dropFirst()))
      } catch {
        // Not an answer yet: the root's parse below reports it in the root's words.
      }
    }
    return try parseAsRoot(arguments)
  }
}

/// `error: …`, like the `warning: …` lines and like ruff, instead of ArgumentParser's `Error: …`.
func lowercasedErrorPrefix(_ message: String) -> String {
  message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : message
}

/// A problem with how the tool was invoked: exit 2.
struct UsageError: Error, CustomStringConvertible {
  var description: String
}

func printError(_ message: String) {
  var text = message
  if !text.hasSuffix("\n") { text += "\n" }
  let bytes = Array(text.utf8)
  var offset = 0
  while offset < bytes.count {
    let written = bytes[offset...].withUnsafeBytes {
      write(STDERR_FILENO, $0.baseAddress, $0.count)
    }
    if written <= 0 { break }
    offset += written
  }
}

/// Output formats of `check`.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case concise
  case json
  case sarif
  case github
  case checkstyle
}

/// `--select RL001,bare-integer-memory` style lists.
func splitList(_ values: [String]) -> [String] {
  values.flatMap { RuleSet.names(inList: $0) }
}
