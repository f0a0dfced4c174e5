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

  static func results() -> OracleResults? { OracleResults(path: resultsPath) }

  static let files = results()?.files ?? []

  @Test func everyComparedDeclarationAgrees() throws {
    let results = try #require(Self.results(), "cannot read \(Self.resultsPath)")
    let (summary, records) = (results.summary, results.records)
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
    let results = try #require(Self.results())
    let records = results.records.filter { $0["file"] as? String == path }
    let bytes = try #require(Paths.bytes(path), "cannot read \(path)")
    // An edited fixture needs a new oracle run (flytekit's verdict may change with it).
    try #require(
      results.sources[path] == OracleResults.fnv1a64(bytes),
      "\(path) changed since the oracle ran: run `make oracle` and commit its results")
    let (result, dumped) = try OracleResults.lintAndDump(path, bytes: bytes)
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

  static func key(_ item: [String: Any]) -> String { OracleResults.key(item) }

  /// The non-null entries of a dump `requests`/`limits` object.
  static func setValues(_ object: Any?) -> [String: String] {
    var values: [String: String] = [:]
    for (name, value) in (object as? [String: Any]) ?? [:] {
      if let text = value as? String { values[name] = text }
    }
    return values
  }
}
