import ResourceModel
import SourceText

/// Turning expressions into the model's values, resource lists and accelerator references.
extension ScanContext {
  /// The value of `expr` as the model records it. Names are followed into module-level
  /// constants (the value keeps the span of the literal in the definition); anything that
  /// cannot be known statically is `.dynamic` at the place it is used.
  func value(_ expr: Expr, depth: Int = 0) -> ResourceValue {
    var budget = ScanContext.maxValueNodes
    return value(expr, depth: depth, budget: &budget)
  }

  /// `value`, spending one unit of `budget` per value made: past it, what is left is dynamic.
  /// Tuples of constants that are tuples of constants grow exponentially (a 600-byte file made
  /// 2.5 million values and a 13 MB message), where a real value has a handful.
  private func value(_ expr: Expr, depth: Int, budget: inout Int) -> ResourceValue {
    let span = span(expr)
    guard depth <= 2 * PythonParser.maxDepth else { return dynamic(expr) }
    budget -= 1
    guard budget >= 0 else { return dynamic(expr) }
    switch expr.kind {
    case .string(let piece):
      switch piece {
      case .text(let contents): return ResourceValue(.string(contents), span: span)
      case .formatted: return dynamic(expr)
      case .bytes, .invalid: return ResourceValue(.other(description(expr)), span: span)
      }
    case .number(let number):
      switch number {
      case .integer(let digits): return ResourceValue(.integer(digits), span: span)
      case .float(let repr): return ResourceValue(.float(repr), span: span)
      case .other: return ResourceValue(.other(description(expr)), span: span)
      }
    case .trueValue: return ResourceValue(.boolean(true), span: span)
    case .falseValue: return ResourceValue(.boolean(false), span: span)
    case .noneValue: return ResourceValue(.none, span: span)
    case .ellipsis: return ResourceValue(.other("..."), span: span)
    case .tuple(let items, _):
      return ResourceValue(
        .sequence(items.map { value($0, depth: depth + 1, budget: &budget) }, isList: false),
        span: span)
    case .list(let items):
      return ResourceValue(
        .sequence(items.map { value($0, depth: depth + 1, budget: &budget) }, isList: true),
        span: span)
    case .dict, .set, .call:
      return ResourceValue(.other(description(expr)), span: span)
    case .unary(let op, let operand) where op == .minus || op == .plus:
      let inner = value(operand, depth: depth + 1, budget: &budget)
      switch inner.form {
      case .integer(let digits):
        return ResourceValue(.integer(op == .minus ? negate(digits) : digits), span: span)
      case .float(let repr):
        return ResourceValue(.float(op == .minus ? negate(repr) : repr), span: span)
      default:
        return dynamic(expr)
      }
    case .name:
      if depth < ScanContext.maxConstantDepth, let definition = constantDefinition(of: expr) {
        let resolved = value(definition, depth: depth + 1, budget: &budget)
        if resolved.isDynamic { return dynamic(expr) }
        return resolved
      }
      return dynamic(expr)
    default:
      return dynamic(expr)
    }
  }

  /// A value the scanner cannot know, at the place it is used, with its source text.
  private func dynamic(_ expr: Expr) -> ResourceValue {
    ResourceValue(.dynamic(description(expr)), span: span(expr))
  }

  /// What a `*args` or `**kwargs` argument (or a whole expression) may supply.
  func dynamicSource(_ argument: Argument) -> DynamicSource {
    let whole = Expr(kind: .opaque, start: argument.keywordStart, end: argument.value.end)
    return dynamicSource(whole)
  }

  /// A dict entry whose key is not a literal, or a `**mapping` entry.
  func dynamicSource(_ item: DictItem) -> DynamicSource {
    guard let key = item.key else {
      return DynamicSource(written: "**" + description(item.value), span: span(item.value))
    }
    return dynamicSource(key)
  }

  func dynamicSource(_ expr: Expr) -> DynamicSource {
    DynamicSource(written: description(expr), span: span(expr))
  }

  /// True when `expr` (one alternative, constants already followed) is something the scanner
  /// cannot evaluate: a name bound elsewhere (an import, a parameter), an attribute, a
  /// subscript, a call of anything but a known constructor, an operator. Literals, `None` and
  /// the calls the scanner reads are known, even when they are the wrong type for the argument.
  func isUnknowable(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .string, .number, .trueValue, .falseValue, .noneValue, .ellipsis, .tuple, .list, .set,
      .dict:
      return false
    case .call(let call):
      switch symbol(call.callee) {
      case .resources, .resourceSpec: return false
      default:
        if case .name("dict") = call.callee.kind { return false }
        return true
      }
    case .unary(let op, let operand):
      return op == .await || isUnknowable(operand)
    default:
      return true
    }
  }

  private func negate(_ text: String) -> String {
    if text == "0" || text == "nan" { return text }
    if text.hasPrefix("-") { return String(text.dropFirst()) }
    return "-" + text
  }

  /// The string a literal (or a constant bound to one) denotes.
  func stringLiteral(_ expr: Expr) -> String? {
    if case .string(let contents) = value(expr).form { return contents }
    return nil
  }

  // MARK: Resources

  /// The fields of a `Resources(...)` call as written, one list per combination of
  /// conditional branches. Positional arguments follow `cpu, mem, gpu, ephemeral_storage`; a
  /// keyword for a field already given positionally is kept too, marked `isRepeated`.
  func readResourceFields(_ call: CallExpr) -> [ResourceList] {
    // The one list of a call without conditionals, built in place; `options` (each argument's
    // choices, for their product) only once an argument has several.
    var only: [ResourceEntry] = []
    only.reserveCapacity(call.arguments.count)
    var options: [[ResourceEntry]] = []
    var position = 0
    // `Resources(cpu="1", **extra)`: any field not written may come from `extra`.
    let unpacked = call.arguments.first { $0.stars > 0 }.map(dynamicSource)
    for argument in call.arguments where argument.stars == 0 {
      let key: ResourceKey
      let written: String
      let keySpan: SourceSpan
      var isRepeated = false
      if let keyword = argument.keyword {
        key = ResourceKey(flytekitField: keyword) ?? .named(keyword)
        written = keyword
        keySpan = span(argument.keywordStart, argument.keywordEnd)
        isRepeated = FlytekitResources.fieldOrder.prefix(position).contains(key)
      } else {
        if position < FlytekitResources.fieldOrder.count {
          key = FlytekitResources.fieldOrder[position]
          written = key.dumpName
        } else {
          key = .named("<positional \(position + 1)>")
          written = "<positional \(position + 1)>"
        }
        position += 1
        keySpan = span(argument.value)
      }
      func entry(_ expr: Expr) -> ResourceEntry {
        ResourceEntry(
          key: key, writtenKey: written, keySpan: keySpan, value: value(expr),
          isRepeated: isRepeated)
      }
      let choices = alternatives(argument.value)
      if options.isEmpty, choices.count == 1 {
        only.append(entry(choices[0]))
        continue
      }
      if options.isEmpty { options = only.map { [$0] } }
      options.append(choices.map(entry))
    }
    guard !options.isEmpty else { return [ResourceList(only, dynamicSource: unpacked)] }
    return ScanContext.product(options).map { ResourceList($0, dynamicSource: unpacked) }
  }

  /// `requests=`/`limits=` of a task, override or plugin: the fields of the `Resources` as
  /// written (a tuple stays a sequence). A value the scanner cannot evaluate (`requests=RES`
  /// imported, a parameter) is a dynamic list; anything else contributes no entries.
  func resourceListOptions(_ reading: ArgumentReading) -> [ResourceList] {
    var options: [ResourceList] = []
    for alternative in reading.alternatives {
      switch alternative {
      // The first alternative's lists are taken as they are, sharing their storage.
      case .resources(let lists): options = options.isEmpty ? lists : options + lists
      case .other(let candidate):
        options.append(
          isUnknowable(candidate)
            ? ResourceList(dynamicSource: dynamicSource(candidate)) : ResourceList())
      }
    }
    return options.count > ScanContext.maxAlternatives
      ? Array(options.prefix(ScanContext.maxAlternatives)) : options
  }

  /// `resources=`: `ResourceSpec.from_multiple_resource` of the value, as flytekit 1.16 does.
  /// A `ResourceSpec` here makes flytekit fail (it reads the spec's `requests`/`limits` as
  /// resource fields), so it gives the construct no resources; RL015 reports the argument, and
  /// the spec itself is read as a standalone declaration.
  func resourceSpecOptions(_ reading: ArgumentReading) -> [FlytekitResourceSpec] {
    let options = reading.alternatives.flatMap { alternative -> [FlytekitResourceSpec] in
      switch alternative {
      case .resources(let lists):
        return lists.map {
          FlytekitResourceSpec.fromMultipleResource(FlytekitResources(fields: $0))
        }
      case .other(let candidate):
        // Something unknown may hold `(request, limit)` tuples: both sides are dynamic.
        let unknown = isUnknowable(candidate) ? dynamicSource(candidate) : nil
        return [
          FlytekitResourceSpec(
            requests: ResourceList(dynamicSource: unknown),
            limits: ResourceList(dynamicSource: unknown))
        ]
      }
    }
    return Array(options.prefix(ScanContext.maxAlternatives))
  }

  /// A Kubernetes resource map: a dict literal (or `dict(...)`) with string keys. A map the
  /// scanner cannot evaluate, a `**mapping` entry or a key that is not a literal make the
  /// list dynamic.
  func kubernetesListOptions(_ expr: Expr) -> [ResourceList] {
    let options = alternatives(expr).map { candidate -> ResourceList in
      var list = ResourceList()
      switch candidate.kind {
      case .dict(let items):
        for item in items {
          guard let key = item.key, let name = stringLiteral(key) else {
            list.dynamicSource = list.dynamicSource ?? dynamicSource(item)
            continue
          }
          list.append(
            ResourceEntry(
              key: ResourceKey(kubernetesKey: name), writtenKey: name, keySpan: span(key),
              value: value(item.value)))
        }
      case .call(let call):
        guard case .name("dict") = call.callee.kind else {
          if isUnknowable(candidate) { list.dynamicSource = dynamicSource(candidate) }
          break
        }
        for argument in call.arguments {
          guard let name = argument.keyword else {
            list.dynamicSource = list.dynamicSource ?? dynamicSource(argument)
            continue
          }
          list.append(
            ResourceEntry(
              key: ResourceKey(kubernetesKey: name), writtenKey: name,
              keySpan: span(argument.keywordStart, argument.keywordEnd),
              value: value(argument.value)))
        }
      default:
        if isUnknowable(candidate) { list.dynamicSource = dynamicSource(candidate) }
      }
      return list
    }
    return Array(options.prefix(ScanContext.maxAlternatives))
  }

  // MARK: Accelerators

  /// What an `accelerator=` value refers to; `nil` for `None`.
  func acceleratorOptions(_ expr: Expr) -> [AcceleratorReference?] {
    alternatives(expr).map { accelerator($0) }
  }

  func accelerator(_ expr: Expr) -> AcceleratorReference? {
    let written = description(expr)
    let span = span(expr)
    func reference(
      _ form: AcceleratorReference.Form, device: String? = nil,
      partition: AcceleratorReference.Partition? = nil
    ) -> AcceleratorReference {
      AcceleratorReference(
        form: form, written: written, span: span, device: device, partition: partition)
    }
    switch expr.kind {
    case .noneValue:
      return nil
    case .string:
      if let contents = stringLiteral(expr) { return reference(.string(contents)) }
      return reference(.dynamic)
    case .name, .attribute:
      guard let qualified = qualifiedName(expr),
        qualified.hasPrefix(Symbol.acceleratorsModule + ".")
      else { return reference(.dynamic) }
      let path = qualified.dropFirst(Symbol.acceleratorsModule.count + 1).split(separator: ".")
      guard let first = path.first, path.count <= 2 else { return reference(.dynamic) }
      let name = String(first)
      let attribute = path.count == 2 ? String(path[1]) : nil
      guard let constant = AcceleratorCatalog.constants[name] else {
        return reference(.constant(name: name, attribute: attribute))
      }
      guard let attribute else {
        return reference(.constant(name: name, attribute: nil), device: constant.device)
      }
      if constant.isMultiInstance && attribute == "unpartitioned" {
        return reference(
          .constant(name: name, attribute: attribute), device: constant.device,
          partition: .unpartitioned)
      }
      if let size = constant.partitions[attribute] {
        return reference(
          .constant(name: name, attribute: attribute), device: constant.device,
          partition: .size(size))
      }
      return reference(.constant(name: name, attribute: attribute), device: constant.device)
    case .call(let call):
      let firstArgument =
        call.arguments.first { $0.stars == 0 && $0.keyword == nil }
        ?? call.arguments.first { $0.keyword == "device" || $0.keyword == "partition_size" }
      if symbol(call.callee) == .gpuAccelerator {
        guard let argument = firstArgument, let device = stringLiteral(argument.value) else {
          return reference(.dynamic)
        }
        return reference(.custom(device: device), device: device)
      }
      if case .attribute(let base, "partitioned", _) = call.callee.kind,
        let qualified = qualifiedName(base),
        qualified.hasPrefix(Symbol.acceleratorsModule + ".")
      {
        let name = String(qualified.dropFirst(Symbol.acceleratorsModule.count + 1))
        let constant = AcceleratorCatalog.constants[name]
        guard let constant, constant.isMultiInstance else {
          return reference(
            .constant(name: name, attribute: "partitioned"), device: constant?.device)
        }
        guard let argument = firstArgument, let size = stringLiteral(argument.value) else {
          return reference(.dynamic, device: constant.device)
        }
        return reference(
          .partitioned(name: name, size: size), device: constant.device, partition: .size(size))
      }
      return reference(.dynamic)
    default:
      return reference(.dynamic)
    }
  }
}
