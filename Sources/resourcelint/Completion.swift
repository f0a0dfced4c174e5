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

  @Argument(help: "The shell: bash, zsh or fish.")
  var shell: CompletionShell

  func run() throws {
    print(ResourceLintCommand.completionScript(for: shell), terminator: "")
  }
}

extension CompletionShell: @retroactive ExpressibleByArgument {}
