import ResourceModel

/// Which list of a declaration an entry came from.
enum Side {
  case request
  case limit

  /// "request"/"limit", or "default" for requests of Flyte platform configuration, which calls
  /// them `defaults`.
  func word(for kind: DeclarationKind) -> String {
    switch self {
    case .limit: "limit"
    case .request: kind.isPlatformConfig ? "default" : "request"
    }
  }
}

extension Declaration {
  /// Every entry with the list it belongs to, requests first.
  var sidedEntries: [(side: Side, entry: ResourceEntry)] {
    requests.map { (Side.request, $0) } + limits.map { (Side.limit, $0) }
  }

  /// "memory request", "cpu limit", "memory default".
  func label(_ entry: ResourceEntry, _ side: Side) -> String {
    "\(entry.key.displayName) \(side.word(for: kind))"
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
    }
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
