import ResourceModel

/// RL031: a Flyte 2 accelerator the `flyte` SDK rejects.
struct Flyte2InvalidAcceleratorRule: Rule {
  static let description = RuleDescription(
    code: "RL031",
    name: "flyte2-invalid-accelerator",
    summary: "A Flyte 2 accelerator is not one the flyte SDK knows",
    rationale: """
      Flyte 2 takes the accelerator in `Resources(gpu=...)`: a count, a `"TYPE:N"` string, or \
      a `flyte.GPU()`/`TPU()`/`Device()` object. The string must be one of the SDK's \
      `Accelerators` (`"A100:2"`, `"H100:8"`, `"T4 shared:1"`, `"Trn1:16"`): an unknown type, a \
      lower-case name, a count the type does not come in (`"A100:9"`, `"A2:2"`), a missing or \
      extra `:N`, or a TPU (`"V5E:1"`; TPUs come only from `flyte.TPU()`) makes \
      `flyte.Resources` raise ValueError when the module is imported. `GPU()` rejects an \
      unknown device, a quantity below 1, a MIG partition its device does not have, and any \
      partition on a shared device (`"T4 shared"`); `TPU()` rejects an unknown slice. A \
      `Device(...)` without `device=` builds, but the task then fails to serialise ("Device \
      type must be specified").
      """,
    fix: """
      Use a string from the SDK's list (the deprecated `"A100 80G"` is accepted as \
      `A100_80G`), or build the device with `flyte.GPU(device, quantity, partition)` / \
      `flyte.TPU(device, partition)`.
      """,
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="train", resources=flyte.Resources(gpu="A100:9"))  # expect: 73 [RL031] "A100 comes in counts of 1 to 8"
        """, language: .python),
      Example(
        """
        import flyte

        mig = flyte.Resources(gpu=flyte.GPU("A100", 1, partition="1g.10gb"))  # expect: 58 [RL031] "invalid partition \\"1g.10gb\\" for A100"
        """, language: .python),
    ],
    nonTriggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="train", resources=flyte.Resources(gpu="A100 80G:2"))
        tpu = flyte.Resources(gpu=flyte.TPU("V5P", "2x2x1"))
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    Flyte2Findings.raise(declaration, .accelerator)
  }
}
