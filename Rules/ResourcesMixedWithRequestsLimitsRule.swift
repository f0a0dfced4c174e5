import ResourceModel

/// RL013: `resources=` given together with `requests=` or `limits=`.
struct ResourcesMixedWithRequestsLimitsRule: Rule {
  static let description = RuleDescription(
    code: "RL013",
    name: "resources-mixed-with-requests-limits",
    summary: "resources= is combined with requests= or limits= on the same call",
    rationale: """
      flytekit accepts either `resources=` (single values are requests, `(request, limit)` \
      tuples set both) or the older `requests=`/`limits=` pair, never both. `@task`, \
      `@dynamic` and `ContainerTask` raise `ValueError` ("resource can not be used together \
      with the limits or requests. Please only set resource.") as soon as the module is \
      imported; `with_overrides` raises the same error when the workflow is compiled \
      or serialized. An argument passed as `None` does not count.
      """,
    fix: """
      Move everything into `resources=`, using a tuple for a request and a limit: \
      `resources=Resources(cpu="1", mem=("1Gi", "2Gi"))`.
      """,
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        # expect: 37 [RL013] "resources= is combined with limits="
        @task(resources=Resources(cpu="1"), limits=Resources(mem="1Gi"))
        def train() -> None: ...
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(resources=Resources(cpu="1", mem=("1Gi", "1Gi")))
        def train() -> None: ...
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    let when: String
    switch declaration.kind {
    case .task, .containerTask: when = "when the module is imported"
    case .override: when = "when the workflow is compiled"
    default: return []
    }
    func given(_ argument: ArgumentUse) -> Bool {
      if case .some(.none) = argument.value?.form { return false }
      return true
    }
    guard let resources = declaration.argument("resources"), given(resources),
      let other = declaration.arguments.first(where: {
        ($0.name == "requests" || $0.name == "limits") && given($0)
      })
    else { return [] }
    return [
      Violation(
        "resources= is combined with \(other.name)=; flytekit accepts only one of them and "
          + "raises ValueError \(when)",
        at: other.span)
    ]
  }
}
