import ResourceModel

extension AcceleratorReference {
  /// `T4 (nvidia-tesla-t4)`; the text alone when it already shows the device.
  var reading: String {
    guard let device, !device.isEmpty, !written.contains(device) else { return written }
    return "\(written) (\(device))"
  }
}

extension DeclarationKind {
  /// How a message names the declaring call: `@task`, `ContainerTask`, `with_overrides`.
  var callName: String {
    switch self {
    case .task: "@task"
    case .containerTask: "the task constructor"
    case .override: "with_overrides"
    case .plugin: "the plugin config"
    default: "the call"
    }
  }
}
