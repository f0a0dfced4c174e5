/// The name of one resource, normalised across flytekit, the Flyte IDL and Kubernetes.
///
/// flytekit's fields (`cpu`, `mem`, `gpu`, `ephemeral_storage`), Kubernetes keys (`cpu`,
/// `memory`, `ephemeral-storage`), Flyte admin keys (`ephemeralStorage`) and IDL enum names
/// (`CPU`, `MEMORY`, …) all map onto the four well-known cases. Every other key — extended
/// resources such as `nvidia.com/gpu`, `hugepages-2Mi`, `storage`, typos — keeps its own name.
public enum ResourceKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  case cpu
  case memory
  case gpu
  case ephemeralStorage
  case named(String)

  /// The name used in `dump` output: flytekit's field names, or the key as written.
  public var dumpName: String {
    switch self {
    case .cpu: "cpu"
    case .memory: "mem"
    case .gpu: "gpu"
    case .ephemeralStorage: "ephemeral_storage"
    case .named(let name): name
    }
  }

  /// The word used in messages ("memory limit 1Gi is below …").
  public var displayName: String {
    switch self {
    case .cpu: "cpu"
    case .memory: "memory"
    case .gpu: "gpu"
    case .ephemeralStorage: "ephemeral storage"
    case .named(let name): name
    }
  }

  public var description: String { dumpName }

  /// True for resources measured in bytes: memory and (ephemeral) storage.
  public var isByteSized: Bool {
    switch self {
    case .memory, .ephemeralStorage: true
    case .named(let name): Self.namesBytes(name)
    default: false
    }
  }

  /// True for a named resource counted in bytes: `storage`, huge pages, and the ResourceQuota
  /// names of byte resources (`requests.memory`, `limits.ephemeral-storage`,
  /// `gold.storageclass.storage.k8s.io/requests.storage`).
  private static func namesBytes(_ name: String) -> Bool {
    if name == "storage" || name == "STORAGE" || name.hasPrefix("hugepages-") { return true }
    var resource = Substring(name)
    if let slash = resource.lastIndex(of: "/"),
      resource[..<slash].hasSuffix(".storageclass.storage.k8s.io")
    {
      resource = resource[resource.index(after: slash)...]
    }
    if resource.hasPrefix("requests.") {
      resource = resource.dropFirst("requests.".count)
    } else if resource.hasPrefix("limits.") {
      resource = resource.dropFirst("limits.".count)
    } else {
      return false
    }
    return resource == "memory" || resource == "storage" || resource == "ephemeral-storage"
      || resource.hasPrefix("hugepages-")
  }

  /// True for huge pages, under their own name or a quota's (`requests.hugepages-2Mi`).
  public var isHugePages: Bool {
    guard case .named(let name) = self else { return false }
    return name.hasPrefix("hugepages-") || name.hasPrefix("requests.hugepages-")
      || name.hasPrefix("limits.hugepages-")
  }

  /// True for GPUs however they are written: flytekit's `gpu` or a vendor's `*/gpu` extended resource.
  public var isGPU: Bool {
    switch self {
    case .gpu: true
    case .named(let name): name.hasSuffix("/gpu")
    default: false
    }
  }

  private var order: (Int, String) {
    switch self {
    case .cpu: (0, "")
    case .memory: (1, "")
    case .gpu: (2, "")
    case .ephemeralStorage: (3, "")
    case .named(let name): (4, name)
    }
  }

  public static func < (lhs: ResourceKey, rhs: ResourceKey) -> Bool { lhs.order < rhs.order }

  /// flytekit `Resources` field names.
  public init?(flytekitField name: String) {
    switch name {
    case "cpu": self = .cpu
    case "mem": self = .memory
    case "gpu": self = .gpu
    case "ephemeral_storage": self = .ephemeralStorage
    default: return nil
    }
  }

  /// A key of a Kubernetes `ResourceList` (`requests`/`limits` maps). `gpu` is kept as flytekit's
  /// GPU because flytekit writes it into pod templates and flytepropeller renames it.
  public init(kubernetesKey name: String) {
    switch name {
    case "cpu": self = .cpu
    case "memory": self = .memory
    case "ephemeral-storage": self = .ephemeralStorage
    case "gpu": self = .gpu
    default: self = .named(name)
    }
  }

  /// A key of flyteadmin's `task_resources` (`ephemeralStorage`, camelCase json tag).
  public init(flyteAdminKey name: String) {
    switch name {
    case "cpu": self = .cpu
    case "memory": self = .memory
    case "gpu": self = .gpu
    case "ephemeralStorage": self = .ephemeralStorage
    default: self = .named(name)
    }
  }

  /// A key of a flytectl task-resource-attribute file (`ephemeral_storage`, snake_case json tag).
  public init(flyteAttributeKey name: String) {
    switch name {
    case "cpu": self = .cpu
    case "memory": self = .memory
    case "gpu": self = .gpu
    case "ephemeral_storage": self = .ephemeralStorage
    default: self = .named(name)
    }
  }

  /// A `flyteidl.core.Resources.ResourceName` enum name as printed in IDL YAML.
  public init(idlName name: String) {
    switch name {
    case "CPU": self = .cpu
    case "MEMORY": self = .memory
    case "GPU": self = .gpu
    case "EPHEMERAL_STORAGE": self = .ephemeralStorage
    default: self = .named(name)
    }
  }

  /// The IDL enum name flytekit serializes this resource as, if it has one.
  public var idlName: String? {
    switch self {
    case .cpu: "CPU"
    case .memory: "MEMORY"
    case .gpu: "GPU"
    case .ephemeralStorage: "EPHEMERAL_STORAGE"
    case .named(let name): name == "STORAGE" ? "STORAGE" : nil
    }
  }
}
