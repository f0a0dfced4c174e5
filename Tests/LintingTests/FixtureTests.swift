import FileIO
import Linting
import Reporting
import ResourceModel
import Testing

/// Fixture files carry their expected diagnostics inline; matching is exhaustive both ways.
///
/// `Fixtures/<rule-name>/…` runs only that rule (plus RL000); `Fixtures/semantics/…` runs the
/// default rule set (SEMANTICS.md §7 cases); `Fixtures/dynamic-values/…` runs every rule, so
/// that no rule may report an unknown value as missing.
struct FixtureTests {
  static let allRulesFolders: Set<String> = ["dynamic-values"]

  static let ruleFixtures: [String] = Paths.files(under: "Fixtures").filter { path in
    let folder = path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
    return RuleSet.description(named: folder) != nil || folder == "semantics"
      || allRulesFolders.contains(folder)
  }

  @Test(arguments: ruleFixtures)
  func fixture(_ path: String) throws {
    let source = try #require(Paths.read(path), "cannot read \(path)")
    let folder = String(path.split(separator: "/")[1])
    let rules =
      folder == "semantics"
      ? defaultRules()
      : Self.allRulesFolders.contains(folder) ? try RuleSet(select: ["ALL"]) : rulesOnly(folder)
    let (expectations, errors) = Expectation.parse(source)
    #expect(errors.isEmpty, "\(path): \(errors)")
    // A first line `# platform: {limits: {...}}` gives the fixture platform limits (RL021).
    let platform = try ExampleTests.platform(of: source)
    let result = ExampleTests.lint(source, path: path, rules: rules, platform: platform)
    let failures = Expectation.compare(expectations, result.diagnostics)
    #expect(failures.isEmpty, "\(path):\n\(failures.joined(separator: "\n"))")
  }

  @Test func everyRuleHasFixtures() {
    for rule in RuleSet.descriptions {
      let files = Paths.files(under: "Fixtures/\(rule.name)")
      #expect(!files.isEmpty, "Fixtures/\(rule.name)/ has no fixture")
    }
  }
}

/// `Fixtures/scanner/**/X` with a sibling `X.dump.json`: the extracted declarations, exactly.
struct ScannerDumpTests {
  static let goldens: [String] = Paths.files(under: "Fixtures").filter {
    Paths.read($0 + ".dump.json") != nil
  }

  @Test(arguments: goldens)
  func dump(_ path: String) throws {
    let source = try #require(Paths.bytes(path))
    let language: FileLanguage = path.hasSuffix(".py") ? .python : .yaml
    let result = Linter(rules: rulesOnly("RL000")).lint(
      path: path, bytes: source, language: language)
    let (expectations, errors) = Expectation.parse(String(decoding: source, as: UTF8.self))
    #expect(errors.isEmpty)
    // Only RL000 runs here; other rules' expectations are checked by FixtureTests.
    let failures = Expectation.compare(
      expectations.filter { $0.code == "RL000" }, result.diagnostics)
    #expect(failures.isEmpty, "\(path):\n\(failures.joined(separator: "\n"))")
    let expected = try #require(Paths.read(path + ".dump.json"))
    #expect(DumpReporter.json(result.declarations) == expected)
  }

  @Test func everyScannerFixtureHasAGolden() {
    let missing = Paths.files(under: "Fixtures/scanner").filter {
      !ScannerDumpTests.goldens.contains($0)
    }
    #expect(missing.isEmpty, "no .dump.json for: \(missing)")
  }
}
