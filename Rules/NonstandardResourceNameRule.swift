import ResourceModel

/// RL023: a key of a Kubernetes requests/limits map that the API server does not accept.
struct NonstandardResourceNameRule: Rule {
  static let description = RuleDescription(
    code: "RL023",
    name: "k8s-nonstandard-resource-name",
    summary: "A Kubernetes resource key is not a name the API server accepts for containers",
    rationale: """
      A container's `requests` and `limits` take `cpu`, `memory`, `ephemeral-storage`, \
      `hugepages-<size>` and domain-qualified extended resources such as `nvidia.com/gpu`. \
      Anything else is rejected when the object is applied: `gpu`, `mem`, `Memory`, `CPU` or \
      `ephemeral_storage` fail with "must be a standard resource type or fully qualified", \
      `storage` (valid only in a PersistentVolumeClaim) and `requests.cpu` (a quota name) with \
      "must be a standard resource for containers", `requests.nvidia.com/gpu` with "doesn't \
      follow extended resource name standard". Names under `kubernetes.io/` are reserved: \
      Kubernetes defines none for containers, so no node offers them and the pod stays Pending. \
      This covers manifests, Helm values and Python pod templates; the one exception is `gpu` \
      in a Flyte pod template's primary container, which is what flytekit itself writes and \
      flytepropeller renames to the cluster's GPU resource.
      """,
    fix: """
      Use the Kubernetes name: `memory`, `cpu`, `ephemeral-storage`, or the vendor's extended \
      resource (`nvidia.com/gpu`, `amd.com/gpu`).
      """,
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: trainer}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: trainer:1.0
                  resources:
                    # expect: 22 [RL023] "use nvidia.com/gpu" 30 [RL023] "use memory"
                    limits: {gpu: 1, mem: 8Gi}
        """, language: .yaml)
    ],
    nonTriggering: [
      Example(
        """
        resources:
          limits: {nvidia.com/gpu: 1, memory: 8Gi, ephemeral-storage: 10Gi, hugepages-2Mi: 64Mi}
        """, language: .yaml),
      Example(
        """
        from flytekit import PodTemplate
        from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

        template = PodTemplate(pod_spec=V1PodSpec(containers=[
            V1Container(name="primary", resources=V1ResourceRequirements(limits={"gpu": "1"})),
        ]))
        """, language: .python),
    ],
    fixAvailability: FixAvailability(
      .sometimes, [.safe, .unsafe],
      reason: """
        The key is renamed to the name suggested, keeping its quotes: safely when only the \
        spelling of a standard name changes (`mem`, `Memory`, `ephemeral_storage`, \
        `requests.cpu`), as an unsafe fix when the name picks a vendor (`gpu` → \
        `nvidia.com/gpu`) or a kind of storage (`disk`). None when the list already has that \
        key, which would then be written twice.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard KubernetesNames.hasUnusualKey(declaration),
      KubernetesNames.hasKubernetesLists(declaration)
    else { return [] }
    let flytekitPrimary =
      KubernetesNames.isPrimaryContainer(declaration)
      && (declaration.kind == .podTemplate || declaration.owner != nil)
    return declaration.compactMapEntries { side, entry -> Violation? in
      // With Kubernetes lists these keys are written `cpu`, `memory`, `ephemeral-storage`:
      // standard names, and nearly every entry; skip the name checks for them.
      switch entry.key {
      case .cpu, .memory, .ephemeralStorage: return nil
      case .gpu, .named: break
      }
      let name = entry.writtenKey
      if name == "gpu" && flytekitPrimary { return nil }
      guard let reason = Self.problem(name) else { return nil }
      let list = side == .request ? "requests" : "limits"
      let suggestion = Self.suggestion(for: name)
      let hint = suggestion.map { "; use \($0)" } ?? ""
      return Violation(
        "\(list) key \(name) \(reason)\(hint)", at: entry.keySpan,
        fix: suggestion.flatMap { Self.fix(entry, to: $0, side, declaration) })
    }
  }

  /// Why the API server (or the scheduler) refuses `name` in a container, or nil.
  static func problem(_ name: String) -> String? {
    let rejected = "is not a container resource name: the API server rejects it"
    guard KubernetesNames.isQualified(name) else {
      return "\(rejected) (it is not a qualified name: [lowercase-dns-prefix/]name)"
    }
    if !name.utf8.contains(UInt8(ascii: "/")) {
      if KubernetesNames.containerNames.contains(name) { return nil }
      if KubernetesNames.isHugePages(name) {
        if KubernetesNames.pageSize(name) != nil { return nil }
        return "\(rejected) (its page size is not a positive whole quantity)"
      }
      if KubernetesNames.otherStandardNames.contains(name) {
        return "\(rejected) (\"must be a standard resource for containers\")"
      }
      return "\(rejected) (\"must be a standard resource type or fully qualified\")"
    }
    if name.hasPrefix("requests.") {
      return "\(rejected) (\"doesn't follow extended resource name standard\")"
    }
    if name.containsBytes(of: "kubernetes.io/") {
      return "is in the reserved kubernetes.io namespace, which defines no such resource: "
        + "no node offers it, so the pod cannot be scheduled"
    }
    return nil
  }

  /// A rename of the key to `suggestion`: safe when only the spelling of one standard name
  /// changes (`mem`, `Memory`, `requests.cpu`), unsafe when it picks a vendor (`gpu` →
  /// `nvidia.com/gpu`) or a kind of storage (`disk`); none for `storage`, whose suggestion
  /// comes with a caveat.
  private static func fix(
    _ entry: ResourceEntry, to suggestion: String, _ side: Side, _ declaration: Declaration
  ) -> Fix? {
    let list = side == .request ? declaration.requests : declaration.limits
    // Two keys that would both become `suggestion` (`gpu` and `requests.nvidia.com/gpu`) would
    // be written twice after one pass: neither is renamed.
    guard !suggestion.contains(" "),
      !list.entries.contains(where: {
        $0.keySpan != entry.keySpan && Self.suggestion(for: $0.writtenKey) == suggestion
      })
    else { return nil }
    let folded = entry.writtenKey.lowercased()
    // `requests.nvidia.com/gpu` names its vendor already; a bare `gpu` does not.
    let isGuess =
      (suggestion.contains("/") && !entry.writtenKey.hasSuffix(suggestion))
      || folded.hasSuffix("disk")
    return entry.renamed(
      to: suggestion, in: list,
      title: "Rename \(entry.writtenKey) to \(suggestion)", isGuess ? .unsafe : .safe)
  }

  /// The name that was most likely meant.
  static func suggestion(for name: String) -> String? {
    for prefix in ["requests.", "limits."] where name.hasPrefix(prefix) {
      let rest = String(name.dropFirst(prefix.count))
      return problem(rest) == nil ? rest : suggestion(for: rest)
    }
    let folded = String(name.lowercased().filter { $0 != "-" && $0 != "_" })
    switch folded {
    case "gpu", "gpus", "nvidiagpu": return "nvidia.com/gpu"
    case "mem", "memory", "ram": return "memory"
    case "cpu", "cpus": return "cpu"
    case "ephemeralstorage", "storage", "disk":
      return "ephemeral-storage" + (folded == "storage" ? " (storage is for volume claims)" : "")
    default: return nil
    }
  }
}
