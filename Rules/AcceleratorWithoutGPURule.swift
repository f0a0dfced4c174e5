import ResourceModel

/// RL011: an accelerator on a task or node that asks for no GPU, which flytepropeller ignores.
struct AcceleratorWithoutGPURule: Rule {
  static let description = RuleDescription(
    code: "RL011",
    name: "accelerator-without-gpu",
    summary: "An accelerator is set but no GPU is requested, so the accelerator is ignored",
    rationale: """
      flytepropeller adds the accelerator's node affinity and toleration only when some \
      container of the pod has a GPU limit (`ApplyGPUNodeSelectors` returns early otherwise). \
      `@task(accelerator=T4)` without a GPU serializes fine, registers fine, and then runs on an \
      ordinary CPU node with no GPU at all. The GPU may come from the task's `requests`, \
      `limits` or `resources`, from its pod template (`nvidia.com/gpu` counts), from plugin \
      replicas, or from an override of the task in the same file; an override's accelerator \
      is judged with the task's GPU. Values that cannot be read statically count as a GPU.
      """,
    fix: "Request a GPU next to the accelerator (`limits=Resources(gpu=\"1\")`), or drop it.",
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import task
        from flytekit.extras.accelerators import T4

        @task(accelerator=T4)  # expect: 19 [RL011] "accelerator T4 (nvidia-tesla-t4)"
        def embed() -> None: ...
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task
        from flytekit.extras.accelerators import T4

        @task(accelerator=T4, limits=Resources(gpu="1"))
        def embed() -> None: ...
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard let accelerator = declaration.accelerator else { return [] }
    switch accelerator.form {
    case .constant, .partitioned, .custom, .idl: break
    case .string, .dynamic: return []  // RL012's, or unknown
    }
    let gpu: GPUPresence
    let subject: String
    switch declaration.kind {
    case .task, .containerTask:
      let task = context.resources(ofTask: declaration.name)
      var presence = task?.gpu ?? declaration.gpuPresence
      if declaration.hasArgument("pod_template") && task?.primaryContainer == nil
        && task?.sidecars.isEmpty != false
      {
        presence = presence.combined(with: .unknown)  // a template the scanner cannot see
      }
      for override in context.overrides(of: declaration.name ?? "") {
        presence = presence.combined(with: override.gpuPresence)
      }
      gpu = presence
      subject = "the task asks for no GPU"
    case .override:
      gpu = context.gpuPresence(ofOverride: declaration)
      subject = "neither the override nor its task asks for a GPU"
    case .flyteIDL:
      gpu = declaration.gpuPresence
      subject = "the task spec asks for no GPU"
    default:
      return []
    }
    guard gpu == .absent else { return [] }
    return [
      Violation(
        "accelerator \(accelerator.reading) is ignored: \(subject), so flytepropeller adds no "
          + "node affinity and the pod runs without a GPU",
        at: accelerator.span)
    ]
  }
}
