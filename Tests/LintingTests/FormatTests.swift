import Foundation
import Linting
import Reporting
import ResourceModel
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The machine formats: SARIF (validated against the official schema), GitHub workflow
/// commands, Checkstyle XML, and the logical places their fingerprints are built from.
struct FormatTests {
  // MARK: - Helpers

  static func diagnostic(
    file: String = "k8s/app.yaml", line: Int = 3, column: Int = 5, endColumn: Int = 9,
    code: String = "RL001", name: String = "limit-below-request", severity: Severity = .error,
    message: String = "cpu limit 1 is below its request 2", place: String? = nil
  ) -> Diagnostic {
    var diagnostic = Diagnostic(
      file: file,
      span: SourceSpan(
        start: SourceLocation(line: line, column: column),
        end: SourceLocation(line: line, column: endColumn)),
      code: code, name: name, severity: severity, message: "", logicalPlace: place)
    // Set afterwards: the initializer escapes control characters, and these tests check that
    // each reporter escapes them on its own too.
    diagnostic.message = message
    return diagnostic
  }

  /// A small tree with findings of every severity, in YAML and Python.
  static let sampleTree: [String: [UInt8]] = [
    "k8s/app.yaml": Array(
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          spec:
            containers:
              - name: server
                resources:
                  requests: {cpu: "2", memory: 1gi}
                  limits: {cpu: "1"}

      """.utf8),
    "flows/train.py": Array(
      """
      from flytekit import Resources, task

      @task(requests=Resources(cpu="1", mem=4096), limits=Resources(gpu="1"))
      def train():
          ...

      """.utf8),
  ]

  static func json(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
  }

  static func results(_ log: [String: Any]) throws -> [[String: Any]] {
    let runs = try #require(log["runs"] as? [[String: Any]])
    return try #require(runs.first?["results"] as? [[String: Any]])
  }

  static func fingerprint(_ result: [String: Any]) -> String? {
    (result["partialFingerprints"] as? [String: String])?[SarifReporter.fingerprintName]
  }

  static func region(_ result: [String: Any]) -> [String: Int]? {
    let locations = result["locations"] as? [[String: Any]]
    let physical = locations?.first?["physicalLocation"] as? [String: Any]
    return physical?["region"] as? [String: Int]
  }

  static func artifact(_ result: [String: Any]) -> [String: String]? {
    let locations = result["locations"] as? [[String: Any]]
    let physical = locations?.first?["physicalLocation"] as? [String: Any]
    return physical?["artifactLocation"] as? [String: String]
  }

  /// Runs scripts/sarif/validate.py (in its cached virtual environment) over `files`.
  static func validateSarif(_ files: [String]) throws -> (status: Int32, output: String) {
    func shell(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      process.currentDirectoryURL = URL(fileURLWithPath: Paths.repository)
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      try process.run()
      let outData = out.fileHandleForReading.readDataToEndOfFile()
      let errData = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (
        process.terminationStatus, String(decoding: outData, as: UTF8.self),
        String(decoding: errData, as: UTF8.self)
      )
    }
    let setup = try shell("/bin/bash", [Paths.repository + "/scripts/sarif/setup.sh"])
    guard setup.0 == 0 else { return (setup.0, "setup failed: " + setup.1 + setup.2) }
    let python = setup.1.trimmingCharacters(in: .whitespacesAndNewlines)
    let run = try shell(python, [Paths.repository + "/scripts/sarif/validate.py"] + files)
    return (run.0, run.1 + run.2)
  }

  static func write(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rl-\(UUID().uuidString).sarif"
    ).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  // MARK: - Text

  /// A report long enough to be rendered in slices on several cores reads exactly as its
  /// entries rendered one at a time, in file order.
  @Test func aLongTextReportKeepsItsOrder() {
    let tasks = (1...1_500).map { "@task(requests=Resources(cpu=\"-\($0)\"))\ndef t\($0)(): ...\n" }
    let source = "from flytekit import Resources, task\n" + tasks.joined()
    let results = ["a.py", "b.py"].map { lint(source, path: $0, rules: rulesOnly("RL018")) }
    #expect(results.map(\.diagnostics.count) == [1_500, 1_500])
    let style = TextReporter.Style(color: false)
    let oneByOne = results.flatMap { result in
      result.diagnostics.map { diagnostic in
        TextReporter.render(
          [
            FileResult(
              path: result.path, declarations: [], diagnostics: [diagnostic], lines: result.lines)
          ], style: style)
      }
    }
    #expect(TextReporter.render(results, style: style) == oneByOne.joined())
  }

  // MARK: - SARIF

  /// Real output over every fixture (every rule selected), plus a tree whose file names need
  /// percent-encoding, validates against the official SARIF 2.1.0 schema.
  @Test func sarifOfAllFixturesIsSchemaValid() throws {
    let fixtures = try CLITests.run(["check", "--format", "sarif", "--select", "ALL", "Fixtures/"])
    #expect(fixtures.status == 1, "\(fixtures.stderr)")
    let odd = try CLITests.tree([
      "dir with space/a,b:c%d#e?.yaml": Array(
        "x:\n  resources:\n    requests: {memory: 1GB}\n".utf8),
      "naïve/é.py": Array("from flytekit import Resources\nr = Resources(mem=1024)\n".utf8),
    ])
    let oddRun = try CLITests.run(["check", "--format", "sarif", "."], in: odd)
    #expect(oddRun.status == 1, "\(oddRun.stderr)")
    let empty = try CLITests.run(["check", "--format", "sarif", "Fixtures/examples/k8s/rbac.yaml"])
    #expect(empty.status == 0)

    let files = try [fixtures.stdout, oddRun.stdout, empty.stdout].map(Self.write)
    let validation = try Self.validateSarif(files)
    #expect(validation.status == 0, "\(validation.output)")
    #expect(validation.output.contains("valid SARIF 2.1.0"))

    // And a broken log is rejected, so the validator is really looking.
    let broken = try Self.write(
      fixtures.stdout.replacingOccurrences(of: "\"2.1.0\"", with: "\"9\""))
    #expect(try Self.validateSarif([broken]).status == 1)

    let oddResults = try Self.results(Self.json(oddRun.stdout))
    let uris = Set(oddResults.compactMap { Self.artifact($0)?["uri"] })
    #expect(uris.contains("dir%20with%20space/a%2Cb%3Ac%25d%23e%3F.yaml"))
    #expect(uris.contains("na%C3%AFve/%C3%A9.py"))
  }

  @Test func sarifCarriesRuleMetadataRegionsAndRelativeURIs() throws {
    let root = try CLITests.tree(Self.sampleTree)
    let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
    // The same file given three ways gives the same repository-relative URI.
    for argument in [".", "./k8s/../k8s/app.yaml", real + "/k8s/app.yaml"] {
      let run = try CLITests.run(["check", "--format", "sarif", argument], in: root)
      let log = try Self.json(run.stdout)
      #expect(log["version"] as? String == "2.1.0")
      #expect(log["$schema"] as? String == SarifReporter.schemaURI)
      let runs = try #require(log["runs"] as? [[String: Any]])
      let base = runs[0]["originalUriBaseIds"] as? [String: [String: String]]
      #expect(base?["%SRCROOT%"]?["uri"] == "file://" + real + "/")
      let results = try Self.results(log)
      let server = try #require(results.first { ($0["ruleId"] as? String) == "RL001" })
      #expect(Self.artifact(server) == ["uri": "k8s/app.yaml", "uriBaseId": "%SRCROOT%"])
      #expect(
        Self.region(server) == ["startLine": 11, "startColumn": 27, "endLine": 11, "endColumn": 30])
      #expect(server["level"] as? String == "error")
      #expect(
        (server["message"] as? [String: String])?["text"] == "cpu limit 1 is below its request 2")
    }

    let run = try CLITests.run(["check", "--format", "sarif", "."], in: root)
    let log = try Self.json(run.stdout)
    let driver = try #require(
      ((log["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"]
        as? [String: Any])
    #expect(driver["name"] as? String == "resourcelint")
    #expect((driver["version"] as? String)?.isEmpty == false)
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == RuleSet.descriptions.map(\.code))
    for (rule, description) in zip(rules, RuleSet.descriptions) {
      #expect(rule["name"] as? String == description.name)
      #expect((rule["shortDescription"] as? [String: String])?["text"] == description.summary)
      #expect((rule["fullDescription"] as? [String: String])?["text"] == description.rationale)
      let help = try #require(rule["help"] as? [String: String])
      #expect(help["text"]?.contains(description.fix) == true)
      #expect(help["markdown"]?.contains("## How to fix") == true)
      let configuration = try #require(rule["defaultConfiguration"] as? [String: Any])
      let level = SarifReporter.level(description.defaultSeverity)
      #expect(configuration["level"] as? String == level)
      #expect((configuration["enabled"] as? Bool ?? true) == !description.isOptIn)
    }
    // Every result's ruleIndex points at its rule; info findings are notes.
    let results = try Self.results(log)
    #expect(Set(results.compactMap { $0["level"] as? String }) == ["error", "warning"])
    let note = SarifReporter.render(
      [Self.diagnostic(severity: .info)], rules: RuleSet.descriptions, toolVersion: "1.0.0",
      currentDirectory: nil, repositoryRoot: nil)
    #expect(note.contains(#""level": "note""#))
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
      #expect(Self.fingerprint(result)?.count == 16)
    }
  }

  /// Inserting lines above the findings moves every region but changes no fingerprint; a new
  /// finding gets a new one; two identical findings in one file get two.
  @Test func sarifFingerprintsFollowTheLogicalPlace() throws {
    let root = try CLITests.tree(Self.sampleTree)
    func fingerprints() throws -> [String: Int] {
      let run = try CLITests.run(["check", "--format", "sarif", "."], in: root)
      var result: [String: Int] = [:]
      for item in try Self.results(Self.json(run.stdout)) {
        result[try #require(Self.fingerprint(item))] = Self.region(item)?["startLine"]
      }
      return result
    }
    let before = try fingerprints()
    #expect(before.count == 5)

    let app = root + "/k8s/app.yaml"
    let train = root + "/flows/train.py"
    let yaml = try String(contentsOfFile: app, encoding: .utf8)
    let python = try String(contentsOfFile: train, encoding: .utf8)
    try ("# a comment\n# another\n" + yaml).write(toFile: app, atomically: true, encoding: .utf8)
    try python.replacingOccurrences(
      of: "\n@task",
      with:
        "\nimport os\n\n\n@task(requests=Resources(cpu=\"2\"))\ndef prepare():\n    ...\n\n@task"
    ).write(toFile: train, atomically: true, encoding: .utf8)
    let after = try fingerprints()
    #expect(Set(before.keys).isSubset(of: Set(after.keys)))
    for (key, line) in before { #expect(after[key] != line, "region of \(key) did not move") }

    try (python + "\n@task(requests=Resources(mem=\"1GB\"))\ndef fresh():\n    ...\n").write(
      toFile: train, atomically: true, encoding: .utf8)
    #expect(try fingerprints().count == 6)

    // Two containers with the same name in two documents: one logical place, two keys.
    let twins = try CLITests.tree([
      "twins.yaml": Array(
        String(
          repeating: "kind: Pod\nspec:\n  containers:\n    - name: app\n      resources:\n"
            + "        limits: {memory: 1GB}\n---\n", count: 2
        ).utf8)
    ])
    let run = try CLITests.run(["check", "--format", "sarif", "."], in: twins)
    let results = try Self.results(Self.json(run.stdout))
    #expect(results.count == 2)
    #expect(Set(results.compactMap(Self.fingerprint)).count == 2)
  }

  @Test func logicalPlacesNameDeclarationKeyAndSide() throws {
    let root = try CLITests.tree(Self.sampleTree)
    let run = try CLITests.run(["check", "--format", "sarif", "."], in: root)
    let places = try Self.results(Self.json(run.stdout)).compactMap {
      ($0["properties"] as? [String: String])?["logicalPlace"]
    }
    #expect(places.contains("k8s-container server at spec.template.spec.containers > limits.cpu"))
    #expect(
      places.contains("k8s-container server at spec.template.spec.containers > requests.memory"))
    #expect(places.contains("task train > requests.mem"))
    #expect(places.contains("task train > limits.gpu"))
  }

  @Test func occurrenceKeysAndPortablePaths() {
    let first = Self.diagnostic(place: "task a > limits.cpu")
    let other = Self.diagnostic(file: "other.yaml", place: "task a > limits.cpu")
    #expect(
      LogicalPlace.occurrenceKeys([first, first, other, first]) == [
        "RL001 > task a > limits.cpu", "RL001 > task a > limits.cpu #2",
        "RL001 > task a > limits.cpu", "RL001 > task a > limits.cpu #3",
      ])
    #expect(
      LogicalPlace.portablePath("./k8s//app.yaml", currentDirectory: "/repo") == "k8s/app.yaml")
    #expect(
      LogicalPlace.portablePath("/repo/k8s/app.yaml", currentDirectory: "/repo") == "k8s/app.yaml")
    #expect(
      LogicalPlace.portablePath("/repo/k8s/app.yaml", currentDirectory: "/repo/") == "k8s/app.yaml")
    #expect(
      LogicalPlace.portablePath("/repository/a.py", currentDirectory: "/repo") == "/repository/a.py"
    )
    #expect(LogicalPlace.portablePath("a/../../b.py", currentDirectory: nil) == "../b.py")
  }

  // MARK: - GitHub

  @Test func githubCommandsEscapeDataAndProperties() {
    let odd = Self.diagnostic(
      file: "dir,with:colon/a%b.yaml", message: "100% over\nthe limit\r", place: nil)
    #expect(
      GitHubReporter.command(for: odd)
        == "::error file=dir%2Cwith%3Acolon/a%25b.yaml,line=3,col=5,endLine=3,endColumn=9,"
        + "title=RL001 limit-below-request::100%25 over%0Athe limit%0D")
    // The message keeps ':' and ',' (only properties escape them).
    let plain = Self.diagnostic(
      severity: .warning, message: "a: b, c", place: nil)
    #expect(GitHubReporter.command(for: plain).hasSuffix("::a: b, c"))
    #expect(GitHubReporter.command(for: plain).hasPrefix("::warning file=k8s/app.yaml,"))
    let info = Self.diagnostic(code: "RL005", name: "non-string-resource-value", severity: .info)
    #expect(GitHubReporter.command(for: info).hasPrefix("::notice "))
    #expect(GitHubReporter.command(for: info).contains("title=RL005 non-string-resource-value::"))
    // Paths below the working directory are written relative to it.
    let absolute = Self.diagnostic(file: "/work/repo/./k8s/app.yaml")
    #expect(
      GitHubReporter.command(for: absolute, currentDirectory: "/work/repo").hasPrefix(
        "::error file=k8s/app.yaml,"))
  }

  @Test func githubSummarisesWhatItCannotShow() {
    let ten = (1...10).map { Self.diagnostic(line: $0) }
    #expect(GitHubReporter.overflowNotice(ten) == nil)
    #expect(!GitHubReporter.render(ten).contains("::notice"))

    let many =
      ten + [Self.diagnostic(line: 11)]
      + (1...3).map { Self.diagnostic(line: $0, severity: .warning) }
    let output = GitHubReporter.render(many).split(separator: "\n")
    #expect(output.count == 15)
    #expect(
      output[0].hasPrefix(
        "::notice title=resourcelint::resourcelint found 14 problems "
          + "(11 errors, 3 warnings, 0 infos)"))
    #expect(output[0].contains("10 errors, 10 warnings and 10 notices per step, 50 per job"))
    #expect(output[0].contains("--format sarif"))
    #expect(
      output.dropFirst().allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") })
  }

  @Test func githubIsChosenInsideGitHubActions() throws {
    let path = "Fixtures/examples/k8s/inference.yaml"
    let auto = try CLITests.run(["check", path], environment: ["GITHUB_ACTIONS": "true"])
    #expect(auto.status == 1)
    #expect(
      auto.stdout.hasPrefix("::error file=Fixtures/examples/k8s/inference.yaml,line=28,col=20,"))
    #expect(!auto.stdout.contains("Found "))
    let explicit = try CLITests.run(
      ["check", "--format", "concise", path], environment: ["GITHUB_ACTIONS": "true"])
    #expect(explicit.stdout.hasPrefix("Fixtures/examples/k8s/inference.yaml:28:20: error:"))
    let elsewhere = try CLITests.run(["check", path], environment: ["GITHUB_ACTIONS": "false"])
    #expect(elsewhere.stdout.contains("Found 2 problems"))
    #expect(!elsewhere.stdout.contains("::error"))
  }

  // MARK: - Checkstyle

  final class XMLCollector: NSObject, XMLParserDelegate {
    var elements: [(String, [String: String])] = []
    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      elements.append((elementName, attributes))
    }
  }

  static func parseXML(_ text: String) -> (ok: Bool, elements: [(String, [String: String])]) {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = XMLCollector()
    parser.delegate = collector
    let ok = parser.parse()
    return (ok, collector.elements)
  }

  @Test func checkstyleIsWellFormedAndEscaped() throws {
    let message = "limit <1> & \"2\" isn't\nfine\u{01}"
    let xml = CheckstyleReporter.render([
      Self.diagnostic(file: "z.yaml", line: 2),
      Self.diagnostic(file: "a&b<c>.py", severity: .warning, message: message),
      Self.diagnostic(file: "z.yaml", line: 1, code: "RL005", severity: .info),
    ])
    let parsed = Self.parseXML(xml)
    #expect(parsed.ok, "\(xml)")
    #expect(parsed.elements.map(\.0) == ["checkstyle", "file", "error", "file", "error", "error"])
    #expect(parsed.elements[0].1["version"] == "4.3")
    #expect(parsed.elements[1].1["name"] == "a&b<c>.py")
    #expect(parsed.elements[2].1["message"] == "limit <1> & \"2\" isn't\nfine\u{FFFD}")
    #expect(parsed.elements[2].1["severity"] == "warning")
    #expect(parsed.elements[2].1["source"] == "resourcelint.RL001")
    #expect(parsed.elements[2].1["line"] == "3" && parsed.elements[2].1["column"] == "5")
    #expect(parsed.elements[3].1["name"] == "z.yaml")
    #expect(parsed.elements[5].1["severity"] == "info")

    let run = try CLITests.run(["check", "--format", "checkstyle", "--select", "ALL", "Fixtures/"])
    #expect(run.status == 1)
    let real = Self.parseXML(run.stdout)
    #expect(real.ok)
    let names = real.elements.filter { $0.0 == "file" }.compactMap { $0.1["name"] }
    #expect(names == names.sorted() && names.count > 30)
    #expect(real.elements.filter { $0.0 == "error" }.count > 500)
  }
}
