import ResourceModel

/// RL022: a Ray node config whose `pod_template` is dropped because it also sets resources.
struct PluginPodTemplateIgnoredRule: Rule {
  static let description = RuleDescription(
    code: "RL022",
    name: "plugin-pod-template-ignored",
    summary: "A Ray node config sets requests or limits, so its pod_template is ignored",
    rationale: """
      The Ray plugin builds the head or worker pod from `requests=`/`limits=` when either is \
      given, and then discards `pod_template=` entirely (`RayFunctionTask.get_custom`): its \
      node selectors, tolerations, volumes, environment and container resources never reach \
      the cluster. Nothing fails; the pods simply run without them. This applies to \
      `HeadNodeConfig` and `WorkerNodeConfig`.
      """,
    fix: """
      Put the resources inside the pod template's container and drop `requests=`/`limits=`, \
      or drop `pod_template=`.
      """,
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import Resources
        from flytekitplugins.ray import WorkerNodeConfig

        WORKERS = WorkerNodeConfig(
            group_name="w",
            replicas=2,
            requests=Resources(cpu="2"),
            pod_template=GPU_POD,  # expect: 5 [RL022] "WorkerNodeConfig ignores pod_template="
        )
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekitplugins.ray import WorkerNodeConfig

        WORKERS = WorkerNodeConfig(group_name="w", replicas=2, pod_template=GPU_POD)
        """, language: .python)
    ])

  private static let rayNodeConfigs: Set<String> = ["HeadNodeConfig", "WorkerNodeConfig"]

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard declaration.kind == .plugin, let name = declaration.name,
      Self.rayNodeConfigs.contains(name), let template = declaration.argument("pod_template"),
      !template.isNone,
      let resources = declaration.arguments.first(where: {
        ($0.name == "requests" || $0.name == "limits") && !$0.isNone
      })
    else { return [] }
    return [
      Violation(
        "\(name) ignores pod_template= because \(resources.name)= is set: the Ray plugin builds "
          + "the pod from the resources alone and drops the template",
        at: template.span)
    ]
  }
}

extension ArgumentUse {
  /// True when the argument was passed as a literal `None`.
  fileprivate var isNone: Bool {
    if case .some(.none) = value?.form { return true }
    return false
  }
}
