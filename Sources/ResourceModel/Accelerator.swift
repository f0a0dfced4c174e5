/// flytekit's predefined accelerators (`flytekit.extras.accelerators`, 1.16.31) and their partitions.
public enum AcceleratorCatalog {
  /// A predefined constant such as `A100`: its device string and the partition attributes it defines.
  public struct Constant: Sendable, Hashable {
    public var name: String
    public var device: String
    /// Attribute name → partition size (`partition_1g_5gb` → `1g.5gb`, `slice_2x4` → `2x4`).
    public var partitions: [String: String]
    /// Multi-instance devices (MIG GPUs, TPU slices) support `.partitioned(…)` and `.unpartitioned`.
    public var isMultiInstance: Bool
  }

  private static func mig(_ sizes: [String]) -> [String: String] {
    var result: [String: String] = [:]
    for size in sizes { result["partition_" + size.replacingDots()] = size }
    return result
  }

  private static func slices(_ topologies: [String]) -> [String: String] {
    var result: [String: String] = [:]
    for topology in topologies { result["slice_" + topology] = topology }
    return result
  }

  private static let v5eSlices = ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"]

  public static let constants: [String: Constant] = {
    var table: [String: Constant] = [:]
    func add(
      _ name: String, _ device: String, _ partitions: [String: String] = [:], multi: Bool = false
    ) {
      table[name] = Constant(
        name: name, device: device, partitions: partitions, isMultiInstance: multi)
    }
    add("A10G", "nvidia-a10g")
    add("L4", "nvidia-l4")
    add("L4_VWS", "nvidia-l4-vws")
    add("L40S", "nvidia-l40s")
    add("K80", "nvidia-tesla-k80")
    add("M60", "nvidia-tesla-m60")
    add("P4", "nvidia-tesla-p4")
    add("P100", "nvidia-tesla-p100")
    add("T4", "nvidia-tesla-t4")
    add("V100", "nvidia-tesla-v100")
    add("H100", "nvidia-h100")
    add("H200", "nvidia-h200")
    add("RTX_PRO_6000", "nvidia-rtx-pro-6000")
    add(
      "A100", "nvidia-tesla-a100", mig(["1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb"]),
      multi: true)
    add(
      "A100_80GB", "nvidia-a100-80gb",
      mig(["1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"]), multi: true)
    add("V5E", "tpu-v5-lite-podslice", slices(v5eSlices), multi: true)
    add(
      "V5P", "tpu-v5p-slice",
      slices([
        "2x2x1", "2x2x2", "2x4x4", "4x4x4", "4x4x8", "4x8x8", "8x8x8", "8x8x16", "8x16x16",
        "16x16x16",
        "16x16x24",
      ]), multi: true)
    add("V6E", "tpu-v6e-slice", slices(v5eSlices), multi: true)
    return table
  }()

  /// The constant whose device string is `device`, if any.
  public static func constant(forDevice device: String) -> Constant? {
    constants.values.first { $0.device == device }
  }
}

extension String {
  fileprivate func replacingDots() -> String {
    String(self.map { $0 == "." ? "_" : $0 })
  }
}

/// What an `accelerator=` argument (or an IDL `gpuAccelerator`) refers to.
public struct AcceleratorReference: Sendable, Hashable {
  public enum Partition: Sendable, Hashable {
    /// A partition size: from a predefined attribute, `.partitioned("…")`, or IDL `partitionSize`.
    case size(String)
    /// `.unpartitioned`: a whole device, never a MIG slice.
    case unpartitioned
  }

  /// How the reference was written, which decides what can go wrong with it.
  public enum Form: Sendable, Hashable {
    /// A predefined constant, possibly with a partition attribute (`A100.partition_1g_5gb`).
    case constant(name: String, attribute: String?)
    /// `Constant.partitioned("size")`.
    case partitioned(name: String, size: String)
    /// `GPUAccelerator("device")` or a `MultiInstanceGPUAccelerator` subclass with a device string.
    case custom(device: String)
    /// A string where an accelerator object is required (crashes serialization).
    case string(String)
    /// An IDL `gpuAccelerator` block read from YAML.
    case idl
    /// Anything that cannot be resolved statically.
    case dynamic
  }

  public var form: Form
  /// The source text of the reference, for messages.
  public var written: String
  public var span: SourceSpan
  /// The device string the reference resolves to, when it does.
  public var device: String?
  public var partition: Partition?

  public init(form: Form, written: String, span: SourceSpan, device: String?, partition: Partition?)
  {
    self.form = form
    self.written = written
    self.span = span
    self.device = device
    self.partition = partition
  }

  /// The value `dump` prints: the device, with `:size` or `:unpartitioned` when set.
  public var dumpText: String {
    switch form {
    case .string(let text): return text
    case .dynamic: return "<dynamic>"
    default:
      guard let device else { return written }
      switch partition {
      case .size(let size): return "\(device):\(size)"
      case .unpartitioned: return "\(device):unpartitioned"
      case nil: return device
      }
    }
  }
}
