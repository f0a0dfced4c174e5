import ResourceModel

extension RuleSet {
  /// `RL001, bare-integer-memory` → `["RL001", "bare-integer-memory"]`: how the command line and
  /// suppression comments list rules.
  public static func names(inList list: some StringProtocol) -> [String] {
    list.split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
  }
}

extension RuleSet {
  /// ` (did you mean 'RL002'?)` for a name that is no rule: a mistyped code (`RL02`, `RL0O2`,
  /// `rl-2`) or a name within a small edit distance of a rule's or of one of `policies`;
  /// otherwise empty. Codes are repaired rather than compared by edit distance, because every
  /// code is one edit away from a dozen others.
  public static func hint(forUnknown name: String, policies: [Policy] = []) -> String {
    if let code = repairedCode(name) { return " (did you mean '\(code)'?)" }
    let names = descriptions.map(\.name) + policies.flatMap { [$0.id, $0.name] }
    return DidYouMean.hint(name, among: names)
  }

  /// `RL` and up to three digits, with `O` read as 0 and `I` or `l` as 1, separators dropped
  /// and the number padded: the code of an existing rule, or nil.
  static func repairedCode(_ name: String) -> String? {
    let upper = name.uppercased()
    guard upper.hasPrefix("RL") else { return nil }
    var digits = ""
    for character in upper.dropFirst(2) {
      switch character {
      case "-", "_", " ": continue
      case "O": digits.append("0")
      case "I", "L": digits.append("1")
      case "0"..."9": digits.append(character)
      default: return nil
      }
    }
    guard let number = Int(digits), (1...3).contains(String(number).count) else { return nil }
    let padded = String(repeating: "0", count: 3 - String(number).count) + String(number)
    let code = "RL" + padded
    return description(named: code) != nil && code != upper ? code : nil
  }
}
