import ResourceModel

/// RL019: pod-template primary-container resources that the task's own resources replace.
struct PodTemplateResourcesShadowedRule: Rule {
  static let description = RuleDescription(
    code: "RL019",
    name: "pod-template-resources-shadowed",
    summary: "The task's resources replace those of its pod template's primary container",
    rationale: """
      When a task with a `pod_template` sets any request or limit, flytekit replaces the \
      primary container's whole `resources` with the task's requests and limits; nothing is \
      merged. Everything written in the template's primary container is lost, including \
      extended resources such as `nvidia.com/gpu` and limits the task does not repeat: with \
      `requests=Resources(cpu="2")` and a template limit of `memory: 8Gi` the task runs with the \
      platform's default memory and no GPU. Sidecar containers keep their resources.
      """,
    fix: """
      Put all resources in one place: in the decorator (`requests=`/`limits=` or \
      `resources=`), or in the template's primary container with none on the task.
      """,
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import PodTemplate, Resources, task
        from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

        TEMPLATE = PodTemplate(pod_spec=V1PodSpec(containers=[V1Container(
            name="primary",
            # expect: 56 [RL019] "memory limit 8Gi"
            resources=V1ResourceRequirements(limits={"memory": "8Gi"}),
        )]))

        @task(requests=Resources(cpu="2"), pod_template=TEMPLATE)
        def train() -> None: ...
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import PodTemplate, task
        from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

        TEMPLATE = PodTemplate(pod_spec=V1PodSpec(containers=[V1Container(
            name="primary",
            resources=V1ResourceRequirements(limits={"memory": "8Gi"}),
        )]))

        @task(pod_template=TEMPLATE)
        def train() -> None: ...
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard declaration.kind == .podTemplate, declaration.language == .python,
      let container = declaration.container, container == declaration.primaryContainerName,
      let task = context.resources(ofTask: declaration.owner), task.declaresResources
    else { return [] }
    let taskName = declaration.owner ?? "the task"
    return declaration.sidedEntries.map { side, entry in
      let value = entry.value.dumpText ?? entry.value.pythonRepr
      return Violation(
        "\(entry.writtenKey) \(side == .request ? "request" : "limit") \(value) of pod template "
          + "container \(container) is discarded: task \(taskName) sets its own resources, "
          + "which flytekit writes over the container's",
        at: entry.value.span)
    }
  }
}
