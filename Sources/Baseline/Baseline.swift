import FileIO
import FoundationEssentials
import ResourceModel

/// Why a baseline could not be read or written. The CLI turns it into a usage error (exit 2).
public struct BaselineError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// Findings accepted as known debt: `check --write-baseline FILE` records every current
/// finding, `check --baseline FILE` then reports only findings that are not in it.
///
/// A finding is keyed by its file (relative to the current directory), its logical place
/// (declaration, resource key, side — never a line number) and its rule, so lines inserted
/// above it do not make it new. Keys are counted, not just listed: if the baseline holds a key
/// twice and the code now has it three times, one finding is new and is reported.
///
/// The file is JSON, sorted, one entry per line so that diffs stay readable:
/// `{"version": 1, "entries": [{"file", "place", "rule", "message", "count"}]}`; `message` is
/// only there for the reader and is not part of the key.
public struct Baseline: Sendable, Equatable {
  /// The file format version this build reads and writes.
  public static let formatVersion = 1

  public struct Key: Sendable, Hashable, Comparable {
    public var file: String
    public var place: String
    public var rule: String

    public init(file: String, place: String, rule: String) {
      self.file = file
      self.place = place
      self.rule = rule
    }

    public static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.file, lhs.place, lhs.rule) < (rhs.file, rhs.place, rhs.rule)
    }
  }

  public struct Entry: Sendable, Equatable {
    public var key: Key
    /// The message of the (first) finding, for whoever reads the file.
    public var message: String?
    public var count: Int

    public init(key: Key, message: String?, count: Int) {
      self.key = key
      self.message = message
      self.count = count
    }
  }

  /// Sorted by key, one entry per key.
  public private(set) var entries: [Entry]

  public init(entries: [Entry]) {
    var merged: [Key: Entry] = [:]
    for entry in entries {
      if var existing = merged[entry.key] {
        existing.count += entry.count
        merged[entry.key] = existing
      } else {
        merged[entry.key] = entry
      }
    }
    self.entries = merged.values.sorted { $0.key < $1.key }
  }

  /// A baseline holding every one of `diagnostics`.
  public init(diagnostics: [Diagnostic], currentDirectory: String?) {
    self.init(
      entries: diagnostics.map {
        Entry(
          key: Self.key(of: $0, currentDirectory: currentDirectory), message: $0.message, count: 1)
      })
  }

  /// The key a finding is matched by.
  public static func key(of diagnostic: Diagnostic, currentDirectory: String?) -> Key {
    Key(
      file: LogicalPlace.portablePath(diagnostic.file, currentDirectory: currentDirectory),
      place: diagnostic.logicalPlace ?? "line \(diagnostic.span.start.line)",
      rule: diagnostic.code)
  }

  /// How many findings the baseline holds.
  public var findingCount: Int { entries.reduce(0) { $0 + $1.count } }

  // MARK: - Matching

  /// What remains of a run once the baseline is applied.
  public struct Outcome: Sendable {
    /// Findings not in the baseline, in their original order: the ones to report.
    public var reported: [Diagnostic]
    /// Findings the baseline accounted for (and that are therefore not reported).
    public var matched: Int
    /// Baseline findings that no longer occur: fixed, or moved beyond recognition.
    public var noLongerOccurring: Int

    /// `2 findings matched the baseline; 3 baseline entries no longer occur; rewrite the
    /// baseline with --write-baseline`, or nil when the baseline matched nothing and nothing
    /// is stale.
    public var summary: String? {
      var parts: [String] = []
      if matched > 0 {
        parts.append(
          "\(matched) finding\(matched == 1 ? "" : "s") matched the baseline and "
            + "\(matched == 1 ? "is" : "are") not shown")
      }
      if noLongerOccurring > 0 {
        let entries =
          noLongerOccurring == 1 ? "entry no longer occurs" : "entries no longer occur"
        parts.append(
          "\(noLongerOccurring) baseline \(entries); rewrite the baseline with --write-baseline")
      }
      return parts.isEmpty ? nil : parts.joined(separator: "; ") + "."
    }
  }

  /// Splits `diagnostics` into those the baseline accounts for and those it does not. Each
  /// baseline entry absorbs at most `count` findings with its key, taken in report order.
  public func apply(to diagnostics: [Diagnostic], currentDirectory: String?) -> Outcome {
    var remaining: [Key: Int] = [:]
    for entry in entries { remaining[entry.key, default: 0] += entry.count }
    var reported: [Diagnostic] = []
    var matched = 0
    for diagnostic in diagnostics {
      let key = Self.key(of: diagnostic, currentDirectory: currentDirectory)
      if let left = remaining[key], left > 0 {
        remaining[key] = left - 1
        matched += 1
      } else {
        reported.append(diagnostic)
      }
    }
    return Outcome(
      reported: reported, matched: matched,
      noLongerOccurring: remaining.values.reduce(0, +))
  }

  /// The same for per-file results: each keeps only its findings that are not in the baseline.
  public func apply(to results: [FileResult], currentDirectory: String?) -> (
    results: [FileResult], outcome: Outcome
  ) {
    let all = results.flatMap(\.diagnostics)
    let outcome = apply(to: all, currentDirectory: currentDirectory)
    // `reported` is a subsequence of `all` in the same order; identical findings are
    // interchangeable, so taking the next equal one rebuilds each file's share.
    var next = outcome.reported.startIndex
    let filtered = results.map { result -> FileResult in
      var copy = result
      copy.diagnostics = result.diagnostics.filter { diagnostic in
        guard next < outcome.reported.endIndex, outcome.reported[next] == diagnostic else {
          return false
        }
        next += 1
        return true
      }
      return copy
    }
    return (filtered, outcome)
  }

  // MARK: - Encoding

  /// One entry as the file spells it; `message` is for the reader, never part of the key.
  private struct StoredEntry: Codable {
    var file: String
    var place: String
    var rule: String
    var message: String?
    var count: Int?
  }

  /// The file's top level. Other members (a `tool` name, fields added by a later version) are
  /// ignored; `version` decides whether this build can read the entries at all.
  private struct StoredVersion: Decodable {
    var version: Int
  }

  private struct StoredFile: Decodable {
    var entries: [StoredEntry]
  }

  /// The file's text: stable key order, entries sorted, one per line, so diffs stay readable.
  public func encoded() throws(BaselineError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var out = "{\n  \"version\": \(Self.formatVersion),\n  \"tool\": \"resourcelint\",\n"
    if entries.isEmpty { return out + "  \"entries\": []\n}\n" }
    let lines: [String]
    do {
      lines = try entries.map { entry throws -> String in
        let stored = StoredEntry(
          file: entry.key.file, place: entry.key.place, rule: entry.key.rule,
          message: entry.message, count: entry.count)
        return "    " + String(decoding: try encoder.encode(stored), as: UTF8.self)
      }
    } catch {
      throw BaselineError(description: "cannot encode the baseline: \(error)")
    }
    out += "  \"entries\": [\n" + lines.joined(separator: ",\n")
    return out + "\n  ]\n}\n"
  }

  /// Reads a baseline from its text; `source` names it in error messages.
  public static func decode(_ bytes: [UInt8], source: String) throws(BaselineError) -> Baseline {
    func invalid(_ message: String) -> BaselineError {
      BaselineError(description: "\(source): invalid baseline: \(message)")
    }
    let data = Data(bytes)
    let decoder = JSONDecoder()
    let version: Int
    do {
      version = try decoder.decode(StoredVersion.self, from: data).version
    } catch {
      throw invalid(Self.explain(error))
    }
    guard version == formatVersion else {
      throw invalid(
        "unsupported baseline version \(version) (this resourcelint reads version \(formatVersion))"
      )
    }
    let stored: StoredFile
    do {
      stored = try decoder.decode(StoredFile.self, from: data)
    } catch {
      throw invalid(Self.explain(error))
    }
    var entries: [Entry] = []
    for (index, item) in stored.entries.enumerated() {
      let count = item.count ?? 1
      guard count > 0 else { throw invalid("entries[\(index)].count must be a positive integer") }
      entries.append(
        Entry(
          key: Key(file: item.file, place: item.place, rule: item.rule), message: item.message,
          count: count))
    }
    return Baseline(entries: entries)
  }

  /// What is wrong, said with the path of the offending member (`entries[0].place`).
  private static func explain(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ codingPath: [any CodingKey]) -> String {
      var text = ""
      for key in codingPath {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text
    }
    switch error {
    case .keyNotFound(let key, let context):
      let parent = path(context.codingPath)
      return parent.isEmpty
        ? "missing \"\(key.stringValue)\" (a baseline is a JSON object with \"version\" and \"entries\")"
        : "\(parent) is missing \"\(key.stringValue)\""
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      let member = path(context.codingPath)
      if member.isEmpty { return "a baseline is a JSON object with \"version\" and \"entries\"" }
      return "\(member) has the wrong type: \(context.debugDescription)"
    case .dataCorrupted(let context):
      // The decoder says where a value is wrong but not where the syntax breaks.
      let member = path(context.codingPath)
      return member.isEmpty
        ? "not valid JSON; regenerate it with --write-baseline"
        : "\(member): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }

  // MARK: - Files

  /// Reads the baseline at `path`. A missing, unreadable or malformed file is an error.
  public static func load(path: String) throws(BaselineError) -> Baseline {
    switch FileSystem.contents(of: path) {
    case .success(let bytes): return try decode(bytes, source: path)
    case .failure(let error):
      throw BaselineError(description: "cannot read baseline \(path): \(error.description)")
    }
  }

  /// Writes the baseline to `path` atomically (see `AtomicFile`), so a reader (or a crash) sees
  /// either the old baseline or the new one, never half of one.
  public func write(to path: String) throws(BaselineError) {
    let text = try encoded()
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      throw BaselineError(description: "cannot write baseline \(path): \(error.description)")
    }
  }
}
