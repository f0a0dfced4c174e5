import ResourceModel

/// RL010: a GPU count that is not a whole number.
struct FractionalGPURule: Rule {
  static let description = RuleDescription(
    code: "RL010",
    name: "fractional-gpu",
    summary: "A GPU value is not a whole number",
    rationale: """
      GPUs are allocated whole. flyteadmin rejects a fractional GPU at registration ("must be \
      a whole number"), and the API server rejects `nvidia.com/gpu: 0.5` ("must be an \
      integer"); `500m` is the same 0.5. To share a GPU, ask for one MIG slice instead. A \
      Python float (`gpu=0.5`) is reported by malformed-resources-argument, since `Resources` \
      rejects it when constructed.
      """,
    fix: """
      Request whole GPUs; for part of a GPU use a partition, such as \
      `accelerator=A100.partition_1g_5gb` in flytekit or `nvidia.com/mig-1g.5gb: 1` in Kubernetes.
      """,
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(limits=Resources(gpu="0.5"))  # expect: 28 [RL010] "gpu limit 0.5 is 0.5 GPU"
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        resources:
          limits:
            nvidia.com/gpu: 500m  # expect: 21 [RL010] "not a whole number"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task
        from flytekit.extras.accelerators import A100

        @task(limits=Resources(gpu="1"), accelerator=A100.partition_1g_5gb)
        def train() -> None: ...
        """, language: .python)
    ],
    fixAvailability: FixAvailability(
      .none,
      reason: """
        Rounding a GPU count up or down changes what is deployed either way, and neither is \
        certainly meant: there is no automatic fix.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    // A quota or a LimitRange bound is no GPU allocation.
    guard declaration.kind.isContainerAmount else { return [] }
    return declaration.compactMapEntries(where: \.mayBeGPU) { side, entry -> Violation? in
      guard entry.key.isGPU, let quantity = entry.value.quantity, quantity.signum > 0,
        !quantity.isWholeNumber, !entry.value.isRejectedFloat(for: entry.key, in: declaration.kind)
      else { return nil }
      let partition =
        declaration.language == .python
        ? "accelerator=A100.partition_1g_5gb" : "nvidia.com/mig-1g.5gb: 1"
      return Violation(
        "\(declaration.label(entry, side)) \(quantity.text) is \(quantity.amount(of: entry.key)), "
          + "not a whole number; GPUs are allocated whole, use a MIG partition such as "
          + partition,
        at: entry.value.span)
    }
  }
}
