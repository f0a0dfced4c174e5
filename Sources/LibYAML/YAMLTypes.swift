/// A position in the parsed buffer.
///
/// libyaml counts characters, not bytes, and skips a UTF-8 byte order mark, so its marks cannot be
/// used as byte offsets directly. The parser converts every mark once, while parsing, into the
/// byte offset of the same character; callers map that offset to a line and column with the
/// line index they already keep for the file, so YAML and other languages agree on positions.
public struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
  /// Byte offset into the buffer as given (a leading byte order mark counts 3 bytes).
  public var offset: Int
  /// 1-based line, as libyaml counts lines (`\n`, `\r\n`, `\r`, and also NEL, LS, PS).
  public var line: Int
  /// 1-based column counted in Unicode scalars, as libyaml counts it.
  public var column: Int

  /// A mark from its byte offset and 1-based line and column.
  public init(offset: Int, line: Int, column: Int) {
    self.offset = offset
    self.line = line
    self.column = column
  }

  /// `line:column`.
  public var description: String { "\(line):\(column)" }
}

/// How a scalar was written. libyaml does no type resolution, so the style is what tells
/// `memory: 4096` (plain) from `memory: "4096"` (double-quoted).
public enum YAMLScalarStyle: UInt8, Sendable, Hashable {
  /// Unquoted: `4096`, `1Gi`, `null`.
  case plain
  /// `'…'`.
  case singleQuoted
  /// `"…"`, with escapes already decoded.
  case doubleQuoted
  /// A `|` block scalar.
  case literal
  /// A `>` block scalar.
  case folded

  /// True for every style except plain: the text is a string whatever it looks like.
  public var isQuotedOrBlock: Bool { self != .plain }
}

/// The index of a node in a `YAMLStream`'s arena.
public struct YAMLNodeID: Sendable, Hashable, Comparable {
  /// The index into `YAMLStream.nodes`.
  public let rawValue: Int32

  /// An id from an index into `YAMLStream.nodes`.
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// Arena order, which is the order nodes start in the text.
  public static func < (lhs: YAMLNodeID, rhs: YAMLNodeID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One node of a parsed document, as `YAMLStream`'s subscript gives it: a copy with its texts
/// made into Strings.
///
/// The stream itself stores nodes without any String (see `YAMLStream.Record`), so parsing and
/// lookups do no reference counting; the accessors of `YAMLStream` (`kind(of:)`,
/// `text(of:)`, `start(of:)`, …) read single fields without building a whole node.
public struct YAMLNode: Sendable {
  /// What a node is.
  public enum Kind: UInt8, Sendable, Hashable {
    /// Text, with a style and maybe a tag.
    case scalar
    /// A list of items.
    case sequence
    /// Ordered `key: value` pairs; duplicate keys are kept.
    case mapping
    /// `*name`: a reference to the most recent node anchored `&name` before it.
    case alias
  }

  /// What the node is.
  public let kind: Kind
  /// The scalar style; `.plain` for collections and aliases.
  public let style: YAMLScalarStyle
  /// True for a flow collection (`{…}` or `[…]`).
  public let isFlow: Bool
  /// The scalar's value (after unescaping and folding); the anchor name for an alias; empty
  /// for collections.
  public let text: String
  /// The tag as libyaml reports it (`tag:yaml.org,2002:str` for `!!str`, `!` for a non-specific
  /// tag), or nil when the node has none.
  public let tag: String?
  /// The node's anchor name, if it has one.
  public let anchor: String?
  /// Where the node starts: the first character of a scalar (its quote or block indicator
  /// included), the `{`/`[` of a flow collection, or the first key or `-` of a block one.
  public let start: YAMLMark
  /// Just after the node's last character.
  public let end: YAMLMark

  internal init(
    kind: Kind, style: YAMLScalarStyle, isFlow: Bool, text: String, tag: String?,
    anchor: String?, start: YAMLMark, end: YAMLMark
  ) {
    self.kind = kind
    self.style = style
    self.isFlow = isFlow
    self.text = text
    self.tag = tag
    self.anchor = anchor
    self.start = start
    self.end = end
  }

  /// True for a scalar that YAML's core schema reads as null: an untagged plain `~`, `null`,
  /// `Null`, `NULL`, or nothing at all.
  public var isNull: Bool {
    guard kind == .scalar, style == .plain, tag == nil else { return false }
    switch text {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
  }
}

/// One `key: value` pair of a mapping.
public struct YAMLPair: Sendable, Hashable {
  /// The key node as written (possibly an alias).
  public let key: YAMLNodeID
  /// The value node as written (possibly an alias).
  public let value: YAMLNodeID

  /// A pair of a key and its value.
  public init(key: YAMLNodeID, value: YAMLNodeID) {
    self.key = key
    self.value = value
  }
}

/// One document of a stream: its root node and where it starts and ends.
public struct YAMLDocument: Sendable {
  /// The document's single root node (an empty plain scalar for an empty document).
  public let root: YAMLNodeID
  /// Where the document starts (its `---`, or its first node).
  public let start: YAMLMark
  /// Where the document ends (after its `...`, or its last node).
  public let end: YAMLMark
}

/// Why a buffer could not be parsed (completely).
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Which stage of parsing failed.
  public enum Kind: Sendable, Hashable {
    /// Invalid text: bad UTF-8, a control character, an unsupported encoding.
    case reader
    /// A token could not be scanned (`mapping values are not allowed in this context`).
    case scanner
    /// Tokens in an order YAML does not allow (`did not find expected ',' or ']'`).
    case parser
    /// Collections nested deeper than the parser's limit.
    case depth
    /// libyaml could not allocate memory.
    case memory
  }

  /// Which stage failed.
  public let kind: Kind
  /// libyaml's problem text, e.g. `found unexpected end of stream`.
  public let problem: String
  /// Where the problem is. For reader errors libyaml only knows a byte offset; line and column
  /// are then computed from the bytes.
  public let mark: YAMLMark
  /// libyaml's context, e.g. `while scanning a quoted scalar`.
  public let context: String?
  /// Where the context started.
  public let contextMark: YAMLMark?

  /// The problem, followed by the context and its libyaml position when there is one.
  public var description: String {
    var text = problem
    if let context {
      text += " (\(context)"
      if let contextMark { text += " at line \(contextMark.line), column \(contextMark.column)" }
      text += ")"
    }
    return text
  }
}
