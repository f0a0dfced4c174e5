import ResourceModel

/// RL034: a Flyte 2 `(request, limit)` tuple that is not a pair.
struct Flyte2PairLengthRule: Rule {
  static let description = RuleDescription(
    code: "RL034",
    name: "flyte2-pair-length",
    summary: "A Flyte 2 cpu or memory tuple does not have exactly two elements",
    rationale: """
      In Flyte 2, `cpu=` and `memory=` take a single value (the request) or a `(request, \
      limit)` tuple. `flyte.Resources` raises ValueError for a tuple of any other length \
      (`memory=("1Gi",)`, `cpu=(1, 2, 4)`) when the module is imported. (A list is no pair \
      either: RL036 reports it.)
      """,
    fix: "Write `(request, limit)`, or a single value for a request alone.",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="etl", resources=flyte.Resources(cpu=(1, 2, 4)))  # expect: 71 [RL034] "cpu tuple must have exactly two elements"
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="etl", resources=flyte.Resources(cpu=(1, 2)))
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    Flyte2Findings.raise(declaration, .pairLength)
  }
}
