import ResourceModel
import SourceText

/// A Python value as the Flyte 2 SDK receives it, evaluated without running anything: literals,
/// module constants, and calls of the SDK's `Resources`, device constructors and `ReusePolicy`.
struct Flyte2Value {
  enum Kind {
    case int(String)
    case float(String)
    case bool(Bool)
    case str(String)
    case none
    case tuple([Flyte2Value])
    case list([Flyte2Value])
    /// Any other object: its Python type name, and whether it is falsy (an empty dict).
    case other(type: String, isEmpty: Bool)
    case resources(Flyte2Resources)
    case device(Flyte2Device)
    case reusePolicy
    case dynamic
    /// A nested constructor raised while the arguments were evaluated.
    case raised(Flyte2Problem)
  }

  var kind: Kind
  var span: SourceSpan
  /// The model's value for scalars (what requests and limits hold).
  var model: ResourceValue

  /// Python's type name, for messages.
  var typeName: String {
    switch kind {
    case .int: "int"
    case .float: "float"
    case .bool: "bool"
    case .str: "str"
    case .none: "NoneType"
    case .tuple: "tuple"
    case .list: "list"
    case .other(let type, _): type
    case .resources: "Resources"
    case .device: "Device"
    case .reusePolicy: "ReusePolicy"
    case .dynamic, .raised: "?"
    }
  }

  var isNone: Bool {
    if case .none = kind { return true }
    return false
  }

  var isDynamic: Bool {
    if case .dynamic = kind { return true }
    return false
  }

  /// Python truthiness; nil when unknown.
  var isTruthy: Bool? {
    switch kind {
    case .int(let digits): return !Flyte2Number.isZero(digits)
    case .float(let repr): return !Flyte2Number.isZero(repr)
    case .bool(let value): return value
    case .str(let text): return !text.isEmpty
    case .none: return false
    case .tuple(let items), .list(let items): return !items.isEmpty
    case .other(_, let isEmpty): return !isEmpty
    case .resources, .device, .reusePolicy: return true
    case .dynamic, .raised: return nil
    }
  }

  /// `str(value)` for the numbers the SDK stringifies; nil for anything else.
  var pythonStr: String? {
    switch kind {
    case .int(let text), .float(let text): text
    case .bool(let value): value ? "True" : "False"
    case .str(let text): text
    default: nil
    }
  }

  /// `value < 1` as Python evaluates it: nil when it raises TypeError (or is unknown).
  var isBelowOne: Bool? {
    switch kind {
    case .int(let digits): Flyte2Number.isNegative(digits) || Flyte2Number.isZero(digits)
    case .float(let repr): Flyte2Number.floatBelowOne(repr)
    case .bool(let value): !value
    default: nil
    }
  }

  /// True for an int (bool included, as in Python) or a float.
  var isNumber: Bool {
    switch kind {
    case .int, .float, .bool: true
    default: false
    }
  }
}

/// Comparisons of Python number texts (`str()` of an int or float) with 0 and 1, exactly.
enum Flyte2Number {
  static func isNegative(_ text: String) -> Bool { text.hasPrefix("-") && !isZero(text) }

  /// True for `0`, `-0`, `0.0`, `-0.0`, `0e0`…: every digit before an exponent is zero.
  static func isZero(_ text: String) -> Bool {
    var sawDigit = false
    for character in text {
      if character == "e" || character == "E" { break }
      if character.isNumber {
        if character != "0" { return false }
        sawDigit = true
      } else if character != "-" && character != "+" && character != "." {
        return false  // inf, nan
      }
    }
    return sawDigit
  }

  /// `float(repr) < 1` (repr as Python prints a float).
  static func floatBelowOne(_ repr: String) -> Bool {
    if repr == "nan" || repr == "inf" { return false }
    if repr.hasPrefix("-") { return true }
    if repr.contains("e-") { return true }
    if repr.contains("e+") || repr.contains("e") { return false }
    let whole = repr.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
    return whole.allSatisfy { $0 == "0" }
  }

  /// `value == 1` for an int or float text.
  static func isOne(_ text: String) -> Bool {
    text == "1" || text == "1.0" || text == "True"
  }
}

/// A `flyte.Resources(...)` as built and serialised by the SDK.
struct Flyte2Resources {
  var requests = ResourceList()
  var limits = ResourceList()
  var device: Flyte2DeviceState = .none
  var shm: ResourceValue?
  var raises: Flyte2Problem?

  /// Resources the scanner cannot know at all.
  static func dynamic(_ source: DynamicSource) -> Flyte2Resources {
    Flyte2Resources(
      requests: ResourceList(dynamicSource: source), limits: ResourceList(dynamicSource: source),
      device: .dynamic, shm: ResourceValue(.dynamic(source.written), span: source.span))
  }
}

/// What building an SDK object gives: the object, the SDK's error, or not statically known.
enum Flyte2Built<Value> {
  case built(Value)
  case failed(Flyte2Problem)
  case unknown
}

/// Arguments bound to a callable's parameters, as Python binds them.
struct Flyte2Binding {
  var values: [String: Flyte2Value] = [:]
  var keywordSpans: [String: SourceSpan] = [:]
  /// The TypeError Python raises while binding (too many positionals, an unknown keyword, a
  /// repeated or missing argument).
  var error: String?
  var errorSpan: SourceSpan?
  /// A `*args`/`**kwargs` makes the binding unknown.
  var isDynamic = false
  /// A nested constructor that raised first (arguments are evaluated before the call).
  var raised: Flyte2Problem?
}

extension ScanContext {
  /// The value of `expr` for the Flyte 2 SDK.
  func flyte2Value(_ expr: Expr, depth: Int = 0) -> Flyte2Value {
    let options = alternatives(expr)
    let exprSpan = span(expr)
    guard options.count == 1, let resolved = options.first, depth < PythonParser.maxDepth else {
      return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
    }
    guard resolved.start != expr.start else {
      return flyte2Value(resolved, namedBy: expr, depth: depth)
    }
    // Reached through a module constant: one value wherever it is named, worked out once (a
    // file whose constants each name the next several times made this exponential, a fuzz
    // finding). What is unknown is reported where it is used, so that is made again.
    let known =
      flyte2State.constantValues[resolved.start]
      ?? flyte2Value(resolved, namedBy: expr, depth: depth)
    flyte2State.constantValues[resolved.start] = known
    if case .dynamic = known.kind {
      return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
    }
    return known
  }

  /// `flyte2Value` of `resolved`, what `expr` denotes.
  private func flyte2Value(_ resolved: Expr, namedBy expr: Expr, depth: Int) -> Flyte2Value {
    let exprSpan = span(expr)
    let resolvedSpan = span(resolved)
    func make(_ kind: Flyte2Value.Kind) -> Flyte2Value {
      Flyte2Value(kind: kind, span: resolvedSpan, model: value(resolved))
    }
    switch resolved.kind {
    case .call(let call):
      switch symbol(call.callee) {
      case .flyteResources:
        return make(.resources(flyte2Resources(call, depth: depth + 1)))
      case .flyteDevice(let name):
        let built = flyte2Device(name, call, span: resolvedSpan, depth: depth + 1)
        switch built {
        case .built(let device): return make(.device(device))
        case .failed(let problem): return make(.raised(problem))
        case .unknown:
          return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
        }
      case .flyteReusePolicy:
        let problem = flyte2ReusePolicy(call, span: resolvedSpan, depth: depth + 1)
        switch problem {
        case .built: return make(.reusePolicy)
        case .failed(let problem): return make(.raised(problem))
        case .unknown:
          return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
        }
      default:
        if case .name("dict") = call.callee.kind, call.arguments.isEmpty {
          return make(.other(type: "dict", isEmpty: true))
        }
        return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
      }
    case .tuple(let items, _), .list(let items):
      if items.contains(where: { if case .starred = $0.kind { true } else { false } }) {
        return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
      }
      let values = items.map { flyte2Value($0, depth: depth + 1) }
      if case .list = resolved.kind { return make(.list(values)) }
      return make(.tuple(values))
    case .dict(let items):
      if items.contains(where: { $0.key == nil }) {
        return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
      }
      return make(.other(type: "dict", isEmpty: items.isEmpty))
    case .set:
      return make(.other(type: "set", isEmpty: false))
    default:
      let model = value(resolved)
      switch model.form {
      case .string(let text): return make(.str(text))
      case .integer(let digits): return make(.int(digits))
      case .float(let repr): return make(.float(repr))
      case .boolean(let flag): return make(.bool(flag))
      case .none: return make(.none)
      case .other(let text):
        if text.hasPrefix("b") || text.hasPrefix("B") || text.hasPrefix("rb")
          || text.hasPrefix("Rb") || text.hasPrefix("br") || text.hasPrefix("bR")
        {
          return make(.other(type: "bytes", isEmpty: text.count <= 3))
        }
        if text.hasSuffix("j") || text.hasSuffix("J") {
          return make(.other(type: "complex", isEmpty: false))
        }
        if text == "..." { return make(.other(type: "ellipsis", isEmpty: false)) }
        return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
      default:
        return Flyte2Value(kind: .dynamic, span: exprSpan, model: flyte2Dynamic(expr))
      }
    }
  }

  func flyte2Dynamic(_ expr: Expr) -> ResourceValue {
    ResourceValue(.dynamic(description(expr)), span: span(expr))
  }

  /// Binds a call's arguments to `parameters` (the first `positional` of them may be given by
  /// position), evaluating each value; `required` must be given.
  func flyte2Bind(
    _ call: CallExpr, parameters: [String], positional: Int, required: Set<String> = [],
    acceptsAnyKeyword: Bool = false, depth: Int
  ) -> Flyte2Binding {
    var binding = Flyte2Binding()
    var position = 0
    for argument in call.arguments {
      if argument.stars > 0 {
        binding.isDynamic = true
        continue
      }
      let value = flyte2Value(argument.value, depth: depth)
      if case .raised(let problem) = value.kind, binding.raised == nil { binding.raised = problem }
      let name: String
      if let keyword = argument.keyword {
        name = keyword
        binding.keywordSpans[keyword] = span(argument.keywordStart, argument.keywordEnd)
        if !parameters.contains(keyword) && !acceptsAnyKeyword {
          bindError(
            &binding, "unexpected keyword argument '\(keyword)'",
            span(argument.keywordStart, argument.keywordEnd))
          continue
        }
      } else {
        guard position < positional else {
          bindError(&binding, "too many positional arguments", value.span)
          position += 1
          continue
        }
        name = parameters[position]
        position += 1
      }
      if binding.values[name] != nil {
        bindError(&binding, "got multiple values for argument '\(name)'", value.span)
        continue
      }
      binding.values[name] = value
    }
    if !binding.isDynamic {
      for name in parameters where required.contains(name) && binding.values[name] == nil {
        bindError(&binding, "missing required argument '\(name)'", span(call.callee))
      }
    }
    return binding
  }

  private func bindError(_ binding: inout Flyte2Binding, _ message: String, _ at: SourceSpan) {
    guard binding.error == nil else { return }
    binding.error = message
    binding.errorSpan = at
  }

  // MARK: Devices

  /// `GPU(...)`, `TPU(...)`, `Device(...)`, `Neuron(...)`, `AMD_GPU(...)`, `HABANA_GAUDI(...)`,
  /// `APPLE_SILICON()`: the device, the SDK's error, or nil when not statically known.
  func flyte2Device(_ name: String, _ call: CallExpr, span callSpan: SourceSpan, depth: Int)
    -> Flyte2Built<Flyte2Device>
  {
    let parameters: [String]
    let required: Set<String>
    switch name {
    case "GPU":
      (parameters, required) = (["device", "quantity", "partition"], ["device", "quantity"])
    case "TPU": (parameters, required) = (["device", "partition"], ["device"])
    case "Device":
      (parameters, required) = (
        ["quantity", "device_class", "device", "partition"], ["quantity", "device_class"]
      )
    case "Neuron", "AMD_GPU", "HABANA_GAUDI": (parameters, required) = (["device"], ["device"])
    case "APPLE_SILICON": (parameters, required) = ([], [])
    default: return .unknown
    }
    let binding = flyte2Bind(
      call, parameters: parameters, positional: parameters.count, required: required, depth: depth)
    if let raised = binding.raised { return .failed(raised) }
    if binding.isDynamic { return .unknown }
    if let error = binding.error {
      return .failed(
        Flyte2Problem(.accelerator, "\(name)(): \(error)", at: binding.errorSpan ?? callSpan))
    }
    if binding.values.values.contains(where: \.isDynamic) { return .unknown }
    func fail(_ reason: String, _ at: SourceSpan? = nil) -> Flyte2Built<Flyte2Device> {
      .failed(Flyte2Problem(.accelerator, reason, at: at ?? callSpan))
    }
    let deviceValue = binding.values["device"]
    let partitionValue = binding.values["partition"]
    var partition: String?
    switch partitionValue?.kind {
    case nil, .some(.none): partition = nil
    case .some(.str(let text)): partition = text
    default:
      // A partition that is not a string reaches protobuf's string field and fails there.
      if partitionValue?.isTruthy == true {
        return fail(
          "\(name)(): partition must be a string, got \(partitionValue?.typeName ?? "?")",
          partitionValue?.span)
      }
    }
    let partitionSpan = partitionValue?.span
    switch name {
    case "GPU":
      guard let quantity = binding.values["quantity"] else { return fail("GPU(): no quantity") }
      guard let below = quantity.isBelowOne else {
        return fail("GPU(): quantity must be a number, got \(quantity.typeName)", quantity.span)
      }
      if below { return fail("GPU quantity must be at least 1", quantity.span) }
      guard case .str(let written) = deviceValue?.kind else {
        return fail("GPU(): device must be a GPU type string", deviceValue?.span)
      }
      let device = Flyte2Catalog.deprecatedAliases[written] ?? written
      guard Flyte2Catalog.gpuTypes.contains(device) else {
        let hint =
          DidYouMean.closest(to: device, among: Flyte2Catalog.gpuTypes).map {
            "; did you mean \"\($0)\"?"
          } ?? ""
        return fail("invalid GPU type \"\(written)\"\(hint)", deviceValue?.span)
      }
      if let partition, Flyte2Catalog.sharedGPUTypes.contains(device) {
        return fail(
          "a shared GPU (\(device)) takes no partition, got \"\(partition)\"", partitionSpan)
      }
      if let partition, let parts = Flyte2Catalog.gpuPartitions[device],
        !parts.contains(partition)
      {
        return fail(
          "invalid partition \"\(partition)\" for \(device); one of "
            + parts.joined(separator: ", "), partitionSpan)
      }
      return .built(
        Flyte2Device(
          deviceClass: "GPU", type: device, quantity: quantity.pythonStr ?? "?",
          partition: partition, span: callSpan, partitionSpan: partitionSpan,
          fromGPUConstructor: true))
    case "TPU":
      guard case .str(let device) = deviceValue?.kind, Flyte2Catalog.tpuTypes.contains(device)
      else {
        return fail(
          "invalid TPU type \(deviceValue?.model.pythonRepr ?? "?"); one of V5E, V5P, V6E",
          deviceValue?.span)
      }
      if let partition, let parts = Flyte2Catalog.tpuPartitions[device],
        !parts.contains(partition)
      {
        return fail(
          "invalid slice \"\(partition)\" for \(device); one of " + parts.joined(separator: ", "),
          partitionSpan)
      }
      return .built(
        Flyte2Device(
          deviceClass: "TPU", type: device, quantity: "1", partition: partition, span: callSpan,
          partitionSpan: partitionSpan))
    case "Neuron", "AMD_GPU", "HABANA_GAUDI":
      let (types, deviceClass): ([String], String) =
        switch name {
        case "Neuron": (Flyte2Catalog.neuronTypes, "NEURON")
        case "AMD_GPU": (Flyte2Catalog.amdGPUTypes, "AMD_GPU")
        default: (Flyte2Catalog.habanaTypes, "HABANA_GAUDI")
        }
      guard case .str(let device) = deviceValue?.kind, types.contains(device) else {
        return fail(
          "invalid \(name) type \(deviceValue?.model.pythonRepr ?? "?"); one of "
            + types.joined(separator: ", "), deviceValue?.span)
      }
      return .built(
        Flyte2Device(
          deviceClass: deviceClass, type: device, quantity: "1", partition: nil, span: callSpan))
    case "APPLE_SILICON":
      return .built(
        Flyte2Device(
          deviceClass: "APPLE_SILICON", type: Flyte2Catalog.appleSilicon, quantity: "1",
          partition: nil, span: callSpan))
    default:  // Device
      guard let quantity = binding.values["quantity"],
        let classValue = binding.values["device_class"]
      else { return fail("Device(): quantity and device_class are required") }
      guard let below = quantity.isBelowOne else {
        return fail("Device(): quantity must be a number, got \(quantity.typeName)", quantity.span)
      }
      if below { return fail("Device quantity must be at least 1", quantity.span) }
      guard case .str(let deviceClass) = classValue.kind else {
        return fail("Device(): device_class must be a string", classValue.span)
      }
      var device: String?
      switch deviceValue?.kind {
      case nil, .some(.none): device = nil
      case .some(.str(let text)): device = text
      default:
        return fail("Device(): device must be a string", deviceValue?.span)
      }
      if (device == Flyte2Catalog.appleSilicon) != (deviceClass == "APPLE_SILICON") {
        return fail(
          "the Apple Silicon device is device=\"AppleSilicon\" with "
            + "device_class=\"APPLE_SILICON\"", classValue.span)
      }
      if deviceClass == "APPLE_SILICON", !Flyte2Number.isOne(quantity.pythonStr ?? "") {
        return fail("an Apple Silicon device's quantity must be 1", quantity.span)
      }
      return .built(
        Flyte2Device(
          deviceClass: deviceClass, type: device, quantity: quantity.pythonStr ?? "?",
          partition: partition, span: callSpan, partitionSpan: partitionSpan))
    }
  }

  /// `ReusePolicy(...)`: success, the SDK's error, or nil when not statically known.
  func flyte2ReusePolicy(_ call: CallExpr, span callSpan: SourceSpan, depth: Int)
    -> Flyte2Built<Void>
  {
    let parameters = ["replicas", "idle_ttl", "concurrency", "scaledown_ttl", "scope"]
    let binding = flyte2Bind(call, parameters: parameters, positional: 5, depth: depth)
    if let raised = binding.raised { return .failed(raised) }
    if binding.isDynamic { return .unknown }
    func fail(_ reason: String, _ at: SourceSpan?) -> Flyte2Built<Void> {
      .failed(Flyte2Problem(.call, "ReusePolicy: " + reason, at: at ?? callSpan))
    }
    if let error = binding.error { return fail(error, binding.errorSpan) }
    if binding.values.values.contains(where: \.isDynamic) { return .unknown }
    if let scope = binding.values["scope"] {
      guard case .str(let text) = scope.kind, text == "global" || text == "run" else {
        return fail("scope must be \"global\" or \"run\"", scope.span)
      }
    }
    var replicas: (String, String)?
    if let value = binding.values["replicas"] {
      switch value.kind {
      case .none: return fail("replicas cannot be None", value.span)
      case .int, .bool:
        let text = value.pythonStr ?? "0"
        replicas = (text, text)
      case .tuple(let items) where items.count == 2:
        for item in items {
          switch item.kind {
          case .int, .bool: break
          default: return fail("replicas must be ints", item.span)
          }
        }
        replicas = (items[0].pythonStr ?? "0", items[1].pythonStr ?? "0")
      default: return fail("replicas must be an int or a tuple of two ints", value.span)
      }
    }
    if let (low, high) = replicas {
      let lowNumber = low == "True" ? "1" : low == "False" ? "0" : low
      let highNumber = high == "True" ? "1" : high == "False" ? "0" : high
      if Flyte2Number.isNegative(lowNumber) || Flyte2Number.isNegative(highNumber) {
        return fail("replicas must be greater than or equal to 0", binding.values["replicas"]?.span)
      }
      if let a = Int(lowNumber), let b = Int(highNumber), a > b {
        return fail(
          "replicas min must be less than or equal to max", binding.values["replicas"]?.span)
      }
    }
    if let value = binding.values["concurrency"] {
      switch value.kind {
      case .int, .bool:
        if value.isBelowOne == true { return fail("concurrency must be at least 1", value.span) }
      default: return fail("concurrency must be an int", value.span)
      }
    }
    for name in ["idle_ttl", "scaledown_ttl"] {
      guard let value = binding.values[name] else { continue }
      switch value.kind {
      case .int, .bool:
        let text = value.pythonStr ?? "0"
        let number = text == "True" ? 1 : text == "False" ? 0 : Int(text) ?? 30
        if number < 30 { return fail("\(name) must be at least 30 seconds", value.span) }
      default: return fail("\(name) must be an int (seconds) or a timedelta", value.span)
      }
    }
    return .built(())
  }
}
