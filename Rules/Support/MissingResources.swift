import ResourceModel

/// Which declarations the opt-in RL026/RL027 look at, and how they name them.
enum MissingResources {
  /// A Kubernetes container (or Helm values block) whose resources the user fully controls.
  static func isKubernetesContainer(_ declaration: Declaration) -> Bool {
    switch declaration.kind {
    case .k8sContainer, .k8sInitContainer, .helmValues:
      // Ephemeral containers may not set resources; containers inside Flyte IDL pod tasks get
      // theirs from the task and the platform.
      return declaration.path?.containsBytes(of: "ephemeralContainers[") != true
        && declaration.owner == nil
    default:
      return false
    }
  }

  /// A Flyte task whose resources are all in its decorator or constructor: no pod template and
  /// no plugin config. (Resources the scanner could not read are dynamic: see `sets`.)
  static func isSelfContainedTask(_ declaration: Declaration, context: RuleContext) -> Bool {
    guard declaration.kind == .task || declaration.kind == .containerTask else { return false }
    let elsewhere = ["pod_template", "task_config"].contains { declaration.hasArgument($0) }
    let owned =
      declaration.name.map {
        !context.plugins(of: $0).isEmpty || !context.podTemplates(of: $0).isEmpty
      } ?? false
    return !elsewhere && !owned
  }

  /// True when `list` sets `key` to something other than None/null, or may set it: a dynamic
  /// value or a dynamic list is unknown, never missing.
  static func sets(_ list: ResourceList, _ key: ResourceKey) -> Bool {
    guard let entry = list[key] else { return list.isDynamic }
    if case .none = entry.value.form { return false }
    return true
  }

  /// "cpu", "memory" or "cpu or memory".
  static func words(_ keys: [ResourceKey]) -> String {
    keys.map(\.displayName).joined(separator: " or ")
  }

  /// `container app`, `resources of worker`, `task train`.
  static func subject(_ declaration: Declaration) -> String {
    let name = declaration.name.map { " \($0)" } ?? ""
    switch declaration.kind {
    case .helmValues: return "resources block" + (declaration.name.map { " of \($0)" } ?? "")
    case .k8sInitContainer: return "init container" + name
    case .task, .containerTask: return "task" + name
    default: return "container" + name
    }
  }
}
