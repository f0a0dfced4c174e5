import ArgumentParser
import FileIO
import Linting
import Reporting
import ResourceModel
import Rules
import Workspace

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
    let rules = try makeRuleSet(
      select: [EngineReportedRules.parseError.code], ignore: [], severity: [])
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

/// `resourcelint rules` (named apart from the `Rules` module it lists).
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
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
    abstract: "Show a rule's full documentation with its examples, or a policy's definition.")

  @Argument(
    help:
      "A rule code (RL002) or name (bare-integer-memory), or a policy id from the configuration."
  )
  var rule: String

  @Option(
    help: "The configuration whose policies to search (default: the nearest .resourcelint.yml).")
  var config: String?

  func run() throws {
    if let description = RuleSet.description(named: rule) {
      print(RuleReporter.explain(description), terminator: "")
      return
    }
    // Policies are rules too, defined by the configuration that governs this directory.
    let found: Configuration?
    do {
      let selector = try FileSelector(options: SelectionOptions(configFile: config))
      found = try selector.configuration(forDirectory: AbsolutePath.components(of: "."))
    } catch {
      throw UsageError(description: error.description)
    }
    let policies = found?.policies ?? []
    if let policy = policies.first(where: {
      $0.id.uppercased() == rule.uppercased() || $0.name == rule
    }), let found {
      print(Self.explain(policy, from: found.file), terminator: "")
      return
    }
    let hint = RuleSet.hint(forUnknown: rule, policies: policies)
    throw UsageError(
      description: "unknown rule or policy '\(rule)'\(hint) (see `resourcelint rules`)")
  }

  /// A policy as its configuration defines it.
  static func explain(_ policy: Policy, from file: String) -> String {
    var lines = [
      "\(policy.id) (\(policy.name)): a policy of \(file)", "", policy.message, "",
      "Severity: \(policy.severity.rawValue)",
      "Applies to: "
        + (policy.kinds.map { $0.map(\.rawValue).sorted().joined(separator: ", ") }
          ?? "every kind of declaration"),
    ]
    for bound in policy.bounds {
      let sides = bound.sides.map(\.rawValue).joined(separator: " and ")
      lines.append(
        "\(bound.isMaximum ? "At most" : "At least") \(bound.written) of \(bound.resource.displayName) in \(sides)"
      )
    }
    for requirement in policy.requirements {
      let sides = requirement.sides.map(\.rawValue).joined(separator: " or ")
      lines.append("Requires \(requirement.resource.displayName) in \(sides)")
    }
    return lines.joined(separator: "\n") + "\n"
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
