import ResourceModel

/// RL003: a GPU requested without saying which kind of GPU.
struct GPUWithoutAcceleratorRule: Rule {
  static let description = RuleDescription(
    code: "RL003",
    name: "gpu-without-accelerator",
    summary: "A task asks for a GPU without an accelerator, so it may run on any GPU type",
    rationale: """
      Without `accelerator=`, flytepropeller adds no device node affinity: the pod requests \
      `nvidia.com/gpu` and lands on whatever GPU type has free capacity — a T4 instead of an \
      A100, or a MIG slice. The task may run out of GPU memory or run many times slower, and \
      nothing fails until it does. An override without an accelerator keeps the task's \
      accelerator, so it is only reported when the task it overrides has none either. Teams \
      that accept any GPU can turn this rule off.
      """,
    fix: """
      Add an accelerator from `flytekit.extras.accelerators`, for example \
      `accelerator=L4` or `accelerator=A100.partition_1g_5gb`.
      """,
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(limits=Resources(gpu="1"))  # expect: 28 [RL003] "gpu limit 1"
        def train() -> None: ...
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task
        from flytekit.extras.accelerators import L4

        @task(limits=Resources(gpu="1"), accelerator=L4)
        def train() -> None: ...
        """, language: .python)
    ],
    fixAvailability: FixAvailability(
      .none,
      reason: """
        Which accelerator the task needs is not in the file, so there is no automatic fix.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    switch declaration.kind {
    case .task, .containerTask, .flyteIDL:
      break
    case .override:
      // The node keeps the task's accelerator unless the override replaces it.
      guard context.task(named: declaration.owner) != nil,
        context.effectiveAccelerator(of: declaration) == nil
      else { return [] }
    default:
      return []
    }
    guard declaration.accelerator == nil, !declaration.hasArgument("pod_template"),
      declaration.requests.entries.contains(where: \.mayBeGPU)
        || declaration.limits.entries.contains(where: \.mayBeGPU)
    else {
      return []
    }
    for (side, entry) in declaration.sidedEntries where entry.key.isGPU {
      guard let quantity = entry.value.quantity, quantity.signum > 0 else { continue }
      // A GPU count that already fails registration (RL009, RL010, RL021) is the finding to
      // fix first; which GPU type it lands on only matters once the task can run at all.
      if Self.blocksRegistration(entry.key, in: declaration, platform: context.platform) {
        return []
      }
      return [
        Violation(
          "\(declaration.label(entry, side)) \(quantity.text) has no accelerator, so the pod "
            + "can land on any GPU type; add accelerator= (e.g. L4, A100)",
          at: entry.value.span)
      ]
    }
    return []
  }

  /// True when flyteadmin rejects this GPU declaration: a fractional count, a request that
  /// differs from its limit, or a request above the platform's GPU limit.
  private static func blocksRegistration(
    _ key: ResourceKey, in declaration: Declaration, platform: PlatformLimits?
  ) -> Bool {
    let request = declaration.requests[key]?.value.quantity
    let limit = declaration.limits[key]?.value.quantity
    if [request, limit].contains(where: { $0.map { !$0.isWholeNumber } ?? false }) { return true }
    if let request, let limit, request != limit { return true }
    if let request, let ceiling = platform?.limits[key]?.value.quantity, request > ceiling {
      return true
    }
    return false
  }
}
