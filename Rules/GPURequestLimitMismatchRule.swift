import ResourceModel

/// RL009: a GPU, extended resource or hugepages request that differs from its limit.
struct GPURequestLimitMismatchRule: Rule {
  static let description = RuleDescription(
    code: "RL009",
    name: "gpu-request-limit-mismatch",
    summary: "A GPU, extended resource or hugepages request differs from its limit",
    rationale: """
      GPUs, other extended resources (`nvidia.com/gpu`, `amd.com/gpu`, any domain-qualified \
      name outside `kubernetes.io`) and `hugepages-*` cannot be overcommitted: when both a \
      request and a limit are given they must be equal. flyteadmin rejects the task at \
      registration, and the API server rejects the pod ("must be equal to nvidia.com/gpu \
      limit"). The values are compared exactly (`1` equals `1000m`). Setting only the limit is \
      enough: the request defaults to it.
      """,
    fix: "Give the request and the limit the same value, or set only the limit.",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task
        from flytekit.extras.accelerators import L4

        # expect: 57 [RL009] "gpu limit 2 differs from its request 1"
        @task(requests=Resources(gpu="1"), limits=Resources(gpu="2"), accelerator=L4)
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        resources:
          requests: {nvidia.com/gpu: 1}
          limits: {nvidia.com/gpu: 2}  # expect: 28 [RL009] "nvidia.com/gpu limit 2"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        resources:
          requests: {nvidia.com/gpu: 1, hugepages-2Mi: 4Mi, cpu: 1}
          limits: {nvidia.com/gpu: "1", hugepages-2Mi: 4Mi, cpu: 2}
        """, language: .yaml)
    ],
    fixAvailability: FixAvailability(
      .none,
      reason: """
        Whether the request or the limit is the intended count is a guess, so there is no \
        automatic fix.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    // Platform defaults and limits are ceilings for tasks, not one container's pair.
    guard !declaration.kind.isPlatformConfig, declaration.kind.isContainerAmount,
      // Only GPUs and named keys (extended resources, huge pages) must match their request.
      declaration.limits.entries.contains(where: \.mayBeGPU)
    else { return [] }
    return declaration.limits.winningEntries.compactMap { key, limitEntry -> Violation? in
      guard key.requiresRequestEqualToLimit, let requestEntry = declaration.requests[key],
        let limit = limitEntry.value.quantity,
        let request = requestEntry.value.quantity, limit != request,
        !limitEntry.value.isRejectedFloat(for: key, in: declaration.kind),
        !requestEntry.value.isRejectedFloat(for: key, in: declaration.kind)
      else { return nil }
      return Violation(
        "\(key.displayName) limit \(limit.reading(for: key)) differs from its request "
          + "\(request.reading(for: key)); \(key.isGPU ? "GPUs" : "it") cannot be overcommitted, "
          + "so they must be equal",
        at: limitEntry.value.span)
    }
  }
}
