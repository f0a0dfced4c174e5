import ResourceModel

/// RL035: Flyte 2 shared memory larger than the memory the container may use.
struct Flyte2SharedMemoryExceedsMemoryRule: Rule {
  static let description = RuleDescription(
    code: "RL035",
    name: "flyte2-shm-exceeds-memory",
    summary: "Flyte 2 shared memory is larger than the task's memory limit",
    rationale: """
      `Resources(shm="8Gi")` mounts a memory-backed `/dev/shm` of that size. Its pages count \
      against the container's memory, so a task that fills a `/dev/shm` larger than its memory \
      limit (the second element of `memory=(request, limit)`, else the request, which Flyte \
      also uses as the limit) is OOM-killed long before the volume is full.
      """,
    fix: "Lower `shm=`, raise the memory limit, or use `shm=\"auto\"`.",
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="loader", resources=flyte.Resources(memory="4Gi", shm="8Gi"))  # expect: 88 [RL035] "above the memory limit 4Gi"
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(
            name="loader", resources=flyte.Resources(memory=("4Gi", "16Gi"), shm="8Gi"))
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard declaration.kind.isFlyte2, let shm = declaration.flyte2?.shm,
      let size = shm.quantity, size.signum > 0,
      let entry = declaration.limits[.memory] ?? declaration.requests[.memory],
      let memory = entry.value.quantity, memory.signum > 0, size > memory
    else { return [] }
    return [
      Violation(
        "shm \(size.text) is above the memory limit \(memory.text): /dev/shm counts against "
          + "the container's memory, which is OOM-killed before it is full",
        at: shm.span)
    ]
  }
}
