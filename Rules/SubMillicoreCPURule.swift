import ResourceModel

/// RL008: cpu finer than a millicore, usually a float artifact.
struct SubMillicoreCPURule: Rule {
  static let description = RuleDescription(
    code: "RL008",
    name: "sub-millicore-cpu",
    summary: "A cpu value is finer than 1m, which Kubernetes rounds up",
    rationale: """
      Kubernetes documents 1m as the finest cpu precision. The API server stores finer values \
      (`0.0001` becomes `100u`), but the scheduler and the kubelet read millicores rounded up, \
      so the container gets at least one more millicore than written. Such values rarely come \
      from intent: `0.1 + 0.2` in Python is `0.30000000000000004`, and `str(1e-5)` is \
      `1e-05`. Write the millicores you mean.
      """,
    fix: "Round to whole millicores: `300m`, `1m`.",
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        # expect: 30 [RL008] "rounds it up to 301m; write 300m"
        @task(requests=Resources(cpu="0.30000000000000004"))
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        resources:
          requests:
            cpu: 0.5m  # expect: 10 [RL008] "0.5m is finer than 1m"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example("resources: {requests: {cpu: 0.25}, limits: {cpu: 1500m}}", language: .yaml)
    ],
    fixAvailability: FixAvailability(
      .sometimes, [.safe, .unsafe],
      reason: """
        The value is written in whole millicores. When the nearest is the one Kubernetes \
        rounds up to (`0.5m` → `1m`), the fix is safe: what runs is the same. When it is lower \
        (`0.30000000000000004` → `300m`, which Kubernetes reads as 301m) it is unsafe.
        """))

  /// A necessary condition, read without building the value's quantity.
  private static func mayBeFinding(_ entry: ResourceEntry) -> Bool {
    entry.isCPU && entry.quantityFacts { $0.signum > 0 && $0.isFinerThanMilli }
  }

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    declaration.compactMapEntries(where: Self.mayBeFinding) { side, entry -> Violation? in
      guard entry.key == .cpu, let quantity = entry.value.quantity,
        let millicores = ValueMillicores(quantity)
      else { return nil }
      let intent =
        millicores.nearest == millicores.roundedUp ? "" : "; write \(millicores.nearest)m"
      let exact = "\(millicores.exact)m"
      let reading = quantity.text == exact ? "is" : "is \(exact),"
      // The millicores Kubernetes already reads keep what runs (safe); the nearest, when it
      // differs, is likely what was meant but one millicore less (unsafe).
      let target = "\(millicores.nearest)m"
      let fix = entry.value.respelled(
        as: target, title: "Replace \(entry.value.pythonRepr) with \"\(target)\"",
        millicores.nearest == millicores.roundedUp ? .safe : .unsafe)
      return Violation(
        "\(declaration.label(entry, side)) \(quantity.text) \(reading) finer than 1m; "
          + "Kubernetes rounds it up to \(millicores.roundedUp)m\(intent)",
        at: entry.value.span, fix: fix)
    }
  }
}
