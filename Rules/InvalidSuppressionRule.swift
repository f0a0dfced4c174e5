import ResourceModel

/// RL029: a suppression comment that is not written the accepted way, or names no rule. The
/// engine reports these itself (a rule sees declarations, not comments); this file carries the
/// documentation.
struct InvalidSuppressionRule: Rule {
  static let description = RuleDescription(
    code: "RL029",
    name: "invalid-suppression",
    summary: "A suppression comment is misspelt or names no rule or policy",
    rationale: """
      Suppressions are read from real comments only: `# resourcelint: ignore[RL002]`, \
      `# resourcelint: ignore`, `# resourcelint: ignore-file` (in the first 20 lines) and \
      `# noqa: RL002` or a bare `# noqa`. A near miss (`# resourcelint:ignore[RL002]`, \
      `# resourcelint: ignore RL002`, `# NOQA:RL002`) is honoured when its meaning is certain, \
      but reported with the accepted spelling, because other tools may read it differently: \
      flake8 and ruff take `# noqa RL002`, without the colon, as a blanket `# noqa` for every \
      rule. A name that is no rule and no policy of the configuration (`ignore[RL0O2]`) \
      silences nothing and is reported with a did-you-mean. Codes of other linters in a \
      shared `# noqa: E501, RL002` are left alone: only `RL` codes, rule names and policy ids \
      are ours, and the `external` setting names more prefixes to leave alone.
      """,
    fix: "Write the comment as the message says, or correct the rule code or name.",
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="2048"))  # resourcelint:ignore[RL002]  # expect: 42 [RL029] "is not the accepted spelling"
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        worker:
          resources:
            limits: {memory: 1Gi}  # resourcelint: ignore[bare-integer-memry]  # expect: 30 [RL029] "did you mean 'bare-integer-memory'?"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="2048"))  # noqa: E501, RL002
        def train() -> None: ...
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] { [] }
}
