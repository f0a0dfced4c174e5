import ResourceModel

/// RL001: a limit lower than its request, compared exactly.
struct LimitBelowRequestRule: Rule {
  static let description = RuleDescription(
    code: "RL001",
    name: "limit-below-request",
    summary: "A resource limit is lower than its request",
    rationale: """
      Kubernetes rejects a container whose request exceeds its limit ("must be less than or \
      equal to cpu limit"). flyteadmin compares rounded-up whole units, so `900m` over `500m` \
      passes registration and flytepropeller then silently lowers the request to the limit: the \
      task runs with less than it asked for. resourcelint compares the exact quantities, across \
      units (`1Gi` is more than `1G`). In Flyte platform configuration a limit of 0 means "no \
      limit" and is never compared.
      """,
    fix: "Raise the limit to at least the request, or lower the request.",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(resources=Resources(cpu=("900m", "500m")))  # expect: 40 [RL001] "cpu limit 500m"
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx
              resources:
                requests: {memory: 1Gi}
                limits: {memory: 1G}  # expect: 26 [RL001] "memory limit 1G (1,000,000,000 B)"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(cpu="500m", mem="1G"), limits=Resources(cpu="1", mem="1Gi"))
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        task_resources:
          defaults: {cpu: 500m, memory: 1Gi}
          limits: {cpu: 0, memory: 0}
        """, language: .yaml),
    ],
    fixAvailability: FixAvailability(
      .sometimes, [.unsafe],
      reason: """
        The limit is raised to its request, written as the request is, as an unsafe fix: \
        the container gets more than its limit said, and lowering the request may be what was \
        meant. Overrides bounded by their task's request get none.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    // A volume claim's storage limit is not compared with its request by the API server, and
    // no provisioner reads it as a bound.
    guard declaration.kind != .k8sPVC else { return [] }
    // Quantities are built only for a finding: the comparison reads the values' stored parses.
    return declaration.limits.winningEntries.compactMap { key, limitEntry -> Violation? in
      // An override that sets only a limit is merged key by key onto the task's request (one
      // whose requests are dynamic may set its own).
      if declaration.kind == .override && !declaration.requests.mayHaveEntry(for: key),
        let task = context.task(named: declaration.owner), let requestEntry = task.requests[key],
        limitEntry.value.quantityIsLess(than: requestEntry.value) == true,
        let limit = limitEntry.value.quantity, let request = requestEntry.value.quantity
      {
        return Violation(
          "\(key.displayName) limit \(limit.reading(for: key)) of this override is below the task's "
            + "request \(request.reading(for: key)); the request is silently lowered to the limit",
          at: limitEntry.value.span)
      }
      guard let requestEntry = declaration.requests[key],
        limitEntry.value.quantityIsLess(than: requestEntry.value) == true,
        let limit = limitEntry.value.quantity, let request = requestEntry.value.quantity
      else { return nil }
      if declaration.kind.isPlatformConfig && limit.isZero { return nil }
      let limitWord = Side.limit.word(for: declaration)
      let requestWord = Side.request.word(for: declaration)
      // Raising the limit gives the container more than was written: the user decides.
      let fix = requestEntry.value.quantityText.flatMap { text in
        limitEntry.value.respelled(
          as: text, title: "Raise the \(limitWord) to its \(requestWord) \(text)", .unsafe)
      }
      return Violation(
        "\(key.displayName) \(limitWord) \(limit.reading(for: key)) is below its \(requestWord) "
          + "\(request.reading(for: key))",
        at: limitEntry.value.span, fix: fix)
    }
  }
}
