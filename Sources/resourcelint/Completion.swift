import ArgumentParser

/// `resourcelint completion bash|zsh|fish`: the shell completion script ArgumentParser
/// generates from the commands and options themselves, so it never falls behind them.
struct Completion: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print a shell completion script.",
    discussion: """
      bash: resourcelint completion bash > ~/.local/share/bash-completion/completions/resourcelint
      zsh:  resourcelint completion zsh > "${fpath[1]}/_resourcelint"
      fish: resourcelint completion fish > ~/.config/fish/completions/resourcelint.fish
      """)

  /// The shells ArgumentParser writes scripts for, as an argument of our own (conforming the
  /// library's `CompletionShell` to `ExpressibleByArgument` here would be a retroactive
  /// conformance that a later library version could break).
  enum Shell: String, ExpressibleByArgument, CaseIterable {
    case bash, zsh, fish

    var completionShell: CompletionShell {
      switch self {
      case .bash: .bash
      case .zsh: .zsh
      case .fish: .fish
      }
    }
  }

  @Argument(help: "The shell: bash, zsh or fish.")
  var shell: Shell

  func run() throws {
    print(ResourceLintCommand.completionScript(for: shell.completionShell), terminator: "")
  }
}
