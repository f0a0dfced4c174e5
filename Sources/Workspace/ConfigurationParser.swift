import FileIO
import LibYAML
import Linting
import ResourceModel
import Rules
import SourceText

extension Configuration {
  /// The keys a configuration file may have, for validation and "did you mean".
  static let topLevelKeys = [
    "include", "exclude", "per-file-ignores", "rules", "select", "ignore", "platform", "policies",
    "options", "external",
  ]
  static let policyKeys = [
    "id", "name", "message", "severity", "applies-to", "max", "min", "require",
  ]

  /// Reads and validates the configuration file at `path` (absolute components).
  public static func load(path: [String]) throws(ConfigurationError) -> Configuration {
    let shown = AbsolutePath.display(path)
    switch FileSystem.contents(of: AbsolutePath.string(path)) {
    case .success(let bytes):
      return try parse(bytes, file: shown, directory: Array(path.dropLast()))
    case .failure(let error):
      throw ConfigurationError(file: shown, message: "cannot read: \(error.description)")
    }
  }

  /// Parses a configuration from `bytes`; `file` names it in messages and `directory` (absolute
  /// components) is where its relative globs and paths start.
  public static func parse(_ bytes: [UInt8], file: String, directory: [String])
    throws(ConfigurationError) -> Configuration
  {
    var reader = ConfigurationReader(bytes: bytes, file: file, directory: directory)
    return try reader.read()
  }
}

/// Walks a parsed configuration file, checking every key, type and value against the schema.
struct ConfigurationReader {
  let stream: YAMLStream
  let source: SourceFile
  let file: String
  let directory: [String]
  var configuration: Configuration

  init(bytes: [UInt8], file: String, directory: [String]) {
    stream = YAMLStream.parse(bytes)
    source = SourceFile(path: file, bytes: bytes)
    self.file = file
    self.directory = directory
    configuration = Configuration(file: file, directory: directory)
  }

  mutating func read() throws(ConfigurationError) -> Configuration {
    if let problem = TextCheck.problem(in: source.bytes) {
      throw error(atByte: problem.offset, problem.message)
    }
    if let yamlError = stream.error {
      throw error(atByte: yamlError.mark.offset, "invalid YAML: \(yamlError.description)")
    }
    if stream.documents.count > 1 {
      throw error(
        atByte: stream.documents[1].start.offset,
        "a configuration file holds one YAML document, not \(stream.documents.count)")
    }
    guard let document = stream.documents.first, !stream[stream.resolved(document.root)].isNull
    else { return configuration }
    guard
      let pairs = try mapping(
        document.root, what: "the configuration", keys: Configuration.topLevelKeys)
    else { return configuration }

    // Policies first: rule lists elsewhere may name them.
    if let policies = pairs["policies"] { try readPolicies(policies) }
    for (key, value) in pairs.ordered {
      switch key {
      case "include": configuration.include = try globs(value, key: key)
      case "exclude": configuration.exclude = try globs(value, key: key) ?? []
      case "select": configuration.select = try ruleList(value, key: key, allowAll: true)
      case "ignore": configuration.ignore = try ruleList(value, key: key, allowAll: true) ?? []
      case "per-file-ignores": try readPerFileIgnores(value)
      case "rules": try readSeverities(value)
      case "platform": try readPlatform(value)
      case "options": try readOptions(value)
      case "external": try readExternal(value)
      default: break
      }
    }
    return configuration
  }

  // MARK: Sections

  /// `external: [E, W, B9]`: prefixes of other linters' codes that suppression comments may
  /// name without RL029 calling them unknown.
  mutating func readExternal(_ id: YAMLNodeID) throws(ConfigurationError) {
    for (text, item) in try scalarList(id, what: "'external' (code prefixes such as E or W)") {
      guard !text.isEmpty, !text.contains(" "), !text.contains(",") else {
        throw error(
          at: item, "'\(text)' is not a code prefix (write one prefix per item, as E501 or E)")
      }
      configuration.external.append(text)
    }
  }

  mutating func readPerFileIgnores(_ id: YAMLNodeID) throws(ConfigurationError) {
    guard let pairs = try mapping(id, what: "'per-file-ignores' (glob: [RULES])", keys: nil) else {
      return
    }
    for (key, value) in pairs.ordered {
      guard let pattern = PathPattern(glob: key) else {
        throw error(at: pairs.keyNodes[key] ?? id, "'\(key)' is not a usable glob")
      }
      let codes = try ruleList(value, key: "per-file-ignores: \(key)", allowAll: true) ?? []
      configuration.perFileIgnores.append(.init(pattern: pattern, codes: codes))
    }
  }

  mutating func readSeverities(_ id: YAMLNodeID) throws(ConfigurationError) {
    guard let pairs = try mapping(id, what: "'rules' (RULE: error|warning|info|off)", keys: nil)
    else { return }
    for (key, value) in pairs.ordered {
      let code = try resolveRule(key, at: pairs.keyNodes[key] ?? id, allowAll: false)
      let text = try scalar(value, what: "the severity of \(key)")
      guard let level = RuleLevel(rawValue: text) else {
        throw error(
          at: value,
          "unknown severity '\(text)' for \(key)\(DidYouMean.hint(text, among: RuleLevel.allCases.map(\.rawValue))) (\(RuleLevel.spellings))"
        )
      }
      configuration.severities[code] = level
    }
  }

  mutating func readOptions(_ id: YAMLNodeID) throws(ConfigurationError) {
    guard let pairs = try mapping(id, what: "'options' (RULE: {option: value})", keys: nil) else {
      return
    }
    // No rule takes options yet; naming one is an error rather than a silently ignored setting.
    for (key, _) in pairs.ordered {
      let node = pairs.keyNodes[key] ?? id
      let code = try resolveRule(key, at: node, allowAll: false)
      throw error(at: node, "rule \(code) has no options (no rule takes options yet)")
    }
  }

  mutating func readPlatform(_ id: YAMLNodeID) throws(ConfigurationError) {
    let node = stream[stream.resolved(id)]
    if node.isNull { return }
    switch node.kind {
    case .scalar:
      let path = AbsolutePath.components(of: node.text, relativeTo: directory)
      do {
        configuration.platform = try Platform.load(path: AbsolutePath.display(path))
      } catch {
        throw self.error(at: id, error.description)
      }
    case .mapping:
      try checkInlinePlatform(id)
      do {
        configuration.platform = try Platform.inline(stream.resolved(id), in: stream, file: source)
      } catch {
        throw self.error(at: id, "invalid platform: \(error.description)")
      }
    default:
      throw error(
        at: id, "'platform' must be a path to a Flyte platform file or {limits: …, defaults: …}")
    }
  }

  /// Inline platform limits: `limits` and `defaults`, each mapping resources to quantities.
  func checkInlinePlatform(_ id: YAMLNodeID) throws(ConfigurationError) {
    guard
      let pairs = try mapping(id, what: "'platform'", keys: ["limits", "defaults"])
    else { return }
    if pairs["limits"] == nil {
      throw error(at: id, "inline 'platform' needs 'limits' (e.g. {limits: {cpu: \"16\"}})")
    }
    for (key, value) in pairs.ordered {
      guard let resources = try mapping(value, what: "'platform: \(key)'", keys: nil) else {
        continue
      }
      for (resource, quantityNode) in resources.ordered {
        _ = try quantity(quantityNode, what: "\(resource) in platform \(key)")
      }
    }
  }

  mutating func readPolicies(_ id: YAMLNodeID) throws(ConfigurationError) {
    let node = stream[stream.resolved(id)]
    if node.isNull { return }
    guard node.kind == .sequence else {
      throw error(at: id, "'policies' must be a list of {id, message, …} mappings")
    }
    for item in stream.items(of: stream.resolved(id)) {
      let policy = try readPolicy(item)
      // Ids and names are looked up case-insensitively (suppressions, --select), so a clash
      // in either would make one of the two policies unreachable.
      if let other = configuration.policies.first(where: {
        $0.id.uppercased() == policy.id.uppercased()
      }) {
        throw error(at: item, "policy id \(policy.id) is already the id of policy \(other.id)")
      }
      if let other = configuration.policies.first(where: { $0.name == policy.name }) {
        throw error(
          at: item,
          "policy \(policy.id) has the name '\(policy.name)', which policy \(other.id) already has"
            + " (a policy without 'name' is named after its id in lower case)")
      }
      configuration.policies.append(policy)
    }
  }

  func readPolicy(_ id: YAMLNodeID) throws(ConfigurationError) -> Policy {
    guard let pairs = try mapping(id, what: "a policy", keys: Configuration.policyKeys) else {
      throw error(at: id, "a policy must be a mapping with at least 'id' and 'message'")
    }
    guard let idNode = pairs["id"] else { throw error(at: id, "policy without 'id'") }
    let policyID = try scalar(idNode, what: "'id'")
    guard isIdentifier(policyID) else {
      throw error(at: idNode, "policy id '\(policyID)' must be letters, digits, '-' or '_'")
    }
    if RuleSet.description(named: policyID) != nil || policyID.uppercased() == "ALL"
      || isRuleCode(policyID)
    {
      throw error(at: idNode, "policy id '\(policyID)' is reserved for resourcelint's rules")
    }
    var name = policyID.lowercased()
    if let nameNode = pairs["name"] {
      name = try scalar(nameNode, what: "'name'")
      guard isIdentifier(name), RuleSet.description(named: name) == nil else {
        throw error(at: nameNode, "policy name '\(name)' must be a new kebab-case name")
      }
    }
    guard let messageNode = pairs["message"] else {
      throw error(at: id, "policy \(policyID) has no 'message'")
    }
    let message = try scalar(messageNode, what: "'message'")
    var severity = Severity.error
    if let node = pairs["severity"] {
      let text = try scalar(node, what: "'severity'")
      guard let level = Severity(rawValue: text) else {
        throw error(at: node, "unknown severity '\(text)' (error, warning or info)")
      }
      severity = level
    }
    var kinds: Set<DeclarationKind>?
    if let node = pairs["applies-to"] {
      var set = Set<DeclarationKind>()
      for (text, item) in try scalarList(node, what: "'applies-to'") {
        guard let kind = DeclarationKind(rawValue: text) else {
          let known = DeclarationKind.allCases.map(\.rawValue)
          throw error(
            at: item,
            "unknown declaration kind '\(text)'\(DidYouMean.hint(text, among: known)) (one of "
              + known.joined(separator: ", ") + ")")
        }
        set.insert(kind)
      }
      kinds = set
    }
    var bounds: [Policy.Bound] = []
    for key in ["max", "min"] {
      guard let node = pairs[key] else { continue }
      bounds += try readBounds(node, isMaximum: key == "max", key: key)
    }
    var requirements: [Policy.Requirement] = []
    if let node = pairs["require"] {
      for (text, item) in try scalarList(node, what: "'require'") {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let side = Policy.Side(rawValue: parts[0]), !parts[1].isEmpty {
          requirements.append(.init(sides: [side], resource: Policy.Resource(name: parts[1])))
        } else if !text.contains("."), !text.isEmpty {
          requirements.append(
            .init(sides: Policy.Side.allCases, resource: Policy.Resource(name: text)))
        } else {
          throw error(
            at: item, "'\(text)' is not requests.RESOURCE, limits.RESOURCE or RESOURCE")
        }
      }
    }
    if bounds.isEmpty && requirements.isEmpty {
      throw error(at: id, "policy \(policyID) checks nothing (give 'max', 'min' or 'require')")
    }
    return Policy(
      id: policyID, name: name, message: message, severity: severity, kinds: kinds,
      bounds: bounds, requirements: requirements)
  }

  /// `{gpu: "4", limits: {memory: 64Gi}}`: a resource applies to requests and limits; under
  /// `requests:` or `limits:`, to that side only.
  func readBounds(_ id: YAMLNodeID, isMaximum: Bool, key: String) throws(ConfigurationError)
    -> [Policy.Bound]
  {
    guard let pairs = try mapping(id, what: "'\(key)' (resource: quantity)", keys: nil) else {
      return []
    }
    var bounds: [Policy.Bound] = []
    for (resource, value) in pairs.ordered {
      if let side = Policy.Side(rawValue: resource) {
        guard let scoped = try mapping(value, what: "'\(key): \(resource)'", keys: nil) else {
          continue
        }
        for (name, node) in scoped.ordered {
          let (quantity, written) = try self.quantity(node, what: "\(name) in '\(key)'")
          bounds.append(
            .init(
              isMaximum: isMaximum, sides: [side], resource: Policy.Resource(name: name),
              quantity: quantity, written: written))
        }
      } else {
        let (quantity, written) = try self.quantity(value, what: "\(resource) in '\(key)'")
        bounds.append(
          .init(
            isMaximum: isMaximum, sides: Policy.Side.allCases,
            resource: Policy.Resource(name: resource), quantity: quantity, written: written))
      }
    }
    return bounds
  }

  // MARK: Values

  /// A mapping's pairs by key, in order; nil for a null node. Keys must be unique scalars, and
  /// one of `keys` when given.
  func mapping(_ id: YAMLNodeID, what: String, keys: [String]?) throws(ConfigurationError)
    -> Pairs?
  {
    let resolved = stream.resolved(id)
    let node = stream[resolved]
    if node.isNull { return nil }
    guard node.kind == .mapping else { throw error(at: id, "\(what) must be a mapping") }
    var result = Pairs()
    for pair in stream.pairs(of: resolved) {
      let keyNode = stream[stream.resolved(pair.key)]
      guard keyNode.kind == .scalar, !stream.isMergeKey(pair.key) else {
        throw error(at: pair.key, "keys of \(what) must be plain names")
      }
      let key = keyNode.text
      if let keys, !keys.contains(key) {
        throw error(at: pair.key, "unknown key '\(key)'\(DidYouMean.hint(key, among: keys))")
      }
      if result.values[key] != nil {
        throw error(at: pair.key, "duplicate key '\(key)'")
      }
      result.ordered.append((key, pair.value))
      result.values[key] = pair.value
      result.keyNodes[key] = pair.key
    }
    return result
  }

  struct Pairs {
    var ordered: [(String, YAMLNodeID)] = []
    var values: [String: YAMLNodeID] = [:]
    var keyNodes: [String: YAMLNodeID] = [:]

    subscript(key: String) -> YAMLNodeID? { values[key] }
  }

  func scalar(_ id: YAMLNodeID, what: String) throws(ConfigurationError) -> String {
    let node = stream[stream.resolved(id)]
    guard node.kind == .scalar, !node.isNull else {
      throw error(at: id, "\(what) must be a string")
    }
    return node.text
  }

  /// A list of strings with their nodes; nil for a null node.
  func scalarList(_ id: YAMLNodeID, what: String) throws(ConfigurationError)
    -> [(String, YAMLNodeID)]
  {
    let resolved = stream.resolved(id)
    let node = stream[resolved]
    if node.isNull { return [] }
    guard node.kind == .sequence else { throw error(at: id, "\(what) must be a list") }
    var result: [(String, YAMLNodeID)] = []
    for item in stream.items(of: resolved) {
      result.append((try scalar(item, what: "each item of \(what)"), item))
    }
    return result
  }

  func globs(_ id: YAMLNodeID, key: String) throws(ConfigurationError) -> [PathPattern]? {
    if stream[stream.resolved(id)].isNull { return nil }
    var result: [PathPattern] = []
    for (text, item) in try scalarList(id, what: "'\(key)'") {
      guard let pattern = PathPattern(glob: text) else {
        throw error(at: item, "'\(text)' is not a usable glob")
      }
      result.append(pattern)
    }
    return result
  }

  /// Rule codes or names (and policy ids) resolved to codes; nil for a null node.
  func ruleList(_ id: YAMLNodeID, key: String, allowAll: Bool) throws(ConfigurationError)
    -> [String]?
  {
    if stream[stream.resolved(id)].isNull { return nil }
    var result: [String] = []
    for (text, item) in try scalarList(id, what: "'\(key)'") {
      result.append(try resolveRule(text, at: item, allowAll: allowAll))
    }
    return result
  }

  func resolveRule(_ name: String, at id: YAMLNodeID, allowAll: Bool) throws(ConfigurationError)
    -> String
  {
    if allowAll && name.uppercased() == "ALL" { return "ALL" }
    if let rule = RuleSet.description(named: name) { return rule.code }
    if let policy = configuration.policies.first(where: {
      $0.id.uppercased() == name.uppercased() || $0.name == name
    }) {
      return policy.id
    }
    let hint = RuleSet.hint(forUnknown: name, policies: configuration.policies)
    throw error(at: id, "unknown rule '\(name)'\(hint) (see `resourcelint rules`)")
  }

  /// A quantity and its text; an invalid one is an error at its position.
  func quantity(_ id: YAMLNodeID, what: String) throws(ConfigurationError) -> (Quantity, String) {
    let text = try scalar(id, what: what)
    switch Quantity.parse(text) {
    case .success(let quantity): return (quantity, text)
    case .failure(let problem):
      let explanation = QuantityTypo.explanation(for: text, error: problem)
      throw error(at: id, "invalid quantity '\(text)' for \(what): \(explanation)")
    }
  }

  // MARK: Errors

  func error(at id: YAMLNodeID, _ message: String) -> ConfigurationError {
    error(atByte: stream[id].start.offset, message)
  }

  func error(atByte offset: Int, _ message: String) -> ConfigurationError {
    let location = source.location(ofByte: offset)
    return ConfigurationError(
      file: file, line: location.line, column: location.column, message: message)
  }

  func isIdentifier(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else {
      return false
    }
    return text.unicodeScalars.allSatisfy {
      ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil))
        || $0 == "-" || $0 == "_"
    }
  }

  /// `RL` followed by digits: the namespace of built-in rules, present and future.
  func isRuleCode(_ text: String) -> Bool {
    let upper = text.uppercased()
    return upper.hasPrefix("RL") && upper.count > 2
      && upper.dropFirst(2).allSatisfy { $0.isASCII && $0.isNumber }
  }
}
