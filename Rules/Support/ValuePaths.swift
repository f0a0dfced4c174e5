import ResourceModel

/// How flytekit turns a Python resource value into what the backend receives (SEMANTICS §1.4).
enum ValuePath {
  /// `_get_container_definition` puts the raw value into a protobuf `ResourceEntry`: anything
  /// but a `str` crashes serialization (falsy values are dropped first).
  case container
  /// The raw value goes into a `V1ResourceRequirements` (pod templates, Ray node configs):
  /// kubernetes client 37+ raises a pydantic ValidationError, older clients send a JSON number.
  case podSpec
  /// `with_overrides` and plugin replica configs apply `str()`, so a number works.
  case stringified
  /// A standalone `Resources(…)`: where it ends up is unknown.
  case unknown

  /// The path of a Python declaration's values, or nil for YAML declarations.
  init?(_ declaration: Declaration) {
    switch declaration.kind {
    case .task, .containerTask:
      self = declaration.hasArgument("pod_template") ? .podSpec : .container
    case .podTemplate: self = .podSpec
    case .plugin:
      // Ray's node configs build a pod spec from the raw values (`pod_spec_from_resources`).
      switch declaration.name {
      case "HeadNodeConfig", "WorkerNodeConfig": self = .podSpec
      default: self = .stringified
      }
    case .override: self = .stringified
    case .resources: self = .unknown
    default: return nil
    }
  }
}

extension ResourceValue {
  /// "int", "float" or "bool" for a Python number or boolean literal; nil for anything else.
  var pythonScalarType: String? {
    switch form {
    case .integer: "int"
    case .float: "float"
    case .boolean: "bool"
    default: nil
    }
  }

  /// True for a number or boolean Python treats as false (`0`, `0.0`, `False`).
  var isFalsyScalar: Bool {
    switch form {
    case .boolean(let value): !value
    case .integer, .float: quantity?.isZero ?? false
    default: false
    }
  }

  /// The string to write instead of this number: `"500m"` for `0.5`, `"2"` for `2`, and for a
  /// bare number of bytes below 1Mi the same number of MiB, which is what it usually meant.
  func stringReplacement(for key: ResourceKey) -> String {
    guard let quantity, case .integer(let text) = form else {
      if case .boolean = form { return key.isByteSized ? "1Gi" : "1" }
      guard let quantity else { return quantityText ?? "1" }
      return quantity.isFinerThanMilli ? quantity.text : quantity.canonical
    }
    if key.isByteSized, let bytes = quantity.int64Value, bytes > 0, bytes < 1 << 20 {
      return "\(text)Mi"
    }
    return text
  }
}
