import ResourceModel

/// RL033: `override(resources=...)` on a task of a reusable environment.
struct Flyte2OverrideReusableRule: Rule {
  static let description = RuleDescription(
    code: "RL033",
    name: "flyte2-override-reusable",
    summary: "A Flyte 2 override changes the resources of a task of a reusable environment",
    rationale: """
      Tasks of a `TaskEnvironment(reusable=flyte.ReusePolicy(...))` run in the environment's \
      long-lived containers, with the environment's resources. `task.override(resources=...)` \
      on such a task raises ValueError ("Cannot override resources when reusable is set") \
      unless the same call passes `reusable="off"`; so does an override that passes both \
      `resources=` and a `ReusePolicy`. Clones inherit the policy unless `clone_with` passes \
      `reusable=None`.
      """,
    fix: """
      Pass `reusable="off"` in the same `override` call, or change the environment's \
      resources instead.
      """,
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        import flyte

        pool = flyte.TaskEnvironment(
            name="pool", resources=flyte.Resources(cpu=2), reusable=flyte.ReusePolicy(replicas=2))

        @pool.task
        async def work() -> None: ...

        big = work.override(resources=flyte.Resources(cpu=8))  # expect: 31 [RL033] "pass reusable=\\"off\\""
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        import flyte

        pool = flyte.TaskEnvironment(
            name="pool", resources=flyte.Resources(cpu=2), reusable=flyte.ReusePolicy(replicas=2))

        @pool.task
        async def work() -> None: ...

        big = work.override(resources=flyte.Resources(cpu=8), reusable="off")
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    Flyte2Findings.raise(declaration, .reusableOverride)
  }
}
