import ArgumentParser

@main
struct ResourceLintCommand: ParsableCommand {
  func run() throws {}
}
