import ResourceModel

/// RL016: an override raises a request above the task's limit without raising the limit.
struct OverrideRequestsWithoutLimitsRule: Rule {
  static let description = RuleDescription(
    code: "RL016",
    name: "override-requests-without-limits",
    summary: "An override raises a request above the task's limit without overriding the limit",
    rationale: """
      Override resources are merged key by key onto the task's, and then flytepropeller lowers \
      every request to its limit. A task declared with `requests=Resources(cpu="1")` gets a \
      limit of 1 from the backend, so `t().with_overrides(requests=Resources(cpu="4"))` runs \
      with 1 CPU, silently (flyte issue #6390; flytekit only logs "Requests overridden on \
      node … without specifying limits"). The task's effective limit is its declared limit, \
      else its declared request (or its pod template's primary container's), else the \
      platform default, lowered to the platform limit. Without a platform (`--platform` or \
      `platform:`), only the task's declared values are compared. Tasks outside the file are \
      not judged.
      """,
    fix: """
      Override the limit too: `with_overrides(resources=Resources(cpu=("4", "4")))` or \
      `with_overrides(requests=Resources(cpu="4"), limits=Resources(cpu="4"))`.
      """,
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import Resources, task, workflow

        @task(requests=Resources(cpu="1"))
        def train() -> None: ...

        @workflow
        def wf() -> None:
            train().with_overrides(requests=Resources(cpu="4"))  # expect: 51 [RL016] "clamped to 1"
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task, workflow

        @task(requests=Resources(cpu="1"))
        def train() -> None: ...

        @workflow
        def wf() -> None:
            train().with_overrides(requests=Resources(cpu="4"), limits=Resources(cpu="4"))
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard declaration.kind == .override, declaration.hasArgument("requests"),
      !declaration.hasArgument("resources"), let task = context.resources(ofTask: declaration.owner)
    else { return [] }
    return declaration.requests.keys.compactMap { key -> Violation? in
      // Dynamic limits may hold this one: unknown is not "no limit".
      guard !declaration.limits.mayHaveEntry(for: key), let entry = declaration.requests[key],
        let request = entry.value.quantity,
        let limit = task.effectiveLimit(for: key, platform: context.platform),
        limit.quantity < request
      else { return nil }
      let name = key.displayName
      let shown = limit.quantity.reading(for: key)
      let owner = task.isFromPodTemplate ? "the task's pod template" : "the task"
      let source = context.platform.map { " (\($0.source))" } ?? ""
      let basis =
        switch limit.basis {
        case .limit: "\(owner)'s \(name) limit \(shown)"
        case .request: "\(owner)'s \(name) request \(shown), which the backend makes its limit,"
        case .platformDefault: "the platform default \(name) \(shown)\(source), the task's limit,"
        case .platformLimit: "the platform \(name) limit \(shown)\(source)"
        }
      return Violation(
        "\(name) request \(request.reading(for: key)) is above \(basis) and this override sets "
          + "no \(name) limit, so the request is clamped to \(limit.quantity.text)",
        at: entry.value.span)
    }
  }
}
