import Testing

/// One explanation of a bad quantity everywhere one is rejected: the `quantity` command, a
/// finding, and a configuration file give the same did-you-mean, and none shows the grammar.
struct QuantityExplanationTests {
  @Test func everyPlaceGivesTheSameDidYouMean() throws {
    let root = try CLITests.tree([
      "train.py": Array(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="1GB"))
        def train() -> None: ...
        """.utf8),
      "strict/.resourcelint.yml": Array(
        """
        policies:
          - id: ORG001
            message: memory stays small
            max: {mem: 1GB}
        """.utf8),
      "strict/a.py": Array("x = 1\n".utf8),
    ])
    let hint = #"did you mean "1G" or "1Gi"?"#
    let runs = [
      try CLITests.run(["quantity", "1GB"], in: root),
      try CLITests.run(["quantity", "--format", "json", "1GB"], in: root),
      try CLITests.run(["check", "train.py"], in: root),
      try CLITests.run(["check", "strict"], in: root),
    ]
    for run in runs {
      let output = run.stdout + run.stderr
      #expect(
        output.contains(hint) || output.contains(#"did you mean \"1G\" or \"1Gi\"?"#), "\(output)")
      #expect(!output.contains("regular expression"), "\(output)")
      #expect(!output.contains("[eEinumkKMGTP]"), "\(output)")
    }
    #expect(runs[3].status == 2)
    #expect(runs[1].stdout.contains(#""kubernetes_error": "ErrFormatWrong""#))
  }
}
