/// Which Python SDK a declaration was written against: flytekit (Flyte 1) or `flyte` (Flyte 2).
/// Their `Resources` are different models (`mem=` vs `memory=`, `requests=`/`limits=` vs
/// `(request, limit)` pairs, an accelerator object vs a `"TYPE:N"` string), so rules never mix
/// their semantics.
public enum PythonSDK: String, Sendable, Hashable {
  case flytekit
  case flyte
}

/// The accelerator a Flyte 2 `Resources` requests: what `Resources.get_device()` returns.
public struct Flyte2Device: Sendable, Hashable {
  /// `GPU`, `TPU`, `NEURON`, `AMD_GPU`, `HABANA_GAUDI`, `APPLE_SILICON` (or whatever string a
  /// `Device(device_class=...)` was given: the SDK does not check it).
  public var deviceClass: String
  /// The normalised device name (`A100_80G` for the deprecated `A100 80G`); nil for a bare count.
  public var type: String?
  /// `str(quantity)`, as the SDK serialises it.
  public var quantity: String
  public var partition: String?
  /// Where the accelerator is written (the `gpu=` value).
  public var span: SourceSpan
  /// Where the partition is written, when it is.
  public var partitionSpan: SourceSpan?
  /// True for `GPU(...)`, whose partition is checked against the device's MIG profiles only
  /// for the devices that have them.
  public var fromGPUConstructor: Bool

  public init(
    deviceClass: String, type: String?, quantity: String, partition: String?, span: SourceSpan,
    partitionSpan: SourceSpan? = nil, fromGPUConstructor: Bool = false
  ) {
    self.deviceClass = deviceClass
    self.type = type
    self.quantity = quantity
    self.partition = partition
    self.span = span
    self.partitionSpan = partitionSpan
    self.fromGPUConstructor = fromGPUConstructor
  }
}

/// The device of a Flyte 2 declaration: none, known, or not statically known.
public enum Flyte2DeviceState: Sendable, Hashable {
  case none
  case known(Flyte2Device)
  case dynamic
}

/// Why the `flyte` SDK rejects a construct (while building it or while serialising it), and
/// which rule reports it.
public struct Flyte2Problem: Sendable, Hashable {
  public enum Category: Sendable, Hashable {
    /// An accelerator the SDK rejects: an unknown or malformed `gpu=` string, a bad `GPU()`,
    /// `TPU()` or `Device()`.
    case accelerator
    /// A `cpu=`/`memory=` tuple whose length is not 2.
    case pairLength
    /// `memory=`, `disk=` or `shm=` given a positive whole number instead of a string.
    case bareInteger
    /// `override(resources=...)` on a task of a reusable environment.
    case reusableOverride
    /// Any other value of `Resources` (or `override(resources=)`) the SDK rejects.
    case value
    /// An argument of the environment or override call itself: its name, an unknown keyword,
    /// `resources=` of the wrong type, a bad `ReusePolicy`.
    case call
  }

  public var category: Category
  /// A short reason, for `dump`'s `raises` and the finding's message.
  public var reason: String
  /// The value (or argument) at fault.
  public var span: SourceSpan

  public init(_ category: Category, _ reason: String, at span: SourceSpan) {
    self.category = category
    self.reason = reason
    self.span = span
  }
}

/// What only Flyte 2 declarations carry.
public struct Flyte2Details: Sendable, Hashable {
  /// For environments: the functions decorated `@env.task`, in file order.
  public var tasks: [String]
  /// `shm=` as given (a string, `"auto"`), nil when unset; dynamic when unknown.
  public var shm: ResourceValue?
  public var device: Flyte2DeviceState
  /// Set when the SDK raises for this construct.
  public var raises: Flyte2Problem?
  /// For overrides: the environment of the task overridden, when known (its name).
  public var environment: String?

  public init(
    tasks: [String] = [], shm: ResourceValue? = nil, device: Flyte2DeviceState = .none,
    raises: Flyte2Problem? = nil, environment: String? = nil
  ) {
    self.tasks = tasks
    self.shm = shm
    self.device = device
    self.raises = raises
    self.environment = environment
  }
}

/// The device names and partitions of `flyte` 2.12.1 (`flyte/_resources.py`).
public enum Flyte2Catalog {
  public static let sharedGPUTypes: [String] = [
    "T4 shared", "L4 shared", "A10G shared", "A10 shared", "L40S shared",
  ]
  public static let gpuTypes: [String] =
    [
      "A2", "A10", "A10G", "A100", "A100_80G", "B200", "H100", "H200", "L4", "L40s", "T4", "V100",
      "RTX_PRO_4500", "RTX_PRO_6000", "GB10",
    ] + sharedGPUTypes
  public static let tpuTypes: [String] = ["V5E", "V5P", "V6E"]
  public static let neuronTypes: [String] = ["Inf1", "Inf2", "Trn1", "Trn1n", "Trn2", "Trn2u"]
  public static let amdGPUTypes: [String] = [
    "MI100", "MI210", "MI250", "MI250X", "MI300A", "MI300X", "MI325X", "MI350X", "MI355X",
  ]
  public static let habanaTypes: [String] = ["Gaudi1"]
  public static let appleSilicon = "AppleSilicon"

  /// The MIG profiles `GPU()` checks, by device.
  public static let gpuPartitions: [String: [String]] = [
    "A100": ["1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb"],
    "A100_80G": ["1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
    "H100": ["1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
    "H200": ["1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb"],
    "RTX_PRO_6000": ["1g.24gb", "2g.48gb", "4g.96gb"],
  ]
  private static let v5eSlices = ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"]
  /// The slices `TPU()` checks, by device.
  public static let tpuPartitions: [String: [String]] = [
    "V5E": v5eSlices,
    "V5P": [
      "2x2x1", "2x2x2", "2x4x4", "4x4x4", "4x4x8", "4x8x8", "8x8x8", "8x8x16", "8x16x16",
      "16x16x16", "16x16x24",
    ],
    "V6E": v5eSlices,
  ]

  /// Space-separated names that the SDK still accepts, normalised with a warning.
  public static let deprecatedAliases: [String: String] = [
    "A100 80G": "A100_80G", "RTX PRO 6000": "RTX_PRO_6000",
  ]

  /// The SDK's `Accelerators` literal: every string `gpu=` accepts.
  public static let accelerators: Set<String> = {
    var result: Set<String> = [
      "A2:1", "RTX_PRO_4500:1", "GB10:1", "AppleSilicon", "AppleSilicon:1",
    ]
    for device in ["A10", "A10G", "A100", "A100_80G", "B200", "H100", "H200", "L4", "L40s"] {
      for count in 1...8 { result.insert("\(device):\(count)") }
    }
    for device in ["V100", "T4"] { for count in 1...8 { result.insert("\(device):\(count)") } }
    result.insert("RTX_PRO_6000:1")
    result.insert("RTX_PRO_6000:2")
    for device in sharedGPUTypes { result.insert("\(device):1") }
    for device in ["Trn1", "Trn1n", "Trn2", "Trn2u"] {
      for count in [1, 4, 8, 16] { result.insert("\(device):\(count)") }
    }
    for count in 1...16 { result.insert("Inf1:\(count)") }
    for count in 1...12 { result.insert("Inf2:\(count)") }
    for device in amdGPUTypes { result.insert("\(device):1") }
    result.insert("Gaudi1:1")
    return result
  }()

  /// The device class of a device name, as `get_device()` finds it; nil when the name belongs
  /// to no family.
  public static func deviceClass(of device: String) -> String? {
    if device == appleSilicon { return "APPLE_SILICON" }
    if gpuTypes.contains(device) { return "GPU" }
    if tpuTypes.contains(device) { return "TPU" }
    if neuronTypes.contains(device) { return "NEURON" }
    if amdGPUTypes.contains(device) { return "AMD_GPU" }
    if habanaTypes.contains(device) { return "HABANA_GAUDI" }
    return nil
  }

  /// `"A100 80G:1"` → `"A100_80G:1"`: the deprecated aliases in the device part.
  public static func normalisedAccelerator(_ text: String) -> String {
    guard let colon = text.firstIndex(of: ":") else { return deprecatedAliases[text] ?? text }
    let device = String(text[..<colon])
    guard let current = deprecatedAliases[device] else { return text }
    return current + text[colon...]
  }

  /// The accelerator string closest to `text`, for a did-you-mean.
  public static func suggestion(for text: String) -> String? {
    let upper = text.uppercased()
    if let exact = accelerators.first(where: { $0.uppercased() == upper }) { return exact }
    let device = String(text.split(separator: ":", maxSplits: 1).first ?? "")
    let known = gpuTypes + neuronTypes + amdGPUTypes + habanaTypes + [appleSilicon]
    if let match = known.first(where: { $0.uppercased() == device.uppercased() }),
      accelerators.contains("\(match):1")
    {
      return "\(match):1"
    }
    return DidYouMean.closest(to: text, among: accelerators.sorted(), within: 2)
  }
}
