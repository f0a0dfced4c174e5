import ResourceModel
import SourceText

/// One suppression: `# resourcelint: ignore[RL002, bare-integer-memory]`,
/// `# resourcelint: ignore`, `# noqa: RL002` or a bare `# noqa`.
struct Suppression {
  enum Style {
    case resourcelint
    case noqa
  }

  var style: Style
  var line: Int
  /// The span of the directive, where RL028 and RL029 point.
  var span: SourceSpan
  /// Rule codes and policy ids named by the comment; nil silences every rule on the line.
  var codes: [String]?

  func silences(_ code: String) -> Bool { codes.map { $0.contains(code) } ?? true }
}

/// A problem with a suppression comment itself, which RL029 reports.
struct SuppressionProblem {
  var span: SourceSpan
  var message: String
}

/// The suppression comments of one file, read from the comments its scanner found (so a
/// directive inside a string or a YAML scalar is text, never a suppression).
struct FileSuppressions {
  /// `# resourcelint: ignore-file` within the first lines: the file is not checked at all.
  var ignoresFile = false
  var byLine: [Int: [Suppression]] = [:]
  var problems: [SuppressionProblem] = []

  static let fileDirectiveLines = 20

  /// What decides whether a listed name is ours.
  struct Names {
    /// The configuration's policies: their ids and names are rule names too.
    var policies: [Policy] = []
    /// Prefixes of other tools' codes (the `external` setting), never reported.
    var external: [String] = []
  }

  init() {}

  /// The directives in `comments` (byte ranges, each from `#` to the end of its line).
  init(_ file: SourceFile, comments: [Range<Int>], names: Names) {
    for comment in comments {
      for segment in Self.segments(of: comment, in: file.bytes) {
        read(segment, in: file, names: names)
      }
    }
  }

  /// True when some comment may be read as a directive: one of its `#` segments starts, after
  /// blanks, with `resourcelint` or `noqa` in any case, which is what `read` looks for. A file
  /// whose comments hold none gets no directive from them, whatever else its bytes mention.
  static func mayHoldDirective(_ comments: [Range<Int>], in bytes: [UInt8]) -> Bool {
    comments.contains { comment in
      segments(of: comment, in: bytes).contains { segment in
        let text = bytes[textStart(of: segment, in: bytes)..<segment.upperBound]
        return startsIgnoringCase(text, with: resourcelintWord)
          || startsIgnoringCase(text, with: noqaWord)
      }
    }
  }

  /// True when `text` starts with the lowercase ASCII `word`, letters in any case (the
  /// lowercasing `read` does: no other scalar lowercases to one of these letters alone).
  private static func startsIgnoringCase(_ text: ArraySlice<UInt8>, with word: [UInt8]) -> Bool {
    text.count >= word.count && zip(text, word).allSatisfy { $0 | 0x20 == $1 }
  }

  /// A cheap test before comments are looked for: most files mention neither word. `noqa`
  /// first: its anchor `q` is rarer than the `u` of `resourcelint`, which a module of
  /// `requests=Resources(...)` has every few bytes.
  static func mayContainDirective(_ bytes: UnsafeRawBufferPointer) -> Bool {
    mentionsNoqa(bytes) || ByteSearch.occurs(resourcelintWord, anchor: 4, in: bytes)
  }

  /// True when `noqa` or `NOQA` occurs. `q` is rare in text, so a search anchored on it beats
  /// a pass of a literal set.
  static func mentionsNoqa(_ bytes: UnsafeRawBufferPointer) -> Bool {
    ByteSearch.occurs(noqaWord, anchor: 2, in: bytes)
      || ByteSearch.occurs(upperNoqaWord, anchor: 2, in: bytes)
  }
  private static let resourcelintWord = Array("resourcelint".utf8)
  private static let noqaWord = Array("noqa".utf8)
  private static let upperNoqaWord = Array("NOQA".utf8)

  /// One comment may hold several (`# noqa: E501  # resourcelint: ignore[RL002]`): each `#`
  /// starts a segment that runs to the next.
  private static func segments(of comment: Range<Int>, in bytes: [UInt8]) -> [Range<Int>] {
    var starts = comment.filter { bytes[$0] == 0x23 }
    starts.append(comment.upperBound)
    return zip(starts, starts.dropFirst()).map { $0..<$1 }
  }

  // MARK: Reading one directive

  /// Where a segment's text starts: after its `#` and the blanks that follow.
  private static func textStart(of segment: Range<Int>, in bytes: [UInt8]) -> Int {
    var start = segment.lowerBound + 1
    while start < segment.upperBound && (bytes[start] == 0x20 || bytes[start] == 0x09) {
      start += 1
    }
    return start
  }

  private mutating func read(_ segment: Range<Int>, in file: SourceFile, names: Names) {
    let bytes = file.bytes
    let start = Self.textStart(of: segment, in: bytes)
    var end = segment.upperBound
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    let lower = text.lowercased()
    let location = file.location(ofByte: start)
    let span = SourceSpan(start: location, end: file.location(ofByte: end))
    if lower.hasPrefix("resourcelint") {
      readResourcelint(text, span: span, names: names)
    } else if lower.hasPrefix("noqa") {
      readNoqa(text, span: span, names: names)
    }
  }

  /// `resourcelint: ignore[…]`, `resourcelint: ignore`, `resourcelint: ignore-file`, and their
  /// near misses: a missing or doubled space, a missing colon, a list without brackets.
  private mutating func readResourcelint(_ text: String, span: SourceSpan, names: Names) {
    var rest = Substring(text.dropFirst("resourcelint".count))
    let hasColon = rest.first == ":"
    if hasColon { rest = rest.dropFirst() }
    let spaces = rest.prefix { $0 == " " || $0 == "\t" }
    rest = rest.dropFirst(spaces.count)
    // Prose about the tool (`# resourcelint reads the nearest config`) is no directive: one
    // needs the colon, or one of the verbs right after the name.
    let firstWord = rest.prefix { $0.isLetter || $0 == "-" || $0 == "_" }.lowercased()
    guard hasColon || (!spaces.isEmpty && Self.directiveVerbs.contains(firstWord)) else {
      return
    }
    var exact = hasColon && spaces == " "
    let verb = rest.prefix { $0.isLetter || $0 == "-" || $0 == "_" }
    rest = rest.dropFirst(verb.count)
    if verb != verb.lowercased() { exact = false }
    switch verb.lowercased() {
    case "ignore-file":
      if !exact || !rest.allSatisfy({ $0 == " " || $0 == "\t" }) {
        report(span, text, accepted: "# resourcelint: ignore-file")
      }
      if span.start.line <= Self.fileDirectiveLines {
        ignoresFile = true
      } else {
        problems.append(
          SuppressionProblem(
            span: span,
            message:
              "ignore-file only works in the first \(Self.fileDirectiveLines) lines; "
              + "move it to the top of the file"))
      }
    case "ignore":
      let (list, listIsExact) = Self.list(after: rest) { isOurs($0, names) }
      if let list {
        let accepted = "# resourcelint: ignore[\(list.joined(separator: ", "))]"
        if !exact || !listIsExact { report(span, text, accepted: accepted) }
        add(.resourcelint, span: span, names: list, ours: names)
      } else {
        if !exact { report(span, text, accepted: "# resourcelint: ignore") }
        add(.resourcelint, span: span, names: nil, ours: names)
      }
    default:
      let word = verb.isEmpty ? "nothing" : "'\(verb)'"
      problems.append(
        SuppressionProblem(
          span: span,
          message:
            "`# \(text)` is no suppression (\(word) after resourcelint): write "
            + "`# resourcelint: ignore[RULE]`, `# resourcelint: ignore` or "
            + "`# resourcelint: ignore-file`"))
    }
  }

  /// Words after `resourcelint` that show a directive was meant, colon or not.
  private static let directiveVerbs: Set<String> = [
    "ignore", "ignore-file", "ignore_file", "noqa", "disable", "skip",
  ]

  /// `[RL002, name]` (exact), or a near miss: `(RL002)`, ` [RL002]`, `RL002`, `: RL002`, a
  /// missing `]`. nil when nothing that could be a list follows.
  private static func list(after rest: Substring, isOurs: (String) -> Bool)
    -> (names: [String]?, isExact: Bool)
  {
    var text = rest
    var exact = true
    if text.first == " " || text.first == "\t" || text.first == ":" {
      let gap = text.prefix { $0 == " " || $0 == "\t" || $0 == ":" }
      text = text.dropFirst(gap.count)
      exact = false
    }
    guard let first = text.first else { return (nil, true) }
    let closer: Character? = first == "[" ? "]" : first == "(" ? ")" : nil
    if first == "(" { exact = false }
    let inside: Substring
    if let closer {
      let body = text.dropFirst()
      if let close = body.firstIndex(of: closer) {
        inside = body[..<close]
        if !body[body.index(after: close)...].allSatisfy({ $0 == " " || $0 == "\t" }) {
          exact = false
        }
      } else {
        inside = body
        exact = false
      }
    } else {
      // Bare words after the verb (`ignore RL002`) are a list when one of them is ours;
      // otherwise they are a remark (`ignore  -- legacy`) after a bare `ignore`.
      let words = RuleSet.names(inList: text.replacing(" ", with: ","))
      guard words.allSatisfy(looksLikeRuleName), words.contains(where: isOurs) else {
        return (nil, true)
      }
      return (words, false)
    }
    let names = RuleSet.names(inList: inside)
    return (names, exact && !names.isEmpty)
  }

  /// `# noqa` and `# noqa: RL002, E501`, with flake8's case-insensitive keyword. Lists that
  /// name none of ours belong to other linters and are left alone.
  private mutating func readNoqa(_ text: String, span: SourceSpan, names: Names) {
    let keyword = text.prefix(4)
    var rest = text.dropFirst(4)
    let spaces = rest.prefix { $0 == " " || $0 == "\t" }
    rest = rest.dropFirst(spaces.count)
    if rest.first == ":" {
      let listed = RuleSet.names(inList: rest.dropFirst().replacing(" ", with: ","))
      guard listed.contains(where: { isOurs($0, names) }) else { return }
      if keyword != "noqa" || !spaces.isEmpty {
        report(span, text, accepted: "# noqa: " + listed.joined(separator: ", "))
      }
      add(.noqa, span: span, names: listed, ours: names)
      return
    }
    // `# noqa RL002`: flake8 and ruff read a blanket noqa, but ours is what was meant.
    let words = RuleSet.names(inList: rest.replacing(" ", with: ","))
    if !words.isEmpty && words.allSatisfy({ isOurs($0, names) }) {
      problems.append(
        SuppressionProblem(
          span: span,
          message:
            "`# \(text)` lacks the colon: write `# noqa: \(words.joined(separator: ", "))` "
            + "(flake8 and ruff read this as a blanket noqa for every rule)"))
      add(.noqa, span: span, names: words, ours: names)
      return
    }
    if keyword != "noqa" && !keyword.allSatisfy(\.isUppercase) {
      report(span, text, accepted: "# noqa")
    }
    add(.noqa, span: span, names: nil, ours: names)
  }

  // MARK: Names

  /// Records a suppression; names that are no rule or policy of ours are reported, except
  /// other linters' codes (in a `noqa` list, anything not shaped like ours; anywhere, the
  /// `external` prefixes).
  private mutating func add(
    _ style: Suppression.Style, span: SourceSpan, names listed: [String]?, ours names: Names
  ) {
    var codes: [String]?
    if let listed {
      codes = []
      for name in listed {
        if let code = Self.code(of: name, names) {
          codes?.append(code)
        } else if names.external.contains(where: { name.hasPrefix($0) }) {
          continue
        } else if style == .noqa && !Self.looksLikeOurCode(name) {
          continue
        } else {
          problems.append(
            SuppressionProblem(
              span: span,
              message:
                "suppression names \(name), which is no resourcelint rule or policy"
                + RuleSet.hint(forUnknown: name, policies: names.policies)))
        }
      }
    }
    byLine[span.start.line, default: []].append(
      Suppression(style: style, line: span.start.line, span: span, codes: codes))
  }

  /// The code (or policy id) `name` stands for.
  private static func code(of name: String, _ names: Names) -> String? {
    if let rule = RuleSet.description(named: name) { return rule.code }
    return names.policies.first { $0.id.uppercased() == name.uppercased() || $0.name == name }?
      .id
  }

  private func isOurs(_ name: String, _ names: Names) -> Bool {
    Self.code(of: name, names) != nil
      || (Self.looksLikeOurCode(name) && !names.external.contains { name.hasPrefix($0) })
  }

  /// `RL` and three digits, any case: our namespace, present and future.
  static func looksLikeOurCode(_ name: String) -> Bool {
    let upper = Array(name.uppercased().unicodeScalars)
    return upper.count == 5 && upper[0] == "R" && upper[1] == "L"
      && upper[2...].allSatisfy { ("0"..."9").contains($0) }
  }

  /// A word that could be a rule id or name: letters, digits and `-`, starting with a letter.
  private static func looksLikeRuleName(_ word: String) -> Bool {
    guard let first = word.unicodeScalars.first, first.properties.isAlphabetic else {
      return false
    }
    return word.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
    }
  }

  private mutating func report(_ span: SourceSpan, _ text: String, accepted: String) {
    problems.append(
      SuppressionProblem(
        span: span,
        message: "`# \(text)` is not the accepted spelling; write `\(accepted)`"))
  }
}
