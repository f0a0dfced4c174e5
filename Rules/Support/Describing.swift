import ResourceModel

/// Which list of a declaration an entry came from.
enum Side {
  case request
  case limit

  /// "request"/"limit", "default" for requests of Flyte platform configuration, which calls
  /// them `defaults`, or the declaration's own words (`defaultRequest`, `max`, `quota`).
  func word(for declaration: Declaration) -> String {
    if let words = declaration.listWords { return self == .request ? words.request : words.limit }
    switch self {
    case .limit: return "limit"
    case .request: return declaration.kind.isPlatformConfig ? "default" : "request"
    }
  }
}

/// A declaration's requests, then its limits, each with its side, without copying either list.
struct SidedEntries: Sequence {
  let requests: [ResourceEntry]
  let limits: [ResourceEntry]

  struct Iterator: IteratorProtocol {
    let requests: [ResourceEntry]
    let limits: [ResourceEntry]
    var index = 0

    mutating func next() -> (side: Side, entry: ResourceEntry)? {
      defer { index += 1 }
      if index < requests.count { return (.request, requests[index]) }
      let limitIndex = index - requests.count
      return limitIndex < limits.count ? (.limit, limits[limitIndex]) : nil
    }
  }

  func makeIterator() -> Iterator { Iterator(requests: requests, limits: limits) }
}

extension Declaration {
  /// Every entry with the list it belongs to, requests first. Iterated in place: nearly every
  /// rule walks it for every declaration, and building an array each time showed in profiles.
  var sidedEntries: SidedEntries {
    SidedEntries(requests: requests.entries, limits: limits.entries)
  }

  /// `sidedEntries.compactMap(transform)` without the iterator's optional tuples.
  func compactMapEntries<Result>(_ transform: (Side, ResourceEntry) -> Result?) -> [Result] {
    compactMapEntries(where: { _ in true }, transform)
  }

  /// `compactMapEntries(transform)` over the entries that pass `include` only. Handing an entry
  /// to `transform` copies it (strings, an enum, a quantity), and those copies were most of what
  /// the simple rules cost; a small `include` (a key or quantity test) reads the entry in place,
  /// so rules that care about few entries skip most copies.
  func compactMapEntries<Result>(
    where include: (ResourceEntry) -> Bool, _ transform: (Side, ResourceEntry) -> Result?
  ) -> [Result] {
    var results: [Result] = []
    let requests = requests.entries
    for index in requests.indices where include(requests[index]) {
      if let result = transform(.request, requests[index]) { results.append(result) }
    }
    let limits = limits.entries
    for index in limits.indices where include(limits[index]) {
      if let result = transform(.limit, limits[index]) { results.append(result) }
    }
    return results
  }

  /// `sidedEntries.allSatisfy(predicate)` without the iterator's optional tuples.
  func allEntries(satisfy predicate: (Side, ResourceEntry) -> Bool) -> Bool {
    let requests = requests.entries
    for index in requests.indices where !predicate(.request, requests[index]) { return false }
    let limits = limits.entries
    for index in limits.indices where !predicate(.limit, limits[index]) { return false }
    return true
  }

  /// "memory request", "cpu limit", "memory default".
  func label(_ entry: ResourceEntry, _ side: Side) -> String {
    "\(entry.key.displayName) \(side.word(for: self))"
  }

  /// What happens downstream when this declaration carries a value Kubernetes cannot parse.
  var invalidValueConsequence: String {
    switch kind {
    case .task, .containerTask, .podTemplate, .resources, .flyteIDL:
      "flyteadmin rejects it at registration"
    case .override: "the execution fails to launch"
    case .plugin: "the plugin fails with BadTaskSpecification at run time"
    case .k8sContainer, .k8sInitContainer, .helmValues: "the API server rejects it"
    case .flyteAdmin: "flyteadmin fails to parse its configuration"
    case .flyteAttributes: "flyteadmin silently treats it as 0, which means unset"
    case .flytePropeller: "flytepropeller fails to load its configuration"
    case .k8sPVC, .k8sResourceQuota, .k8sLimitRange: "the API server rejects it"
    case .flyteEnvironment, .flyteEnvironmentClone, .flyteOverride, .flyteResources:
      "the flyte SDK does not check it; the task fails when it is deployed or run"
    }
  }
}

/// Cheap tests for `compactMapEntries(where:)`: pattern matches on the entry as stored.
extension ResourceEntry {
  var isCPU: Bool { if case .cpu = key { true } else { false } }
  /// Memory, ephemeral storage or a named key: everything that can be counted in bytes.
  var mayBeByteSized: Bool {
    switch key {
    case .cpu, .gpu: false
    case .memory, .ephemeralStorage, .named: true
    }
  }
  /// flytekit's gpu or a named key (`nvidia.com/gpu`): everything that can be a GPU.
  var mayBeGPU: Bool {
    switch key {
    case .gpu, .named: true
    case .cpu, .memory, .ephemeralStorage: false
    }
  }
  /// True when the value's text did not parse as a quantity (or it has no text).
  var lacksQuantity: Bool { value.quantityFacts == nil }
  /// True when the value is a quantity whose facts pass `test`: a filter that reads the stored
  /// parse, so that only the entries it lets through have their quantity built.
  func quantityFacts(_ test: (Quantity.Facts) -> Bool) -> Bool {
    value.quantityFacts.map(test) ?? false
  }
}

extension Quantity {
  /// The value as written, followed by its exact meaning when that is not obvious:
  /// `1Gi (1,073,741,824 B)` for bytes; `500M (500,000,000 cores)` for cpu.
  func reading(for key: ResourceKey) -> String {
    if key.isByteSized {
      if let grouped = groupedValue, grouped != text { return "\(text) (\(grouped) B)" }
      if groupedValue == nil { return "\(text) (\(exactValue) B)" }
      return "\(text) B"
    }
    return text
  }
}
