import ResourceModel

/// RL027 (opt-in): a Kubernetes container without a cpu or memory limit.
struct MissingLimitsRule: Rule {
  static let description = RuleDescription(
    code: "RL027",
    name: "missing-limits",
    summary: "A Kubernetes container sets no cpu or memory limit",
    rationale: """
      A container without a memory limit can use all of a node's memory until the kernel \
      kills something else, and one without a cpu limit can take every idle core. Teams that \
      want every workload bounded (kube-linter's `unset-memory-requirements`) select this \
      rule; many leave cpu unlimited on purpose, so it is off unless selected. It checks \
      containers and init containers of Kubernetes objects and Helm values `resources` \
      blocks. Flyte tasks are not checked: flyteadmin sets a missing limit to the request and \
      clamps it to the platform limit, so a task is never unbounded.
      """,
    fix: "Set limits: `limits: {cpu: \"1\", memory: 1Gi}`.",
    defaultSeverity: .warning,
    isOptIn: true,
    triggering: [
      Example(
        """
        containers:
          - name: app
            image: nginx
            resources:  # expect: 5 [RL027] "container app sets no memory limit"
              requests: {cpu: 100m, memory: 256Mi}
              limits: {cpu: 500m}
        """, language: .yaml)
    ],
    nonTriggering: [
      Example(
        """
        containers:
          - name: app
            image: nginx
            resources: {limits: {cpu: 500m, memory: 256Mi}}
        """, language: .yaml)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard MissingResources.isKubernetesContainer(declaration) else { return [] }
    let missing = [ResourceKey.cpu, .memory].filter {
      !MissingResources.sets(declaration.limits, $0)
    }
    guard !missing.isEmpty else { return [] }
    let consequence: String
    switch missing {
    case [.cpu]: consequence = "it can take every idle core of its node"
    case [.memory]: consequence = "nothing stops it from using all of its node's memory"
    default: consequence = "nothing bounds the cpu and memory it takes from its node"
    }
    return [
      Violation(
        "\(MissingResources.subject(declaration)) sets no \(MissingResources.words(missing)) "
          + "limit: \(consequence)", at: SourceSpan(at: declaration.location))
    ]
  }
}
