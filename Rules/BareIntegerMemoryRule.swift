import ResourceModel

/// RL002: memory or storage written as a bare number, which Kubernetes reads as bytes.
struct BareIntegerMemoryRule: Rule {
  static let description = RuleDescription(
    code: "RL002",
    name: "bare-integer-memory",
    summary: "Memory or storage is a number without a unit, which means bytes",
    rationale: """
      A quantity without a suffix is a number of bytes: `mem="1024"` is 1 KiB, not 1 GiB, and \
      `memory: 512` is 512 bytes. Below 1Mi no container can even start (the runtime fails to \
      create it, and the sandbox is re-created for hours), so that is an error; larger bare \
      numbers are warnings because they are rarely what was meant and always hard to read. \
      The same holds for storage: a claim for `storage: 10` asks for 10 bytes (provisioners \
      round it up to their smallest volume, or fail), a quota of `requests.memory: 1024` admits \
      no pod, and a LimitRange or flytepropeller default of `1024` gives every container that \
      sets none 1 KiB. This covers flytekit `Resources` (an int such as `mem=1024` also \
      crashes serialization in `@task`; in Flyte 2, `flyte.Resources(memory=1024)` raises \
      ValueError when the module is imported), overrides, plugin configs, pod templates, Kubernetes \
      manifests (volume claims, ResourceQuotas and LimitRanges included), Helm values and \
      Flyte platform configuration.
      """,
    fix: "Write the unit: `512Mi`, `2Gi`, `1G`.",
    defaultSeverity: .error,
    severityDetail: "error below 1Mi, else warning",
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(mem="1024"))  # expect: 30 [RL002] "1,024 bytes (1 KiB)"
        def train() -> None: ...
        """, language: .python),
      Example(
        """
        import flyte

        env = flyte.TaskEnvironment(name="etl", resources=flyte.Resources(memory=2048))  # expect: 74 [RL002] "not the int 2048 (flyte raises ValueError"
        """, language: .python),
      Example(
        """
        worker:
          resources:
            requests:
              memory: 2147483648  # expect: 15 [RL002] "2 GiB"
        """, language: .yaml),
      Example(
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 10  # expect: 16 [RL002] "storage request 10 is 10 bytes (10 B), too small for any volume; did you mean 10Gi?"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(cpu="2", mem="1Gi"))
        def train() -> None: ...
        """, language: .python),
      Example("resources: {requests: {memory: 512Mi, cpu: 2}}", language: .yaml),
    ],
    fixAvailability: FixAvailability(
      .sometimes, [.safe, .unsafe],
      reason: """
        A large amount that is a whole number of MiB or more is rewritten with its unit \
        (`2147483648` → `2Gi`), safely: the amount is the same. An amount below 1Mi gets the \
        unit it was probably meant in (`1024` → `1024Mi`) as an unsafe fix, since that \
        multiplies what is deployed.
        """))

  /// The smallest amount a container runtime can start with, roughly; below it is an error.
  private static let oneMebibyte: Int64 = 1 << 20

  /// A necessary condition, read without building the value's quantity.
  private static func mayBeFinding(_ entry: ResourceEntry) -> Bool {
    entry.mayBeByteSized
      && entry.quantityFacts { $0.signum > 0 && $0.suffixLength == 0 && $0.isWholeNumber }
  }

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    // Flyte 2's `Resources` rejects an int for memory, disk or shm outright.
    Flyte2Findings.raise(declaration, .bareInteger)
      + declaration.compactMapEntries(where: Self.mayBeFinding) { side, entry -> Violation? in
        guard entry.key.isByteSized, !entry.key.isHugePages,
          let quantity = entry.value.quantity, quantity.suffix.isEmpty, quantity.isWholeNumber,
          quantity.signum > 0
        else { return nil }
        let label = declaration.label(entry, side)
        let bytes = quantity.groupedValue ?? quantity.exactValue
        let meaning = "\(bytes) bytes (\(quantity.byteDescription))"
        if let value = quantity.int64Value, value < Self.oneMebibyte {
          let (consequence, unit) = Self.tooLittle(for: declaration.kind, entry.key)
          // Adding the unit multiplies the amount: likely meant, but a different deployment.
          let fix = entry.value.respelled(
            as: "\(quantity.text)\(unit)",
            title: "Replace \(entry.value.pythonRepr) with \"\(quantity.text)\(unit)\"", .unsafe)
          return Violation(
            "\(label) \(quantity.text) is \(meaning), \(consequence); "
              + "did you mean \(quantity.text)\(unit)?",
            at: entry.value.span, severity: .error, fix: fix)
        }
        let suggestion = Self.suggestion(for: quantity)
        // The same amount with a unit (`2147483648` → `2Gi`): only the spelling changes.
        let fix =
          suggestion.contains(" ")
          ? nil
          : entry.value.respelled(
            as: suggestion, title: "Replace \(entry.value.pythonRepr) with \"\(suggestion)\"",
            .safe)
        return Violation(
          "\(label) \(quantity.text) is \(meaning) without a unit; write it with a unit "
            + "such as \(suggestion)",
          at: entry.value.span, severity: .warning, fix: fix)
      }
  }

  /// What an amount below 1Mi means where it is written, and the unit it was probably meant in.
  private static func tooLittle(for kind: DeclarationKind, _ key: ResourceKey) -> (String, String) {
    // A quota's volume storage (`requests.storage`, per storage class too) bounds claims.
    let isVolumeStorage = key.dumpName.hasSuffix("requests.storage")
    // A volume's size: a claim's, or a LimitRange's bound for claims.
    if key == .named("storage") { return ("too small for any volume", "Gi") }
    switch kind {
    case .k8sResourceQuota where isVolumeStorage:
      return ("too little for any claim to be admitted", "Gi")
    case .k8sResourceQuota: return ("too little for any pod to be admitted", "Mi")
    default: return ("too little for a container to start", "Mi")
    }
  }

  /// The same amount with the largest binary suffix that keeps it whole (`2147483648` → `2Gi`).
  private static func suggestion(for quantity: Quantity) -> String {
    guard var value = quantity.int64Value else { return "Mi or Gi" }
    let suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
    var index = 0
    while value % 1024 == 0 && index < suffixes.count - 1 {
      value /= 1024
      index += 1
    }
    return index >= 2 ? "\(value)\(suffixes[index])" : "Mi or Gi"
  }
}
