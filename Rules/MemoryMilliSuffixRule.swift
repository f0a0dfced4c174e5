import ResourceModel

/// RL006: memory in millibytes (`512m`) or another fraction of a byte.
struct MemoryMilliSuffixRule: Rule {
  static let description = RuleDescription(
    code: "RL006",
    name: "memory-milli-suffix",
    summary: "Memory or ephemeral storage is a fraction of a byte, usually `m` written for `Mi`",
    rationale: """
      Suffixes are case-sensitive and lowercase `m` is milli: `memory: 512m` is 0.512 bytes, \
      not 512 mebibytes. Kubernetes accepts the quantity, so nothing fails until the container \
      runtime cannot start a container with less than a byte of memory and the pod is stuck \
      re-creating its sandbox with cryptic errors (kubernetes issues #79950, #49442). The same \
      holds for `u` and `n`, and for any value that is not a whole number of bytes (`0.5`, \
      `0.1Ki` = 102.4 bytes).
      """,
    fix: "Use a byte suffix: `512Mi` (binary) or `512M` (decimal).",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="512m"))  # expect: 30 [RL006] "did you mean 512Mi?"
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        resources:
          limits:
            memory: 128m  # expect: 13 [RL006] "memory limit 128m is 0.128 bytes (millibytes)"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example("resources: {limits: {memory: 128Mi, cpu: 500m}}", language: .yaml),
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="1.5Gi"))
        def train() -> None: ...
        """, language: .python),
    ],
    fixAvailability: FixAvailability(
      .sometimes, [.unsafe],
      reason: """
        `512m` becomes `512Mi`, as an unsafe fix: `512M` is as likely what was meant, and the \
        amount deployed changes by a factor of a billion. Other fractions of a byte get none.
        """))

  /// Sub-byte suffixes and the unit names used in messages.
  private static func subByteUnit(_ suffix: String) -> String? {
    switch suffix {
    case "m": "millibytes"
    case "u": "microbytes"
    case "n": "nanobytes"
    default: nil
    }
  }

  /// A necessary condition, read without building the value's quantity.
  private static func mayBeFinding(_ entry: ResourceEntry) -> Bool {
    // Only a fraction of a byte or a sub-byte suffix (one letter: m, u, n) can be a finding.
    entry.mayBeByteSized
      && entry.quantityFacts { $0.signum > 0 && (!$0.isWholeNumber || $0.suffixLength == 1) }
  }

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    declaration.compactMapEntries(where: Self.mayBeFinding) { side, entry -> Violation? in
      guard entry.key.isContainerByteResource, let quantity = entry.value.quantity,
        quantity.signum > 0,
        !entry.value.isRejectedFloat(for: entry.key, in: declaration.kind)
      else { return nil }
      let unit = Self.subByteUnit(quantity.suffix)
      guard unit != nil || !quantity.isWholeNumber else { return nil }
      let label = declaration.label(entry, side)
      let amount = quantity.amount(of: entry.key)
      if let unit {
        let number = quantity.text.dropLast()
        let hint = unit == "millibytes" ? "did you mean \(number)Mi?" : "write Mi or Gi"
        // `m` for `Mi` is the usual slip, but `M` is as likely, and the amount changes by a
        // factor of a billion either way: the user confirms it.
        let fix =
          unit == "millibytes"
          ? entry.value.respelled(
            as: "\(number)Mi", title: "Replace \"\(quantity.text)\" with \"\(number)Mi\"",
            .unsafe) : nil
        return Violation(
          "\(label) \(quantity.text) is \(amount) (\(unit)); \(hint)", at: entry.value.span,
          fix: fix)
      }
      return Violation(
        "\(label) \(quantity.text) is \(amount), not a whole number of bytes; write a whole "
          + "amount with a unit such as Mi or Gi",
        at: entry.value.span)
    }
  }
}
