import ArgumentParser
import LanguageServer

/// `resourcelint server`: the language server, for editors.
struct Server: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "server",
    abstract: "Run the language server (LSP over standard input and output) for editors.",
    discussion: """
      Speaks the Language Server Protocol (JSON-RPC 2.0 with Content-Length framing) on \
      standard input and output; logs go to standard error. Open buffers are linted from memory \
      as you type, with the settings `check` would use for their path (the nearest \
      .resourcelint.yml, per-file-ignores, select and ignore). It publishes diagnostics, offers \
      quick fixes and "Suppress RLxxx on this line" code actions, and explains quantities on \
      hover. Editor settings (initializationOptions or workspace/didChangeConfiguration, \
      optionally under a "resourcelint" key): select, ignore, severity ({"RL003": "error"}) and \
      config (a path used for every file, like --config).

      Exit status: 0 after the client's shutdown request and exit notification, 1 when the \
      client exits (or closes the connection) without shutting down.
      """)

  func run() throws {
    let status = StdioConnection.run(version: resourcelintVersion)
    if status != 0 { throw ExitCode(status) }
  }
}
