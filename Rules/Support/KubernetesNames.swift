import ResourceModel

/// The API server's rules for container resource names (SEMANTICS §4.6), shared by RL023 and
/// RL024.
enum KubernetesNames {
  /// The unqualified names a container may use besides `hugepages-<size>`.
  static let containerNames: Set<String> = ["cpu", "memory", "ephemeral-storage"]

  /// Unqualified names that are standard resource types but not container resources (quota and
  /// volume names): Kubernetes rejects them with "must be a standard resource for containers" only.
  static let otherStandardNames: Set<String> = [
    "storage", "pods", "services", "secrets", "configmaps", "persistentvolumeclaims",
    "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
    "limits.cpu", "limits.memory", "limits.ephemeral-storage",
  ]

  /// True when the requests and limits of `declaration` are Kubernetes `ResourceList` maps:
  /// containers of manifests, Helm values and Python pod templates. A container of a
  /// FlyteWorkflow object can hold the IDL list form (`name: CPU`), whose keys are not map keys.
  static func hasKubernetesLists(_ declaration: Declaration) -> Bool {
    switch declaration.kind {
    case .k8sContainer, .k8sInitContainer, .helmValues, .podTemplate:
      return declaration.allEntries { _, entry in
        ResourceKey(kubernetesKey: entry.writtenKey) == entry.key
      }
    default:
      return false
    }
  }

  /// True for the container flytekit fills from the task's resources (`primary` by default).
  /// True when some key of the declaration is not one of Kubernetes' `cpu`, `memory` and
  /// `ephemeral-storage` (so possibly `gpu`, an extended resource, huge pages or a typo). Rules
  /// about names test this first: nearly every container lists only the standard three.
  static func hasUnusualKey(_ declaration: Declaration) -> Bool {
    func isUnusual(_ entry: ResourceEntry) -> Bool {
      switch entry.key {
      case .cpu, .memory, .ephemeralStorage: false
      case .gpu, .named: true
      }
    }
    return declaration.requests.entries.contains(where: isUnusual)
      || declaration.limits.entries.contains(where: isUnusual)
  }

  static func isPrimaryContainer(_ declaration: Declaration) -> Bool {
    declaration.container != nil && declaration.container == declaration.primaryContainerName
  }

  /// An extended resource: qualified, outside `kubernetes.io` (`nvidia.com/gpu`).
  static func isExtended(_ name: String) -> Bool {
    name.utf8.contains(UInt8(ascii: "/")) && !name.containsBytes(of: "kubernetes.io/")
      && !name.hasPrefix("requests.")
  }

  static func isHugePages(_ name: String) -> Bool { name.hasPrefix("hugepages-") }

  /// The page size of a `hugepages-<size>` name, when it is a positive whole quantity.
  static func pageSize(_ name: String) -> Quantity? {
    guard isHugePages(name), let size = Quantity(String(name.dropFirst("hugepages-".count))),
      size.signum > 0, size.isWholeNumber
    else { return nil }
    return size
  }

  /// A qualified name (`prefix/name` or `name`) as apimachinery's `IsQualifiedName` accepts it.
  static func isQualified(_ name: String) -> Bool {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count <= 2, let last = parts.last, isNamePart(last) else { return false }
    return parts.count == 1 || isSubdomain(parts[0])
  }

  /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, at most 63 characters.
  private static func isNamePart(_ part: Substring) -> Bool {
    let scalars = Array(part.unicodeScalars)
    guard !scalars.isEmpty, scalars.count <= 63, let first = scalars.first,
      let last = scalars.last, isAlphanumeric(first), isAlphanumeric(last)
    else { return false }
    return scalars.allSatisfy { isAlphanumeric($0) || "-_.".unicodeScalars.contains($0) }
  }

  /// A DNS-1123 subdomain: lowercase labels of letters, digits and `-`, joined by dots.
  private static func isSubdomain(_ prefix: Substring) -> Bool {
    guard !prefix.isEmpty, prefix.utf8.count <= 253 else { return false }
    return prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
      let scalars = Array(label.unicodeScalars)
      guard let first = scalars.first, let last = scalars.last else { return false }
      let lower = { (s: Unicode.Scalar) in ("a"..."z").contains(s) || ("0"..."9").contains(s) }
      return lower(first) && lower(last) && scalars.allSatisfy { lower($0) || $0 == "-" }
    }
  }

  private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
  }
}
