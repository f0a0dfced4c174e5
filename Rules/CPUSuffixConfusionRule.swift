import ResourceModel

/// RL007: cpu written with a memory-style suffix (`500M`, `1Gi`) or an absurd core count.
struct CPUSuffixConfusionRule: Rule {
  static let description = RuleDescription(
    code: "RL007",
    name: "cpu-suffix-confusion",
    summary: "A cpu value uses a large or binary suffix, or asks for more cores than any node has",
    rationale: """
      cpu is counted in cores, and suffixes are case-sensitive: `500m` is half a core but \
      `500M` is 500 million cores, `1E` is 10^18 cores (exa, while `1e` is a parse error), and \
      `1Gi` is 1,073,741,824 cores. All are valid quantities, so nothing complains until \
      flyteadmin rejects the task against the platform cpu limit, or Kubernetes leaves the pod \
      Pending forever because no node fits. Any decimal suffix from `k` up, any binary suffix, \
      and any count above 512 cores is reported. The core count is not checked in Flyte \
      platform configuration, where a large limit is a deliberate ceiling.
      """,
    fix: "Write millicores with a lowercase `m` (`500m`) or whole cores (`2`).",
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        # expect: 30 [RL007] "500,000,000 cores; did you mean 500m?"
        @task(requests=Resources(cpu="500M"))
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        worker:
          resources:
            requests: {cpu: 1Gi, memory: 2Gi}  # expect: 21 [RL007] "binary suffix"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example("resources: {requests: {cpu: 500m}, limits: {cpu: 64}}", language: .yaml)
    ],
    fixAvailability: FixAvailability(
      .sometimes, [.safe],
      reason: """
        `500M` becomes `500m`, safely: mega-cores exist on no node, so millicores are \
        certainly meant. Binary suffixes, other large suffixes and absurd counts get none: \
        whether `1Gi` or `1000` meant one core or a thousand millicores is a guess.
        """))

  /// More cores than the largest machines offer; above this a count is a unit mistake.
  private static let maximumCores = Quantity("512")
  /// True for the suffixes that make a value smaller: milli, micro, nano. A function, not a
  /// static array: reaching a global from the filter made it copy every entry it tested.
  private static func isSmallSuffix(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "m") || byte == UInt8(ascii: "u") || byte == UInt8(ascii: "n")
  }

  /// A necessary condition, read without building the value's quantity.
  private static func mayBeFinding(_ entry: ResourceEntry) -> Bool {
    // A finding has a suffix other than m, u and n (binary ones are two letters long), or is
    // more than 512 cores (at least three digits before the point).
    entry.isCPU
      && entry.quantityFacts { facts in
        facts.signum > 0
          && (facts.order >= 3 || facts.suffixLength > 1
            || (facts.suffixLength == 1 && !isSmallSuffix(facts.suffixLastByte)))
      }
  }

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    declaration.compactMapEntries(where: Self.mayBeFinding) { side, entry -> Violation? in
      guard entry.key == .cpu, let quantity = entry.value.quantity, quantity.signum > 0 else {
        return nil
      }
      let suffix = quantity.suffix
      // Messages are built only for a finding: almost every cpu value is fine.
      var prefix: String {
        "\(declaration.label(entry, side)) \(quantity.text) is \(quantity.amount(of: .cpu))"
      }
      var number: Substring { quantity.text.dropLast(suffix.count) }
      // A quantity's suffix is ASCII (Kubernetes' grammar), so its last byte is its last letter.
      if suffix.utf8.last == UInt8(ascii: "i") {
        return Violation(
          "\(prefix); a binary suffix is for bytes, cpu is cores (500m, 2)", at: entry.value.span)
      }
      switch suffix {
      case "k", "M", "G", "T", "P", "E":
        let hint =
          suffix == "M" ? "did you mean \(number)m?" : "write cores (2) or millicores (500m)"
        // `M` for `m` is a slip of the shift key: no node has a million cores, so millicores
        // are certainly meant.
        let fix =
          suffix == "M"
          ? entry.value.respelled(
            as: "\(number)m", title: "Replace \"\(quantity.text)\" with \"\(number)m\"", .safe)
          : nil
        return Violation("\(prefix); \(hint)", at: entry.value.span, fix: fix)
      default: break
      }
      // A quota sums a whole namespace, which may well have more cores than any node.
      guard !declaration.kind.isPlatformConfig, declaration.kind != .k8sResourceQuota,
        let maximum = Self.maximumCores, maximum < quantity
      else { return nil }
      let hint = suffix.isEmpty && quantity.isWholeNumber ? "; did you mean \(number)m?" : ""
      return Violation("\(prefix), more than any node has\(hint)", at: entry.value.span)
    }
  }
}
