import Baseline
import Foundation
import Linting
import Reporting
import ResourceModel
import Testing

/// A finding on a value defined once and used by several constructs (a module constant, a YAML
/// anchor) is reported once and names every construct that uses it, in every format that can
/// say so; findings on values written in place name nothing.
struct RelatedLocationTests {
  static let shared = """
    from flytekit import Resources, task

    BIG = Resources(cpu="2", mem="4Gi")
    SMALL = Resources(cpu="1", mem="1Gi")

    @task(requests=BIG, limits=SMALL)
    def a() -> None: ...

    @task(requests=BIG, limits=SMALL)
    def b() -> None: ...

    """

  static func span(_ line: Int, _ column: Int, _ endColumn: Int) -> SourceSpan {
    SourceSpan(
      start: SourceLocation(line: line, column: column),
      end: SourceLocation(line: line, column: endColumn))
  }

  static func related(_ diagnostic: Diagnostic) -> [String] {
    diagnostic.related.map { "\($0.span.start.line):\($0.span.start.column) \($0.message)" }
  }

  // MARK: - The engine

  @Test func aConstantUsedByTwoTasksNamesBoth() {
    let result = lint(Self.shared, path: "shared.py", rules: rulesOnly("RL001"))
    #expect(result.diagnostics.map(\.span.start.description) == ["4:23", "4:32"])
    for diagnostic in result.diagnostics {
      #expect(
        diagnostic.related == [
          RelatedLocation(
            file: "shared.py", span: Self.span(6, 21, 33),
            message: "used by task a (limits=SMALL)"),
          RelatedLocation(
            file: "shared.py", span: Self.span(9, 21, 33),
            message: "used by task b (limits=SMALL)"),
        ])
    }
  }

  @Test func valuesWrittenInPlaceNameNoUser() {
    let source = """
      from flytekit import Resources, task

      @task(requests=Resources(cpu="2"), limits=Resources(cpu="1"))
      def a() -> None: ...

      @task(resources=Resources(cpu=("2", "1")))
      def b() -> None: ...

      """
    let result = lint(source, path: "inline.py", rules: rulesOnly("RL001"))
    #expect(result.diagnostics.count == 2)
    #expect(result.diagnostics.allSatisfy { $0.related.isEmpty })
  }

  /// Any rule, any construct: a tuple constant in `requests=` (RL014), a constant in a
  /// `with_overrides` call and a field of an inline `Resources` reached through a constant
  /// (RL002).
  @Test func everyRuleAndConstructNamesItsUsers() {
    let source = """
      from flytekit import Resources, task, workflow

      PAIR = ("1", "2")
      MEMORY = 1024
      OVERRIDE = Resources(mem=2048)

      @task(requests=Resources(cpu=PAIR))
      def a() -> None: ...

      @task(requests=Resources(mem=MEMORY))
      def b() -> None: ...

      @workflow
      def wf() -> None:
          b().with_overrides(limits=OVERRIDE)

      """
    let result = lint(source, path: "rules.py", rules: defaultRules())
    let byStart = Dictionary(
      grouping: result.diagnostics, by: { "\($0.span.start) \($0.code)" })
    #expect(
      byStart["3:8 RL014"].map { $0.flatMap(Self.related) }
        == ["7:7 used by task a (requests=Resources(cpu=PAIR))"])
    #expect(
      byStart["4:10 RL002"].map { $0.flatMap(Self.related) }
        == ["10:7 used by task b (requests=Resources(mem=MEMORY))"])
    #expect(
      byStart["5:26 RL002"].map { $0.flatMap(Self.related) }
        == ["15:24 used by override b (limits=OVERRIDE)"])
  }

  @Test func aYAMLAnchorNamesEveryContainerThatAliasesIt() {
    let source = """
      x-res: &res
        requests: {cpu: "2"}
        limits: {cpu: "1"}
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          spec:
            containers:
              - name: app
                image: nginx
                resources: *res
              - name: side
                image: nginx
                resources: *res

      """
    let result = lint(source, path: "anchors.yaml", rules: rulesOnly("RL001"))
    #expect(result.diagnostics.count == 1)
    #expect(
      result.diagnostics.first.map(Self.related) == [
        "13:11 used by k8s-container app at spec.template.spec.containers (resources: *res)",
        "16:11 used by k8s-container side at spec.template.spec.containers (resources: *res)",
      ])
  }

  // MARK: - Reporters

  static func sharedResult() -> FileResult {
    lint(Self.shared, path: "shared.py", rules: rulesOnly("RL001"))
  }

  @Test func textPrintsOneNotePerUserConciseNone() throws {
    let result = Self.sharedResult()
    let text = TextReporter.render([result], style: .init(color: false))
    #expect(
      text.hasPrefix(
        """
        shared.py:4:23: error: cpu limit 1 is below its request 2 [RL001 limit-below-request]
         4 | SMALL = Resources(cpu="1", mem="1Gi")
           |                       ^^^
           = note: shared.py:6:21: used by task a (limits=SMALL)
           = note: shared.py:9:21: used by task b (limits=SMALL)

        shared.py:4:32:
        """))
    // The README shows this very output.
    let readme = try #require(Paths.read("README.md"))
    let example = text.components(separatedBy: "\n").prefix(5).joined(separator: "\n")
    #expect(readme.contains("```\n" + example + "\n```"), "README's note example differs")
    let concise = ConciseReporter.render(result.diagnostics)
    #expect(concise.split(separator: "\n").count == 2)
    #expect(!concise.contains("used by"))
  }

  @Test func jsonHasRelatedOnlyWhenThereAreUsers() throws {
    let result = Self.sharedResult()
    var diagnostics = result.diagnostics
    diagnostics.append(FormatTests.diagnostic())
    let decoded = try JSONSerialization.jsonObject(
      with: Data(JSONReporter.render(diagnostics).utf8))
    let items = try #require(decoded as? [[String: Any]])
    #expect(items.count == 3)
    let related = try #require(items[0]["related"] as? [[String: Any]])
    #expect(related.count == 2)
    #expect(related[0]["file"] as? String == "shared.py")
    #expect(related[0]["line"] as? Int == 6)
    #expect(related[0]["column"] as? Int == 21)
    #expect(related[0]["end_line"] as? Int == 6)
    #expect(related[0]["end_column"] as? Int == 33)
    #expect(related[0]["message"] as? String == "used by task a (limits=SMALL)")
    #expect(Set(related[0].keys).count == 6)
    #expect(items[2]["related"] == nil)
  }

  @Test func sarifRelatedLocationsAndUnchangedFingerprints() throws {
    let result = Self.sharedResult()
    func render(_ diagnostics: [Diagnostic]) -> String {
      SarifReporter.render(
        diagnostics, rules: RuleSet.descriptions, toolVersion: "0.0.0",
        currentDirectory: "/repo", repositoryRoot: "/repo")
    }
    let log = try FormatTests.json(render(result.diagnostics))
    let results = try FormatTests.results(log)
    let related = try #require(results.first?["relatedLocations"] as? [[String: Any]])
    #expect(related.map { $0["id"] as? Int } == [1, 2])
    #expect(
      related.map { ($0["message"] as? [String: String])?["text"] } == [
        "used by task a (limits=SMALL)", "used by task b (limits=SMALL)",
      ])
    let physical = related.first?["physicalLocation"] as? [String: Any]
    #expect(
      physical?["region"] as? [String: Int] == [
        "startLine": 6, "startColumn": 21, "endLine": 6, "endColumn": 33,
      ])
    #expect(
      physical?["artifactLocation"] as? [String: String] == [
        "uri": "shared.py", "uriBaseId": "%SRCROOT%",
      ])

    // Fingerprints and baseline keys do not depend on related locations.
    let bare = result.diagnostics.map { diagnostic -> Diagnostic in
      var copy = diagnostic
      copy.related = []
      return copy
    }
    let bareResults = try FormatTests.results(FormatTests.json(render(bare)))
    #expect(bareResults.first?["relatedLocations"] == nil)
    #expect(results.map(FormatTests.fingerprint) == bareResults.map(FormatTests.fingerprint))
    #expect(
      Baseline(diagnostics: result.diagnostics, currentDirectory: "/repo")
        == Baseline(diagnostics: bare, currentDirectory: "/repo"))
  }

  @Test func sarifWithRelatedLocationsIsSchemaValid() throws {
    let root = try CLITests.tree(["shared.py": Array(Self.shared.utf8)])
    let run = try CLITests.run(["check", "--format", "sarif", "shared.py"], in: root)
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stdout.contains("\"relatedLocations\""))
    let validation = try FormatTests.validateSarif([FormatTests.write(run.stdout)])
    #expect(validation.status == 0, "\(validation.output)")
  }
}
