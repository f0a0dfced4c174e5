/// A minimal JSON writer: output is built in a fixed key order, so it stays stable. Shared by
/// the reporters and the baseline file.
public enum JSON {
  /// `text` as a JSON string literal, escaped per RFC 8259.
  public static func string(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = Array("0123456789abcdef")
        out += "\\u00" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xF)])
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  public static func optionalString(_ text: String?) -> String {
    text.map(string) ?? "null"
  }

  /// `{"k": v, …}` from already-encoded values, in the given order.
  public static func object(_ pairs: [(String, String)]) -> String {
    "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
  }

  /// A JSON array of already-encoded items, one per line.
  public static func array(_ items: [String]) -> String {
    items.isEmpty ? "[]" : "[\n  " + items.joined(separator: ",\n  ") + "\n]"
  }
}
