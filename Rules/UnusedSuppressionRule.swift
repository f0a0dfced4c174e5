import ResourceModel

/// RL028: a suppression comment that silences nothing. The engine reports these itself (a rule
/// sees declarations, not comments); this file carries the documentation.
struct UnusedSuppressionRule: Rule {
  static let description = RuleDescription(
    code: "RL028",
    name: "unused-suppression",
    summary: "A suppression comment silences nothing on its line",
    rationale: """
      `# resourcelint: ignore[RL002]` (or `# noqa: RL002`, or a rule name such as \
      `ignore[bare-integer-memory]`) silences that rule on its line, and a bare \
      `# resourcelint: ignore` silences every rule there. Once the mistake is fixed, a \
      leftover suppression hides the next real finding on that line. Unused codes are only \
      reported for rules that ran, so `--select` never makes other suppressions look unused, \
      and `# noqa` comments that name only other linters' codes (`# noqa: E501`) are left \
      alone. A misspelt comment or rule name is RL029's.
      """,
    fix: "Delete the suppression, or correct the rule code or name it gives.",
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="2Gi"))  # resourcelint: ignore[RL002]  # expect: 41 [RL028]
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        worker:
          resources:
            limits: {memory: 1Gi}  # resourcelint: ignore  # expect: 30 [RL028] "no rule reports anything"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        worker:
          resources:
            requests:
              memory: 2048  # resourcelint: ignore[bare-integer-memory]
        """, language: .yaml)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] { [] }
}
