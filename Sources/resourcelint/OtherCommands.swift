import ArgumentParser
import Linting
import Reporting
import ResourceModel

struct Dump: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Print the extracted declarations, normalised (requests and limits as flytekit serializes them)."
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
  }

  @OptionGroup var input: InputOptions

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  func run() throws {
    // Dump reports what was read; only RL000 runs, so unreadable files still show up.
    let rules = try makeRuleSet(select: ["RL000"], ignore: [], severity: [])
    let outcome = try input.run(with: Linter(rules: rules))
    for warning in outcome.warnings { printError("warning: " + warning) }
    let results = outcome.results
    let declarations = results.flatMap(\.declarations)
    switch format {
    case .json: print(DumpReporter.json(declarations), terminator: "")
    case .text: print(DumpReporter.text(declarations), terminator: "")
    }
    let problems = results.flatMap(\.diagnostics)
    if !problems.isEmpty {
      printError(ConciseReporter.render(problems))
      throw ExitCode(1)
    }
  }
}

struct Rules: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List every rule: code, name, default severity, summary.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
    case docs
  }

  @Option(
    help: "Output format: text, json, markdown (the README's table) or docs (docs/rules.md).")
  var format: Format = .text

  func run() throws {
    let rules = RuleSet.descriptions
    switch format {
    case .text: print(RuleReporter.table(rules), terminator: "")
    case .json: print(RuleReporter.json(rules), terminator: "")
    case .markdown: print(RuleReporter.markdown(rules), terminator: "")
    case .docs: print(RuleReporter.docs(rules), terminator: "")
    }
  }
}

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a rule's full documentation with its examples.")

  @Argument(help: "A rule code (RL002) or name (bare-integer-memory).")
  var rule: String

  func run() throws {
    guard let description = RuleSet.description(named: rule) else {
      throw UsageError(description: "unknown rule '\(rule)' (see `resourcelint rules`)")
    }
    print(RuleReporter.explain(description), terminator: "")
  }
}

struct QuantityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quantity",
    abstract: "Explain Kubernetes quantities exactly, or why one is invalid.",
    discussion: """
      With no VALUE, reads standard input: each line is one value, taken verbatim (spaces \
      kept, an empty line is ""). Exits 1 when any value is invalid.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
  }

  @Argument(help: "Quantities such as 1.5Gi, 500m, 1GB.")
  var values: [String] = []

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  func run() throws {
    var inputs = values
    if inputs.isEmpty {
      while let line = readLine(strippingNewline: true) { inputs.append(line) }
    }
    switch format {
    case .json: print(QuantityReporter.json(inputs), terminator: "")
    case .text: print(QuantityReporter.text(inputs), terminator: "")
    }
    if inputs.contains(where: { Quantity($0) == nil }) { throw ExitCode(1) }
  }
}
