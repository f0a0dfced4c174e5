import ResourceModel

/// RL014: a `(request, limit)` tuple inside `requests=` or `limits=`.
struct TupleOutsideResourcesRule: Rule {
  static let description = RuleDescription(
    code: "RL014",
    name: "tuple-outside-resources",
    summary: "A (request, limit) tuple is given in requests= or limits= instead of resources=",
    rationale: """
      Only `resources=` (on `@task`, `ContainerTask` and `with_overrides`) splits a tuple into \
      a request and a limit. In `requests=` and `limits=` — of a task, an override, or a plugin \
      replica config such as PyTorch `Worker` or Ray `WorkerNodeConfig` — every value must be \
      single: `Resources(cpu=("1", "2"))` constructs fine, and then serialization fails with \
      `ValueError: ... can not be a list or tuple`, so `pyflyte run` works locally and \
      `pyflyte register` does not. Tuples that `Resources` itself rejects (wrong length, \
      `None` inside) are reported by malformed-resources-argument instead.
      """,
    fix: """
      Use `resources=Resources(cpu=("1", "2"))`, or split the pair: \
      `requests=Resources(cpu="1"), limits=Resources(cpu="2")` (plugin configs take only the \
      latter).
      """,
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(cpu=("1", "2")))  # expect: 30 [RL014] "cpu request"
        def train() -> None: ...
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(resources=Resources(cpu=("1", "2")))
        def train() -> None: ...
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    switch declaration.kind {
    case .task, .containerTask, .override, .plugin, .resources: break
    default: return []
    }
    let advice =
      declaration.kind == .plugin
      ? "give the request in requests= and the limit in limits="
      : "use resources= for a (request, limit) pair"
    var result: [Violation] = []
    // The `Resources(...)` calls passed as `requests=`/`limits=`.
    for argument in declaration.arguments
    where argument.name == "requests" || argument.name == "limits" {
      guard let fields = argument.resourceFields else { continue }
      let side = argument.name == "requests" ? "request" : "limit"
      for entry in fields {
        guard case .sequence(_, let isList) = entry.value.form,
          ResourcesField.constructionProblem(entry) == nil
        else { continue }
        result.append(
          Violation(
            "\(entry.key.displayName) \(side) \(entry.value.pythonRepr) is a "
              + "\(isList ? "list" : "tuple"); serialization fails with ValueError \"can not be "
              + "a list or tuple\"; \(advice)",
            at: entry.value.span))
      }
    }
    return result
  }
}
