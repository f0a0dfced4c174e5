import Foundation
import Linting
import Reporting
import ResourceModel
import Testing

/// The flytekit oracle's golden data still holds for the current code, without flytekit.
///
/// `make oracle` (scripts/oracle/) rebuilt every Python fixture declaration with the real
/// flytekit 1.16.31 and wrote what it found to `Fixtures/oracle/oracle-results.json`. Here,
/// each recorded declaration must still be read the same way (the same requests, limits and
/// accelerator in `dump`), each declaration flytekit rejects must still draw an error from one
/// of the rules recorded as covering that failure, and each one flytekit accepts must draw no
/// error from the rules that claim flytekit fails. Disagreements already reported (listed in
/// `scripts/oracle/known-disagreements.json`) are known issues until fixed.
struct OracleTests {
  static let resultsPath = "Fixtures/oracle/oracle-results.json"
  /// Rules whose error findings claim that flytekit itself fails (scripts/oracle/oracle.py).
  static let crashRules: Set<String> = ["RL005", "RL012", "RL013", "RL014", "RL015"]

  /// The golden data, decoded; nil when the file is missing or malformed.
  static func results() -> (
    summary: [String: Any], sources: [String: String], records: [[String: Any]]
  )? {
    guard let data = Paths.bytes(resultsPath),
      let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
      let summary = object["summary"] as? [String: Any],
      let sources = object["sources"] as? [String: String],
      let records = object["declarations"] as? [[String: Any]]
    else { return nil }
    return (summary, sources, records)
  }

  /// FNV-1a (64-bit) of a file's bytes, as scripts/oracle/oracle.py writes it.
  static func fnv1a64(_ bytes: [UInt8]) -> String {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  static let files: [String] = {
    let records = results()?.records ?? []
    return Array(Set(records.compactMap { $0["file"] as? String })).sorted()
  }()

  @Test func everyComparedDeclarationAgrees() throws {
    let (summary, _, records) = try #require(Self.results(), "cannot read \(Self.resultsPath)")
    #expect(!records.isEmpty)
    #expect(summary["disagreements"] as? Int == 0)
    for record in records {
      let verdict = record["verdict"] as? String ?? "?"
      #expect(
        ["agree", "not-comparable", "known-disagreement"].contains(verdict),
        "\(Self.key(record)): \(verdict): \(record["reason"] as? String ?? "")")
    }
    let compared = records.filter { $0["verdict"] as? String != "not-comparable" }.count
    #expect(summary["compared"] as? Int == compared)
    #expect(summary["declarations"] as? Int == records.count)
  }

  @Test(arguments: files)
  func declarationsStillMatch(_ path: String) throws {
    let (_, sources, all) = try #require(Self.results())
    let records = all.filter { $0["file"] as? String == path }
    let bytes = try #require(Paths.bytes(path), "cannot read \(path)")
    // An edited fixture needs a new oracle run (flytekit's verdict may change with it).
    try #require(
      sources[path] == Self.fnv1a64(bytes),
      "\(path) changed since the oracle ran: run `make oracle` and commit its results")
    let rules = try RuleSet(select: ["ALL"])
    let result = Linter(rules: rules).lint(path: path, bytes: bytes, language: .python)

    // dump's own JSON, so that the values compare exactly as the oracle read them.
    let dumped = try #require(
      try JSONSerialization.jsonObject(with: Data(DumpReporter.json(result.declarations).utf8))
        as? [[String: Any]])
    var byPosition: [String: [[String: Any]]] = [:]
    for item in dumped { byPosition[Self.key(item), default: []].append(item) }

    var seen: [String: Int] = [:]
    for record in records {
      let key = Self.key(record)
      let candidates = byPosition[key] ?? []
      guard let recorded = record["resourcelint"] as? [String: Any] else {
        // A task the dump did not list when the oracle ran: it still must not be listed.
        #expect(candidates.isEmpty, "\(key): dump now lists a declaration here; re-run make oracle")
        checkRules(record, result.diagnostics, key: key)
        continue
      }
      let index = seen[key, default: 0]
      seen[key] = index + 1
      guard index < candidates.count else {
        Issue.record("\(key): no declaration in today's dump; re-run make oracle")
        continue
      }
      let current = candidates[index]
      for side in ["requests", "limits"] {
        let now = Self.setValues(current[side])
        let then = (recorded[side] as? [String: String]) ?? [:]
        #expect(now == then, "\(key) \(side): dump gives \(now), oracle recorded \(then)")
      }
      #expect(
        current["accelerator"] as? String == recorded["accelerator"] as? String,
        "\(key): accelerator changed")
      checkRules(record, result.diagnostics, key: key)
    }
  }

  /// Rejected by flytekit ⇒ an expected rule reports an error on the declaration's lines;
  /// accepted task or override ⇒ no "flytekit fails" rule reports an error there.
  func checkRules(_ record: [String: Any], _ diagnostics: [Diagnostic], key: String) {
    let verdict = record["verdict"] as? String ?? ""
    guard verdict == "agree" || verdict == "known-disagreement",
      let lines = record["lines"] as? [Int]
    else { return }
    let lineSet = Set(lines)
    let errors = Set(
      diagnostics.filter { $0.severity == .error && lineSet.contains($0.span.start.line) }
        .map(\.code))
    let outcome = record["flytekit"] as? [String: Any] ?? [:]
    if outcome["stage"] != nil {
      let expected = Set((record["rules"] as? [String: Any])?["expected"] as? [String] ?? [])
      let failure = outcome["message"] as? String ?? ""
      let message =
        "\(key): flytekit rejects it (\(failure)); "
        + "expected an error from \(expected.sorted()), got \(errors.sorted())"
      if verdict == "known-disagreement" {
        // Listed in scripts/oracle/known-disagreements.json; once fixed, this known issue stops
        // occurring and the test fails until `make oracle` is re-run and the entry removed.
        withKnownIssue("\(record["known"] as? String ?? "")") {
          #expect(!expected.isDisjoint(with: errors), "\(message)")
        }
      } else {
        #expect(!expected.isDisjoint(with: errors), "\(message)")
      }
    } else if ["task", "override", "container-task"].contains(record["kind"] as? String ?? "") {
      // Keywords flytekit accepts and ignores (ContainerTask takes **kwargs) are a silent loss,
      // which RL015 rightly reports.
      let ignored = (record["ignored_by_flytekit"] as? [String] ?? []).isEmpty ? [] : ["RL015"]
      let alarms = errors.intersection(Self.crashRules).subtracting(ignored)
      #expect(
        alarms.isEmpty, "\(key): flytekit accepts it, yet \(alarms.sorted()) report a failure")
    }
  }

  static func key(_ item: [String: Any]) -> String {
    "\(item["file"] as? String ?? ""):\(item["line"] as? Int ?? 0):\(item["column"] as? Int ?? 0)"
      + " \(item["kind"] as? String ?? "")"
  }

  /// The non-null entries of a dump `requests`/`limits` object.
  static func setValues(_ object: Any?) -> [String: String] {
    var values: [String: String] = [:]
    for (name, value) in (object as? [String: Any]) ?? [:] {
      if let text = value as? String { values[name] = text }
    }
    return values
  }
}
