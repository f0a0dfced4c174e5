import ResourceModel
import SourceText

/// What the scanner learns once per file about Flyte 2: whether the file imports `flyte`, the
/// functions each environment variable decorates (`@env.task`), and the environments built.
struct Flyte2FileState {
  var importsFlyte: Bool?
  /// Environment variable → decorated functions, in file order.
  var tasksByEnvironment: [String: [String]]?
  /// Function → the environment variable of its `@env.task`.
  var environmentByTask: [String: String] = [:]
  /// Environments and clones by the offset of their call's `(`.
  var environments: [Int: Flyte2Environment] = [:]
  /// The `@NAME.task` decorators of a file read in windows, gathered window by window (the
  /// tokens are gone by the time an environment asks).
  var windowTaskDecorators: [(environment: String, function: String)]?
  /// The SDK value of each module constant used so far, by the offset of its definition.
  var constantValues: [Int: Flyte2Value] = [:]
}

/// A `TaskEnvironment` (or clone) as the SDK builds it.
struct Flyte2Environment {
  enum Reuse {
    case none
    case policy
    case unknown
  }

  enum Holding {
    case none
    case known(Flyte2Resources)
    case dynamic(DynamicSource)
  }

  var name: String?
  var resources: Holding = .none
  var reusable: Reuse = .none
  var raises: Flyte2Problem?

  var effective: Flyte2Resources {
    switch resources {
    case .none: Flyte2Resources()
    case .known(let resources): resources
    case .dynamic(let source): Flyte2Resources.dynamic(source)
    }
  }
}

extension ScanContext {
  /// The `TaskEnvironment` keywords of flyte 2.12.1 (its dataclass fields).
  static let flyte2EnvironmentKeywords: Set<String> = [
    "cache", "depends_on", "description", "env_vars", "image", "include", "interruptible", "name",
    "plugin_config", "pod_template", "queue", "resources", "reusable", "secrets",
    "service_account",
  ]
  /// `clone_with`'s parameters and the extra keywords it takes (`cache`, `reusable`).
  static let flyte2CloneKeywords: Set<String> = [
    "depends_on", "description", "env_vars", "image", "include", "interruptible", "name",
    "resources", "secrets", "service_account", "cache", "reusable", "plugin_config",
  ]
  /// `TaskTemplate.override`'s parameters.
  static let flyte2OverrideKeywords: Set<String> = [
    "cache", "entrypoint", "env_vars", "interruptible", "links", "max_inline_io_bytes",
    "plugin_config", "pod_template", "produces_artifacts", "queue", "resources", "retries",
    "reusable", "secrets", "service_account", "short_name", "timeout",
  ]

  /// True when the file imports the `flyte` package (`import flyte`, `import os, flyte`,
  /// `from flyte import …`, `import flyte.io`): only then are `.clone_with(...)` and
  /// `.override(...)` read as Flyte 2.
  var importsFlyte: Bool {
    if let known = flyte2State.importsFlyte { return known }
    let found = imports.imports(package: "flyte")
    flyte2State.importsFlyte = found
    return found
  }

  /// Works out the file's Flyte 2 facts once, before windows are read apart (each would
  /// otherwise read every `@NAME.task` of the file again).
  func prepareFlyte2State() {
    if importsFlyte { readTaskDecorators() }
  }

  /// Reads every `@NAME.task` / `@NAME.task(...)` decorator line once.
  private func readTaskDecorators() {
    guard flyte2State.tasksByEnvironment == nil else { return }
    var tasks: [String: [String]] = [:]
    for (environment, function) in flyte2State.windowTaskDecorators ?? taskDecorators() {
      if tasks[environment]?.last != function { tasks[environment, default: []].append(function) }
      flyte2State.environmentByTask[function] = environment
    }
    flyte2State.tasksByEnvironment = tasks
    flyte2State.windowTaskDecorators = nil
  }

  /// The `@NAME.task` / `@NAME.task(...)` decorator lines of the stream, in order: the
  /// environment variable and the function decorated.
  func taskDecorators() -> [(environment: String, function: String)] {
    var result: [(environment: String, function: String)] = []
    let tokens = stream.tokens
    for (index, line) in stream.lines.enumerated() where line.endToken >= line.firstToken + 4 {
      let first = line.firstToken
      guard tokens[first].kind == .op, tokens[first].op == Op.at,
        tokens[first + 1].kind == .name, tokens[first + 1].flags == 0,
        tokens[first + 2].kind == .op, tokens[first + 2].op == Op.dot,
        tokens[first + 3].kind == .name,
        text(tokens[first + 3].start, tokens[first + 3].end) == "task"
      else { continue }
      let after = first + 4
      guard after == line.endToken || (tokens[after].kind == .op && tokens[after].op == Op.lparen)
      else { continue }
      let environment = text(tokens[first + 1].start, tokens[first + 1].end)
      guard let function = decoratedFunctionName(after: index) else { continue }
      result.append((environment, function))
    }
    return result
  }

  // MARK: Constructs

  /// The first pass's hook: a `TaskEnvironment(...)`, `.clone_with(...)` or
  /// `.override(resources=...)` call becomes a declaration. False when the call is none.
  func handleFlyte2Construct(_ nested: NestedCall, _ root: Root) -> Bool {
    let call = nested.call
    let kind: DeclarationKind
    if symbol(call.callee) == .flyteEnvironment {
      kind = .flyteEnvironment
    } else if case .attribute(_, let method, _) = call.callee.kind,
      method == "clone_with" || method == "override", importsFlyte
    {
      if method == "override" && !call.arguments.contains(where: { $0.keyword == "resources" }) {
        return false
      }
      kind = method == "clone_with" ? .flyteEnvironmentClone : .flyteOverride
    } else {
      return false
    }
    consumed.insert(call.openParen)
    // The `Resources(...)` written as the `resources=` argument belongs to this construct
    // (through a constant it is a construct of its own, as the SDK's users see it).
    if let argument = call.arguments.first(where: { $0.keyword == "resources" }) {
      consumeFlyte2Calls(in: argument.value)
    }
    let extent = span(nested.node)
    var details = Flyte2Details()
    var name: String?
    var resources: Flyte2Resources
    var raises: Flyte2Problem?
    switch kind {
    case .flyteOverride:
      let built = flyte2Override(call, receiver: receiverExpr(call))
      resources = built.resources
      raises = built.raises
      name = built.name
      details.environment = built.environment
    default:
      let environment = flyte2Environment(call, depth: 0)
      resources = environment.effective
      raises = environment.raises
      name = environment.name
      readTaskDecorators()
      if let variable = assignedName(nested.node, root),
        case .constant = binding(variable, at: nested.node.start)
      {
        details.tasks = flyte2State.tasksByEnvironment?[variable] ?? []
      }
    }
    emitFlyte2(kind, name: name, extent: extent, resources, raises: raises, details: details)
    return true
  }

  /// A `flyte.Resources(...)` attached to nothing known (pass 3).
  func handleFlyte2Resources(_ expr: Expr, _ call: CallExpr, assignedName: String?) {
    consumeFlyte2Calls(in: expr)
    let resources = flyte2Resources(call, depth: 0)
    emitFlyte2(
      .flyteResources, name: assignedName, extent: span(expr), resources,
      raises: resources.raises, details: Flyte2Details())
  }

  private func emitFlyte2(
    _ kind: DeclarationKind, name: String?, extent: SourceSpan, _ resources: Flyte2Resources,
    raises: Flyte2Problem?, details: Flyte2Details
  ) {
    var details = details
    details.shm = resources.shm
    details.device = resources.device
    details.raises = raises ?? resources.raises
    var declaration = Declaration(
      file: file.path, language: .python, kind: kind, name: name, location: extent.start,
      requests: resources.requests, limits: resources.limits, extent: extent)
    declaration.flyte2 = details
    declarations.append(declaration)
  }

  private func receiverExpr(_ call: CallExpr) -> Expr? {
    if case .attribute(let base, _, _) = call.callee.kind { return base }
    return nil
  }

  /// Marks `expr` and the SDK calls written directly in it as consumed.
  private func consumeFlyte2Calls(in expr: Expr) {
    guard let call = expr.call else { return }
    switch symbol(call.callee) {
    case .flyteResources, .flyteDevice, .flyteReusePolicy:
      consumed.insert(call.openParen)
      for argument in call.arguments { consumeFlyte2Calls(in: argument.value) }
    default:
      break
    }
  }

  // MARK: Environments

  /// A `TaskEnvironment(...)` or `.clone_with(...)` call as the SDK builds it (memoised).
  func flyte2Environment(_ call: CallExpr, depth: Int) -> Flyte2Environment {
    if let known = flyte2State.environments[call.openParen] { return known }
    let built: Flyte2Environment
    if case .attribute(let base, "clone_with", _) = call.callee.kind {
      built = flyte2Clone(call, parent: base, depth: depth)
    } else {
      built = flyte2NewEnvironment(call, depth: depth)
    }
    flyte2State.environments[call.openParen] = built
    return built
  }

  /// The environment a name refers to: a module constant bound to `TaskEnvironment(...)` or
  /// to a `.clone_with(...)`; nil when it is not known.
  func flyte2EnvironmentNamed(_ expr: Expr, depth: Int) -> Flyte2Environment? {
    guard depth < ScanContext.maxConstantDepth, case .name = expr.kind,
      let value = constantDefinition(of: expr), let call = value.call
    else { return nil }
    if symbol(call.callee) == .flyteEnvironment {
      return flyte2Environment(call, depth: depth + 1)
    }
    if case .attribute(_, "clone_with", _) = call.callee.kind {
      return flyte2Environment(call, depth: depth + 1)
    }
    return nil
  }

  private func flyte2NewEnvironment(_ call: CallExpr, depth: Int) -> Flyte2Environment {
    var environment = Flyte2Environment()
    var problems: [Flyte2Problem] = []
    let nameValue = readEnvironmentArguments(
      call, callee: "TaskEnvironment()", known: Self.flyte2EnvironmentKeywords, depth: depth,
      into: &environment, problems: &problems)
    let isDynamic = call.arguments.contains { $0.stars > 0 }
    if nameValue == nil && !isDynamic {
      problems.append(
        Flyte2Problem(
          .call, "TaskEnvironment() needs a name", at: span(call.callee.start, call.callee.end)))
    }
    if let nameValue { checkEnvironmentName(nameValue, into: &problems) }
    environment.raises = firstProblem(problems)
    return environment
  }

  private func flyte2Clone(_ call: CallExpr, parent: Expr, depth: Int) -> Flyte2Environment {
    var environment: Flyte2Environment
    if let parentEnvironment = flyte2EnvironmentNamed(parent, depth: depth) {
      environment = parentEnvironment
    } else {
      let source = dynamicSource(parent)
      environment = Flyte2Environment(resources: .dynamic(source), reusable: .unknown)
    }
    let inherited = environment.raises
    environment.name = nil
    var problems: [Flyte2Problem] = []
    let nameValue = readEnvironmentArguments(
      call, callee: "clone_with()", known: Self.flyte2CloneKeywords, depth: depth,
      into: &environment, problems: &problems)
    if let nameValue { checkEnvironmentName(nameValue, into: &problems) }
    environment.raises = inherited ?? firstProblem(problems)
    return environment
  }

  /// What `TaskEnvironment(...)` and `clone_with(...)` read alike: the name (the first
  /// positional argument or `name=`, returned), `resources=` (a clone given `None` keeps its
  /// parent's), `reusable=`, and keywords the call does not take (a TypeError in the SDK).
  /// `**kwargs` are skipped: what they hold is unknown.
  private func readEnvironmentArguments(
    _ call: CallExpr, callee: String, known: Set<String>, depth: Int,
    into environment: inout Flyte2Environment, problems: inout [Flyte2Problem]
  ) -> Flyte2Value? {
    var nameValue: Flyte2Value?
    var positional = 0
    for argument in call.arguments where argument.stars == 0 {
      guard let keyword = argument.keyword else {
        if positional == 0 { nameValue = flyte2Value(argument.value, depth: depth) }
        positional += 1
        continue
      }
      switch keyword {
      case "name": nameValue = flyte2Value(argument.value, depth: depth)
      case "resources":
        let holding = flyte2Holding(argument.value, depth: depth, into: &problems)
        if case .none = holding {} else { environment.resources = holding }
      case "reusable":
        environment.reusable = flyte2Reuse(argument.value, depth: depth, into: &problems)
      default:
        if !known.contains(keyword) {
          problems.append(
            Flyte2Problem(
              .call,
              "\(callee) got an unexpected keyword argument '\(keyword)'"
                + keywordHint(keyword, known),
              at: span(argument.keywordStart, argument.keywordEnd)))
        }
      }
    }
    if case .str(let name) = nameValue?.kind { environment.name = name }
    return nameValue
  }

  private func keywordHint(_ keyword: String, _ known: Set<String>) -> String {
    DidYouMean.closest(to: keyword, among: known.sorted()).map { "; did you mean \($0)=?" } ?? ""
  }

  /// Argument errors raise first (while the arguments are evaluated), then the call's own.
  private func firstProblem(_ problems: [Flyte2Problem]) -> Flyte2Problem? {
    problems.first { $0.category != .call } ?? problems.first
  }

  private func checkEnvironmentName(_ value: Flyte2Value, into problems: inout [Flyte2Problem]) {
    switch value.kind {
    case .str(let name):
      if !Self.isSnakeOrKebab(name) {
        problems.append(
          Flyte2Problem(
            .call,
            "environment name \"\(name)\" must be snake_case or kebab-case "
              + "(lower-case letters and digits, words joined by _ or -)", at: value.span))
      }
    case .dynamic: break
    default:
      problems.append(
        Flyte2Problem(
          .call, "environment name must be a string, got \(value.typeName)", at: value.span))
    }
  }

  /// `re.fullmatch(r"^[a-z0-9]+([_-][a-z0-9]+)*$", name)`.
  static func isSnakeOrKebab(_ name: String) -> Bool {
    var previousWasSeparator = true
    for byte in name.utf8 {
      let isWord = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      if isWord {
        previousWasSeparator = false
      } else if byte == 0x5F || byte == 0x2D {
        if previousWasSeparator { return false }
        previousWasSeparator = true
      } else {
        return false
      }
    }
    return !previousWasSeparator
  }

  /// `resources=` of an environment or clone: a `Resources`, None, or an error.
  private func flyte2Holding(
    _ expr: Expr, depth: Int, into problems: inout [Flyte2Problem]
  ) -> Flyte2Environment.Holding {
    let value = flyte2Value(expr, depth: depth)
    switch value.kind {
    case .resources(let resources):
      return .known(resources)
    case .none:
      return .none
    case .dynamic:
      return .dynamic(dynamicSource(expr))
    case .raised(let problem):
      problems.append(problem)
      return .none
    default:
      problems.append(
        Flyte2Problem(
          .call, "resources= must be a flyte.Resources, got \(value.typeName)", at: value.span))
      return .none
    }
  }

  /// `reusable=`: a `ReusePolicy`, None, or an error.
  private func flyte2Reuse(
    _ expr: Expr, depth: Int, into problems: inout [Flyte2Problem]
  ) -> Flyte2Environment.Reuse {
    let value = flyte2Value(expr, depth: depth)
    switch value.kind {
    case .reusePolicy: return .policy
    case .none: return .none
    case .dynamic: return .unknown
    case .raised(let problem):
      problems.append(problem)
      return .none
    default:
      if value.isTruthy == false { return .none }
      problems.append(
        Flyte2Problem(
          .call, "reusable= must be a flyte.ReusePolicy, got \(value.typeName)", at: value.span))
      return .none
    }
  }

  // MARK: Overrides

  /// `task.override(resources=...)`: the task's resources after the override.
  private func flyte2Override(_ call: CallExpr, receiver: Expr?) -> (
    resources: Flyte2Resources, raises: Flyte2Problem?, name: String?, environment: String?
  ) {
    readTaskDecorators()
    var name: String?
    var environment: Flyte2Environment?
    var environmentName: String?
    if let receiver, case .name(let function) = receiver.kind {
      name = function
      if let variable = flyte2State.environmentByTask[function] {
        let variableExpr = Expr(kind: .name(variable), start: receiver.start, end: receiver.end)
        environment = flyte2EnvironmentNamed(variableExpr, depth: 0)
        environmentName = environment?.name
      }
    } else if let receiver {
      name = receiverName(receiver)
    }
    var problems: [Flyte2Problem] = []
    var resourcesValue: Flyte2Value?
    var reusableValue: Flyte2Value?
    var callProblems: [Flyte2Problem] = []
    for argument in call.arguments where argument.stars == 0 {
      guard let keyword = argument.keyword else {
        callProblems.append(
          Flyte2Problem(
            .call, "override() takes keyword arguments only", at: span(argument.value)))
        continue
      }
      switch keyword {
      case "resources": resourcesValue = flyte2Value(argument.value, depth: 0)
      case "reusable": reusableValue = flyte2Value(argument.value, depth: 0)
      default:
        if !Self.flyte2OverrideKeywords.contains(keyword) {
          let reason =
            ["name", "image", "docs", "interface"].contains(keyword)
            ? "override() cannot change \(keyword)"
            : "override() got an unexpected keyword argument '\(keyword)'"
              + keywordHint(keyword, Self.flyte2OverrideKeywords)
          callProblems.append(
            Flyte2Problem(.call, reason, at: span(argument.keywordStart, argument.keywordEnd)))
        }
      }
    }
    for value in [resourcesValue, reusableValue] {
      if case .raised(let problem) = value?.kind { problems.append(problem) }
    }
    // `reusable = reusable or self.reusable`; "off" turns it off.
    var reuse: Flyte2Environment.Reuse = environment?.reusable ?? .unknown
    var reuseGivenHere = false
    if let reusableValue {
      switch reusableValue.kind {
      case .str("off"): reuse = .none
      case .dynamic: reuse = .unknown
      case .raised: break
      default:
        if reusableValue.isTruthy == true {
          reuse = .policy
          reuseGivenHere = true
        }
      }
    }
    if case .policy = reuse, let resourcesValue, !resourcesValue.isNone,
      !resourcesValue.isDynamic
    {
      let task = name ?? "a task"
      let reason =
        reuseGivenHere
        ? "cannot override the resources of \(task) in the call that makes it reusable: "
          + "reusable tasks run with the environment's resources"
        : "cannot override the resources of \(task): "
          + (environmentName.map { "environment \"\($0)\"" } ?? "its environment")
          + " is reusable, and reusable tasks run with the environment's resources; pass "
          + "reusable=\"off\" in the same call to override them"
      problems.append(Flyte2Problem(.reusableOverride, reason, at: resourcesValue.span))
    }
    problems += callProblems
    // `resources = resources or self.resources`.
    var resources: Flyte2Resources
    let inherited: Flyte2Resources =
      environment?.effective
      ?? Flyte2Resources.dynamic(
        receiver.map { dynamicSource($0) }
          ?? DynamicSource(written: "task", span: span(call.callee)))
    if let environment, let raised = environment.raises, problems.isEmpty {
      problems.append(raised)
    }
    if let resourcesValue {
      switch resourcesValue.kind {
      case .resources(let given): resources = given
      case .dynamic: resources = Flyte2Resources.dynamic(dynamicSource(resourcesValue))
      case .raised: resources = Flyte2Resources()
      default:
        if resourcesValue.isTruthy == false {
          resources = inherited
        } else {
          resources = Flyte2Resources()
          problems.append(
            Flyte2Problem(
              .value,
              "override(resources=) must be a flyte.Resources, got "
                + "\(resourcesValue.typeName); serialising the task fails",
              at: resourcesValue.span))
        }
      }
    } else {
      resources = inherited
    }
    return (resources, problems.first, name, environmentName)
  }

  private func dynamicSource(_ value: Flyte2Value) -> DynamicSource {
    DynamicSource(written: value.model.dynamicText ?? "?", span: value.span)
  }
}

extension Symbol {
  /// A name exported by the `flyte` package (Flyte 2).
  static func flyte2Symbol(_ name: String) -> Symbol? {
    switch name {
    case "Resources": .flyteResources
    case "TaskEnvironment": .flyteEnvironment
    case "ReusePolicy": .flyteReusePolicy
    case "GPU", "TPU", "Device", "Neuron", "AMD_GPU", "HABANA_GAUDI", "APPLE_SILICON":
      .flyteDevice(name)
    default: nil
    }
  }
}
