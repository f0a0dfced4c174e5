extension RuleSet {
  /// `RL001, bare-integer-memory` → `["RL001", "bare-integer-memory"]`: how the command line and
  /// suppression comments list rules.
  public static func names(inList list: some StringProtocol) -> [String] {
    list.split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and line breaks.
  func trimmingBlanks() -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    guard let first = firstIndex(where: { !isBlank($0) }),
      let last = lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(self[first...last])
  }
}
