import FileIO
import Linting
import ResourceModel
import Testing

/// Suppressions as the engine reads them: from real comments, with other linters' codes left
/// alone, and end to end through the command. The fixtures under `Fixtures/invalid-suppression/`
/// and `Fixtures/unused-suppression/` cover the spellings; these cases need settings or files a
/// fixture cannot carry.
@Suite struct SuppressionTests {
  static let task = """
    from flytekit import Resources, task

    @task(requests=Resources(mem="2048"))  # resourcelint: ignore[RL002, B950]
    def train() -> None: ...

    """

  static func codes(_ source: String, path: String = "flow.py", external: [String] = [])
    -> [String]
  {
    var linter = Linter(rules: defaultRules())
    linter.external = external
    let language: FileLanguage = path.hasSuffix(".py") ? .python : .yaml
    return linter.lint(path: path, bytes: Array(source.utf8), language: language).diagnostics
      .map { "\($0.span.start.line):\($0.code)" }
  }

  @Test func externalPrefixesAreNeverReported() {
    // Without `external`, B950 in our own list is a name we do not know.
    #expect(Self.codes(Self.task) == ["3:RL029"])
    #expect(Self.codes(Self.task, external: ["B9"]).isEmpty)
  }

  @Test func noqaListsNamingOnlyOtherLintersAreLeftAlone() {
    let source = """
      from flytekit import Resources, task

      @task(requests=Resources(mem="2048"))  # noqa: E501, W291
      def train() -> None: ...

      """
    #expect(Self.codes(source) == ["3:RL002"])
  }

  @Test func directivesInStringsAreText() {
    let source = """
      from flytekit import Resources, task

      @task(requests=Resources(mem="2048"))
      def train() -> None:
          \"\"\"Silence it with `# resourcelint: ignore[RL002]`, or `# noqa: RL0O2`.\"\"\"

      """
    #expect(Self.codes(source) == ["3:RL002"])
  }

  @Test func yamlCommentAfterAnApostropheInAFlowMapping() {
    let source = """
      worker:
        resources:
          limits: {memory: 2048, note: don't}  # resourcelint: ignore[RL002]

      """
    #expect(Self.codes(source, path: "values.yaml").filter { $0.hasSuffix("RL002") }.isEmpty)
  }

  @Test func ignoreFileBelowTheFirstLinesIsReported() {
    let padding = String(repeating: "\n", count: 25)
    let source =
      Self.task.replacing("[RL002, B950]", with: "[RL002]") + padding
      + "# resourcelint: ignore-file\n"
    #expect(Self.codes(source) == ["30:RL029"])
  }

  @Test func ignoredRulesNeverMakeSuppressionsLookUnused() throws {
    let root = try CLITests.tree([
      "values.yaml": Array("w:\n  resources:\n    requests: {memory: 2Gi}  # noqa: RL002\n".utf8)
    ])
    let reported = try CLITests.run(["check", "--format", "concise", "values.yaml"], in: root)
    #expect(reported.stdout.contains("[RL028]"))
    let ignored = try CLITests.run(
      ["check", "--format", "concise", "--ignore", "RL002", "values.yaml"], in: root)
    #expect(ignored.stdout.isEmpty)
    #expect(ignored.status == 0)
  }

  @Test func ignoreFileSkipsEverything() throws {
    let run = try CLITests.run(
      ["check", "--format", "concise", "Fixtures/unused-suppression/ignored-file.yaml"])
    #expect(run.status == 0)
    #expect(run.stdout.isEmpty)
  }
}
