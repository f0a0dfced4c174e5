import ResourceModel

/// `--statistics`: how often each rule fired, most frequent first, then by code.
public enum StatisticsReporter {
  /// `  3  RL002  bare-integer-memory`, counts aligned to the right.
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    let rows = counts(diagnostics)
    let width = String(rows.first?.count ?? 0).count
    return rows.map { row in
      let number = String(row.count)
      return String(repeating: " ", count: width - number.count) + number
        + "  \(row.code)  \(row.name)\n"
    }.joined()
  }

  /// `[{"code": "RL002", "name": "bare-integer-memory", "count": 3}]`: the shape of ruff's
  /// `--statistics --output-format json` without its fix field (no rule here has a fix).
  public static func json(_ diagnostics: [Diagnostic]) -> String {
    JSON.array(
      counts(diagnostics).map { row in
        JSON.object([
          ("code", JSON.string(row.code)), ("name", JSON.string(row.name)),
          ("count", String(row.count)),
        ])
      }) + "\n"
  }

  /// One row per rule that fired, in report order.
  private static func counts(_ diagnostics: [Diagnostic]) -> [(
    code: String, name: String, count: Int
  )] {
    var counts: [String: (name: String, count: Int)] = [:]
    for diagnostic in diagnostics {
      counts[diagnostic.code, default: (diagnostic.name, 0)].count += 1
    }
    return counts.map { (code: $0.key, name: $0.value.name, count: $0.value.count) }
      .sorted { ($1.count, $0.code) < ($0.count, $1.code) }
  }
}
