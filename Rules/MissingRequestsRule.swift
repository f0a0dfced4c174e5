import ResourceModel

/// RL026 (opt-in): a container or task that requests no cpu or no memory.
struct MissingRequestsRule: Rule {
  static let description = RuleDescription(
    code: "RL026",
    name: "missing-requests",
    summary: "A container or Flyte task sets no cpu or memory request",
    rationale: """
      Without a request the scheduler reserves nothing: a Kubernetes container without any is \
      BestEffort and the first to be evicted, and one without a memory request can land on a \
      node that has no memory to spare. A Flyte task without one silently gets the platform \
      defaults (100m cpu and 500Mi memory with the flyte-core chart). A limit alone counts, \
      because Kubernetes and flyteadmin copy it into the request. Checked: containers and \
      init containers of Kubernetes objects, Helm values `resources` blocks, and `@task` or \
      `ContainerTask` declarations whose resources are all in the call (tasks with a pod \
      template or plugin config, and `@task` without any resource argument, are not); a value \
      the scanner cannot know (`requests=RES` imported, `Resources(**cfg)`) is not missing. \
      This is a policy, like kube-linter's `unset-cpu-requirements`, so it is off unless \
      selected.
      """,
    fix: "Request what the workload needs: `requests: {cpu: 500m, memory: 1Gi}`.",
    defaultSeverity: .warning,
    isOptIn: true,
    triggering: [
      Example(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app  # expect: 7 [RL026] "container app sets no cpu or memory request"
              image: nginx
        """, language: .yaml),
      Example(
        """
        from flytekit import Resources, task

        @task(limits=Resources(gpu="1"))  # expect: 1 [RL026] "task train sets no cpu or memory"
        def train() -> None: ...
        """, language: .python),
    ],
    nonTriggering: [
      Example(
        """
        containers:
          - name: app
            image: nginx
            resources: {requests: {cpu: 100m}, limits: {memory: 256Mi}}
        """, language: .yaml)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    let isTask = MissingResources.isSelfContainedTask(declaration, context: context)
    guard isTask || MissingResources.isKubernetesContainer(declaration) else { return [] }
    let missing = [ResourceKey.cpu, .memory].filter {
      !MissingResources.sets(declaration.requests, $0)
        && !MissingResources.sets(declaration.limits, $0)
    }
    guard !missing.isEmpty else { return [] }
    let head =
      "\(MissingResources.subject(declaration)) sets no "
      + "\(MissingResources.words(missing)) request"
    var consequence = "the scheduler reserves no \(MissingResources.words(missing)) for it"
    if isTask {
      consequence = "it gets the platform default"
      if let defaults = context.platform?.defaults {
        let values = missing.compactMap { key in
          defaults[key]?.value.quantityText.map { "\(key.displayName) \($0)" }
        }
        if let source = context.platform?.source, !values.isEmpty {
          consequence += " (\(values.joined(separator: ", ")) from \(source))"
        }
      }
    }
    return [Violation("\(head): \(consequence)", at: SourceSpan(at: declaration.location))]
  }
}
