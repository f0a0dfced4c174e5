import ResourceModel

/// Key spellings and YAML typing for Flyte platform configuration (RL025).
enum FlyteKeys {
  /// The key that was most likely meant: `ephemeralStorage` in flyteadmin's config (camelCase
  /// json tag), `ephemeral_storage` in flytectl attribute files (snake_case json tag).
  static func suggestion(_ key: String, camelCase: Bool) -> String? {
    let folded = String(key.lowercased().filter { $0 != "-" && $0 != "_" })
    switch folded {
    case "mem", "memory": return "memory"
    case "cpu", "cpus": return "cpu"
    case "gpu", "gpus", "nvidia.com/gpu": return "gpu"
    case "ephemeralstorage", "storage":
      return camelCase ? "ephemeralStorage" : "ephemeral_storage"
    default: return nil
    }
  }

  /// What YAML 1.1 (the resolver behind flytectl's `sigs.k8s.io/yaml`) makes of a plain
  /// scalar that is not a string: "number" or "bool"; nil for strings such as `500m` or `1Gi`.
  static func yamlType(of text: String) -> String? {
    let bools: Set<String> = [
      "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
      "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    ]
    if bools.contains(text) { return "bool" }
    let special: Set<String> = [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"]
    var plain = Substring(text.filter { $0 != "_" })
    if special.contains(String(plain)) { return "number" }
    if plain.first == "-" || plain.first == "+" { plain = plain.dropFirst() }
    if special.contains(String(plain)) { return "number" }
    let lower = plain.lowercased()
    for (prefix, digits) in [("0x", "0123456789abcdef"), ("0o", "01234567"), ("0b", "01")]
    where lower.hasPrefix(prefix) && lower.count > 2 {
      return lower.dropFirst(2).allSatisfy { digits.contains($0) } ? "number" : nil
    }
    return isFloatLiteral(plain) ? "number" : nil
  }

  /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`: integers and decimals, as yaml.v2
  /// reads them.
  private static func isFloatLiteral(_ text: Substring) -> Bool {
    let isDigit = { (c: Character) in c.isASCII && c.isNumber }
    var rest = text
    let whole = rest.prefix(while: isDigit)
    rest = rest.dropFirst(whole.count)
    var fraction = Substring("")
    if rest.first == "." {
      rest = rest.dropFirst()
      fraction = rest.prefix(while: isDigit)
      rest = rest.dropFirst(fraction.count)
      if whole.isEmpty && fraction.isEmpty { return false }
    } else if whole.isEmpty {
      return false
    }
    if rest.first == "e" || rest.first == "E" {
      rest = rest.dropFirst()
      if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
      let exponent = rest.prefix(while: isDigit)
      if exponent.isEmpty { return false }
      rest = rest.dropFirst(exponent.count)
    }
    return rest.isEmpty
  }

  /// Resources that flyteadmin validates, listed more than once in one IDL list (V1).
  static func duplicates(in declaration: Declaration) -> [Violation] {
    var violations: [Violation] = []
    for (list, word) in [(declaration.requests, "requests"), (declaration.limits, "limits")] {
      var first: [ResourceKey: ResourceEntry] = [:]
      for entry in list {
        guard entry.key.idlName != nil, entry.key != .named("STORAGE") else { continue }
        guard let earlier = first[entry.key] else {
          first[entry.key] = entry
          continue
        }
        violations.append(
          Violation(
            "\(entry.writtenKey) is listed twice in \(word) (first on line "
              + "\(earlier.keySpan.start.line)): flyteadmin rejects the task at registration",
            at: entry.keySpan))
      }
    }
    return violations
  }
}
