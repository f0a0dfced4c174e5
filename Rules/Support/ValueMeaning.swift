import ResourceModel

extension Quantity {
  /// The exact amount in the resource's own unit, for messages: `0.512 bytes`, `2,048 bytes`,
  /// `500,000,000 cores`, `0.5 GPU`.
  func amount(of key: ResourceKey) -> String {
    let number = groupedValue ?? exactValue
    let isOne = number == "1"
    if key.isByteSized { return isOne ? "1 byte" : "\(number) bytes" }
    if key == .cpu { return isOne ? "1 core" : "\(number) cores" }
    if key.isGPU { return isOne || !isWholeNumber ? "\(number) GPU" : "\(number) GPUs" }
    return number
  }
}

extension ResourceKey {
  /// Resources Kubernetes will not overcommit, so a request must equal its limit: GPUs, other
  /// extended resources (a domain-qualified name outside `kubernetes.io`) and `hugepages-*`.
  var requiresRequestEqualToLimit: Bool {
    if isGPU { return true }
    guard case .named(let name) = self else { return false }
    if name.hasPrefix("hugepages-") { return true }
    guard let slash = name.firstIndex(of: "/") else { return false }
    let domain = name[..<slash]
    return !name.hasPrefix("requests.") && domain != "kubernetes.io"
      && !domain.hasSuffix(".kubernetes.io")
  }

  /// True for the two byte-sized resources a container declares directly (memory and ephemeral
  /// storage, however written), as opposed to hugepages, whose rules are RL024's.
  var isContainerByteResource: Bool { isByteSized && !isHugePages }
}

extension DeclarationKind {
  /// Declarations whose values are fields of a flytekit `Resources` object, which rejects a
  /// `float` for `mem`, `gpu` and `ephemeral_storage` at construction (RL015's finding).
  var holdsFlytekitResourcesFields: Bool {
    switch self {
    case .task, .containerTask, .override, .plugin, .resources: true
    default: false
    }
  }
}

extension ResourceValue {
  /// True for a Python `float` literal, which flytekit's `Resources` rejects for every field but
  /// `cpu`: another rule (RL015) reports it, so value rules skip it.
  func isRejectedFloat(for key: ResourceKey, in kind: DeclarationKind) -> Bool {
    guard case .float = form, kind.holdsFlytekitResourcesFields else { return false }
    return key != .cpu
  }
}
