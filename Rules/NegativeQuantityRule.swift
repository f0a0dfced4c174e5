import ResourceModel

/// RL018: a negative resource value.
struct NegativeQuantityRule: Rule {
  static let description = RuleDescription(
    code: "RL018",
    name: "negative-quantity",
    summary: "A resource value is negative",
    rationale: """
      The quantity grammar allows a sign, so `-1` parses, and neither flytekit nor flyteadmin \
      checks the sign: the task registers, and then Kubernetes rejects its pod when the task \
      runs ("must be greater than or equal to 0"). In a manifest the API server rejects it on \
      apply. A negative platform default is handed to every task that does not set its own.
      """,
    fix: "Remove the minus sign, or leave the resource out.",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(cpu="-1"))  # expect: 30 [RL018] "cpu request -1 is negative"
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        resources:
          limits: {memory: -512Mi}  # expect: 20 [RL018] "the API server rejects it"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example("resources: {requests: {cpu: +1, memory: 512Mi}}", language: .yaml)
    ],
    fixAvailability: FixAvailability(
      .none,
      reason: """
        Dropping the sign is only one reading of the mistake, so there is no automatic fix.
        """))

  /// A necessary condition, read without building the value's quantity.
  private static func mayBeFinding(_ entry: ResourceEntry) -> Bool {
    entry.quantityFacts { $0.signum < 0 }
  }

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    let consequence: String
    switch declaration.kind {
    case .k8sContainer, .k8sInitContainer, .helmValues, .k8sPVC, .k8sResourceQuota, .k8sLimitRange:
      consequence = "the API server rejects it"
    case .flytePropeller:
      consequence = "Kubernetes rejects the pods of containers that inherit it"
    case .flyteAdmin, .flyteAttributes:
      consequence = "tasks that inherit it fail when Kubernetes rejects their pods"
    default: consequence = "Flyte accepts it, but Kubernetes rejects the pod when the task runs"
    }
    return declaration.compactMapEntries(where: Self.mayBeFinding) { side, entry -> Violation? in
      guard let quantity = entry.value.quantity, quantity.isNegative else { return nil }
      return Violation(
        "\(declaration.label(entry, side)) \(quantity.text) is negative; \(consequence) "
          + "(must be greater than or equal to 0)",
        at: entry.value.span)
    }
  }
}
