import ResourceModel
import SourceText

/// `flyte.Resources(...)` as flyte 2.12.1 builds it (`__post_init__`) and serialises it
/// (`get_proto_resources`, `get_proto_extended_resources`, `get_device`).
extension ScanContext {
  static let flyte2ResourceFields = ["cpu", "memory", "gpu", "disk", "shm"]

  func flyte2Resources(_ call: CallExpr, depth: Int) -> Flyte2Resources {
    let binding = flyte2Bind(
      call, parameters: Self.flyte2ResourceFields, positional: 5, depth: depth)
    var result = Flyte2Resources()
    let callSpan = span(call.callee)
    var problems: [Flyte2Problem] = []
    if let raised = binding.raised { problems.append(raised) }
    if let error = binding.error {
      let hint =
        error.hasPrefix("unexpected keyword")
        ? Self.flyte2FieldHint(error) : ""
      problems.append(
        Flyte2Problem(.value, "Resources(): \(error)\(hint)", at: binding.errorSpan ?? callSpan))
    }
    let values = binding.values
    let unpacked = call.arguments.first { $0.stars > 0 }.map { dynamicSource($0) }
    // 1. Pair lengths, then each field's type, in the SDK's order.
    for field in ["cpu", "memory"] {
      if case .tuple(let items) = values[field]?.kind, items.count != 2 {
        problems.append(
          Flyte2Problem(
            .pairLength,
            "\(field) tuple must have exactly two elements (request, limit), got \(items.count)",
            at: values[field]?.span ?? callSpan))
      }
    }
    if let cpu = values["cpu"] { checkCPU(cpu, allowPair: true, into: &problems) }
    for field in ["memory", "disk", "shm"] {
      if let value = values[field] {
        checkQuantityString(field, value, allowPair: field == "memory", into: &problems)
      }
    }
    // 2. The accelerator.
    if let gpu = values["gpu"] {
      result.device = flyte2GPU(gpu, into: &problems)
    } else if unpacked != nil {
      result.device = .dynamic
    }
    if case .known(let device) = result.device {
      // Serialising: a device without a name (only `Device(...)` can make one) fails.
      if device.type == nil, case .device = values["gpu"]?.kind {
        problems.append(
          Flyte2Problem(
            .accelerator,
            "Device(...) without device= builds, but serialising the task fails "
              + "with \"Device type must be specified\"", at: device.span))
      }
    }
    // 3. What is serialised: cpu and memory pairs split, gpu as the device's quantity. A value
    // the SDK rejects is left out (its own rule reports it; others would misread it).
    let rejected = Set(problems.map(\.span))
    func scalarModel(_ value: Flyte2Value) -> ResourceValue? {
      rejected.contains(value.span) ? nil : self.scalarModel(value)
    }
    var requests = ResourceList(dynamicSource: unpacked)
    var limits = ResourceList(dynamicSource: unpacked)
    for (field, key) in [("cpu", ResourceKey.cpu), ("memory", .memory)] {
      guard let value = values[field] else { continue }
      let keySpan = binding.keywordSpans[field] ?? value.span
      if case .tuple(let items) = value.kind {
        if items.count == 2 {
          if let request = scalarModel(items[0]) {
            requests.append(
              ResourceEntry(key: key, writtenKey: field, keySpan: keySpan, value: request))
          }
          if let limit = scalarModel(items[1]) {
            limits.append(
              ResourceEntry(key: key, writtenKey: field, keySpan: keySpan, value: limit))
          }
        }
      } else if let request = scalarModel(value) {
        requests.append(
          ResourceEntry(key: key, writtenKey: field, keySpan: keySpan, value: request))
      }
    }
    if let gpu = values["gpu"] {
      let keySpan = binding.keywordSpans["gpu"] ?? gpu.span
      switch result.device {
      case .known(let device):
        let quantity = ResourceValue(Self.numberForm(device.quantity), span: gpu.span)
        requests.append(
          ResourceEntry(key: .gpu, writtenKey: "gpu", keySpan: keySpan, value: quantity))
      case .dynamic:
        requests.append(
          ResourceEntry(key: .gpu, writtenKey: "gpu", keySpan: keySpan, value: gpu.model))
      case .none:
        break
      }
    }
    if let disk = values["disk"], let request = scalarModel(disk) {
      let keySpan = binding.keywordSpans["disk"] ?? disk.span
      requests.append(
        ResourceEntry(key: .ephemeralStorage, writtenKey: "disk", keySpan: keySpan, value: request))
    }
    result.requests = requests
    result.limits = limits
    if let shm = values["shm"] {
      if case .none = shm.kind {} else { result.shm = shm.model }
    } else if let unpacked {
      result.shm = ResourceValue(.dynamic(unpacked.written), span: unpacked.span)
    }
    result.raises = problems.first
    return result
  }

  /// The model's value of a scalar the SDK serialises (`str()` of a number, a string).
  private func scalarModel(_ value: Flyte2Value) -> ResourceValue? {
    switch value.kind {
    case .int, .float, .bool, .str, .dynamic: value.model
    default: nil
    }
  }

  private static func numberForm(_ text: String) -> ResourceValue.Form {
    if text == "True" || text == "False" { return .boolean(text == "True") }
    if text.contains(".") || text.contains("e") || text == "inf" || text == "nan" {
      return .float(text)
    }
    return .integer(text)
  }

  private static func flyte2FieldHint(_ error: String) -> String {
    let parts = error.split(separator: "'")
    guard parts.count >= 2 else { return "" }
    let keyword = String(parts[1])
    let renamed = [
      "mem": "memory", "ephemeral_storage": "disk", "storage": "disk",
      "shared_memory": "shm",
    ]
    if let name = renamed[keyword] { return "; Flyte 2 calls it \(name)=" }
    return DidYouMean.closest(to: keyword, among: flyte2ResourceFields).map {
      "; did you mean \($0)=?"
    } ?? ""
  }

  /// `_check_cpu_quantity`.
  private func checkCPU(_ value: Flyte2Value, allowPair: Bool, into problems: inout [Flyte2Problem])
  {
    switch value.kind {
    case .none:
      if !allowPair {
        problems.append(
          Flyte2Problem(.value, "cpu pair elements must both be set, got None", at: value.span))
      }
    case .tuple(let items) where allowPair:
      for item in items {
        if case .none = item.kind {
          problems.append(
            Flyte2Problem(.value, "cpu pair elements must both be set, got None", at: item.span))
        } else {
          checkCPU(item, allowPair: false, into: &problems)
        }
      }
    case .int(let text), .float(let text):
      if Flyte2Number.isNegative(text) {
        problems.append(
          Flyte2Problem(
            .value, "cpu must be greater than or equal to 0, got \(text)", at: value.span))
      }
    case .bool, .str, .dynamic, .raised:
      break
    default:
      problems.append(
        Flyte2Problem(
          .value,
          "cpu must be a core count or a quantity string such as 1, 0.5 or \"100m\", "
            + "got \(value.typeName)", at: value.span))
    }
  }

  /// `_check_quantity_string`: memory, disk and shm take strings only.
  private func checkQuantityString(
    _ field: String, _ value: Flyte2Value, allowPair: Bool, isElement: Bool = false,
    into problems: inout [Flyte2Problem]
  ) {
    switch value.kind {
    case .none:
      if isElement {
        problems.append(
          Flyte2Problem(.value, "\(field) pair elements must both be set, got None", at: value.span)
        )
      }
    case .tuple(let items) where allowPair:
      for item in items {
        checkQuantityString(field, item, allowPair: false, isElement: true, into: &problems)
      }
    case .str, .dynamic, .raised:
      break
    case .int(let digits) where !Flyte2Number.isNegative(digits) && !Flyte2Number.isZero(digits):
      problems.append(
        Flyte2Problem(
          .bareInteger,
          "\(field) must be a quantity string such as \"\(digits)Mi\" or "
            + "\"1Gi\", not the int \(digits)", at: value.span))
    default:
      problems.append(
        Flyte2Problem(
          .value,
          "\(field) must be a quantity string such as \"1Gi\", got \(value.typeName) "
            + "\(value.model.pythonRepr)", at: value.span))
    }
  }

  /// `gpu=`: the device `get_device()` returns, after `__post_init__`'s checks.
  private func flyte2GPU(_ value: Flyte2Value, into problems: inout [Flyte2Problem])
    -> Flyte2DeviceState
  {
    switch value.kind {
    case .none: return .none
    case .dynamic: return .dynamic
    case .raised: return .none
    case .device(let device): return .known(device)
    case .int(let digits):
      if Flyte2Number.isNegative(digits) {
        problems.append(
          Flyte2Problem(
            .value, "gpu must be greater than or equal to 0, got \(digits)", at: value.span))
        return .none
      }
      if Flyte2Number.isZero(digits) { return .none }
      return .known(
        Flyte2Device(
          deviceClass: "GPU", type: nil, quantity: digits, partition: nil, span: value.span))
    case .bool(let flag):
      guard flag else { return .none }
      return .known(
        Flyte2Device(
          deviceClass: "GPU", type: nil, quantity: "True", partition: nil, span: value.span))
    case .str(let written):
      let text = Flyte2Catalog.normalisedAccelerator(written)
      guard Flyte2Catalog.accelerators.contains(text) else {
        problems.append(
          Flyte2Problem(.accelerator, Self.acceleratorReason(written), at: value.span))
        return .none
      }
      let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      let device = String(parts[0])
      let count = parts.count > 1 ? String(parts[1]) : "1"
      return .known(
        Flyte2Device(
          deviceClass: Flyte2Catalog.deviceClass(of: device) ?? "GPU", type: device,
          quantity: count, partition: nil, span: value.span))
    default:
      problems.append(
        Flyte2Problem(
          .value,
          "gpu must be an accelerator string such as \"A100:4\", a device count, or a "
            + "GPU()/TPU()/Device(), got \(value.typeName)", at: value.span))
      return .none
    }
  }

  /// Why an accelerator string is not one of the SDK's `Accelerators`.
  static func acceleratorReason(_ written: String) -> String {
    var reason = "gpu=\"\(written)\" is not an accelerator flyte knows"
    let parts = written.split(separator: ":", omittingEmptySubsequences: false)
    let device = String(parts.first ?? "")
    let normalised = Flyte2Catalog.deprecatedAliases[device] ?? device
    if Flyte2Catalog.tpuTypes.contains(normalised) {
      return reason + "; TPUs are requested with flyte.TPU(\"\(normalised)\", partition=...)"
    }
    if parts.count > 2
      || (parts.count == 2 && (parts[1].isEmpty || !parts[1].allSatisfy(\.isNumber)))
    {
      reason += "; write \"TYPE:N\" with a whole count"
    } else if parts.count == 1, Flyte2Catalog.deviceClass(of: normalised) != nil {
      return reason + "; give a count: \"\(normalised):1\""
    } else if parts.count == 2, Flyte2Catalog.deviceClass(of: normalised) != nil {
      let counts = Flyte2Catalog.accelerators.filter { $0.hasPrefix(normalised + ":") }
        .compactMap { Int($0.dropFirst(normalised.count + 1)) }.sorted()
      if counts.count == 1, let only = counts.first {
        return reason + "; \(normalised) comes only as \"\(normalised):\(only)\""
      }
      if let low = counts.first, let high = counts.last {
        let list =
          counts.count == high - low + 1
          ? "\(low) to \(high)" : counts.map(String.init).joined(separator: ", ")
        return reason + "; \(normalised) comes in counts of \(list)"
      }
    }
    if let suggestion = Flyte2Catalog.suggestion(for: written) {
      reason += "; did you mean \"\(suggestion)\"?"
    }
    return reason
  }
}
