import ResourceModel

/// RL024: the API server's rules for extended resources, hugepages and ephemeral containers.
struct ExtendedResourceRule: Rule {
  static let description = RuleDescription(
    code: "RL024",
    name: "k8s-extended-resource-rules",
    summary: "Extended resources, hugepages or ephemeral containers break an API-server rule",
    rationale: """
      Extended resources (`nvidia.com/gpu`, `example.com/fpga`) and `hugepages-<size>` cannot \
      be overcommitted, so Kubernetes rejects a request without a limit ("Limit must be set \
      for non overcommitable resources"); a limit alone is fine, because the request defaults \
      to it. Extended resources are counted in whole units ("must be an integer"), hugepages \
      must be a multiple of their page size ("3Mi is not positive integer multiple of \
      hugepages-2Mi"), and a container with hugepages needs a cpu or memory request or limit \
      ("HugePages require cpu or memory"). Ephemeral (debug) containers may not set resources \
      at all ("cannot be set for an Ephemeral Container"). A GPU request without a limit in a \
      Flyte pod template's primary container is left alone: flytepropeller copies the request \
      into the limit. Unequal requests and limits are RL009's, fractional GPUs RL010's.
      """,
    fix: """
      Give extended resources and hugepages a limit (or only a limit), use whole numbers and \
      page multiples, add a memory request next to hugepages, and drop `resources` from \
      ephemeral containers.
      """,
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: trainer}
        spec:
          containers:
            - name: app
              image: cuda:12
              resources:
                requests: {nvidia.com/gpu: 1}  # expect: 36 [RL024] "has no limit"
                # expect: 33 [RL024] "multiple of the 2Mi page size" 33 [RL024] "cpu or memory"
                limits: {hugepages-2Mi: 3Mi}
        """, language: .yaml)
    ],
    nonTriggering: [
      Example(
        """
        resources:
          requests: {memory: 1Gi}
          limits: {nvidia.com/gpu: 1, hugepages-2Mi: 64Mi, memory: 1Gi}
        """, language: .yaml)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    let isEphemeral = declaration.path?.containsBytes(of: "ephemeralContainers[") == true
    // Apart from ephemeral containers, everything here is about extended resources and huge
    // pages: the cheap key test comes before the per-entry list check.
    guard isEphemeral || KubernetesNames.hasUnusualKey(declaration),
      KubernetesNames.hasKubernetesLists(declaration)
    else { return [] }
    if isEphemeral {
      guard !declaration.requests.isEmpty || !declaration.limits.isEmpty else { return [] }
      let name = declaration.container.map { " \($0)" } ?? ""
      return [
        Violation(
          "ephemeral container\(name) sets resources: the API server forbids them "
            + "(\"cannot be set for an Ephemeral Container\")",
          at: SourceSpan(at: declaration.location))
      ]
    }
    var violations: [Violation] = []
    let primary = KubernetesNames.isPrimaryContainer(declaration)
    for entry in declaration.requests where !declaration.limits.mayHaveEntry(for: entry.key) {
      let name = entry.writtenKey
      guard KubernetesNames.isExtended(name) || KubernetesNames.isHugePages(name),
        !(primary && entry.key.isGPU), let quantity = entry.value.quantity
      else { continue }
      violations.append(
        Violation(
          "\(name) request \(quantity.text) has no limit: the API server requires one for "
            + "resources that cannot be overcommitted; set the limit to \(quantity.text)",
          at: entry.value.span))
    }
    var hugePages: ResourceEntry?
    for (side, entry) in declaration.sidedEntries {
      let name = entry.writtenKey
      guard let quantity = entry.value.quantity else { continue }
      var label: String { "\(name) \(side == .request ? "request" : "limit") \(quantity.text)" }
      if KubernetesNames.isExtended(name), !entry.key.isGPU, !quantity.isWholeNumber {
        violations.append(
          Violation(
            "\(label) is not a whole number: extended resources are counted in units "
              + "(\"must be an integer\")", at: entry.value.span))
      }
      guard let page = KubernetesNames.pageSize(name) else { continue }
      hugePages = hugePages ?? entry
      if !quantity.isMultiple(of: page) {
        violations.append(
          Violation(
            "\(label) is not a multiple of the \(page.text) page size (\"\(quantity.text) is not "
              + "positive integer multiple of \(name)\")", at: entry.value.span))
      }
    }
    if let entry = hugePages,
      ![ResourceKey.cpu, .memory].contains(where: {
        declaration.requests.mayHaveEntry(for: $0) || declaration.limits.mayHaveEntry(for: $0)
      })
    {
      violations.append(
        Violation(
          "\(entry.writtenKey) needs a cpu or memory request or limit in the same container "
            + "(\"HugePages require cpu or memory\")", at: entry.value.span))
    }
    return violations
  }
}
