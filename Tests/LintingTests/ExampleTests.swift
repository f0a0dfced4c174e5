import FileIO
import Linting
import ResourceModel
import Rules
import Testing
import Workspace

/// Every example in every rule's documentation runs, so docs and behaviour cannot drift.
struct ExampleTests {
  static let codes = RuleSet.descriptions.map(\.code)

  @Test(arguments: codes)
  func examples(_ code: String) throws {
    let rule = try #require(RuleSet.description(named: code))
    #expect(!rule.triggering.isEmpty, "\(code) has no triggering example")
    #expect(!rule.nonTriggering.isEmpty, "\(code) has no non-triggering example")
    for example in rule.triggering {
      let path = example.language == .python ? "example.py" : "example.yaml"
      let platform = try Self.platform(of: example.code)
      let (expectations, errors) = Expectation.parse(example.code)
      #expect(errors.isEmpty, "\(example.file):\(example.line): \(errors)")
      #expect(
        !expectations.isEmpty,
        "\(example.file):\(example.line): a triggering example expects nothing")
      let result = Self.lint(example.code, path: path, rules: rulesOnly(code), platform: platform)
      let failures = Expectation.compare(expectations, result.diagnostics)
      #expect(
        failures.isEmpty, "\(example.file):\(example.line):\n\(failures.joined(separator: "\n"))")

      // Non-ASCII text above the example must shift lines, not columns.
      let shifted = "# ☃ 你好 ünïcödé\n" + example.code
      let shiftedResult = Self.lint(shifted, path: path, rules: rulesOnly(code), platform: platform)
      let moved = expectations.map {
        Expectation(line: $0.line + 1, column: $0.column, code: $0.code, substring: $0.substring)
      }
      #expect(
        Expectation.compare(moved, shiftedResult.diagnostics).isEmpty,
        "\(example.file):\(example.line) shifted")
    }
    for example in rule.nonTriggering {
      let path = example.language == .python ? "example.py" : "example.yaml"
      let platform = try Self.platform(of: example.code)
      let result = Self.lint(example.code, path: path, rules: rulesOnly(code), platform: platform)
      #expect(
        result.diagnostics.isEmpty,
        "\(example.file):\(example.line): \(result.diagnostics.map(\.message))")
    }
  }

  /// An example whose first line is `# platform: {limits: {gpu: "1"}}` runs with those inline
  /// platform limits (RL021 needs them; fixtures cannot pass `--platform`).
  static func platform(of code: String) throws -> PlatformLimits? {
    let marker = "# platform:"
    guard let first = code.split(separator: "\n", maxSplits: 1).first, first.hasPrefix(marker)
    else {
      return nil
    }
    return try Platform.parse(
      Array(first.dropFirst(marker.count).utf8), source: "the example platform")
  }

  static func lint(_ source: String, path: String, rules: RuleSet, platform: PlatformLimits?)
    -> FileResult
  {
    let language: FileLanguage = path.hasSuffix(".py") ? .python : .yaml
    return Linter(rules: rules, platform: platform).lint(
      path: path, bytes: Array(source.utf8), language: language)
  }
}

/// The registry is complete and every rule describes itself properly.
struct RegistryTests {
  @Test func codesAndNamesAreUniqueAndWellFormed() {
    let rules = RuleSet.descriptions
    #expect(Set(rules.map(\.code)).count == rules.count)
    #expect(Set(rules.map(\.name)).count == rules.count)
    for rule in rules {
      #expect(rule.code.count == 5 && rule.code.hasPrefix("RL"), "\(rule.code)")
      #expect(rule.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(rule.name)")
      #expect(!rule.summary.hasSuffix("."), "\(rule.code) summary ends with a period")
      #expect(!rule.rationale.isEmpty && !rule.fix.isEmpty, "\(rule.code) lacks docs")
    }
  }

  @Test func everyRuleFileIsRegistered() throws {
    let files = Paths.files(under: "Rules", extensions: ["Rule.swift"])
    #expect(
      files.count == allRules.count,
      "Rules/*Rule.swift: \(files.count), registered: \(allRules.count)")
    for file in files {
      let type = file.split(separator: "/").last.map { String($0.dropLast(".swift".count)) } ?? ""
      #expect(
        allRules.contains { String(describing: $0) == type }, "\(type) is not in AllRules.swift")
    }
  }

  @Test func readmeRulesTableIsCurrent() throws {
    let readme = try #require(Paths.read("README.md"))
    let table = ReportingProbe.markdownTable()
    #expect(
      readme.contains(table), "README.md's rules table is out of date; run `make readme-rules`")
  }

  @Test func diagnosticMessagesAreOneLineWithoutFinalPeriod() throws {
    for path in FixtureTests.ruleFixtures {
      let source = try #require(Paths.read(path))
      for diagnostic in lint(source, path: path, rules: defaultRules()).diagnostics {
        #expect(!diagnostic.message.contains("\n"), "\(path): \(diagnostic.message)")
        #expect(!diagnostic.message.hasSuffix("."), "\(path): \(diagnostic.message)")
      }
    }
  }
}
