import Foundation
import Linting
import Reporting
import ResourceModel

/// A results file written by one of the oracles (`scripts/oracle/oracle.py`,
/// `scripts/oracle-flyte2/oracle.py`): a summary, a content hash per source file, and one
/// record per declaration with the oracle's verdict.
struct OracleResults {
  var summary: [String: Any]
  var sources: [String: String]
  var records: [[String: Any]]

  /// The file at `path`, decoded; nil when it is missing or malformed.
  init?(path: String) {
    guard let data = Paths.bytes(path),
      let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
      let summary = object["summary"] as? [String: Any],
      let sources = object["sources"] as? [String: String],
      let records = object["declarations"] as? [[String: Any]]
    else { return nil }
    (self.summary, self.sources, self.records) = (summary, sources, records)
  }

  /// The source files the records name, sorted (the tests' arguments).
  var files: [String] { Array(Set(records.compactMap { $0["file"] as? String })).sorted() }

  /// FNV-1a (64-bit) of a file's bytes, as both oracles write it.
  static func fnv1a64(_ bytes: [UInt8]) -> String {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// `file:line:column kind`: how records and dump objects are matched.
  static func key(_ item: [String: Any]) -> String {
    "\(item["file"] as? String ?? ""):\(item["line"] as? Int ?? 0):\(item["column"] as? Int ?? 0)"
      + " \(item["kind"] as? String ?? "")"
  }

  /// Lints `path` with every rule, as the oracles ran `check --select ALL`, and decodes
  /// `dump`'s own JSON of it, so that values compare exactly as the oracle read them.
  static func lintAndDump(_ path: String, bytes: [UInt8]) throws -> (
    result: FileResult, dumped: [[String: Any]]
  ) {
    let rules = try RuleSet(select: ["ALL"])
    let result = Linter(rules: rules).lint(path: path, bytes: bytes, language: .python)
    let json = Data(DumpReporter.json(result.declarations).utf8)
    let dumped = try JSONSerialization.jsonObject(with: json) as? [[String: Any]] ?? []
    return (result, dumped)
  }
}
