import Linting
import Testing

/// Rule and policy names as users type them: `--select`, `--ignore`, `--severity`, `explain`,
/// with one did-you-mean everywhere, and policy ids accepted wherever rule codes are.
struct RuleNameTests {
  static let policyConfiguration = """
    policies:
      - id: ORG001
        message: GPU tasks must stay within 4 GPUs
        max: {gpu: "4"}
    """

  static let task = """
    from flytekit import Resources, task

    @task(requests=Resources(gpu="8", mem="1024"))
    def train() -> None: ...
    """

  /// A policy in a nested configuration, and a file outside it.
  static func tree() throws -> String {
    try CLITests.tree([
      "team/.resourcelint.yml": Array(policyConfiguration.utf8),
      "team/train.py": Array(task.utf8),
      "other.py": Array(task.utf8),
    ])
  }

  @Test func policyIdsAreAcceptedLikeRuleCodes() throws {
    let root = try Self.tree()
    let selected = try CLITests.run(["check", "--select", "ORG001", "."], in: root)
    #expect(selected.status == 1, "\(selected.stderr)")
    #expect(selected.stdout.contains("team/train.py:3:30: error: GPU tasks must stay within 4"))
    // Only the policy was selected: other.py, which no configuration governs, gets nothing.
    #expect(!selected.stdout.contains("RL002"))
    #expect(!selected.stdout.contains("other.py"))

    let ignored = try CLITests.run(
      ["check", "--ignore", "ORG001", "--select", "RL002,ORG001", "team"], in: root)
    #expect(!ignored.stdout.contains("ORG001"))
    #expect(ignored.stdout.contains("RL002"))

    let downgraded = try CLITests.run(
      ["check", "--select", "ORG001", "--severity", "ORG001=warning", "team"], in: root)
    #expect(downgraded.status == 0)
    #expect(downgraded.stdout.contains("warning: GPU tasks must stay within 4 GPUs"))

    let explained = try CLITests.run(["explain", "ORG001"], in: root + "/team")
    #expect(explained.status == 0)
    #expect(explained.stdout.contains("ORG001 (org001): a policy of .resourcelint.yml"))
    #expect(explained.stdout.contains("At most 4 of gpu in requests and limits"))
  }

  @Test func mistypedNamesGetOneDidYouMean() throws {
    let root = try Self.tree()
    let cases: [([String], String)] = [
      (
        ["check", "--select", "ORG01", "."],
        "unknown rule or policy 'ORG01' (did you mean 'ORG001'?)"
      ),
      (
        ["check", "--select", "RL0O2", "."],
        "unknown rule or policy 'RL0O2' (did you mean 'RL002'?)"
      ),
      (["check", "--ignore", "bare-integer-memry", "."], "(did you mean 'bare-integer-memory'?)"),
      (["check", "--severity", "RL02=off", "."], "'RL02' (did you mean 'RL002'?)"),
      (["check", "--severity", "RL002=of", "."], "unknown severity 'of' (did you mean 'off'?)"),
      (["explain", "RL0O4"], "unknown rule or policy 'RL0O4' (did you mean 'RL004'?)"),
    ]
    for (arguments, message) in cases {
      let run = try CLITests.run(arguments, in: root)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
    }
    // The same repair in a configuration file.
    let configured = try CLITests.tree([
      ".resourcelint.yml": Array("rules:\n  RL0O2: warning\n".utf8),
      "a.py": Array(Self.task.utf8),
    ])
    let run = try CLITests.run(["check", "."], in: configured)
    #expect(run.status == 2)
    #expect(run.stderr.contains("unknown rule 'RL0O2' (did you mean 'RL002'?)"), "\(run.stderr)")
  }

  @Test func codesAreRepairedNotGuessed() {
    #expect(RuleSet.hint(forUnknown: "RL02") == " (did you mean 'RL002'?)")
    #expect(RuleSet.hint(forUnknown: "rl-4") == " (did you mean 'RL004'?)")
    #expect(RuleSet.hint(forUnknown: "RLOO1") == " (did you mean 'RL001'?)")
    // A code that exists in no repaired form gets no guess among its dozen neighbours.
    #expect(RuleSet.hint(forUnknown: "RL999") == "")
    #expect(
      RuleSet.hint(forUnknown: "limit-below-requst") == " (did you mean 'limit-below-request'?)")
  }
}
