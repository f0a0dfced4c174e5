import ResourceModel

/// RL017: a zero, empty or digit-less value, which Flyte treats as unset.
struct ZeroOrEmptyQuantityRule: Rule {
  static let description = RuleDescription(
    code: "RL017",
    name: "zero-or-empty-quantity",
    summary: "A resource value is zero, empty, or a suffix without a number",
    rationale: """
      flytekit drops falsy values (`cpu=0`, `mem=""`) from `@task` before serializing, and the \
      Flyte backend treats a zero request or limit as unset, so the platform defaults apply \
      instead: the task silently runs with something other than what is written. A bare \
      suffix is a zero in disguise: Kubernetes parses `Gi` and `m` as 0. In Kubernetes \
      manifests and Helm values a zero request is legal (the scheduler reserves nothing), so \
      it is only info there, except for a volume claim's storage request, which the API server \
      rejects ("must be greater than zero"). Flyte platform configuration is never reported, \
      because 0 is how it says "no limit", nor are ResourceQuotas and LimitRanges, where 0 is \
      a real bound. An empty string anywhere but `@task`/`ContainerTask` is sent as is and \
      fails to parse, which invalid-quantity reports.
      """,
    fix: "Write the amount you need (`1Gi`, `500m`), or leave the resource out.",
    defaultSeverity: .warning,
    severityDetail:
      "info in Kubernetes manifests and Helm values, error for a volume claim's storage request; "
      + "never in platform config, quotas or LimitRanges",
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="Gi"))  # expect: 30 [RL017] "Gi has no number and parses as 0"
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        resources:
          requests: {cpu: 0, memory: 256Mi}  # expect: 19 [RL017] "cpu request 0 is zero"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        task_resources:
          defaults: {cpu: 100m, memory: 500Mi}
          limits: {cpu: 2, memory: 1Gi, ephemeralStorage: 0}
        """, language: .yaml)
    ],
    fixAvailability: FixAvailability(
      .none,
      reason: """
        Whether to remove the entry or which amount to write depends on what was meant: \
        there is no automatic fix.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    let kind = declaration.kind
    switch kind {
    case .flyteAdmin, .flyteAttributes, .flytePropeller, .k8sResourceQuota, .k8sLimitRange:
      return []
    case .k8sPVC: return Self.zeroClaim(declaration)
    default: break
    }
    let isKubernetes = kind == .k8sContainer || kind == .k8sInitContainer || kind == .helmValues
    let dropsFalsy = kind == .task || kind == .containerTask
    // Falsy values and empty strings have no quantity or a zero one.
    let mayBeZeroOrEmpty = { (entry: ResourceEntry) -> Bool in
      guard let facts = entry.value.quantityFacts else { return true }
      return facts.signum == 0
    }
    return declaration.compactMapEntries(where: mayBeZeroOrEmpty) { side, entry -> Violation? in
      let value = entry.value
      var label: String { declaration.label(entry, side) }
      if dropsFalsy && (value.isFalsyScalar || value.form == .string("")) {
        return Violation(
          "\(label) \(value.pythonRepr) is dropped by flytekit as falsy, so the platform "
            + "default applies",
          at: value.span)
      }
      guard let quantity = value.quantity, quantity.isZero else { return nil }
      let hasDigits = quantity.text.contains { $0.isNumber }
      let reading = hasDigits ? "is zero" : "has no number and parses as 0"
      if isKubernetes {
        let consequence =
          side == .request
          ? "Kubernetes accepts it and reserves no \(entry.key.displayName)"
          : "Kubernetes accepts it, but a zero limit is rarely meant"
        return Violation(
          "\(label) \(quantity.text) \(reading); \(consequence)", at: value.span, severity: .info)
      }
      return Violation(
        "\(label) \(quantity.text) \(reading), which Flyte treats as unset, so the platform "
          + "default applies",
        at: value.span)
    }
  }

  /// A volume claim's storage request of zero, which the API server rejects.
  private static func zeroClaim(_ declaration: Declaration) -> [Violation] {
    guard let entry = declaration.requests[.named("storage")],
      let quantity = entry.value.quantity, quantity.isZero
    else { return [] }
    let reading =
      quantity.text.contains { $0.isNumber } ? "is zero" : "has no number and parses as 0"
    return [
      Violation(
        "\(declaration.label(entry, .request)) \(quantity.text) \(reading); the API server "
          + "rejects the claim (must be greater than zero)",
        at: entry.value.span, severity: .error)
    ]
  }
}
