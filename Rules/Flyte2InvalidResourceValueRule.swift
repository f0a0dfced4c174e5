import ResourceModel

/// RL036: a Flyte 2 resource value of a type the `flyte` SDK rejects.
struct Flyte2InvalidResourceValueRule: Rule {
  static let description = RuleDescription(
    code: "RL036",
    name: "flyte2-invalid-resource-value",
    summary: "A Flyte 2 resource value has a type or sign the flyte SDK rejects",
    rationale: """
      `flyte.Resources` checks its arguments when it is built, at import: `cpu=` takes an int, \
      a float, a string or a pair of them (none negative, neither None); `memory=`, `disk=` \
      and `shm=` take strings only (`memory` also a pair of strings); `gpu=` a count of at \
      least 0, an accelerator string or a device. A list, a dict, None inside a pair, a \
      negative count, a misspelt keyword (`mem=` is flytekit's) or a sixth positional \
      argument makes it raise. `task.override(resources=...)` accepts any value, but a value \
      that is not a `flyte.Resources` fails when the task is serialised.
      """,
    fix: "Pass the value the SDK documents: `cpu=2`, `memory=\"4Gi\"`, `gpu=\"A100:1\"`.",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="etl", resources=flyte.Resources(mem="4Gi"))  # expect: 67 [RL036] "Flyte 2 calls it memory="
        """, language: .python),
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="etl", resources=flyte.Resources(cpu=["1", "2"]))  # expect: 71 [RL036] "got list"
        """, language: .python),
    ],
    nonTriggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="etl", resources=flyte.Resources(cpu=("1", "2")))
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    Flyte2Findings.raise(declaration, .value)
  }
}
