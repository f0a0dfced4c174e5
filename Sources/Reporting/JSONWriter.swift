/// A minimal JSON writer: output is built in a fixed key order, so it stays stable. Shared by
/// the reporters and the baseline file.
public enum JSON {
  /// `text` as a JSON string literal, escaped per RFC 8259. DEL, C1 controls, bidi
  /// embeddings, overrides and isolates, and the line and paragraph separators are escaped too
  /// (`\u009b`, `\u202e`), although JSON allows them raw: output piped to a terminal or shown
  /// in a log then cannot reorder or recolour what the reader sees. The value is the same.
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
      case _
      where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        || (0x2028...0x2029).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
        || (0x2066...0x2069).contains(scalar.value):
        let hex = Array("0123456789abcdef")
        out += "\\u"
        for shift in [12, 8, 4, 0] { out.append(hex[Int((scalar.value >> UInt32(shift)) & 0xF)]) }
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
