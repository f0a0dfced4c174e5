import ResourceModel

/// What `Resources.__post_init__` accepts (SEMANTICS §1.1, §1.2).
enum ResourcesField {
  /// Why constructing `Resources` with this field value fails at import, or nil when it does not
  /// (or cannot be known statically). Unknown field names are judged separately.
  static func constructionProblem(_ entry: ResourceEntry) -> String? {
    var shown: String { "\(entry.writtenKey)=\(entry.value.pythonRepr)" }
    guard case .sequence(let items, _) = entry.value.form else {
      guard let type = rejectedType(entry.value, key: entry.key, inTuple: false) else { return nil }
      return "\(shown) is \(type); Resources accepts \(accepted(entry.key)) for "
        + "\(entry.writtenKey) and raises AssertionError at import"
    }
    for item in items {
      if let type = rejectedType(item, key: entry.key, inTuple: true) {
        return "\(shown) holds \(type); Resources accepts only \(accepted(entry.key)) inside "
          + "a tuple and raises AssertionError at import"
      }
    }
    guard items.count == 2 else {
      let count = items.count == 1 ? "1 item" : "\(items.count) items"
      return "\(shown) has \(count); Resources raises ValueError \"must be of length 2\" at "
        + "import (write (request, limit) or a single value)"
    }
    return nil
  }

  /// "a float", "None", … when `value` has a type the field rejects.
  private static func rejectedType(_ value: ResourceValue, key: ResourceKey, inTuple: Bool)
    -> String?
  {
    switch value.form {
    case .float: key == .cpu ? nil : "a float"
    case .none: inTuple ? "None" : nil
    case .sequence: inTuple ? "a nested tuple or list" : nil
    case .other(let text) where text.hasPrefix("{"): "a dict or set"
    case .other(let text) where text.isBytesLiteral: "bytes"
    default: nil
    }
  }

  private static func accepted(_ key: ResourceKey) -> String {
    key == .cpu ? "str, int or float" : "str or int"
  }

  /// Why a keyword for a field already given positionally fails.
  static func repeated(_ entry: ResourceEntry) -> String {
    "\(entry.writtenKey)= is also given positionally (Resources takes cpu, mem, gpu, "
      + "ephemeral_storage in that order); Python raises TypeError \"got multiple values for "
      + "argument '\(entry.writtenKey)'\" at import"
  }

  /// Why an unknown `Resources` keyword (or a fifth positional value) fails.
  static func unknownField(_ name: String) -> String {
    if name.hasPrefix("<positional") {
      return "Resources takes at most 4 positional values (cpu, mem, gpu, ephemeral_storage); "
        + "more raise TypeError at import"
    }
    let hint = suggestion(forUnknown: name).map { " (did you mean \($0)=?)" } ?? ""
    return "Resources has no field \(name)\(hint); it raises TypeError unexpected keyword "
      + "argument at import"
  }

  /// The field meant by an unknown `Resources` keyword, when the mistake is a common one.
  static func suggestion(forUnknown name: String) -> String? {
    switch name {
    case "memory", "ram", "mem_limit": "mem"
    case "cpus", "cores": "cpu"
    case "gpus", "nvidia.com/gpu": "gpu"
    case "storage", "disk", "ephemeral-storage", "ephemeralStorage", "ephemeral_storage_limit":
      "ephemeral_storage"
    default: nil
    }
  }
}

/// What flytekit does with a task, container-task, override or plugin keyword argument that
/// carries resources but is not a `Resources` (SEMANTICS §1.3, §2.1), or is misspelt.
enum ResourcesArgument {
  /// Why a dict or `ResourceSpec` passed as `requests=`/`limits=`/`resources=` fails, or nil.
  static func wrongType(_ argument: ArgumentUse, kind: DeclarationKind) -> String? {
    let name = argument.name
    // Built only for a finding: nearly every argument is a proper Resources call.
    var assertion: String {
      "with_overrides raises AssertionError \"\(name) should be specified as "
        + "flytekit.Resources\""
    }
    switch argument.shape {
    case .mapping:
      // `resources=` goes through from_multiple_resource, which needs a dataclass.
      let failure =
        kind == .override && name != "resources"
        ? assertion
        : "flytekit fails with TypeError \"must be called with a dataclass type "
          + "or instance\""
      return "\(name)= is a dict, not Resources; \(failure)"
    case .resourceSpec where name == "resources":
      guard kind != .plugin else { return nil }
      let when = kind == .override ? "" : " at import"
      return "resources= is a ResourceSpec, not Resources; flytekit reads its requests/limits "
        + "as resource fields and raises TypeError \"unexpected keyword argument\"\(when) "
        + "(write resources=Resources(cpu=(request, limit)))"
    case .resourceSpec:
      // Tasks read ephemeral_storage first; plugin configs go through another converter.
      let attribute = kind == .plugin ? "" : " 'ephemeral_storage'"
      let failure =
        kind == .override
        ? assertion
        : "serialization fails with AttributeError \"'ResourceSpec' object has no "
          + "attribute\(attribute)\""
      return "\(name)= is a ResourceSpec, not Resources; \(failure)"
    default:
      return nil
    }
  }

  /// The message and severity for `request=`, `limit=` or `resource=`: `@task` and plugin
  /// configs reject it at import; container tasks and `with_overrides` take `**kwargs` and
  /// silently ignore it.
  static func misspelt(_ name: String, kind: DeclarationKind) -> (String, Severity) {
    let meant = "did you mean \(name)s=?"
    switch kind {
    case .override:
      return (
        "with_overrides silently ignores \(name)= (\(meant)), so the node keeps the task's "
          + "resources", .warning
      )
    case .containerTask:
      return (
        "\(name)= is not a container-task argument (\(meant)); flytekit silently ignores it, "
          + "so the task gets none of these resources", .warning
      )
    case .task:
      return (
        "\(name)= is not a task argument (\(meant)); flytekit raises ValueError "
          + "\"Unrecognized argument(s)\" at import", .error
      )
    default:
      return (
        "\(name)= is not an argument of this plugin config (\(meant)); it raises TypeError "
          + "\"unexpected keyword argument\" at import", .error
      )
    }
  }

  /// True for a `shared_memory=` value flytekit ignores: a number, a sequence or a dict.
  static func isIgnoredSharedMemory(_ value: ResourceValue) -> Bool {
    switch value.form {
    case .integer, .float, .sequence: true
    case .other(let text): text.hasPrefix("{")
    default: false
    }
  }
}

extension String {
  /// `b"…"`, `rb'…'`, …: a Python bytes literal.
  fileprivate var isBytesLiteral: Bool {
    let prefix = prefix { $0 != "\"" && $0 != "'" }
    return prefix.count < count && prefix.lowercased().contains("b")
      && prefix.allSatisfy { "bBrR".contains($0) }
  }
}
