import ResourceModel

/// RL012: an `accelerator=` that is not an accelerator flytekit (or the cluster) knows.
struct InvalidAcceleratorReferenceRule: Rule {
  static let description = RuleDescription(
    code: "RL012",
    name: "invalid-accelerator-reference",
    summary: "An accelerator is not a valid flytekit accelerator, partition or device",
    rationale: """
      `accelerator=` takes an object from `flytekit.extras.accelerators`. A string such as \
      `"nvidia-tesla-t4"` passes import and crashes serialization with `AttributeError: 'str' \
      object has no attribute 'to_flyte_idl'`. A partition the device does not define \
      (`H100.partition_1g_10gb`, `T4.unpartitioned`, `A100.partition_1g_10gb`, which is an \
      A100_80GB size) raises `AttributeError` at import. `.partitioned("x")` accepts any size, \
      so a size the device does not have registers and then never matches a node: the pod \
      stays Pending (warning). `GPUAccelerator("…")` with a device flytekit does not know may \
      be right for your cluster, but it must equal its `gpu-device-node-label` value (info).
      """,
    fix: """
      Use a constant such as `T4`, `A100.partition_1g_5gb` or `A100_80GB.partition_3g_40gb`.
      """,
    defaultSeverity: .error,
    severityDetail: "warning for an unknown .partitioned size, info for an unknown device",
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(limits=Resources(gpu="1"), accelerator="nvidia-tesla-t4")  # expect: 46 [RL012] "string"
        def embed() -> None: ...
        """, language: .python),
      Example(
        """
        from flytekit import Resources, task
        from flytekit.extras.accelerators import A100

        # expect: 46 [RL012] "3g.40gb is not a partition size of A100"
        @task(limits=Resources(gpu="1"), accelerator=A100.partitioned("3g.40gb"))
        def train() -> None: ...
        """, language: .python),
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task
        from flytekit.extras.accelerators import A100_80GB

        @task(limits=Resources(gpu="1"), accelerator=A100_80GB.partition_3g_40gb)
        def train() -> None: ...
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard declaration.language == .python, let accelerator = declaration.accelerator else {
      return []
    }
    let span = accelerator.span
    switch accelerator.form {
    case .string(let text):
      let constant = AcceleratorCatalog.constant(forDevice: text).map { "; use \($0.name)" } ?? ""
      return [
        Violation(
          "accelerator \"\(text)\" is a string, not an accelerator object; serialization fails "
            + "with AttributeError 'str' object has no attribute 'to_flyte_idl'\(constant)",
          at: span)
      ]
    case .constant(let name, let attribute):
      return AcceleratorCatalog.problem(name, attribute).map { [Violation($0, at: span)] } ?? []
    case .partitioned(let name, let size):
      guard let constant = AcceleratorCatalog.constants[name],
        !constant.partitions.values.contains(size)
      else { return [] }
      let owner =
        AcceleratorCatalog.constants.values.filter { $0.partitions.values.contains(size) }
        .map(\.name).sorted().first.map { " but of \($0)" } ?? ""
      return [
        Violation(
          "\(size) is not a partition size of \(name) (\(constant.device))\(owner), so no node "
            + "matches and the pod stays Pending; sizes: "
            + constant.partitions.values.sorted().joined(separator: ", "),
          at: span, severity: .warning)
      ]
    case .custom(let device):
      guard AcceleratorCatalog.constant(forDevice: device) == nil else { return [] }
      let message =
        device.isEmpty
        ? "GPUAccelerator(\"\") has an empty device, so no device affinity is added"
        : "GPUAccelerator(\"\(device)\") names a device flytekit does not know; it must equal "
          + "the cluster's gpu-device-node-label value exactly"
      return [Violation(message, at: span, severity: .info)]
    case .dynamic:
      guard let value = declaration.argument("accelerator")?.value, value.isNeverAnAccelerator
      else { return [] }
      return [
        Violation(
          "accelerator=\(value.pythonRepr) is not an accelerator object; flytekit fails with "
            + "AttributeError when it serializes the task",
          at: span)
      ]
    case .idl:
      return []
    }
  }
}
