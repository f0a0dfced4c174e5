import ResourceModel
import SourceText

/// The resource-related keyword arguments of one call, with every combination of conditional
/// branches they allow.
private struct ResourceArguments {
  var requests: [ResourceList] = [ResourceList()]
  var limits: [ResourceList] = [ResourceList()]
  var resources: [FlytekitResourceSpec]?
  var accelerator: [AcceleratorReference?] = [nil]
  var hasResources = false
  var arguments: [ArgumentUse] = []
  /// `pod_template=` and `task_config=` values, for the caller to follow.
  var podTemplate: Expr?
  var taskConfig: Expr?

  /// Calls `body` with (requests, limits, accelerator) of every combination, capped.
  func forEachCombination(
    _ body: (ResourceList, ResourceList, AcceleratorReference?) -> Void
  ) {
    let specs =
      resources ?? [FlytekitResourceSpec(requests: ResourceList(), limits: ResourceList())]
    var count = 0
    for spec in specs {
      for request in requests {
        for limit in limits {
          for accelerator in accelerator {
            // `resources=` mixed with `requests=`/`limits=` is an error a rule reports; keep both.
            body(spec.requests.merged(with: request), spec.limits.merged(with: limit), accelerator)
            count += 1
            if count >= ScanContext.maxAlternatives { return }
          }
        }
      }
    }
  }
}

/// An argument's value as `ScanContext.read` found it.
struct ArgumentReading {
  /// One alternative of the value (`a if c else b` has two; a constant, its definition's).
  enum Alternative {
    /// A flytekit `Resources(...)`: its fields, one list per combination of its conditionals.
    case resources([ResourceList])
    /// Anything else, for the reader of a list or spec to judge.
    case other(Expr)
  }

  /// What kind of object the value is, when a rule needs to know.
  var shape: ArgumentShape?
  var alternatives: OneOrMore<Alternative>
}

extension ScanContext {
  private func resourceArguments(
    _ call: CallExpr, acceptsResources: Bool = true, acceptsAccelerator: Bool = true
  ) -> ResourceArguments {
    var result = ResourceArguments()
    result.arguments.reserveCapacity(call.arguments.count)
    for argument in call.arguments {
      guard let keyword = argument.keyword else { continue }
      let reading = read(argument.value)
      result.arguments.append(argumentUse(keyword, argument, shape: reading.shape))
      switch keyword {
      case "requests":
        result.requests = resourceListOptions(reading)
        result.hasResources = true
      case "limits":
        result.limits = resourceListOptions(reading)
        result.hasResources = true
      case "resources" where acceptsResources:
        result.resources = resourceSpecOptions(reading)
        result.hasResources = true
      case "accelerator":
        result.accelerator = acceleratorOptions(argument.value)
        result.hasResources = true
      case "pod_template":
        result.podTemplate = argument.value
      case "task_config":
        result.taskConfig = argument.value
      case "shared_memory", "request", "limit", "resource":
        // Shared memory is an extended resource like the accelerator; the misspellings make
        // flytekit fail, and a rule can only say so about a declaration that exists.
        result.hasResources = true
      default:
        break
      }
    }
    // `@task(requests=..., **common)`: what `common` holds is unknown, so is every resource
    // argument not written out, and the construct may declare resources even without any.
    if let unpacked = call.arguments.first(where: { $0.stars == 2 }) {
      result.hasResources = true
      let source = dynamicSource(unpacked)
      func given(_ keyword: String) -> Bool { call.arguments.contains { $0.keyword == keyword } }
      if !given("requests") { result.requests = [ResourceList(dynamicSource: source)] }
      if !given("limits") { result.limits = [ResourceList(dynamicSource: source)] }
      if acceptsAccelerator && !given("accelerator") {
        result.accelerator = [
          AcceleratorReference(
            form: .dynamic, written: source.written, span: source.span, device: nil,
            partition: nil)
        ]
      }
    }
    return result
  }

  /// A keyword argument as rules see it. A `Resources(...)` (also through a constant) is
  /// recorded by its shape alone: its fields are there, and its source text as a value would
  /// be a string per argument that no rule reads.
  private func argumentUse(_ keyword: String, _ argument: Argument, shape: ArgumentShape?)
    -> ArgumentUse
  {
    var value: ResourceValue?
    if case .resources = shape {
      value = nil
    } else {
      value = self.value(argument.value)
    }
    return ArgumentUse(
      name: keyword, span: span(argument.keywordStart, argument.keywordEnd), value: value,
      shape: shape, extentEnd: span(argument.keywordStart, argument.value.end).end)
  }

  /// An argument's value read once, for everything that asks about it: its alternatives, and
  /// what kind of object it is when a rule needs to know (`shape`): a `Resources(...)` (its
  /// fields from every alternative, and the calls then belong to this construct), a
  /// `ResourceSpec`, or a dict. A task's `requests=Resources(...)` was read twice, once for its
  /// shape and once for its lists.
  func read(_ expr: Expr) -> ArgumentReading {
    var fields: ResourceList?
    var shape: ArgumentShape?
    let alternatives = self.alternatives(expr).map { candidate -> ArgumentReading.Alternative in
      switch candidate.kind {
      case .dict:
        shape = shape ?? .mapping
      case .call(let call):
        switch symbol(call.callee) {
        case .resources:
          consumed.insert(call.openParen)
          let lists = readResourceFields(call)
          var union = fields ?? ResourceList()
          for list in lists {
            // The first list is the union so far: its entries are distinct (each has its own
            // argument's span), and taking it shares its storage instead of copying it.
            if union.isEmpty {
              union = list
              continue
            }
            for entry in list where !union.entries.contains(entry) { union.append(entry) }
          }
          fields = union
          return .resources(lists)
        case .resourceSpec:
          shape = shape ?? .resourceSpec
        default:
          if case .name("dict") = call.callee.kind { shape = shape ?? .mapping }
        }
      default:
        break
      }
      return .other(candidate)
    }
    return ArgumentReading(
      shape: fields.map { .resources($0) } ?? shape, alternatives: alternatives)
  }

  /// One declaration per combination of conditional branches; the construct runs from
  /// `offset` to `end`.
  private func emit(
    _ kind: DeclarationKind, name: String?, at offset: Int, end: Int,
    _ arguments: ResourceArguments, owner: String? = nil
  ) {
    let extent = span(offset, end)
    arguments.forEachCombination { requests, limits, accelerator in
      declarations.append(
        Declaration(
          file: file.path, language: .python, kind: kind, name: name, location: extent.start,
          requests: requests, limits: limits, accelerator: accelerator,
          arguments: arguments.arguments, owner: owner, extent: extent))
    }
  }

  // MARK: Tasks

  /// `@task(...)`, `@dynamic(...)`, `@eager(...)` on the logical line `line`, ending at `end`.
  func handleTaskDecorator(_ call: CallExpr, line: Int, end: Int) {
    consumed.insert(call.openParen)
    let functionName = decoratedFunctionName(after: line)
    let arguments = resourceArguments(call)
    if let template = arguments.podTemplate {
      podTemplates(in: template, owner: functionName)
    }
    if let config = arguments.taskConfig {
      pluginConfigs(in: config, owner: functionName)
    }
    guard arguments.hasResources else { return }
    let at = stream.tokens[stream.lines[line].firstToken].start
    emit(.task, name: functionName, at: at, end: end, arguments)
  }

  /// The name of the function the decorators starting after `line` apply to.
  func decoratedFunctionName(after line: Int) -> String? {
    if let cached = decoratedName, cached.lines.contains(line) { return cached.name }
    var index = line + 1
    let tokens = stream.tokens
    var name: String?
    var upper: Int?
    while index < stream.lines.count {
      if let cached = decoratedName, cached.lines.contains(index) {
        name = cached.name
        upper = cached.lines.upperBound
        break
      }
      var first = stream.lines[index].firstToken
      if tokens[first].kind == .op && tokens[first].op == Op.at {
        index += 1
        continue
      }
      if tokens[first].kind == .name && tokens[first].flags == Keyword.asyncWord { first += 1 }
      if first + 1 < tokens.count, tokens[first].kind == .name,
        tokens[first].flags == Keyword.def || tokens[first].flags == Keyword.class,
        tokens[first + 1].kind == .name
      {
        name = text(tokens[first + 1].start, tokens[first + 1].end)
      }
      break
    }
    // Every decorator line passed over applies to the same function.
    decoratedName = (line..<max(line, upper ?? min(index, stream.lines.count)), name)
    return name
  }

  // MARK: Overrides and container tasks

  /// `x.with_overrides(...)`: named after the task called (`t` in `t(a=1).with_overrides`) or
  /// the receiver variable. The call ends at `end`.
  func handleOverride(_ call: CallExpr, receiver: Expr, nameStart: Int, end: Int) {
    consumed.insert(call.openParen)
    let arguments = resourceArguments(call)
    if let template = arguments.podTemplate { podTemplates(in: template, owner: nil) }
    guard arguments.hasResources else { return }
    let name = receiverName(receiver)
    emit(.override, name: name, at: nameStart, end: end, arguments, owner: name)
  }

  func receiverName(_ expr: Expr) -> String? {
    var current = expr
    for _ in 0..<PythonParser.maxDepth {
      switch current.kind {
      case .name(let name): return name
      case .attribute(_, let name, _): return name
      case .subscription(let base): current = base
      case .call(let call):
        if case .attribute(let base, "with_overrides", _) = call.callee.kind {
          current = base
        } else {
          current = call.callee
        }
      default: return nil
      }
    }
    return nil
  }

  func handleContainerTask(_ expr: Expr, _ call: CallExpr, assignedName: String?) {
    consumed.insert(call.openParen)
    let literalName = call.arguments.first { $0.keyword == "name" }.flatMap {
      stringLiteral($0.value)
    }
    let name = literalName ?? assignedName
    let arguments = resourceArguments(call)
    if let template = arguments.podTemplate { podTemplates(in: template, owner: name) }
    guard arguments.hasResources else { return }
    emit(.containerTask, name: name, at: expr.start, end: expr.end, arguments)
  }

  // MARK: Plugins and resource specs

  /// Plugin replica configs anywhere in a `task_config=` value (through constants).
  func pluginConfigs(in expr: Expr, owner: String?) {
    walkResolving(expr) { node in
      if let call = node.call, case .plugin(let className) = symbol(call.callee) {
        handlePlugin(node, call, className: className, owner: owner)
      }
      return true
    }
  }

  func handlePlugin(_ expr: Expr, _ call: CallExpr, className: String, owner: String?) {
    consumed.insert(call.openParen)
    let arguments = resourceArguments(call, acceptsResources: false, acceptsAccelerator: false)
    let hasRequirements =
      arguments.arguments.contains { $0.name == "requests" || $0.name == "limits" }
      || call.arguments.contains { $0.stars == 2 }
    guard hasRequirements else { return }
    emit(.plugin, name: className, at: expr.start, end: expr.end, arguments, owner: owner)
  }

  /// flytekit's `ResourceSpec(requests=Resources(...), limits=Resources(...))`.
  func handleResourceSpec(_ expr: Expr, _ call: CallExpr, assignedName: String?) {
    consumed.insert(call.openParen)
    var arguments = ResourceArguments()
    var position = 0
    if let unpacked = call.arguments.first(where: { $0.stars > 0 }) {
      // `ResourceSpec(**spec)`: the sides not written out are unknown.
      let unknown = ResourceList(dynamicSource: dynamicSource(unpacked))
      arguments.requests = [unknown]
      arguments.limits = [unknown]
    }
    for argument in call.arguments where argument.stars == 0 {
      let keyword = argument.keyword ?? (position == 0 ? "requests" : "limits")
      let reading = read(argument.value)
      if let written = argument.keyword {
        arguments.arguments.append(argumentUse(written, argument, shape: reading.shape))
      } else {
        position += 1
      }
      switch keyword {
      case "requests": arguments.requests = resourceListOptions(reading)
      case "limits": arguments.limits = resourceListOptions(reading)
      default: break
      }
    }
    emit(.resources, name: assignedName, at: expr.start, end: expr.end, arguments)
  }

  /// A `Resources(...)` attached to nothing the scanner knows: requests and limits as
  /// `ResourceSpec.from_multiple_resource` would split them.
  func handleStandaloneResources(_ expr: Expr, _ call: CallExpr, assignedName: String?) {
    consumed.insert(call.openParen)
    var arguments = ResourceArguments()
    arguments.arguments = call.arguments.compactMap { argument in
      argument.keyword.map {
        ArgumentUse(name: $0, span: span(argument.keywordStart, argument.keywordEnd))
      }
    }
    let alternatives = readResourceFields(call)
    arguments.resources = alternatives.map {
      FlytekitResourceSpec.fromMultipleResource(FlytekitResources(fields: $0))
    }
    var fields = ResourceList()
    for list in alternatives {
      for entry in list where !fields.entries.contains(entry) { fields.append(entry) }
    }
    let first = declarations.count
    emit(.resources, name: assignedName, at: expr.start, end: expr.end, arguments)
    for index in first..<declarations.count { declarations[index].resourceFields = fields }
  }

  // MARK: Pod templates

  /// Every `PodTemplate(...)` in `expr` (through constants), owned by `owner`.
  func podTemplates(in expr: Expr, owner: String?) {
    walkResolving(expr) { node in
      if let call = node.call, symbol(call.callee) == .podTemplate {
        handlePodTemplate(call, owner: owner)
        return false
      }
      return true
    }
  }

  func handlePodTemplate(_ call: CallExpr, owner: String?) {
    consumed.insert(call.openParen)
    var primary: String? = "primary"
    if let argument = call.arguments.first(where: { $0.keyword == "primary_container_name" }) {
      primary = stringLiteral(argument.value)
    }
    let podSpec =
      call.arguments.first { $0.keyword == "pod_spec" }
      ?? call.arguments.first { $0.keyword == nil && $0.stars == 0 }
    let listed = podSpec.flatMap { templateContainers(ofPodSpec: $0.value) }
    let first = declarations.count
    for argument in call.arguments where argument.keyword != "primary_container_name" {
      containers(
        in: argument.value, container: nil, primary: primary, owner: owner, depth: 0,
        listed: listed)
    }
    // A template whose containers declare no resources still decides which container is the
    // primary one; it is recorded as a declaration without resources.
    if declarations.count == first, let listed, !listed.isEmpty {
      declarations.append(
        Declaration(
          file: file.path, language: .python, kind: .podTemplate, name: nil,
          location: location(call.callee.start), primaryContainerName: primary, owner: owner,
          templateContainers: listed))
    }
  }

  /// The containers of `V1PodSpec(containers=[...])`, when the list is written out literally.
  func templateContainers(ofPodSpec expr: Expr) -> [TemplateContainer]? {
    guard let spec = alternatives(expr).first?.call, symbol(spec.callee) == .v1PodSpec,
      let list = spec.arguments.first(where: { $0.keyword == "containers" }),
      let resolved = alternatives(list.value).first
    else { return nil }
    let items: [Expr]
    switch resolved.kind {
    case .list(let elements), .tuple(let elements, _): items = elements
    default: return nil
    }
    var result: [TemplateContainer] = []
    for item in items {
      guard let container = alternatives(item).first?.call,
        symbol(container.callee) == .v1Container
      else { return nil }
      let nameArgument =
        container.arguments.first { $0.keyword == "name" }
        ?? container.arguments.first { $0.keyword == nil && $0.stars == 0 }
      guard let nameArgument, let name = stringLiteral(nameArgument.value) else {
        result.append(TemplateContainer(name: nil, span: span(item)))
        continue
      }
      result.append(TemplateContainer(name: name, span: value(nameArgument.value).span))
    }
    return result
  }

  /// Walks a pod spec, tracking the `V1Container` being read, and emits each
  /// `V1ResourceRequirements`. `listed` is the template's container list, when known.
  func containers(
    in expr: Expr, container: String?, primary: String?, owner: String?, depth: Int,
    listed: [TemplateContainer]? = nil
  ) {
    guard depth < 4 * PythonParser.maxDepth else { return }
    if depth < ScanContext.maxConstantDepth * 8, let value = constantDefinition(of: expr) {
      containers(
        in: value, container: container, primary: primary, owner: owner, depth: depth + 8,
        listed: listed)
      return
    }
    if let call = expr.call {
      switch symbol(call.callee) {
      case .v1Container:
        consumed.insert(call.openParen)
        let nameArgument =
          call.arguments.first { $0.keyword == "name" }
          ?? call.arguments.first { $0.keyword == nil && $0.stars == 0 }
        let name = nameArgument.flatMap { stringLiteral($0.value) }
        for argument in call.arguments {
          containers(
            in: argument.value, container: name, primary: primary, owner: owner, depth: depth + 1,
            listed: listed)
        }
        return
      case .v1ResourceRequirements:
        handleRequirements(
          expr, call, container: container, primary: primary, owner: owner, listed: listed)
        return
      default:
        break
      }
    }
    for child in expr.children {
      containers(
        in: child, container: container, primary: primary, owner: owner, depth: depth + 1,
        listed: listed)
    }
  }

  /// `V1ResourceRequirements(requests={...}, limits={...})`; positional order is
  /// `claims, limits, requests` in the Kubernetes client.
  func handleRequirements(
    _ expr: Expr, _ call: CallExpr, container: String?, primary: String?, owner: String?,
    listed: [TemplateContainer]? = nil
  ) {
    consumed.insert(call.openParen)
    var arguments = ResourceArguments()
    var position = 0
    if let unpacked = call.arguments.first(where: { $0.stars > 0 }) {
      // `V1ResourceRequirements(**reqs)`: the sides not written out are unknown.
      let unknown = ResourceList(dynamicSource: dynamicSource(unpacked))
      arguments.requests = [unknown]
      arguments.limits = [unknown]
    }
    for argument in call.arguments where argument.stars == 0 {
      var keyword = argument.keyword
      if let written = keyword {
        arguments.arguments.append(
          ArgumentUse(
            name: written, span: span(argument.keywordStart, argument.keywordEnd)))
      } else {
        keyword = position == 1 ? "limits" : (position == 2 ? "requests" : nil)
        position += 1
      }
      switch keyword {
      case "requests": arguments.requests = kubernetesListOptions(argument.value)
      case "limits": arguments.limits = kubernetesListOptions(argument.value)
      default: break
      }
    }
    arguments.forEachCombination { requests, limits, _ in
      declarations.append(
        Declaration(
          file: file.path, language: .python, kind: .podTemplate, name: container,
          location: location(expr.start), requests: requests, limits: limits,
          arguments: arguments.arguments, container: container, primaryContainerName: primary,
          owner: owner, templateContainers: listed, extent: span(expr)))
    }
  }
}
