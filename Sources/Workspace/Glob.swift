/// A glob over `/`-separated relative paths, with gitignore's syntax: `*` and `?` within one
/// path component, `[a-z]`/`[!a-z]` character classes, `\` escapes, and `**` as a whole
/// component for any number of directories (`**/x` at any depth, `a/**/b` with zero or more in
/// between, `a/**` for everything inside `a`).
///
/// The same matcher serves `.gitignore` lines and the configuration's `include`, `exclude` and
/// `per-file-ignores`, so a pattern means the same thing everywhere.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
  enum Token: Sendable, Hashable {
    case literal(Unicode.Scalar)
    /// `?`: any one character.
    case any
    /// `*`: any run of characters, the empty one included.
    case run
    case set(CharacterSet)
  }

  struct CharacterSet: Sendable, Hashable {
    var negated: Bool
    var ranges: [ClosedRange<UInt32>]

    func contains(_ scalar: Unicode.Scalar) -> Bool {
      ranges.contains { $0.contains(scalar.value) } != negated
    }
  }

  enum Segment: Sendable, Hashable {
    /// `**` written as a whole component.
    case anyDirectories
    case component([Token])
  }

  /// Most ignore lines are one component of the forms `name`, `*.ext` or `prefix*`; those are
  /// matched as byte comparisons, without splitting the name into scalars.
  enum Shape: Sendable, Hashable {
    case exact([UInt8])
    case suffix([UInt8])
    case prefix([UInt8])
    case general
  }

  /// The pattern as written.
  public let text: String
  let segments: [Segment]
  let shape: Shape

  /// Compiles `text`, a pattern whose `/` separate path components (no leading `/`; callers
  /// strip gitignore's anchoring slash and directory-only suffix first).
  public init(_ text: String) {
    self.text = text
    var segments: [Segment] = []
    for part in Glob.splitComponents(Array(text.unicodeScalars)) {
      if part == ["*", "*"] {
        // `a/**/**/b` is the same as `a/**/b`.
        if segments.last != .anyDirectories { segments.append(.anyDirectories) }
      } else {
        segments.append(.component(Glob.tokens(part)))
      }
    }
    self.segments = segments
    self.shape = Glob.shape(of: segments)
  }

  private static func shape(of segments: [Segment]) -> Shape {
    guard segments.count == 1, case .component(let tokens) = segments[0] else { return .general }
    func literalBytes(_ tokens: ArraySlice<Token>) -> [UInt8]? {
      var text = ""
      for token in tokens {
        guard case .literal(let scalar) = token else { return nil }
        text.unicodeScalars.append(scalar)
      }
      return Array(text.utf8)
    }
    if let exact = literalBytes(tokens[...]) { return .exact(exact) }
    if tokens.first == .run, let suffix = literalBytes(tokens.dropFirst()) {
      return .suffix(suffix)
    }
    if tokens.last == .run, let prefix = literalBytes(tokens.dropLast()) {
      return .prefix(prefix)
    }
    return .general
  }

  public var description: String { text }

  /// True when the pattern has more than one component, i.e. names a path, not just a name.
  var hasSeveralComponents: Bool { segments.count > 1 }

  /// Whether `components` (a relative path split at `/`) matches the whole pattern.
  public func matches(_ components: [String]) -> Bool {
    if components.count == 1 { return matches(name: components[0]) }
    let scalars = components.map { Array($0.unicodeScalars) }
    return match(segment: 0, component: 0, scalars)
  }

  /// Whether one path component matches the whole pattern.
  func matches(name: String) -> Bool {
    // UTF-8 is self-synchronising: a byte suffix or prefix is a scalar suffix or prefix.
    let bytes = name.utf8
    switch shape {
    case .exact(let literal): return bytes.elementsEqual(literal)
    case .suffix(let literal):
      return bytes.count >= literal.count && bytes.suffix(literal.count).elementsEqual(literal)
    case .prefix(let literal):
      return bytes.count >= literal.count && bytes.prefix(literal.count).elementsEqual(literal)
    case .general: return match(segment: 0, component: 0, [Array(name.unicodeScalars)])
    }
  }

  private func match(segment: Int, component: Int, _ path: [[Unicode.Scalar]]) -> Bool {
    if segment == segments.count { return component == path.count }
    switch segments[segment] {
    case .anyDirectories:
      // A trailing `**` is "everything inside", so it needs at least one component; elsewhere
      // it may stand for none.
      let isLast = segment == segments.count - 1
      if isLast { return component < path.count }
      var next = component
      while next <= path.count {
        if match(segment: segment + 1, component: next, path) { return true }
        next += 1
      }
      return false
    case .component(let tokens):
      guard component < path.count, Glob.match(tokens, path[component]) else { return false }
      return match(segment: segment + 1, component: component + 1, path)
    }
  }

  /// Wildcard matching of one component, backtracking only to the last `*` (linear in practice).
  static func match(_ tokens: [Token], _ text: [Unicode.Scalar]) -> Bool {
    var token = 0
    var index = 0
    var starToken = -1
    var starIndex = 0
    while index < text.count {
      if token < tokens.count {
        switch tokens[token] {
        case .run:
          starToken = token
          starIndex = index
          token += 1
          continue
        case .any:
          token += 1
          index += 1
          continue
        case .literal(let scalar) where scalar == text[index]:
          token += 1
          index += 1
          continue
        case .set(let set) where set.contains(text[index]):
          token += 1
          index += 1
          continue
        default:
          break
        }
      }
      guard starToken >= 0 else { return false }
      token = starToken + 1
      starIndex += 1
      index = starIndex
    }
    while token < tokens.count, tokens[token] == .run { token += 1 }
    return token == tokens.count
  }

  /// Splits at unescaped `/`, dropping empty components (`a//b` is `a/b`). Escapes are kept for
  /// the tokenizer.
  static func splitComponents(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
    var parts: [[Unicode.Scalar]] = []
    var current: [Unicode.Scalar] = []
    var index = 0
    var inClass = false
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\\" && index + 1 < scalars.count {
        current.append(scalar)
        current.append(scalars[index + 1])
        index += 2
        continue
      }
      if scalar == "[" && !inClass {
        inClass = closingBracket(scalars, from: index) != nil
      } else if scalar == "]" && inClass {
        inClass = false
      }
      if scalar == "/" && !inClass {
        if !current.isEmpty { parts.append(current) }
        current = []
      } else {
        current.append(scalar)
      }
      index += 1
    }
    if !current.isEmpty { parts.append(current) }
    return parts
  }

  /// The index of the `]` closing the class that opens at `open`, or nil when it is not closed
  /// (an unclosed `[` is a literal bracket).
  static func closingBracket(_ scalars: [Unicode.Scalar], from open: Int) -> Int? {
    var index = open + 1
    if index < scalars.count && (scalars[index] == "!" || scalars[index] == "^") { index += 1 }
    // A `]` right after the opening (or after the negation) is a member, not the end.
    if index < scalars.count && scalars[index] == "]" { index += 1 }
    while index < scalars.count {
      switch scalars[index] {
      case "\\": index += 2
      case "]": return index
      case "/": return nil
      default: index += 1
      }
    }
    return nil
  }

  static func tokens(_ scalars: [Unicode.Scalar]) -> [Token] {
    var tokens: [Token] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "\\" where index + 1 < scalars.count:
        tokens.append(.literal(scalars[index + 1]))
        index += 2
      case "*":
        if tokens.last != .run { tokens.append(.run) }
        index += 1
      case "?":
        tokens.append(.any)
        index += 1
      case "[":
        if let close = closingBracket(scalars, from: index) {
          tokens.append(.set(characterSet(Array(scalars[(index + 1)..<close]))))
          index = close + 1
        } else {
          tokens.append(.literal("["))
          index += 1
        }
      default:
        tokens.append(.literal(scalar))
        index += 1
      }
    }
    return tokens
  }

  /// The inside of `[...]`: an optional `!` or `^`, then members and `a-z` ranges.
  static func characterSet(_ body: [Unicode.Scalar]) -> CharacterSet {
    var index = 0
    var negated = false
    if index < body.count && (body[index] == "!" || body[index] == "^") {
      negated = true
      index += 1
    }
    var members: [Unicode.Scalar] = []
    var isEscaped: [Bool] = []
    while index < body.count {
      if body[index] == "\\" && index + 1 < body.count {
        members.append(body[index + 1])
        isEscaped.append(true)
        index += 2
      } else {
        members.append(body[index])
        isEscaped.append(false)
        index += 1
      }
    }
    var ranges: [ClosedRange<UInt32>] = []
    var member = 0
    while member < members.count {
      let low = members[member].value
      if member + 2 < members.count && members[member + 1] == "-" && !isEscaped[member + 1] {
        let high = members[member + 2].value
        if low <= high { ranges.append(low...high) }
        member += 3
      } else {
        ranges.append(low...low)
        member += 1
      }
    }
    return CharacterSet(negated: negated, ranges: ranges)
  }
}

/// One gitignore-style pattern: a glob with gitignore's anchoring, directory-only and negation.
///
/// A pattern with a `/` at its start or in its middle is anchored to its base directory (the
/// `.gitignore`'s, or the configuration file's) and must match the whole relative path; one
/// without matches a file or directory of that name at any depth. A trailing `/` matches
/// directories only; a leading `!` re-includes what an earlier pattern excluded.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
  public let glob: Glob
  public let isNegated: Bool
  public let isDirectoryOnly: Bool
  public let isAnchored: Bool
  /// The text as written, for messages.
  public let text: String

  /// A pattern from a configuration list (`vendor/**`, `*.yaml`, `/build/`); nil when it
  /// matches nothing (empty, or only slashes). No comments and no `!`: a list has no order
  /// that negation could rely on.
  public init?(glob text: String) {
    self.init(text, negated: false)
  }

  private init?(_ text: String, negated: Bool) {
    var body = Substring(text)
    var directoryOnly = false
    while body.hasSuffix("/") && !body.hasSuffix("\\/") {
      body.removeLast()
      directoryOnly = true
    }
    var anchored = false
    if body.hasPrefix("/") {
      anchored = true
      while body.hasPrefix("/") { body.removeFirst() }
    }
    let glob = Glob(String(body))
    guard !glob.segments.isEmpty else { return nil }
    self.glob = glob
    self.isNegated = negated
    self.isDirectoryOnly = directoryOnly
    self.isAnchored = anchored || glob.hasSeveralComponents
    self.text = text
  }

  /// One line of a `.gitignore`: nil for blank lines and `#` comments. Trailing spaces are
  /// dropped unless escaped (`\ `); `\#` and `\!` start a pattern with a literal `#` or `!`.
  public init?(gitignoreLine line: Substring) {
    var body = line
    if body.hasPrefix("#") { return nil }
    while body.hasSuffix(" ") && !body.hasSuffix("\\ ") { body.removeLast() }
    var negated = false
    if body.hasPrefix("!") {
      negated = true
      body.removeFirst()
    }
    guard !body.isEmpty else { return nil }
    // `\#`/`\!` lose their backslash in the glob tokenizer, which reads `\x` as literal x.
    self.init(String(body), negated: negated)
  }

  public var description: String { text }

  /// Whether the path, given relative to the pattern's base directory, matches.
  public func matches(_ components: [String], isDirectory: Bool) -> Bool {
    if isDirectoryOnly && !isDirectory { return false }
    guard let last = components.last else { return false }
    return isAnchored ? glob.matches(components) : glob.matches(name: last)
  }
}

/// An ordered list of gitignore-style patterns read from one place, relative to one directory.
public struct PatternList: Sendable, Hashable {
  /// The absolute directory the patterns are relative to, as components.
  public var base: [String]
  public var patterns: [PathPattern]

  public init(base: [String], patterns: [PathPattern]) {
    self.base = base
    self.patterns = patterns
  }

  /// Parses a `.gitignore`-format text.
  public init(gitignore bytes: [UInt8], base: [String]) {
    self.base = base
    // Split bytes, not Characters: "\r\n" is one Character and would hide the line break.
    self.patterns = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).compactMap {
      var line = $0
      if line.last == 0x0D { line.removeLast() }
      return PathPattern(gitignoreLine: Substring(String(decoding: line, as: UTF8.self)))
    }
  }

  /// The last pattern's verdict on an absolute path: true (ignored), false (re-included by a
  /// `!` pattern) or nil (no pattern matches, or the path is not under the base).
  /// `verdict(forAbsolute:isDirectory:)` for the entry `name` of `directory`, building the
  /// relative path only for patterns with a `/` (most ignore lines match a name alone).
  func verdict(in directory: [String], name: String, isDirectory: Bool) -> Bool? {
    guard directory.count >= base.count, directory.starts(with: base) else { return nil }
    var relative: [String] = []
    for pattern in patterns.reversed() {
      if pattern.isDirectoryOnly && !isDirectory { continue }
      if pattern.isAnchored {
        if relative.isEmpty { relative = Array(directory[base.count...]) + [name] }
        if pattern.glob.matches(relative) { return !pattern.isNegated }
      } else if pattern.glob.matches(name: name) {
        return !pattern.isNegated
      }
    }
    return nil
  }

  public func verdict(forAbsolute path: [String], isDirectory: Bool) -> Bool? {
    guard let name = path.last else { return nil }
    return verdict(in: Array(path.dropLast()), name: name, isDirectory: isDirectory)
  }
}
