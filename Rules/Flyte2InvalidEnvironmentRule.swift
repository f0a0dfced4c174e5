import ResourceModel

/// RL037: a Flyte 2 environment, clone or override call the `flyte` SDK rejects.
struct Flyte2InvalidEnvironmentRule: Rule {
  static let description = RuleDescription(
    code: "RL037",
    name: "flyte2-invalid-environment",
    summary: "A Flyte 2 TaskEnvironment, clone_with or override call is rejected by the flyte SDK",
    rationale: """
      `flyte.TaskEnvironment` raises when the module is imported if its name is not \
      snake_case or kebab-case (lower-case letters and digits joined by `_` or `-`), if \
      `resources=` is anything but a `flyte.Resources` (a tuple, a dict), if `reusable=` is \
      not a valid `flyte.ReusePolicy`, or if it is given a keyword it does not have \
      (`resource=`). `clone_with` checks the same, and `task.override` rejects unknown \
      keywords (`request=`) and `name=`. Every task of the environment is lost with it.
      """,
    fix: "Rename the environment, pass a `flyte.Resources`, or fix the keyword.",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="Training Job", resources=flyte.Resources(cpu=2))  # expect: 34 [RL037] "must be snake_case or kebab-case"
        """, language: .python),
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="etl", resource=flyte.Resources(cpu=2))  # expect: 41 [RL037] "did you mean resources=?"
        """, language: .python),
    ],
    nonTriggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="training-job", resources=flyte.Resources(cpu=2))
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    Flyte2Findings.raise(declaration, .call)
  }
}
