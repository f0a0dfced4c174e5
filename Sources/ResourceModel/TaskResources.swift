/// Whether a GPU is asked for, as far as one file can tell.
public enum GPUPresence: Sendable, Hashable {
  /// Some GPU key (`gpu`, `nvidia.com/gpu`, …) has a positive value.
  case present
  /// No GPU key, or only zeros.
  case absent
  /// A GPU value is dynamic or unparsable, or the declarations involved are not all in the file.
  case unknown

  /// The presence of either: present wins, then unknown.
  public func combined(with other: GPUPresence) -> GPUPresence {
    if self == .present || other == .present { return .present }
    if self == .unknown || other == .unknown { return .unknown }
    return .absent
  }
}

/// The limit flytepropeller ends up giving a task for one resource, and where it comes from.
public struct EffectiveLimit: Sendable, Hashable {
  public enum Basis: Sendable, Hashable {
    /// The task's own limit.
    case limit
    /// The task declares only a request; the backend copies it into the limit.
    case request
    /// Nothing declared; the platform default fills the request and the limit.
    case platformDefault
    /// Any of the above, lowered to the platform's limit.
    case platformLimit
  }

  public var quantity: Quantity
  public var basis: Basis
}

/// What one task of a file runs with once flytekit has combined its declarations: the decorator
/// (or container-task constructor) and the pod template it owns (SEMANTICS §1.8, §2.4, §3.4).
public struct TaskResources: Sendable {
  /// The task's own declaration; nil when the task declares no resource argument.
  public var task: Declaration?
  /// The declaration of the pod template's primary container, if it declares resources.
  public var primaryContainer: Declaration?
  /// The other containers of the task's pod template (sidecars) that declare resources.
  public var sidecars: [Declaration]
  /// The plugin replica configs of the task's `task_config=`.
  public var plugins: [Declaration]
  /// flytekit replaces the primary container's whole `resources` with the task's requests and
  /// limits when the task has any; otherwise the template's are kept.
  public var requests: ResourceList
  public var limits: ResourceList
  /// True when `requests`/`limits` are the pod template's primary container's.
  public var isFromPodTemplate: Bool

  /// The accelerator the task declares (an override may replace it for one node).
  public var accelerator: AcceleratorReference? { task?.accelerator }

  /// True when the task's own declaration sets any request or limit, which is what makes
  /// flytekit discard the primary container's resources. False for a task whose resources are
  /// only dynamic (`requests=RES` imported): whether it sets any is unknown.
  public var declaresResources: Bool {
    guard let task else { return false }
    return !task.requests.isEmpty || !task.limits.isEmpty
  }

  /// True when the task's own requests or limits may hold values the scanner cannot know.
  public var hasDynamicResources: Bool {
    guard let task else { return false }
    return task.requests.isDynamic || task.limits.isDynamic
  }

  /// A GPU anywhere in the task's pod: effective primary resources, sidecars, plugin replicas.
  /// flytepropeller applies accelerator node selectors when any container has a GPU limit.
  public var gpu: GPUPresence {
    var result = requests.merged(with: limits).gpuPresence
    for other in sidecars + plugins {
      result = result.combined(with: other.gpuPresence)
    }
    return result
  }

  /// The limit the backend gives this task for `key` (SEMANTICS §3.4, `AdjustOrDefaultResource`):
  /// the declared limit, else the declared request, else the platform default; then lowered to
  /// the platform limit. Without a platform only declared values count. Nil when no limit
  /// results, or when a value involved is dynamic or unparsable (a dynamic list included).
  /// Zero means unset throughout.
  public func effectiveLimit(for key: ResourceKey, platform: PlatformLimits?) -> EffectiveLimit? {
    func known(_ list: ResourceList) -> Quantity?? {
      guard let entry = list[key] else { return list.isDynamic ? nil : .some(nil) }
      guard let quantity = entry.value.quantity else { return nil }
      return .some(quantity.isZero ? nil : quantity)
    }
    guard let limit = known(limits), let request = known(requests) else { return nil }
    var result: EffectiveLimit?
    if let limit {
      result = EffectiveLimit(quantity: limit, basis: .limit)
    } else if let request {
      result = EffectiveLimit(quantity: request, basis: .request)
    } else if let fallback = platform?.defaults[key]?.value.quantity, !fallback.isZero {
      result = EffectiveLimit(quantity: fallback, basis: .platformDefault)
    }
    if let current = result, let ceiling = platform?.limits[key]?.value.quantity,
      !ceiling.isZero, ceiling < current.quantity
    {
      result = EffectiveLimit(quantity: ceiling, basis: .platformLimit)
    }
    return result
  }
}

extension ResourceList {
  /// Whether any GPU entry of this list asks for a GPU; unknown when a dynamic part may.
  public var gpuPresence: GPUPresence {
    var result = isDynamic ? GPUPresence.unknown : .absent
    for entry in entries where entry.key.isGPU {
      guard let quantity = entry.value.quantity else {
        result = result.combined(with: .unknown)
        continue
      }
      if quantity.signum > 0 { return .present }
    }
    return result
  }
}

extension Declaration {
  /// Whether this declaration's own requests or limits ask for a GPU.
  public var gpuPresence: GPUPresence {
    requests.gpuPresence.combined(with: limits.gpuPresence)
  }
}

extension RuleContext {
  /// The task declared in this file under `name`, if exactly one task has that name.
  public func task(named name: String?) -> Declaration? {
    guard let name, case .task(let index) = taskEntry(named: name) else { return nil }
    return fileDeclarations[index]
  }

  /// The `with_overrides(...)` calls of this file applied to the task `name`.
  public func overrides(of name: String) -> [Declaration] {
    declarations(.override, ownedBy: name)
  }

  /// The pod-template containers owned by the task `name` (every container, primary or not).
  public func podTemplates(of name: String) -> [Declaration] {
    declarations(.podTemplate, ownedBy: name)
  }

  /// The plugin replica configs in the `task_config=` of the task `name`.
  public func plugins(of name: String) -> [Declaration] {
    declarations(.plugin, ownedBy: name)
  }

  /// What the task `name` runs with, or nil when the name is not one task of this file (several
  /// tasks share it, or nothing in the file declares resources for it).
  public func resources(ofTask name: String?) -> TaskResources? {
    guard let name else { return nil }
    let tasks: [Declaration]
    switch taskEntry(named: name) {
    case .task(let index): tasks = [fileDeclarations[index]]
    case .shared: return nil
    case nil: tasks = []
    }
    let templates = podTemplates(of: name)
    let plugins = plugins(of: name)
    guard !tasks.isEmpty || !templates.isEmpty || !plugins.isEmpty else { return nil }
    let isPrimary = { (declaration: Declaration) -> Bool in
      declaration.container != nil && declaration.container == declaration.primaryContainerName
    }
    var result = TaskResources(
      task: tasks.first, primaryContainer: templates.first(where: isPrimary),
      sidecars: templates.filter { !isPrimary($0) && $0.container != nil }, plugins: plugins,
      requests: tasks.first?.requests ?? ResourceList(),
      limits: tasks.first?.limits ?? ResourceList(), isFromPodTemplate: false)
    // A task whose resources are unknown may or may not replace the template's: its own
    // (dynamic) lists are kept, so that everything derived from them is unknown too.
    if !result.declaresResources, !result.hasDynamicResources,
      let primary = result.primaryContainer
    {
      result.requests = primary.requests
      result.limits = primary.limits
      result.isFromPodTemplate = true
    }
    return result
  }

  /// The accelerator a node runs with: an override's own, else its task's. Nil when neither is
  /// known to have one.
  public func effectiveAccelerator(of override: Declaration) -> AcceleratorReference? {
    override.accelerator ?? task(named: override.owner)?.accelerator
  }

  /// Whether the node an override applies to gets a GPU: the override's own values, else the
  /// task's effective ones (unknown when the task is not in this file).
  public func gpuPresence(ofOverride override: Declaration) -> GPUPresence {
    let own = override.gpuPresence
    if own == .present { return .present }
    guard let task = resources(ofTask: override.owner) else { return .unknown }
    return own.combined(with: task.gpu)
  }
}
