import LibYAML
import ResourceModel
import SourceText

/// Walks the documents of one parsed buffer and collects declarations.
///
/// The walk is iterative (an explicit stack of frames) and never follows an alias into a
/// collection, so it visits each written node once: an alias bomb costs what its text costs.
/// Aliases and merge keys are resolved only when reading the values of a declaration, which
/// is bounded by the fixed shape of `resources` blocks.
struct DocumentWalker {
  let stream: YAMLStream
  let bytes: [UInt8]
  let locator: Locator
  let embedding: Int
  private(set) var declarations: [Declaration] = []
  private(set) var problems: [ScanProblem] = []

  /// How a node was reached from its parent.
  enum Component {
    case root
    /// Under a scalar key (the key's node, alias resolved); its text is made only when needed.
    case key(YAMLNodeID)
    case index(Int)
  }

  /// One visited collection: how it was reached, and in which Kubernetes object it lies.
  struct Frame {
    let node: YAMLNodeID
    let parent: Int
    let component: Component
    /// The scalar holding the `kind` of the nearest enclosing Kubernetes object, if any.
    let objectKind: YAMLNodeID?
  }

  private var frames: [Frame] = []

  /// Keys whose value, a sequence of mappings, lists containers.
  static let containerListKinds: [(key: StaticString, kind: DeclarationKind)] = [
    ("containers", .k8sContainer),
    ("ephemeralContainers", .k8sContainer),
    ("initContainers", .k8sInitContainer),
    ("extraContainers", .k8sContainer),
    ("sidecars", .k8sContainer),
    ("sidecarContainers", .k8sContainer),
    ("additionalContainers", .k8sContainer),
    ("extraInitContainers", .k8sInitContainer),
  ]

  /// The container list kind for a key (a scalar node), if it names a container list.
  private func containerListKind(_ key: YAMLNodeID) -> DeclarationKind? {
    for entry in Self.containerListKinds where stream.textEquals(key, entry.key) {
      return entry.kind
    }
    return nil
  }

  init(stream: YAMLStream, bytes: [UInt8], locator: Locator, embedding: Int) {
    self.stream = stream
    self.bytes = bytes
    self.locator = locator
    self.embedding = embedding
  }

  // MARK: - Documents

  mutating func scanDocument(root: YAMLNodeID) {
    if stream.kind(of: root) == .mapping {
      if isCIWorkflow(root) || isCompose(root) { return }
      if scanAttributeFile(root) { return }
    }
    frames.removeAll(keepingCapacity: true)
    walk(from: root)
  }

  /// GitHub Actions (`on` + `jobs`) and GitLab CI (`stages`) files.
  private func isCIWorkflow(_ root: YAMLNodeID) -> Bool {
    if has("jobs", root) && (has("on", root) || has("true", root)) { return true }
    if let stages = stream.value(forKey: "stages", in: root), stream.kind(of: stages) == .sequence {
      return true
    }
    return false
  }

  /// docker-compose files: `services` whose entries look like compose services. Their
  /// `deploy.resources` (`limits: {cpus, memory}`, `reservations`) are not Kubernetes resources.
  private func isCompose(_ root: YAMLNodeID) -> Bool {
    guard let section = stream.value(forKey: "services", in: root),
      stream.kind(of: stream.resolved(section)) == .mapping
    else { return false }
    let services = stream.pairs(of: section).map { stream.resolved($0.value) }
    // Compose services keep resources under `deploy`; values of a chart may not.
    if services.contains(where: { has("resources", $0) }) { return false }
    if has("version", root) && !has("apiVersion", root) { return true }
    let composeKeys = ["build", "deploy", "depends_on", "restart", "healthcheck"]
    return services.contains { service in composeKeys.contains { has($0, service) } }
  }

  /// A flytectl task-resource-attribute file: `project` and/or `domain` and `defaults`/`limits`
  /// mappings at the top level. A file missing one of `project`/`domain` is still read, so that
  /// a rule can say what flytectl will reject. Every top-level key is recorded as an argument
  /// (with its span), because flytectl's strict decoder rejects unknown ones.
  private mutating func scanAttributeFile(_ root: YAMLNodeID) -> Bool {
    let project = scalar("project", root)
    let domain = scalar("domain", root)
    guard project != nil || domain != nil else { return false }
    let sections = ["defaults", "limits"].compactMap { stream.value(forKey: $0, in: root) }
    guard !sections.isEmpty,
      sections.allSatisfy({ stream.kind(of: stream.resolved($0)) == .mapping || stream.isNull($0) })
    else { return false }
    let name = [project, domain, scalar("workflow", root)].compactMap { $0 }.joined(separator: "/")
    let first =
      stream.pairs(of: root).first.map { stream.start(of: $0.key) } ?? stream.start(of: root)
    var result = declaration(
      kind: .flyteAttributes, name: name, location: locator.location(first),
      requests: mapEntries(
        stream.value(forKey: "defaults", in: root), ResourceKey.init(flyteAttributeKey:)),
      limits: mapEntries(
        stream.value(forKey: "limits", in: root), ResourceKey.init(flyteAttributeKey:)),
      path: nil, extent: locator.span(from: stream.start(of: root), to: stream.end(of: root)))
    result.arguments = stream.pairs(of: root).compactMap { pair in
      stream.scalarText(pair.key).map {
        ArgumentUse(name: $0, span: span(pair.key))
      }
    }
    declarations.append(result)
    return true
  }

  // MARK: - Walk

  private mutating func walk(from root: YAMLNodeID) {
    frames.append(Frame(node: root, parent: -1, component: .root, objectKind: nil))
    var stack = [0]
    while let index = stack.popLast() {
      let frame = frames[index]
      // Visiting a collection appends the frames to descend into, and nothing else, to
      // `frames`: they are the new frames, to be visited in order.
      let firstChild = frames.count
      switch stream.kind(of: frame.node) {
      case .sequence:
        for (position, item) in stream.items(of: frame.node).enumerated()
        where isCollection(item) {
          frames.append(
            Frame(
              node: item, parent: index, component: .index(position),
              objectKind: frame.objectKind))
        }
      case .mapping:
        visitMapping(index)
      case .scalar, .alias:
        break
      }
      stack.append(contentsOf: (firstChild..<frames.count).reversed())
    }
  }

  /// Looks at each pair of a mapping, emitting declarations; appends the frames to descend
  /// into.
  private mutating func visitMapping(_ index: Int) {
    let frame = frames[index]
    let mapping = frame.node
    var objectKind = frame.objectKind
    let facts = facts(of: mapping)
    if let kind = facts.kind, facts.hasAPIVersion {
      if stream.textEquals(kind, "CustomResourceDefinition") { return }
      if stream.textEquals(kind, "ConfigMap") {
        scanConfigMap(mapping)
        return
      }
      objectKind = kind
    }
    let inObject = objectKind != nil
    let isSchema = facts.hasType
    for pair in stream.pairs(of: mapping) {
      let value = stream.resolved(pair.value)
      let valueKind = stream.kind(of: value)
      // Everything below reads or descends into a collection: a scalar value (most values)
      // needs no look at its key.
      guard valueKind == .mapping || valueKind == .sequence else { continue }
      let key = stream.resolved(pair.key)
      guard !stream.isMergeKey(pair.key), stream.kind(of: key) == .scalar else { continue }

      if stream.textEquals(key, "openAPIV3Schema")
        || (isSchema && stream.textEquals(key, "properties"))
      {
        continue
      }

      if valueKind == .sequence, let kind = containerListKind(key),
        scanContainers(
          list: value, key: key, kind: kind,
          ephemeral: stream.textEquals(key, "ephemeralContainers"), holder: index,
          inObject: inObject)
      {
        continue
      }

      if valueKind == .mapping, stream.textEquals(key, "k8s"), isUnderKey(index, "plugins"),
        scanPropellerDefaults(value, key: key, holder: index)
      {
        continue
      }

      if let objectKind, valueKind == .mapping, stream.textEquals(key, "hard"),
        stream.textEquals(objectKind, "ResourceQuota")
      {
        scanQuota(value, key: key, holder: index)
        continue
      }

      if let objectKind, valueKind == .sequence, stream.textEquals(key, "limits"),
        stream.textEquals(objectKind, "LimitRange")
      {
        scanLimitRange(value, key: key, holder: index)
        continue
      }

      if valueKind == .mapping, stream.textEquals(key, "resources"),
        scanResourcesBlock(pair, holder: index, objectKind: objectKind)
      {
        continue
      }

      if valueKind == .mapping, stream.textEquals(key, "task_resources"),
        has("defaults", value) || has("limits", value)
      {
        declarations.append(
          declaration(
            kind: .flyteAdmin, name: nil, location: locator.location(stream.start(of: pair.key)),
            requests: mapEntries(
              stream.value(forKey: "defaults", in: value), ResourceKey.init(flyteAdminKey:)),
            limits: mapEntries(
              stream.value(forKey: "limits", in: value), ResourceKey.init(flyteAdminKey:)),
            path: path(index, appending: key), extent: extent(of: pair)))
        continue
      }

      // Argo Workflows templates hold a single `container` (or `script`) with an image.
      if inObject, valueKind == .mapping,
        stream.textEquals(key, "container") || stream.textEquals(key, "script"),
        has("image", value)
      {
        emitContainer(
          value, kind: .k8sContainer, path: path(index, appending: key), ephemeral: false,
          fallbackName: scalar("name", mapping), holder: index, inObject: true)
        continue
      }

      if isCollection(pair.value) {
        frames.append(
          Frame(node: pair.value, parent: index, component: .key(key), objectKind: objectKind))
      }
    }
  }

  /// The keys every visited mapping is asked about.
  private struct MappingFacts {
    /// The scalar under `kind` (not null), as `scalarNode("kind", _)` gives it.
    var kind: YAMLNodeID?
    var hasAPIVersion = false
    var hasType = false
  }

  /// `scalarNode("kind", _)`, `has("apiVersion", _)` and `has("type", _)` in one pass over
  /// the pairs (the last `kind` wins, as in any lookup). A mapping with `<<` keys is read
  /// through its merged pairs, resolved once for the three keys rather than once per key.
  private func facts(of mapping: YAMLNodeID) -> MappingFacts {
    let pairs = stream.pairs(of: mapping)
    if pairs.contains(where: { stream.isMergeKey($0.key) }) {
      return facts(from: stream.mergedPairs(of: mapping))
    }
    return facts(from: pairs)
  }

  private func facts<Pairs: Sequence<YAMLPair>>(from pairs: Pairs) -> MappingFacts {
    var facts = MappingFacts()
    var kindValue: YAMLNodeID?
    for pair in pairs {
      let key = stream.resolved(pair.key)
      if stream.textEquals(key, "kind") {
        kindValue = pair.value
      } else if stream.textEquals(key, "apiVersion") {
        facts.hasAPIVersion = true
      } else if stream.textEquals(key, "type") {
        facts.hasType = true
      }
    }
    if let kindValue {
      let node = stream.resolved(kindValue)
      if stream.kind(of: node) == .scalar && !stream.isNull(node) { facts.kind = node }
    }
    return facts
  }

  /// Emits one declaration per container of a container list. False when the list does not
  /// look like containers (its items are not mappings with a name, image or resources).
  private mutating func scanContainers(
    list: YAMLNodeID, key: YAMLNodeID, kind: DeclarationKind, ephemeral: Bool, holder: Int,
    inObject: Bool
  ) -> Bool {
    let items = stream.items(of: list)
    let containers = items.enumerated().compactMap { position, item -> (Int, YAMLNodeID)? in
      let resolved = stream.resolved(item)
      guard stream.kind(of: resolved) == .mapping,
        has("name", resolved) || has("image", resolved) || has("resources", resolved)
      else { return nil }
      return (position, resolved)
    }
    guard !containers.isEmpty else { return false }
    let base = path(holder, appending: key)
    for (position, container) in containers {
      emitContainer(
        container, kind: kind, path: base + "[\(position)]", ephemeral: ephemeral,
        fallbackName: nil, holder: holder, inObject: inObject)
    }
    return true
  }

  private mutating func emitContainer(
    _ container: YAMLNodeID, kind: DeclarationKind, path: String, ephemeral: Bool,
    fallbackName: String?, holder: Int, inObject: Bool
  ) {
    let resourcesPair = stream.key("resources", in: container)
    if ephemeral && resourcesPair == nil { return }
    let name = scalar("name", container) ?? fallbackName
    let location: SourceLocation
    if let resourcesPair {
      location = locator.location(stream.start(of: resourcesPair.key))
    } else if let first = stream.pairs(of: container).first {
      location = locator.location(stream.start(of: first.key))
    } else {
      location = locator.location(stream.start(of: container))
    }
    var requests = ResourceList()
    var limits = ResourceList()
    var unknown = unknownFields(of: container, among: Self.containerFields, place: .container)
    if let resourcesPair {
      let resources = stream.resolved(resourcesPair.value)
      requests = containerList(stream.value(forKey: "requests", in: resources))
      limits = containerList(stream.value(forKey: "limits", in: resources))
      unknown += unknownFields(of: resources, among: Self.resourcesFields, place: .resources)
      // `resources: *name` whose anchor is not defined: the block is unknown, not empty.
      if let alias = undefinedAlias(resourcesPair.value) {
        requests.dynamicSource = alias
        limits.dynamicSource = alias
      }
    }
    var result = declaration(
      kind: kind, name: name, location: location, requests: requests, limits: limits, path: path,
      extent: resourcesPair.map(extent(of:)))
    result.container = name
    result.unknownFields = unknown
    result.isInKubernetesObject = inObject
    if let template = idlTemplate(above: holder) {
      result.owner = idlTaskName(template)
      if let config = stream.value(forKey: "config", in: template) {
        result.primaryContainerName = scalar("primary_container_name", config)
      }
    }
    declarations.append(result)
  }

  /// A container's `requests`/`limits`: a Kubernetes map, or the IDL list form.
  private func containerList(_ value: YAMLNodeID?) -> ResourceList {
    guard let value else { return ResourceList() }
    if let unknown = undefinedAlias(value) { return ResourceList(dynamicSource: unknown) }
    if stream.kind(of: stream.resolved(value)) == .sequence { return idlEntries(value) }
    return mapEntries(value, ResourceKey.init(kubernetesKey:))
  }

  /// A `resources` key outside a container list: Helm values, an IDL task's list form, or
  /// (inside a Kubernetes object) a container-like spec such as KServe's `predictor.model`.
  /// False when the value is not a resources block.
  private mutating func scanResourcesBlock(
    _ pair: YAMLPair, holder: Int, objectKind: YAMLNodeID?
  )
    -> Bool
  {
    let resources = stream.resolved(pair.value)
    let requests = stream.value(forKey: "requests", in: resources).map { stream.resolved($0) }
    let limits = stream.value(forKey: "limits", in: resources).map { stream.resolved($0) }
    guard requests != nil || limits != nil else { return false }
    let kinds = [requests, limits].compactMap { $0 }.map { stream.kind(of: $0) }
    let location = locator.location(stream.start(of: pair.key))
    let path = path(holder, appending: "resources")

    if kinds.contains(.sequence) {
      var result = declaration(
        kind: .flyteIDL, name: nil, location: location,
        requests: idlEntries(requests), limits: idlEntries(limits), path: path,
        extent: extent(of: pair))
      if let template = idlTemplate(above: holder, includingSelf: true, inObjects: true) {
        result.name = idlTaskName(template)
        result.accelerator = idlAccelerator(template)
      }
      declarations.append(result)
      return true
    }
    let mapOrNull = [requests, limits].compactMap { $0 }.allSatisfy {
      stream.kind(of: $0) == .mapping || stream.isNull($0)
    }
    guard mapOrNull else { return false }
    let frame = frames[holder]
    if case .key(let key) = frame.component, stream.textEquals(key, "deploy") { return true }

    // A volume claim's `resources.requests.storage`: a PVC object, a StatefulSet's
    // `volumeClaimTemplates`, an ephemeral volume's template, or such a spec in Helm values.
    let isClaim =
      objectKind.map { stream.textEquals($0, "PersistentVolumeClaim") } ?? false
      || isUnderVolumeClaim(holder) || has("accessModes", frame.node)
    if isClaim {
      declarations.append(
        declaration(
          kind: .k8sPVC, name: claimName(holder),
          location: location, requests: mapEntries(requests, ResourceKey.init(kubernetesKey:)),
          limits: mapEntries(limits, ResourceKey.init(kubernetesKey:)), path: path,
          extent: extent(of: pair)))
      return true
    }

    let kind: DeclarationKind
    if objectKind != nil {
      // Pod-level `spec.resources` is not a container's.
      if has("containers", frame.node) { return true }
      guard kinds.contains(.mapping) else { return true }
      kind = .k8sContainer
    } else {
      kind = .helmValues
    }
    var result = declaration(
      kind: kind, name: holderName(holder), location: location,
      requests: mapEntries(requests, ResourceKey.init(kubernetesKey:)),
      limits: mapEntries(limits, ResourceKey.init(kubernetesKey:)), path: path,
      extent: extent(of: pair))
    if kind == .k8sContainer { result.container = scalar("name", frame.node) }
    result.unknownFields = unknownFields(
      of: resources, among: Self.resourcesFields, place: .resources)
    result.isInKubernetesObject = objectKind != nil
    declarations.append(result)
    return true
  }

  /// The `metadata.name` of the mapping that holds frame `holder` (a claim's or an object's
  /// `spec`), if it has one.
  private func metadataName(around holder: Int) -> String? {
    let parent = frames[holder].parent
    guard parent >= 0, let metadata = stream.value(forKey: "metadata", in: frames[parent].node)
    else { return nil }
    return scalar("name", stream.resolved(metadata))
  }

  /// The name of the claim whose spec is frame `holder`: the nearest `metadata.name` a few
  /// levels up (a PVC's, a `volumeClaimTemplates` item's), or the `name` of the list item it is
  /// in (an ephemeral volume's), else the key it sits under.
  private func claimName(_ holder: Int) -> String? {
    var index = frames[holder].parent
    var steps = 0
    while index >= 0 && steps < 3 {
      let node = frames[index].node
      if let metadata = stream.value(forKey: "metadata", in: node),
        let name = scalar("name", stream.resolved(metadata))
      {
        return name
      }
      if case .index = frames[index].component, let name = scalar("name", node) { return name }
      index = frames[index].parent
      steps += 1
    }
    return holderName(holder)
  }

  /// True when frame `index` was reached under a key spelled `key`.
  private func isUnderKey(_ index: Int, _ key: StaticString) -> Bool {
    if case .key(let node) = frames[index].component { return stream.textEquals(node, key) }
    return false
  }

  // MARK: - Other Kubernetes objects and Flyte configuration

  /// The fields of a Kubernetes `Container` (core/v1), ephemeral containers' included.
  static let containerFields: [StaticString] = [
    "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
    "resizePolicy", "restartPolicy", "restartPolicyRules", "volumeMounts", "volumeDevices",
    "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
    "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce",
    "tty", "targetContainerName",
  ]

  /// The fields of a Kubernetes `ResourceRequirements`.
  static let resourcesFields: [StaticString] = ["limits", "requests", "claims"]

  /// The scalar keys of `mapping` that are not among `fields`, as written, in source order.
  /// Merge keys are left out: what they bring in was written elsewhere.
  private func unknownFields(
    of mapping: YAMLNodeID, among fields: [StaticString], place: UnknownField.Place
  ) -> [UnknownField] {
    guard stream.kind(of: mapping) == .mapping else { return [] }
    var result: [UnknownField] = []
    for pair in stream.pairs(of: mapping) where !stream.isMergeKey(pair.key) {
      let key = stream.resolved(pair.key)
      guard stream.kind(of: key) == .scalar,
        !fields.contains(where: { stream.textEquals(key, $0) })
      else { continue }
      result.append(UnknownField(name: stream.text(of: key), span: span(pair.key), place: place))
    }
    return result
  }

  /// The flytepropeller keys of `plugins.k8s` that are resource quantities, and what they are.
  /// `K8sPluginConfig` has no GPU or storage default.
  static let propellerDefaults: [(key: StaticString, resource: ResourceKey)] = [
    ("default-cpus", .cpu), ("default-memory", .memory),
  ]

  /// flytepropeller's `plugins.k8s` section: its `default-cpus`/`default-memory` as requests.
  /// False when the section sets neither.
  private mutating func scanPropellerDefaults(_ k8s: YAMLNodeID, key: YAMLNodeID, holder: Int)
    -> Bool
  {
    var requests = ResourceList()
    for pair in stream.mergedPairs(of: k8s) {
      let keyNode = stream.resolved(pair.key)
      guard stream.kind(of: keyNode) == .scalar,
        let known = Self.propellerDefaults.first(where: { stream.textEquals(keyNode, $0.key) })
      else { continue }
      requests.append(
        ResourceEntry(
          key: known.resource, writtenKey: stream.text(of: keyNode), keySpan: span(pair.key),
          value: resourceValue(pair.value)))
    }
    guard !requests.isEmpty else { return false }
    var result = declaration(
      kind: .flytePropeller, name: nil, location: locator.location(stream.start(of: key)),
      requests: requests, limits: ResourceList(), path: path(holder, appending: key),
      extent: locator.span(from: stream.start(of: key), to: stream.end(of: k8s)))
    result.listWords = ListWords(request: "default", limit: "limit")
    declarations.append(result)
    return true
  }

  /// A ResourceQuota's `spec.hard`, as the declaration's limits under their own names
  /// (`requests.cpu`, `limits.memory`, `pods`, `count/jobs.batch`).
  private mutating func scanQuota(_ hard: YAMLNodeID, key: YAMLNodeID, holder: Int) {
    var result = declaration(
      kind: .k8sResourceQuota, name: metadataName(around: holder),
      location: locator.location(stream.start(of: key)), requests: ResourceList(),
      limits: mapEntries(hard, ResourceKey.init(kubernetesKey:)),
      path: path(holder, appending: key),
      extent: locator.span(from: stream.start(of: key), to: stream.end(of: hard)))
    result.listWords = ListWords(request: "request", limit: "quota")
    declarations.append(result)
  }

  /// A LimitRange's `spec.limits`: for each item, one declaration of its `defaultRequest` and
  /// `default`, and one of its `min` and `max`, named after the item's `type`. (The API server
  /// requires each pair in that order; `maxLimitRequestRatio` is a ratio, not an amount.)
  private mutating func scanLimitRange(_ items: YAMLNodeID, key: YAMLNodeID, holder: Int) {
    let base = path(holder, appending: key)
    for (position, item) in stream.items(of: items).enumerated() {
      let entry = stream.resolved(item)
      guard stream.kind(of: entry) == .mapping else { continue }
      let name = scalar("type", entry) ?? metadataName(around: holder)
      for (request, limit) in [("defaultRequest", "default"), ("min", "max")] {
        let pairs = [request, limit].compactMap { stream.key($0, in: entry) }
        guard
          let first = pairs.min(by: {
            stream.start(of: $0.key).offset < stream.start(of: $1.key).offset
          })
        else { continue }
        var result = declaration(
          kind: .k8sLimitRange, name: name, location: locator.location(stream.start(of: first.key)),
          requests: mapEntries(
            stream.value(forKey: request, in: entry), ResourceKey.init(kubernetesKey:)),
          limits: mapEntries(
            stream.value(forKey: limit, in: entry), ResourceKey.init(kubernetesKey:)),
          path: base + "[\(position)]",
          extent: locator.span(from: stream.start(of: item), to: stream.end(of: item)))
        result.listWords = ListWords(request: request, limit: limit)
        declarations.append(result)
      }
    }
  }

  /// The name of whatever holds a `resources` block: the key it sits under, or for a list
  /// item, the item's `name` (else the list's key with the index).
  private func holderName(_ holder: Int) -> String? {
    let frame = frames[holder]
    switch frame.component {
    case .root:
      return nil
    case .key(let key):
      if frames[holder].objectKind != nil, let name = scalar("name", frame.node) { return name }
      return stream.text(of: key)
    case .index(let position):
      if let name = scalar("name", frame.node) { return name }
      if frame.parent >= 0, case .key(let key) = frames[frame.parent].component {
        return "\(stream.text(of: key))[\(position)]"
      }
      return "[\(position)]"
    }
  }

  private func isUnderVolumeClaim(_ holder: Int) -> Bool {
    var index = holder
    while index >= 0 {
      if case .key(let key) = frames[index].component,
        stream.textEquals(key, "volumeClaimTemplates")
          || stream.textEquals(key, "volumeClaimTemplate")
      {
        return true
      }
      index = frames[index].parent
    }
    return false
  }

  // MARK: - Flyte IDL

  /// The IDL `template` mapping around a node: the nearest enclosing mapping (at most a few
  /// levels up) with an `id` or `extendedResources` key.
  /// Containers of Kubernetes objects are never IDL (`inObjects` false), while a FlyteWorkflow
  /// object does embed IDL task templates.
  private func idlTemplate(above holder: Int, includingSelf: Bool = false, inObjects: Bool = false)
    -> YAMLNodeID?
  {
    guard inObjects || frames[holder].objectKind == nil else { return nil }
    var index = includingSelf ? holder : frames[holder].parent
    var steps = 0
    while index >= 0 && steps < 5 {
      let node = frames[index].node
      if stream.kind(of: node) == .mapping
        && (has("extendedResources", node) || (has("id", node) && has("container", node))
          || (has("id", node) && has("k8sPod", node)))
      {
        return node
      }
      index = frames[index].parent
      steps += 1
    }
    return nil
  }

  private func idlTaskName(_ template: YAMLNodeID) -> String? {
    guard let id = stream.value(forKey: "id", in: template) else { return nil }
    return scalar("name", id)
  }

  private func idlAccelerator(_ template: YAMLNodeID) -> AcceleratorReference? {
    guard let extended = stream.value(forKey: "extendedResources", in: template),
      let pair = stream.key("gpuAccelerator", in: extended)
    else { return nil }
    let accelerator = stream.resolved(pair.value)
    guard stream.kind(of: accelerator) == .mapping else { return nil }
    let devicePair = stream.key("device", in: accelerator)
    let device = devicePair.flatMap { stream.scalarText($0.value) }
    var partition: AcceleratorReference.Partition?
    if let size = scalar("partitionSize", accelerator) {
      partition = .size(size)
    } else if let flag = scalar("unpartitioned", accelerator), flag == "true" || flag == "True" {
      partition = .unpartitioned
    }
    let deviceSpan = devicePair.map { span($0.value) } ?? span(pair.key)
    return AcceleratorReference(
      form: .idl, written: device ?? "gpuAccelerator", span: deviceSpan, device: device,
      partition: partition)
  }

  /// Entries of the IDL list form `[{name: CPU, value: "1"}, …]`.
  private func idlEntries(_ list: YAMLNodeID?) -> ResourceList {
    guard let list else { return ResourceList() }
    var result = ResourceList()
    for item in stream.items(of: stream.resolved(list)) {
      let entry = stream.resolved(item)
      guard stream.kind(of: entry) == .mapping else { continue }
      let nameNode = stream.value(forKey: "name", in: entry)
      // The enum's default, UNKNOWN, is omitted by jsonpb: a missing name means UNKNOWN.
      let written = nameNode.flatMap { stream.scalarText($0) } ?? "UNKNOWN"
      let keySpan = span(nameNode ?? item)
      let value: ResourceValue
      if let valueNode = stream.value(forKey: "value", in: entry) {
        value = resourceValue(valueNode)
      } else {
        value = ResourceValue(.none, span: span(item))
      }
      result.append(
        ResourceEntry(
          key: ResourceKey(idlName: written), writtenKey: written, keySpan: keySpan, value: value))
    }
    return result
  }

  // MARK: - ConfigMaps

  /// Reads `data` entries named `*.yaml`/`*.yml` whose value is a block scalar as YAML.
  private mutating func scanConfigMap(_ mapping: YAMLNodeID) {
    guard embedding < YAMLScanner.maxEmbedding,
      let data = stream.value(forKey: "data", in: mapping)
    else { return }
    let dataMapping = stream.resolved(data)
    for pair in stream.pairs(of: dataMapping) {
      guard let name = stream.scalarText(pair.key),
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
      else { continue }
      let value = stream.resolved(pair.value)
      let style = stream.style(of: value)
      guard stream.kind(of: value) == .scalar, style == .literal || style == .folded else {
        continue
      }
      let parentIndent = indentation(ofLineAt: stream.start(of: pair.key).offset)
      guard
        let (content, inner) = locator.blockContent(
          from: stream.start(of: value).offset, to: stream.end(of: value).offset, in: bytes,
          parentIndent: parentIndent)
      else { continue }
      var result = ScanResult()
      YAMLScanner.scanBuffer(
        content, locator: inner, origin: name, embedding: embedding + 1, into: &result)
      declarations.append(contentsOf: result.declarations)
      problems.append(contentsOf: result.problems)
    }
  }

  /// The number of spaces before byte `offset` on its line.
  private func indentation(ofLineAt offset: Int) -> Int {
    var start = min(offset, bytes.count)
    while start > 0 && bytes[start - 1] != 0x0A && bytes[start - 1] != 0x0D { start -= 1 }
    var spaces = 0
    while start + spaces < bytes.count && bytes[start + spaces] == UInt8(ascii: " ") {
      spaces += 1
    }
    return spaces
  }

  // MARK: - Values

  /// The entries of a `key: value` resource map (merge keys resolved); empty for null or
  /// anything that is not a mapping.
  func mapEntries(_ map: YAMLNodeID?, _ makeKey: (String) -> ResourceKey) -> ResourceList {
    guard let map else { return ResourceList() }
    var result = ResourceList(dynamicSource: undefinedMergeSource(map))
    for pair in stream.mergedPairs(of: map) {
      guard let written = stream.scalarText(pair.key) else { continue }
      result.append(
        ResourceEntry(
          key: makeKey(written), writtenKey: written, keySpan: span(pair.key),
          value: resourceValue(pair.value)))
    }
    return result
  }

  /// An alias whose anchor is not defined (libyaml's event API lets it through): what it
  /// stands for is unknown.
  private func undefinedAlias(_ id: YAMLNodeID) -> DynamicSource? {
    guard stream.kind(of: id) == .alias, stream.aliasTarget(id) == nil else { return nil }
    return DynamicSource(written: "*" + stream.text(of: id), span: span(id))
  }

  /// A `<<: *name` (or `<<: [*a, *name]`) of `map` whose anchor is not defined: the keys it
  /// would merge in are unknown.
  private func undefinedMergeSource(_ map: YAMLNodeID) -> DynamicSource? {
    let mapping = stream.resolved(map)
    guard stream.kind(of: mapping) == .mapping else { return nil }
    for pair in stream.pairs(of: mapping) where stream.isMergeKey(pair.key) {
      if let unknown = undefinedAlias(pair.value) { return unknown }
      guard stream.kind(of: pair.value) == .sequence else { continue }
      for item in stream.items(of: pair.value) {
        if let unknown = undefinedAlias(item) { return unknown }
      }
    }
    return nil
  }

  /// A value as written. An alias takes the anchored node's value but keeps its own span,
  /// because that is where the value is used.
  private func resourceValue(_ id: YAMLNodeID) -> ResourceValue {
    let span = self.span(id)
    if stream.kind(of: id) == .alias && stream.aliasTarget(id) == nil {
      return ResourceValue(.dynamic("*" + stream.text(of: id)), span: span)
    }
    let node = stream.resolved(id)
    switch stream.kind(of: node) {
    case .mapping:
      return ResourceValue(.other("<mapping>"), span: span)
    case .sequence:
      return ResourceValue(.other("<sequence>"), span: span)
    case .alias:
      return ResourceValue(.dynamic("*" + stream.text(of: node)), span: span)
    case .scalar:
      if stream.isNull(node) { return ResourceValue(.none, span: span) }
      let tag = stream.tag(of: node)
      if stream.style(of: node) != .plain || tag == "tag:yaml.org,2002:str" || tag == "!" {
        return ResourceValue(.string(stream.text(of: node)), span: span)
      }
      return ResourceValue(.plain(stream.text(of: node)), span: span)
    }
  }

  // MARK: - Helpers

  private func declaration(
    kind: DeclarationKind, name: String?, location: SourceLocation, requests: ResourceList,
    limits: ResourceList, path: String?, extent: SourceSpan?
  ) -> Declaration {
    Declaration(
      file: locator.file.path, language: .yaml, kind: kind, name: name, location: location,
      requests: requests, limits: limits, path: path, extent: extent)
  }

  /// A key with its value as written (an alias stays the alias, not what it refers to).
  private func extent(of pair: YAMLPair) -> SourceSpan {
    locator.span(from: stream.start(of: pair.key), to: stream.end(of: pair.value))
  }

  private func has(_ key: String, _ mapping: YAMLNodeID) -> Bool {
    stream.value(forKey: key, in: mapping) != nil
  }

  /// The text of a scalar value (not null) under `key`.
  private func scalar(_ key: String, _ mapping: YAMLNodeID) -> String? {
    scalarNode(key, mapping).map { stream.text(of: $0) }
  }

  /// The scalar value (not null, alias resolved) under `key`.
  private func scalarNode(_ key: String, _ mapping: YAMLNodeID) -> YAMLNodeID? {
    guard let value = stream.value(forKey: key, in: mapping) else { return nil }
    let node = stream.resolved(value)
    guard stream.kind(of: node) == .scalar, !stream.isNull(node) else { return nil }
    return node
  }

  /// The span of node `id` in the file.
  private func span(_ id: YAMLNodeID) -> SourceSpan {
    locator.span(from: stream.start(of: id), to: stream.end(of: id))
  }

  /// A written mapping or sequence (an alias is not followed: its target is walked where it
  /// was written).
  private func isCollection(_ id: YAMLNodeID) -> Bool {
    let kind = stream.kind(of: id)
    return kind == .mapping || kind == .sequence
  }

  /// The dotted path of frame `index`, with `key` appended.
  private func path(_ index: Int, appending key: YAMLNodeID) -> String {
    path(index, appending: stream.text(of: key))
  }

  /// The dotted path of frame `index`, with `key` appended.
  private func path(_ index: Int, appending key: String) -> String {
    var components: [Component] = []
    var current = index
    while current >= 0 {
      components.append(frames[current].component)
      current = frames[current].parent
    }
    var text = ""
    for component in components.reversed() {
      switch component {
      case .root: break
      case .key(let key):
        let key = stream.text(of: key)
        text += text.isEmpty ? key : "." + key
      case .index(let position): text += "[\(position)]"
      }
    }
    text += text.isEmpty ? key : "." + key
    return text
  }
}
