import ResourceModel

/// RL020: a pod template none of whose containers is the primary one.
struct PodTemplatePrimaryContainerMissingRule: Rule {
  static let description = RuleDescription(
    code: "RL020",
    name: "pod-template-primary-container-missing",
    summary: "No container of a pod template has the primary container's name",
    rationale: """
      flytekit runs the task's code in the pod template's container named \
      `primary_container_name` (default `primary`). When `pod_spec.containers` has none by \
      that name, flytekit appends an empty container with it for the task, and every listed \
      container stays in the pod as a sidecar: `V1Container(name="main", …)` keeps running its \
      own image, its resources do not apply to the task's code, and the task gets only the \
      decorator's resources or the platform defaults. Only container lists written out in the \
      file are judged.
      """,
    fix: """
      Name the task's container `primary`, or set `PodTemplate(primary_container_name="main", …)`.
      """,
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import PodTemplate
        from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

        TEMPLATE = PodTemplate(pod_spec=V1PodSpec(containers=[
            # expect: 22 [RL020] "no container named primary"
            V1Container(name="main", resources=V1ResourceRequirements(limits={"memory": "2Gi"})),
        ]))
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import PodTemplate
        from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

        TEMPLATE = PodTemplate(primary_container_name="main", pod_spec=V1PodSpec(containers=[
            V1Container(name="main", resources=V1ResourceRequirements(limits={"memory": "2Gi"})),
        ]))
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard declaration.kind == .podTemplate, let primary = declaration.primaryContainerName,
      !primary.isEmpty, let containers = declaration.templateContainers,
      let first = containers.first
    else { return [] }
    var names: [String] = []
    for container in containers {
      guard let name = container.name else { return [] }  // a name the scanner cannot read
      if name == primary { return [] }
      names.append("\"\(name)\"")
    }
    let list = names.joined(separator: ", ")
    let role = names.count == 1 ? "runs as a sidecar" : "run as sidecars"
    return [
      Violation(
        "pod template has no container named \(primary) (its primary_container_name): flytekit "
          + "adds an empty \(primary) container for the task's code and \(list) \(role)",
        at: first.span)
    ]
  }
}
