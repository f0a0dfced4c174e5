/// The library objects the scanner recognises, identified by their fully qualified names.
enum Symbol: Equatable {
  /// flytekit's (or union's re-exported) `Resources`.
  case resources
  case resourceSpec
  /// `task`, `dynamic` or `eager`.
  case taskDecorator
  /// `ContainerTask`, `ShellTask`, `NotebookTask`, … (constructors taking `requests`/`limits`).
  case containerTask
  /// A plugin replica or node config; the payload is the class name.
  case plugin(String)
  case podTemplate
  case v1ResourceRequirements
  case v1Container
  case v1PodSpec
  case gpuAccelerator
  /// Flyte 2 (the `flyte` package): `Resources`, `TaskEnvironment`, `ReusePolicy`, and the
  /// device constructors (`GPU`, `TPU`, `Device`, …; the payload is the name).
  case flyteResources
  case flyteEnvironment
  case flyteReusePolicy
  case flyteDevice(String)

  static let acceleratorsModule = "flytekit.extras.accelerators"

  private static let pluginClasses: [String: Set<String>] = [
    "kfpytorch": ["Worker", "Master"],
    "kfmpi": ["Worker", "Launcher"],
    "kftensorflow": ["Chief", "PS", "Worker", "Evaluator"],
    "ray": ["HeadNodeConfig", "WorkerNodeConfig", "AutoscalerOptionsConfig"],
    "dask": ["Scheduler", "WorkerGroup"],
  ]

  /// Every class name of `pluginClasses`: other names need not have their module split.
  private static let pluginClassNames: Set<String> = pluginClasses.values.reduce([]) {
    $0.union($1)
  }

  /// The flytekit 1.16 modules that define or import `ResourceSpec`. The top-level `flytekit`
  /// package does not export it (`from flytekit import ResourceSpec` raises ImportError), so a
  /// name imported from anywhere else is not flytekit's class.
  private static let resourceSpecModules: Set<String> = [
    "flytekit.core.resources", "flytekit.configuration", "flytekit.core.container_task",
    "flytekit.core.python_auto_container", "flytekit.core.python_customized_container_task",
    "flytekit.core.utils",
  ]

  private static let flytekitContainerTasks: Set<String> = [
    "ContainerTask", "ShellTask", "RawShellTask", "PythonFunctionTask", "PythonInstanceTask",
  ]

  /// flytekit itself (but not its IDL models, whose `Resources` is a different class) and union,
  /// which re-exports flytekit's objects.
  static func isFlytekitModule(_ module: String) -> Bool {
    if module == "flytekit" || module == "union" || module.hasPrefix("union.") { return true }
    return module.hasPrefix("flytekit.") && module != "flytekit.models"
      && !module.hasPrefix("flytekit.models.")
  }

  /// The symbol a fully qualified name denotes, if the scanner knows it.
  static func classify(_ qualified: String) -> Symbol? {
    // By bytes when the name is ASCII (always, in practice): the same dot as by characters,
    // without grapheme breaking. Elsewhere a combining mark after `.` joins it into another
    // character, so the character search stays.
    let isASCII = qualified.utf8.allSatisfy { $0 < 0x80 }
    let lastDot =
      isASCII
      ? qualified.utf8.lastIndex(of: UInt8(ascii: ".")) : qualified.lastIndex(of: ".")
    guard let dot = lastDot else { return nil }
    let module = String(qualified[..<dot])
    let name = String(qualified[qualified.index(after: dot)...])
    if module == "flyte" { return flyte2Symbol(name) }
    if isFlytekitModule(module) {
      switch name {
      case "Resources": return .resources
      case "ResourceSpec": return resourceSpecModules.contains(module) ? .resourceSpec : nil
      case "task", "dynamic", "eager": return .taskDecorator
      case "PodTemplate": return .podTemplate
      case "GPUAccelerator" where module == acceleratorsModule: return .gpuAccelerator
      default:
        if flytekitContainerTasks.contains(name) { return .containerTask }
      }
    }
    if module == "kubernetes" || module.hasPrefix("kubernetes.") {
      switch name {
      case "V1ResourceRequirements": return .v1ResourceRequirements
      case "V1Container": return .v1Container
      case "V1PodSpec": return .v1PodSpec
      default: return nil
      }
    }
    guard pluginClassNames.contains(name) || name == "NotebookTask" else { return nil }
    let parts = module.split(separator: ".")
    if parts.count >= 2 && parts[0] == "flytekitplugins" {
      if parts[1] == "papermill" && name == "NotebookTask" { return .containerTask }
      if let classes = pluginClasses[String(parts[1])], classes.contains(name) {
        return .plugin(name)
      }
    }
    return nil
  }
}
