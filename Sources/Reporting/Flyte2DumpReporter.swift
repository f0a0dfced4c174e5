import ResourceModel

/// `dump`'s form of a Flyte 2 declaration: the four serialised resources under the SDK's own
/// names, the device `get_device()` returns, shared memory, and whether the SDK raises.
enum Flyte2DumpReporter {
  static let keys: [(ResourceKey, String)] = [
    (.cpu, "cpu"), (.memory, "memory"), (.gpu, "gpu"), (.ephemeralStorage, "disk"),
  ]

  /// The four keys, always present: the serialised string, null when not serialised,
  /// `<dynamic>` when unknown.
  static func resources(_ list: ResourceList) -> [(String, String?)] {
    let unset = list.isDynamic ? "<dynamic>" : nil
    return keys.map { key, name in (name, list[key].map { $0.value.dumpText } ?? unset) }
  }

  static func device(_ state: Flyte2DeviceState) -> String {
    switch state {
    case .none: return "null"
    case .dynamic: return JSON.string("<dynamic>")
    case .known(let device):
      return JSON.object([
        ("class", JSON.string(device.deviceClass)), ("type", JSON.optionalString(device.type)),
        ("quantity", JSON.string(device.quantity)),
        ("partition", JSON.optionalString(device.partition)),
      ])
    }
  }

  static func json(_ declaration: Declaration) -> String {
    let details = declaration.flyte2 ?? Flyte2Details()
    func list(_ list: ResourceList) -> String {
      JSON.object(resources(list).map { ($0.0, JSON.optionalString($0.1)) })
    }
    return JSON.object([
      ("file", JSON.string(declaration.file)),
      ("line", String(declaration.location.line)),
      ("column", String(declaration.location.column)),
      ("source", JSON.string(declaration.language.rawValue)),
      ("sdk", JSON.string(PythonSDK.flyte.rawValue)),
      ("kind", JSON.string(declaration.kind.dumpName)),
      ("name", JSON.optionalString(declaration.name)),
      ("tasks", "[" + details.tasks.map(JSON.string).joined(separator: ", ") + "]"),
      ("requests", list(declaration.requests)),
      ("limits", list(declaration.limits)),
      ("shm", JSON.optionalString(details.shm?.dumpText)),
      ("device", device(details.device)),
      ("raises", JSON.optionalString(details.raises?.reason)),
    ])
  }

  /// The text form: `file:line:col: environment trainer  tasks: train  requests: … `.
  static func text(_ declaration: Declaration) -> String {
    let details = declaration.flyte2 ?? Flyte2Details()
    var line = "\(declaration.file):\(declaration.location.line):\(declaration.location.column): "
    line += "flyte \(declaration.kind.dumpName)"
    if let name = declaration.name { line += " \(name)" }
    if !details.tasks.isEmpty { line += "  tasks: " + details.tasks.joined(separator: ",") }
    for (title, list) in [("requests", declaration.requests), ("limits", declaration.limits)] {
      let set = resources(list).compactMap { name, value in value.map { "\(name)=\($0)" } }
      line += "  \(title): " + (set.isEmpty ? "-" : set.joined(separator: " "))
    }
    if let shm = details.shm?.dumpText { line += "  shm: \(shm)" }
    switch details.device {
    case .none: break
    case .dynamic: line += "  device: <dynamic>"
    case .known(let device):
      line += "  device: \(device.deviceClass)"
      if let type = device.type { line += " \(type)" }
      line += " x\(device.quantity)"
      if let partition = device.partition { line += " partition \(partition)" }
    }
    if let raises = details.raises { line += "  raises: \(raises.reason)" }
    return line + "\n"
  }
}
