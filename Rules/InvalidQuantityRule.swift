import ResourceModel

/// RL004: a value Kubernetes' quantity parser rejects.
struct InvalidQuantityRule: Rule {
  static let description = RuleDescription(
    code: "RL004",
    name: "invalid-quantity",
    summary: "A resource value is not a valid Kubernetes quantity",
    rationale: """
      Every resource value ends up in Kubernetes' `ParseQuantity`, whose grammar is strict: \
      suffixes are case-sensitive (`Gi`, not `gi` or `GB`; `k`, not `K`), there are no spaces \
      or thousands separators, and `str()` of a Python float or bool (`nan`, `inf`, `True`) is \
      not a number to it. flyteadmin rejects such a task at registration, an override fails \
      when the execution launches, the API server rejects a manifest, and in a flytectl \
      attribute file the value is silently treated as unset.
      """,
    fix: "Use a number with a Kubernetes suffix: `500m`, `2`, `512Mi`, `4Gi`, `1G`.",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="4GB"))  # expect: 30 [RL004] "did you mean \\"4G\\" or \\"4Gi\\""
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        resources:
          limits:
            memory: 500mi  # expect: 13 [RL004] "500Mi"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(cpu="1.5", mem="1.5Gi"))
        def train() -> None: ...
        """, language: .python)
    ],
    fixAvailability: FixAvailability(
      .sometimes, [.safe, .unsafe],
      reason: """
        A misspelt byte suffix (`1gi`, `GiB`, `500mi` for memory), whitespace inside the \
        value (`1 Gi`) and thousands separators (`1,000`) are respelt, safely: the meaning is \
        certain. `GB`, `MB` and the like become `G`, `M` (the decimal unit the letters name) \
        only as an unsafe fix, since many mean `Gi`; `4g` and `4K` get none (tools disagree on \
        them), nor do a decimal comma (`1,5Gi`) or a cpu value with a byte suffix.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    // The value's quantity was parsed when the value was made: nil means its text failed.
    declaration.compactMapEntries(where: \.lacksQuantity) { side, entry -> Violation? in
      guard let text = entry.value.quantityText else { return nil }
      // flytekit drops falsy values on the container path, so `""` never reaches flyteadmin
      // there: RL017 reports it instead.
      if text.isEmpty && (declaration.kind == .task || declaration.kind == .containerTask) {
        return nil
      }
      var message = "\(declaration.label(entry, side)) \"\(text)\" is not a valid quantity"
      if let hint = QuantityTypo.suggestion(for: text, key: entry.key) { message += "; \(hint)" }
      message += " (\(declaration.invalidValueConsequence))"
      let fix = QuantityTypo.respelling(for: text, key: entry.key).flatMap { fixed in
        entry.value.respelled(
          as: fixed.text, title: "Replace \"\(text)\" with \"\(fixed.text)\"",
          fixed.isCertain ? .safe : .unsafe)
      }
      return Violation(message, at: entry.value.span, fix: fix)
    }
  }
}
