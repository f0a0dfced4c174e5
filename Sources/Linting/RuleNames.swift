extension RuleSet {
  /// `RL001, bare-integer-memory` → `["RL001", "bare-integer-memory"]`: how the command line and
  /// suppression comments list rules.
  public static func names(inList list: some StringProtocol) -> [String] {
    list.split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
  }
}
