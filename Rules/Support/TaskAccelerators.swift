import ResourceModel

extension AcceleratorCatalog {
  /// What is wrong with `Name` or `Name.attribute`, or nil when flytekit defines it.
  static func problem(_ name: String, _ attribute: String?) -> String? {
    guard let constant = constants[name] else {
      return "flytekit.extras.accelerators defines no \(name), so the import fails"
    }
    guard let attribute else { return nil }
    if constant.partitions[attribute] != nil { return nil }
    if constant.isMultiInstance && attribute == "unpartitioned" { return nil }
    if attribute == "device" {
      return "\(name).device is the string \"\(constant.device)\", not an accelerator object; "
        + "serialization fails with AttributeError; use \(name)"
    }
    guard constant.isMultiInstance else {
      return "\(name) (\(constant.device)) has no partitions, so \(name).\(attribute) raises "
        + "AttributeError at import; use \(name)"
    }
    let owner =
      constants.values.filter { $0.partitions[attribute] != nil }
      .map(\.name).sorted().first.map { "; \($0) has it" } ?? ""
    return "\(name) has no \(attribute), so the import fails with AttributeError\(owner)"
  }
}

extension ResourceValue {
  /// A literal that can never be an accelerator object: a number, bool, tuple, list or dict.
  var isNeverAnAccelerator: Bool {
    switch form {
    case .integer, .float, .boolean, .sequence: true
    case .other(let text): text.hasPrefix("{")
    default: false
    }
  }
}
