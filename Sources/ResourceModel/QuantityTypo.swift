/// Suggestions for the quantity mistakes people actually make. Every place that rejects a
/// quantity (rules, the `quantity` command, configuration files) explains it through here, so
/// the same mistake always gets the same words.
public enum QuantityTypo {
  /// Wrong spellings of a suffix and what they most likely mean, decimal first.
  private static let suffixFixes: [String: [String]] = [
    "KB": ["k", "Ki"], "kB": ["k", "Ki"], "kb": ["k", "Ki"], "K": ["k", "Ki"], "KiB": ["Ki"],
    "MB": ["M", "Mi"], "Mb": ["M", "Mi"], "mb": ["M", "Mi"], "MiB": ["Mi"],
    "GB": ["G", "Gi"], "Gb": ["G", "Gi"], "gb": ["G", "Gi"], "GiB": ["Gi"], "g": ["G", "Gi"],
    "TB": ["T", "Ti"], "Tb": ["T", "Ti"], "tb": ["T", "Ti"], "TiB": ["Ti"], "t": ["T", "Ti"],
    "PB": ["P", "Pi"], "PiB": ["Pi"],
    "ki": ["Ki"], "KI": ["Ki"], "mi": ["Mi"], "MI": ["Mi"], "gi": ["Gi"], "GI": ["Gi"],
    "ti": ["Ti"], "TI": ["Ti"], "pi": ["Pi"], "PI": ["Pi"],
  ]

  /// Why `text` is not a quantity, with a did-you-mean when the mistake is a known one:
  /// `not a quantity (a number and a unit such as 500m, 2, 512Mi or 1G); did you mean "1G" or
  /// "1Gi"?`. `key`, when known, narrows the suggestion (memory never means milli).
  public static func explanation(for text: String, error: QuantityError, key: ResourceKey? = nil)
    -> String
  {
    var message = error.description
    if let hint = suggestion(for: text, key: key) { message += "; \(hint)" }
    return message
  }

  /// A short hint, or nil when there is nothing specific to say.
  public static func suggestion(for text: String, key: ResourceKey? = nil) -> String? {
    if text.isEmpty { return "an empty string is not a quantity; remove the entry or set a value" }
    if text.contains(" ") || text.contains("\t") {
      let trimmed = String(text.filter { $0 != " " && $0 != "\t" })
      return Quantity(trimmed) != nil ? "remove the whitespace: \"\(trimmed)\"" : nil
    }
    switch text {
    case "nan", "inf", "-inf": return "this is str() of a Python float that is not a number"
    case "True", "False": return "this is str() of a Python bool; write a quantity string"
    default: break
    }
    if text.contains("_") || text.contains(",") {
      let digits = String(text.filter { $0 != "_" && $0 != "," })
      if Quantity(digits) != nil { return "remove the digit separators: \"\(digits)\"" }
    }
    let numberEnd = text.firstIndex { !("0123456789.+-".contains($0)) } ?? text.endIndex
    let number = text[..<numberEnd]
    let suffix = String(text[numberEnd...])
    guard !number.isEmpty, let fixes = suffixFixes[suffix] else { return nil }
    var options = fixes
    // Lowercase `m` is milli, never mega: suggest only the binary form for memory.
    if key?.isByteSized == true && suffix == "mi" { options = ["Mi"] }
    let quoted = options.map { "\"\(number)\($0)\"" }
    return "did you mean " + quoted.joined(separator: " or ") + "?"
  }

  /// A corrected spelling of `text` for a fix, with whether it is certainly what was meant;
  /// nil when there is none or the meaning is a guess. Only mistakes of spelling are corrected:
  /// whitespace inside the quantity, thousands separators, and the case or a trailing `B` of a
  /// byte suffix (`gi`, `GiB` → `Gi`, certain; `GB` → `G`, which is what the letters say but
  /// not always what was meant, since many write GB for GiB). Suffixes are only corrected for
  /// byte-sized keys: for cpu or a GPU count a byte suffix would itself be a mistake.
  public static func respelling(for text: String, key: ResourceKey?) -> (
    text: String, isCertain: Bool
  )? {
    func valid(_ candidate: String) -> Bool { Quantity(candidate) != nil }
    if text.isEmpty { return nil }
    if text.contains(" ") || text.contains("\t") {
      let trimmed = String(text.filter { $0 != " " && $0 != "\t" })
      return valid(trimmed) ? (trimmed, true) : nil
    }
    if text.contains("_") || text.contains(",") {
      let digits = String(text.filter { $0 != "_" && $0 != "," })
      guard valid(digits) else { return nil }
      // `1,000` is a thousand, but `1,5Gi` is a decimal comma: only groups of three are sure.
      let numberPart = text.prefix { "0123456789_,".contains($0) }
      let groups = numberPart.split(
        separator: text.contains(",") ? "," : "_",
        omittingEmptySubsequences: false)
      let grouped =
        groups.count > 1 && (1...3).contains(groups[0].count)
        && groups.dropFirst().allSatisfy { $0.count == 3 }
        && !(text.contains(",") && text.contains("_"))
      return grouped ? (digits, true) : nil
    }
    guard key?.isByteSized == true else { return nil }
    let numberEnd = text.firstIndex { !("0123456789.+-".contains($0)) } ?? text.endIndex
    let number = text[..<numberEnd]
    let suffix = String(text[numberEnd...])
    guard !number.isEmpty, let fixes = suffixFixes[suffix] else { return nil }
    if fixes.count == 1 {
      let candidate = String(number) + fixes[0]
      return valid(candidate) ? (candidate, true) : nil
    }
    // `4g` or `4K` follow conventions that differ by tool (docker's `4g` is GiB); only the
    // `xB` spellings name a decimal unit outright.
    guard ["KB", "kB", "MB", "GB", "TB", "PB"].contains(suffix) else { return nil }
    let candidate = String(number) + fixes[0]
    return valid(candidate) ? (candidate, false) : nil
  }
}
