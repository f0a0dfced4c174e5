import ResourceModel

/// `--statistics`: how often each rule fired, most frequent first.
public enum StatisticsReporter {
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    var counts: [String: (name: String, count: Int)] = [:]
    for diagnostic in diagnostics {
      counts[diagnostic.code, default: (diagnostic.name, 0)].count += 1
    }
    let rows = counts.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
    let width = String(rows.first?.value.count ?? 0).count
    return rows.map { code, entry in
      let number = String(entry.count)
      return String(repeating: " ", count: width - number.count) + number
        + "  \(code)  \(entry.name)\n"
    }.joined()
  }
}
