import ResourceModel

/// RL032: a MIG partition on a GPU type that has none.
struct Flyte2PartitionWithoutMIGRule: Rule {
  static let description = RuleDescription(
    code: "RL032",
    name: "flyte2-partition-without-mig",
    summary: "A Flyte 2 GPU partition is given for a GPU type that has no MIG partitions",
    rationale: """
      `flyte.GPU(device, quantity, partition)` checks the partition only for the GPUs that \
      support Multi-Instance GPU (A100, A100_80G, H100, H200, RTX_PRO_6000). For any other type \
      (`T4`, `L4`, `A10G`, …) it accepts whatever is given and the task asks the cluster for a \
      node labelled with a partition that no such GPU has: it stays pending, or the partition \
      is ignored, depending on the platform.
      """,
    fix: "Remove `partition=`, or choose a GPU type with MIG support.",
    defaultSeverity: .warning,
    triggering: [
      Example(
        """
        import flyte

        small = flyte.Resources(gpu=flyte.GPU("T4", 1, partition="1g.5gb"))  # expect: 58 [RL032] "T4 has no MIG partitions"
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        import flyte

        small = flyte.Resources(gpu=flyte.GPU("A100", 1, partition="1g.5gb"))
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard declaration.kind.isFlyte2, declaration.flyte2?.raises == nil,
      case .known(let device)? = declaration.flyte2?.device, device.fromGPUConstructor,
      let partition = device.partition, !partition.isEmpty, let type = device.type,
      Flyte2Catalog.gpuPartitions[type] == nil
    else { return [] }
    let supported = Flyte2Catalog.gpuPartitions.keys.sorted().joined(separator: ", ")
    return [
      Violation(
        "partition \"\(partition)\" is ignored by flyte.GPU(): \(type) has no MIG partitions "
          + "(only \(supported) do); the task asks for a node no \(type) can match",
        at: device.partitionSpan ?? device.span)
    ]
  }
}
