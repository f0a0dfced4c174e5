import ResourceModel

extension Declaration {
  /// Every flytekit `Resources(...)` this declaration was read from, with its fields as written:
  /// the calls passed as keyword arguments, or the call itself for a standalone `Resources`.
  var resourcesCalls: [(argument: ArgumentUse?, fields: ResourceList)] {
    var result: [(argument: ArgumentUse?, fields: ResourceList)] = []
    if let resourceFields { result.append((nil, resourceFields)) }
    for argument in arguments {
      if let fields = argument.resourceFields { result.append((argument, fields)) }
    }
    return result
  }
}

/// What `Resources.__post_init__` accepts (SEMANTICS §1.1, §1.2).
enum ResourcesField {
  /// Why constructing `Resources` with this field value fails at import, or nil when it does not
  /// (or cannot be known statically). Unknown field names are judged separately.
  static func constructionProblem(_ entry: ResourceEntry) -> String? {
    let shown = "\(entry.writtenKey)=\(entry.value.literal)"
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

extension ResourceValue {
  /// The value as Python source would show it: a 1-tuple keeps its trailing comma.
  var literal: String {
    if case .sequence(let items, false) = form, items.count == 1 {
      return "(\(items[0].pythonRepr),)"
    }
    return pythonRepr
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
