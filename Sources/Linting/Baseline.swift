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

  /// The file's text: stable key order, entries sorted, one per line.
  public func encoded() -> String {
    var out = "{\n  \"version\": \(Self.formatVersion),\n  \"tool\": \"resourcelint\",\n"
    if entries.isEmpty { return out + "  \"entries\": []\n}\n" }
    out += "  \"entries\": [\n"
    out += entries.map { entry in
      var fields = [
        ("file", JSON.string(entry.key.file)), ("place", JSON.string(entry.key.place)),
        ("rule", JSON.string(entry.key.rule)),
      ]
      if let message = entry.message { fields.append(("message", JSON.string(message))) }
      fields.append(("count", String(entry.count)))
      return "    {" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }.joined(separator: ",\n")
    return out + "\n  ]\n}\n"
  }

  /// Reads a baseline from its text; `source` names it in error messages.
  public static func decode(_ bytes: [UInt8], source: String) throws(BaselineError) -> Baseline {
    var parser = JSONReader(bytes: bytes, source: source)
    let root = try parser.document()
    guard case .object(let fields) = root.value else {
      throw parser.error("a baseline is a JSON object with \"version\" and \"entries\"", at: root)
    }
    func field(_ name: String, of pairs: [(String, JSONReader.Node)]) -> JSONReader.Node? {
      pairs.last { $0.0 == name }?.1
    }
    guard let version = field("version", of: fields) else {
      throw parser.error("missing \"version\"", at: root)
    }
    guard case .number(let text) = version.value, Int(text) == formatVersion else {
      throw parser.error(
        "unsupported baseline version (this resourcelint reads version \(formatVersion))",
        at: version)
    }
    guard let list = field("entries", of: fields) else {
      throw parser.error("missing \"entries\"", at: root)
    }
    guard case .array(let items) = list.value else {
      throw parser.error("\"entries\" must be an array", at: list)
    }
    var entries: [Entry] = []
    for item in items {
      guard case .object(let pairs) = item.value else {
        throw parser.error("each entry must be an object", at: item)
      }
      func string(_ name: String, required: Bool) throws(BaselineError) -> String? {
        guard let node = field(name, of: pairs) else {
          if required { throw parser.error("entry is missing \"\(name)\"", at: item) }
          return nil
        }
        if case .string(let text) = node.value { return text }
        if !required, case .null = node.value { return nil }
        throw parser.error("\"\(name)\" must be a string", at: node)
      }
      let file = try string("file", required: true) ?? ""
      let place = try string("place", required: true) ?? ""
      let rule = try string("rule", required: true) ?? ""
      let message = try string("message", required: false)
      var count = 1
      if let node = field("count", of: pairs) {
        guard case .number(let text) = node.value, let value = Int(text), value > 0 else {
          throw parser.error("\"count\" must be a positive integer", at: node)
        }
        count = value
      }
      entries.append(
        Entry(key: Key(file: file, place: place, rule: rule), message: message, count: count))
    }
    return Baseline(entries: entries)
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
    do {
      try AtomicFile.write(encoded(), to: path)
    } catch {
      throw BaselineError(description: "cannot write baseline \(path): \(error.description)")
    }
  }
}

/// A small strict JSON reader (RFC 8259) for the baseline file: enough to read any JSON
/// document into a tree, with the byte offset of every value for error messages.
struct JSONReader {
  enum Value {
    case object([(String, Node)])
    case array([Node])
    case string(String)
    /// The number's text, as written.
    case number(String)
    case bool(Bool)
    case null
  }

  struct Node {
    var value: Value
    var offset: Int
  }

  let bytes: [UInt8]
  let source: String
  var index = 0
  /// Nesting limit, so a hostile file cannot exhaust the stack.
  private let maxDepth = 512

  init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
  }

  /// The whole document: one value and nothing after it but whitespace.
  mutating func document() throws(BaselineError) -> Node {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    let node = try value(depth: 0)
    skipWhitespace()
    guard index == bytes.count else { throw error("unexpected text after the JSON value") }
    return node
  }

  /// `FILE:LINE:COLUMN: invalid baseline: …` for the position `offset`.
  func error(_ message: String, offset: Int? = nil) -> BaselineError {
    let end = min(offset ?? index, bytes.count)
    var line = 1
    var column = 1
    for byte in bytes[..<end] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return BaselineError(description: "\(source):\(line):\(column): invalid baseline: \(message)")
  }

  func error(_ message: String, at node: Node) -> BaselineError {
    error(message, offset: node.offset)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count,
      [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(
        bytes[index])
    {
      index += 1
    }
  }

  private mutating func value(depth: Int) throws(BaselineError) -> Node {
    guard depth < maxDepth else { throw error("nested too deeply") }
    skipWhitespace()
    let start = index
    guard index < bytes.count else { throw error("unexpected end of file, expected a value") }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      index += 1
      var pairs: [(String, Node)] = []
      skipWhitespace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
        index += 1
        return Node(value: .object(pairs), offset: start)
      }
      while true {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
          throw error("expected a string key")
        }
        let key = try string()
        skipWhitespace()
        try expect(":")
        pairs.append((key, try value(depth: depth + 1)))
        skipWhitespace()
        if try separator(closing: "}") { break }
      }
      return Node(value: .object(pairs), offset: start)
    case UInt8(ascii: "["):
      index += 1
      var items: [Node] = []
      skipWhitespace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
        index += 1
        return Node(value: .array(items), offset: start)
      }
      while true {
        items.append(try value(depth: depth + 1))
        skipWhitespace()
        if try separator(closing: "]") { break }
      }
      return Node(value: .array(items), offset: start)
    case UInt8(ascii: "\""):
      return Node(value: .string(try string()), offset: start)
    case UInt8(ascii: "t"):
      try literal("true")
      return Node(value: .bool(true), offset: start)
    case UInt8(ascii: "f"):
      try literal("false")
      return Node(value: .bool(false), offset: start)
    case UInt8(ascii: "n"):
      try literal("null")
      return Node(value: .null, offset: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return Node(value: .number(try number()), offset: start)
    default:
      throw error("expected a value")
    }
  }

  /// After an item: true at the closing bracket, false after a comma.
  private mutating func separator(closing: Unicode.Scalar) throws(BaselineError) -> Bool {
    guard index < bytes.count else { throw error("unexpected end of file, expected \(closing)") }
    if bytes[index] == UInt8(ascii: ",") {
      index += 1
      return false
    }
    if bytes[index] == UInt8(ascii: closing) {
      index += 1
      return true
    }
    throw error("expected ',' or '\(closing)'")
  }

  private mutating func expect(_ character: Unicode.Scalar) throws(BaselineError) {
    guard index < bytes.count, bytes[index] == UInt8(ascii: character) else {
      throw error("expected '\(character)'")
    }
    index += 1
  }

  private mutating func literal(_ word: String) throws(BaselineError) {
    let expected = Array(word.utf8)
    guard bytes[index...].starts(with: expected) else { throw error("expected a value") }
    index += expected.count
  }

  private mutating func number() throws(BaselineError) -> String {
    let start = index
    func digits() -> Int {
      let from = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        index += 1
      }
      return index - from
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let integerStart = index
    let integerDigits = digits()
    guard integerDigits > 0 else { throw error("invalid number") }
    if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
      throw error("invalid number: leading zero", offset: start)
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw error("invalid number") }
    }
    if index < bytes.count
      && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"))
    {
      index += 1
      if index < bytes.count
        && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"))
      {
        index += 1
      }
      guard digits() > 0 else { throw error("invalid number") }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  /// A string literal starting at the opening quote; validates UTF-8 and escapes.
  private mutating func string() throws(BaselineError) -> String {
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    func flushRun(_ end: Int) throws(BaselineError) {
      guard runStart < end else { return }
      let run = bytes[runStart..<end]
      guard let text = String(validating: run, as: UTF8.self) else {
        throw error("invalid UTF-8 in a string", offset: runStart)
      }
      scalars.append(contentsOf: text.unicodeScalars)
    }
    while true {
      guard index < bytes.count else { throw error("unterminated string") }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        try flushRun(index)
        index += 1
        return String(scalars)
      }
      if byte < 0x20 { throw error("control character in a string (escape it)") }
      if byte != UInt8(ascii: "\\") {
        index += 1
        continue
      }
      try flushRun(index)
      index += 1
      guard index < bytes.count else { throw error("unterminated string") }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "\""): scalars.append("\"")
      case UInt8(ascii: "\\"): scalars.append("\\")
      case UInt8(ascii: "/"): scalars.append("/")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "u"):
        var code = try hex4()
        if (0xD800...0xDBFF).contains(code) {
          // A high surrogate must be followed by an escaped low surrogate.
          guard bytes[index...].starts(with: Array("\\u".utf8)) else {
            throw error("unpaired surrogate in \\u escape")
          }
          index += 2
          let low = try hex4()
          guard (0xDC00...0xDFFF).contains(low) else {
            throw error("unpaired surrogate in \\u escape")
          }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else {
          throw error("unpaired surrogate in \\u escape")
        }
        scalars.append(scalar)
      default:
        throw error("invalid escape in a string")
      }
      runStart = index
    }
  }

  private mutating func hex4() throws(BaselineError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("invalid \\u escape") }
    var code: UInt32 = 0
    for byte in bytes[index..<index + 4] {
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid \\u escape")
      }
      code = code * 16 + digit
    }
    index += 4
    return code
  }
}
