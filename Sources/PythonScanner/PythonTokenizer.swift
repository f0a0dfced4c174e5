/// The kinds of token the scanner needs. Comments and blank lines produce no token; INDENT and
/// DEDENT are replaced by the indentation recorded for each logical line.
enum TokenKind: UInt8 {
  case name
  case number
  /// A string literal of any prefix and quote style, f-strings included.
  case string
  case op
  /// The end of a logical line (emitted only outside brackets).
  case newline
  case endMarker
}

/// One token: a byte range of the source plus a few precomputed facts, in 12 bytes.
///
/// A file keeps every token until its declarations are read, and a dense file has a token
/// every three bytes: 32-bit offsets (files are at most `PythonTokenizer.maxFileBytes`) and
/// operator bytes sharing the room of the flags (an operator has none) took the stream of a
/// 41 MB file from 365 MB of tokens to 182 MB.
struct Token {
  let kind: TokenKind
  /// The flags of a name or string; for an operator, its first byte.
  private let low: UInt8
  /// For an operator, its second and third bytes.
  private let high: UInt16
  private let from: UInt32
  private let to: UInt32

  init(kind: TokenKind, flags: UInt8, op: UInt32, start: Int, end: Int) {
    self.kind = kind
    low = kind == .op ? UInt8(truncatingIfNeeded: op) : flags
    high = kind == .op ? UInt16(truncatingIfNeeded: op >> 8) : 0
    from = UInt32(truncatingIfNeeded: start)
    to = UInt32(truncatingIfNeeded: end)
  }

  /// For names: the keyword code (`Keyword`), 0 for identifiers. For strings: `StringFlags`.
  var flags: UInt8 { kind == .op ? 0 : low }
  /// For operators: up to three bytes packed little-endian (see `Op`); 0 for other tokens.
  var op: UInt32 { kind == .op ? UInt32(low) | UInt32(high) << 8 : 0 }
  var start: Int { Int(from) }
  var end: Int { Int(to) }
}

/// Bits of `Token.flags` for string tokens.
enum StringFlags {
  /// An f-string (or t-string) with at least one `{…}` replacement field.
  static let hasPlaceholders: UInt8 = 1
  static let unterminated: UInt8 = 2
}

/// Operators as packed bytes, so that a comparison is one integer compare.
enum Op {
  static func pack(_ text: StaticString) -> UInt32 {
    var value: UInt32 = 0
    var shift: UInt32 = 0
    text.withUTF8Buffer { buffer in
      for byte in buffer {
        value |= UInt32(byte) << shift
        shift += 8
      }
    }
    return value
  }

  static let lparen = pack("(")
  static let rparen = pack(")")
  static let lbracket = pack("[")
  static let rbracket = pack("]")
  static let lbrace = pack("{")
  static let rbrace = pack("}")
  static let comma = pack(",")
  static let colon = pack(":")
  static let dot = pack(".")
  static let semicolon = pack(";")
  static let at = pack("@")
  static let assign = pack("=")
  static let plus = pack("+")
  static let minus = pack("-")
  static let tilde = pack("~")
  static let star = pack("*")
  static let doubleStar = pack("**")
  static let walrus = pack(":=")
  static let arrow = pack("->")
  static let ellipsis = pack("...")

  /// Operators that combine two operands (the scanner treats every such result as dynamic).
  static let binary: Set<UInt32> = [
    pack("+"), pack("-"), pack("*"), pack("/"), pack("//"), pack("%"), pack("**"), pack("@"),
    pack("<<"), pack(">>"), pack("&"), pack("|"), pack("^"), pack("<"), pack(">"), pack("<="),
    pack(">="), pack("=="), pack("!="), pack(":="),
  ]

  /// Whether `op` is in `binary`. Every binary operator starts with one of a few bytes, so
  /// the brackets, commas and `=` that end most operands are answered without hashing.
  static func isBinary(_ op: UInt32) -> Bool {
    switch UInt8(truncatingIfNeeded: op) {
    case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"),
      UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "<"), UInt8(ascii: ">"),
      UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "="),
      UInt8(ascii: "!"), UInt8(ascii: ":"):
      return binary.contains(op)
    default:
      return false
    }
  }

  /// Augmented assignment operators (`+=`, `//=`, …): they rebind their target.
  static let augmented: Set<UInt32> = [
    pack("+="), pack("-="), pack("*="), pack("/="), pack("//="), pack("%="), pack("**="),
    pack("@="), pack("<<="), pack(">>="), pack("&="), pack("|="), pack("^="),
  ]

  /// The length of the operator starting with `first`, `second`, `third` (0 when past the
  /// end): 3 for `**=`, `//=`, `>>=`, `<<=`, `...`; 2 for the two-byte operators; else 1.
  /// A switch, not a hashed set: the tokenizer asks this for every operator byte of a file.
  fileprivate static func length(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
    let equals = UInt8(ascii: "=")
    // By the first byte: most operators (`(`, `)`, `,`) are decided by one comparison.
    switch first {
    case UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "<"):
      if second == first { return third == equals ? 3 : 2 }
      return second == equals ? 2 : 1
    case UInt8(ascii: "."):
      return second == UInt8(ascii: ".") && third == UInt8(ascii: ".") ? 3 : 1
    case UInt8(ascii: "-"):
      return second == UInt8(ascii: ">") || second == equals ? 2 : 1
    case equals, UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "%"),
      UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "@"):
      return second == equals ? 2 : 1
    default:
      return 1
    }
  }
}

/// Python's hard keywords, as codes stored in `Token.flags` of name tokens.
enum Keyword {
  static let falseValue: UInt8 = 1
  static let noneValue: UInt8 = 2
  static let trueValue: UInt8 = 3
  static let and: UInt8 = 4
  static let `as`: UInt8 = 5
  static let assert: UInt8 = 6
  static let asyncWord: UInt8 = 7
  static let awaitWord: UInt8 = 8
  static let `break`: UInt8 = 9
  static let `class`: UInt8 = 10
  static let `continue`: UInt8 = 11
  static let def: UInt8 = 12
  static let del: UInt8 = 13
  static let elif: UInt8 = 14
  static let `else`: UInt8 = 15
  static let except: UInt8 = 16
  static let finally: UInt8 = 17
  static let `for`: UInt8 = 18
  static let from: UInt8 = 19
  static let global: UInt8 = 20
  static let `if`: UInt8 = 21
  static let `import`: UInt8 = 22
  static let `in`: UInt8 = 23
  static let `is`: UInt8 = 24
  static let lambda: UInt8 = 25
  static let nonlocal: UInt8 = 26
  static let not: UInt8 = 27
  static let or: UInt8 = 28
  static let pass: UInt8 = 29
  static let raise: UInt8 = 30
  static let `return`: UInt8 = 31
  static let `try`: UInt8 = 32
  static let `while`: UInt8 = 33
  static let with: UInt8 = 34
  static let yield: UInt8 = 35

  /// The keywords packed (`pack`) with their codes, in ascending order of the packed word for
  /// a binary search: a handful of comparisons, where a dictionary hashed every name the
  /// tokenizer met (every identifier of a file, twice for a large one).
  private static let table: [(word: UInt64, code: UInt8)] = [
    ("False", falseValue), ("None", noneValue), ("True", trueValue), ("and", and), ("as", `as`),
    ("assert", assert), ("async", asyncWord), ("await", awaitWord), ("break", `break`),
    ("class", `class`), ("continue", `continue`), ("def", def), ("del", del), ("elif", elif),
    ("else", `else`), ("except", except), ("finally", finally), ("for", `for`), ("from", from),
    ("global", global), ("if", `if`), ("import", `import`), ("in", `in`), ("is", `is`),
    ("lambda", lambda), ("nonlocal", nonlocal), ("not", not), ("or", or), ("pass", pass),
    ("raise", raise), ("return", `return`), ("try", `try`), ("while", `while`), ("with", with),
    ("yield", yield),
  ].map { (pack($0.0.utf8), $0.1) }.sorted { $0.word < $1.word }
  private static let words = table.map(\.word)

  /// Up to eight bytes as one number, the first byte lowest.
  private static func pack<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
    var packed: UInt64 = 0
    for (offset, byte) in bytes.enumerated() { packed |= UInt64(byte) << (8 * UInt64(offset)) }
    return packed
  }

  /// The keyword code of `bytes[start..<end]`, or 0 for an ordinary identifier: a binary
  /// search of the packed name.
  static func code(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt8 {
    let length = end - start
    guard length >= 2 && length <= 8 else { return 0 }
    // Every keyword starts with one of these bytes: most identifiers are turned away here.
    switch bytes[start] {
    case UInt8(ascii: "F"), UInt8(ascii: "N"), UInt8(ascii: "T"),
      UInt8(ascii: "a")...UInt8(ascii: "g"), UInt8(ascii: "i"), UInt8(ascii: "l"),
      UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "p"), UInt8(ascii: "r"),
      UInt8(ascii: "t"), UInt8(ascii: "w"), UInt8(ascii: "y"):
      break
    default:
      return 0
    }
    var word: UInt64
    if start + 8 <= bytes.count, let base = bytes.baseAddress {
      // One load of eight bytes, the name's kept: little-endian, so the first byte is lowest.
      let eight = UInt64(
        littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
      word = length == 8 ? eight : eight & (1 << (8 * UInt64(length)) - 1)
    } else {
      word = pack(bytes[start..<end])
    }
    return words.withUnsafeBufferPointer { words in
      var low = 0
      var high = words.count
      while low < high {
        let middle = (low &+ high) >> 1
        if words[middle] < word { low = middle &+ 1 } else { high = middle }
      }
      return low < words.count && words[low] == word ? table[low].code : 0
    }
  }
}

/// A logical line: its tokens (up to and including the NEWLINE) and its indentation in bytes.
/// 32-bit fields, like `Token`'s: a file has a logical line every forty bytes or fewer.
struct LogicalLine {
  private var first: Int32
  private var last: Int32
  private var indentation: Int32

  init(firstToken: Int, endToken: Int, indent: Int) {
    first = Int32(truncatingIfNeeded: firstToken)
    last = Int32(truncatingIfNeeded: endToken)
    indentation = Int32(truncatingIfNeeded: indent)
  }

  var firstToken: Int { Int(first) }
  /// Index of the NEWLINE (or ENDMARKER) that ends the line.
  var endToken: Int {
    get { Int(last) }
    set { last = Int32(truncatingIfNeeded: newValue) }
  }
  var indent: Int { Int(indentation) }
}

/// Each token's matching bracket, as 32-bit indices (see `Token`).
struct BracketPartners {
  var storage: [Int32] = []

  /// The index of the token matching the bracket at `index`, or -1 (not a bracket, unmatched).
  subscript(index: Int) -> Int { Int(storage[index]) }
}

/// A problem found while tokenizing: a byte range and a message.
struct TokenizerProblem {
  var message: String
  var start: Int
  var end: Int
}

/// The token stream of one file with bracket partners and logical lines.
struct TokenStream {
  var tokens: [Token] = []
  /// For each token: the index of its matching bracket, or -1 (not a bracket, or unmatched).
  var partner = BracketPartners()
  var lines: [LogicalLine] = []
  var problems: [TokenizerProblem] = []
  /// Every comment, from its `#` to the end of its line (exclusive), in file order: where
  /// suppression directives are read, so that a `#` inside a string is never one.
  var comments: [Range<Int>] = []
}

/// An exact tokenizer for Python source over bytes.
///
/// It follows Python 3.12's lexical rules where they matter for finding declarations: string
/// literals of every prefix and quote style (PEP 701 f-strings with nested quotes and
/// replacement fields), comments, explicit and implicit line joining, numbers and operators.
/// It never fails: problems are recorded and scanning continues.
enum PythonTokenizer {
  /// f-strings nested deeper than this are reported instead of being followed further.
  static let maxFStringNesting = 100
  /// At most this many problems are recorded per file; later ones add nothing useful.
  static let maxProblems = 20

  /// ASCII letters, digits, `_`, and every byte of a non-ASCII character.
  @inline(__always)
  static func isIdentifierByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
      || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
  }

  static func tokenize(_ bytes: [UInt8]) -> TokenStream {
    bytes.withUnsafeBufferPointer { tokenize($0) }
  }

  /// The largest file tokenized: tokens hold 32-bit offsets and indices. A larger file gets
  /// one problem and no token (2 GiB of Python is no source file anyone writes).
  static let maxFileBytes = Int(Int32.max) - 1

  static func tokenize(_ buffer: UnsafeBufferPointer<UInt8>) -> TokenStream {
    guard buffer.count <= maxFileBytes else { return tooLarge(buffer.count) }
    var state = TokenizerState(buffer, from: 0, to: buffer.count)
    state.run()
    var stream = state.stream
    // The token array lives until the file's declarations are read. Grown by doubling, it may
    // hold up to twice what it needs (a dense file: a token every three bytes, not the four
    // reserved for); an exact copy made now, before any declaration exists, lowers the peak.
    if stream.tokens.capacity - stream.tokens.count > stream.tokens.count / 8 {
      stream.tokens = stream.tokens.withUnsafeBufferPointer { Array($0) }
    }
    if stream.lines.capacity - stream.lines.count > stream.lines.count / 8 {
      stream.lines = stream.lines.withUnsafeBufferPointer { Array($0) }
    }
    return stream
  }

  /// The tokens of `range`, which starts a logical line and ends one (a window of
  /// `tokenize(_:windowTokens:_:)`, or one logical line): offsets stay those of `buffer`.
  /// Comments and problems are not collected: the whole-file pass has them.
  static func tokenize(_ buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> TokenStream {
    guard buffer.count <= maxFileBytes else { return tooLarge(buffer.count) }
    var state = TokenizerState(
      buffer, from: max(0, range.lowerBound), to: min(range.upperBound, buffer.count))
    state.collectsComments = false
    state.run()
    return state.stream
  }

  /// Tokenizes the whole file but hands its tokens to `body` a window at a time: a run of
  /// whole logical lines holding at least `windowTokens` tokens, ending where no bracket is
  /// open and not after a decorator (a decorator and the `def` it decorates share a window).
  /// Each window's stream counts its tokens and lines from 0, ends with an ENDMARKER at the
  /// window's end, and is dropped when `body` returns: a file of any size holds one window's
  /// tokens at a time. Returns the whole file's comments and problems.
  static func tokenize(
    _ buffer: UnsafeBufferPointer<UInt8>, windowTokens: Int,
    _ body: (_ window: TokenStream, _ range: Range<Int>) -> Void
  ) -> (comments: [Range<Int>], problems: [TokenizerProblem]) {
    let part = tokenize(buffer, part: 0..<buffer.count, windowTokens: windowTokens, body)
    return (part.comments, part.problems)
  }

  /// `tokenize(_:windowTokens:_:)` over `part` of the file only, as if it were all of it (a
  /// part after the first starts a logical line at column 0). `endsAtLineStart` tells whether
  /// the tokens before `part.upperBound` end there as they would in the whole file: no bracket
  /// or string open, no line joined across it, and no decorator on the line before. A whole
  /// file's pass may then be read as two parts at once.
  static func tokenize(
    _ buffer: UnsafeBufferPointer<UInt8>, part: Range<Int>, windowTokens: Int,
    _ body: (_ window: TokenStream, _ range: Range<Int>) -> Void
  ) -> (comments: [Range<Int>], problems: [TokenizerProblem], endsAtLineStart: Bool) {
    guard buffer.count <= maxFileBytes else {
      let stream = tooLarge(buffer.count)
      body(stream, 0..<0)
      return ([], stream.problems, false)
    }
    var state = TokenizerState(
      buffer, from: max(0, part.lowerBound), to: min(part.upperBound, buffer.count),
      reserving: 5 * max(1, windowTokens))
    state.windowTokens = max(1, windowTokens)
    // The state holds the closure only while `run` runs.
    return withoutActuallyEscaping(body) { flush in
      state.flush = flush
      state.run()
      state.flush = nil
      return (state.stream.comments, state.stream.problems, state.endedAtLineStart)
    }
  }

  private static func tooLarge(_ count: Int) -> TokenStream {
    var stream = TokenStream()
    stream.problems.append(
      TokenizerProblem(
        message: "file too large to scan: \(count) bytes (the limit is 2 GiB)",
        start: 0, end: 0))
    stream.tokens.append(Token(kind: .endMarker, flags: 0, op: 0, start: 0, end: 0))
    stream.partner = BracketPartners(storage: [-1])
    return stream
  }
}

private struct TokenizerState {
  let b: UnsafeBufferPointer<UInt8>
  /// Where tokenizing starts and stops: the whole file, or a window of it.
  let first: Int
  let n: Int
  var stream = TokenStream()
  var collectsComments = true
  /// Set for a windowed run: the least number of tokens handed to `flush` at a time.
  var windowTokens: Int?
  var flush: ((TokenStream, Range<Int>) -> Void)?
  /// Where the current window starts.
  var windowStart = 0
  var openBrackets: [Int] = []
  /// Matched brackets (opener, closer), turned into `stream.partner` at the end: one array
  /// filled once instead of an append for every token.
  var bracketPairs: [(open: Int, close: Int)] = []
  var lineHasTokens = false
  var physicalLineStart = 0
  /// Set after a mismatched closer: the openers it leaves behind are the same mistake.
  var reportedMismatch = false
  /// Set by `run`: the last logical line ended at the end, at a line break outside brackets
  /// and strings, and was no decorator.
  var endedAtLineStart = false

  /// `reserving`: how many bytes' worth of tokens to make room for (a window's, when windowed).
  init(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, reserving: Int? = nil) {
    b = buffer
    first = start
    n = end
    windowStart = start
    // Ordinary code has a token every four to five bytes and a logical line every forty;
    // reserving that much spares the arrays most of their doublings.
    let size = min(end - start, reserving ?? Int.max)
    stream.tokens.reserveCapacity(size / 4)
    bracketPairs.reserveCapacity(size / 64)
    stream.lines.reserveCapacity(size / 32)
  }

  mutating func problem(_ message: String, _ start: Int, _ end: Int) {
    guard stream.problems.count < PythonTokenizer.maxProblems else { return }
    stream.problems.append(TokenizerProblem(message: message, start: start, end: max(end, start)))
  }

  mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, flags: UInt8 = 0, op: UInt32 = 0)
  {
    if !lineHasTokens && kind != .newline && kind != .endMarker {
      lineHasTokens = true
      stream.lines.append(
        LogicalLine(
          firstToken: stream.tokens.count, endToken: -1, indent: start - physicalLineStart))
    }
    stream.tokens.append(Token(kind: kind, flags: flags, op: op, start: start, end: end))
  }

  mutating func endLogicalLine(at offset: Int, kind: TokenKind = .newline) {
    if lineHasTokens {
      emit(kind, offset, offset)
      if !stream.lines.isEmpty {
        stream.lines[stream.lines.count - 1].endToken = stream.tokens.count - 1
      }
      lineHasTokens = false
    } else if kind == .endMarker {
      emit(.endMarker, offset, offset)
    }
  }

  static func isIdentifierByte(_ byte: UInt8) -> Bool { PythonTokenizer.isIdentifierByte(byte) }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  mutating func run() {
    var i = first
    if first == 0 && n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
    physicalLineStart = i
    while i < n {
      let c = b[i]
      switch c {
      case 0x20, 0x09, 0x0C:
        i += 1
      case 0x0A, 0x0D:
        if openBrackets.isEmpty { endLogicalLine(at: i) }
        if c == 0x0D && i + 1 < n && b[i + 1] == 0x0A { i += 1 }
        i += 1
        physicalLineStart = i
        if let windowTokens, stream.tokens.count >= windowTokens, openBrackets.isEmpty,
          !lastLineIsDecorator
        {
          flushWindow(endingAt: i)
        }
      case 0x23:  // '#': a comment runs to the end of the physical line
        let start = i
        while i < n && b[i] != 0x0A && b[i] != 0x0D { i += 1 }
        if collectsComments { stream.comments.append(start..<i) }
      case 0x5C:  // '\': explicit line joining
        if i + 1 < n && (b[i + 1] == 0x0A || b[i + 1] == 0x0D) {
          i += (b[i + 1] == 0x0D && i + 2 < n && b[i + 2] == 0x0A) ? 3 : 2
        } else {
          emit(.op, i, i + 1, op: UInt32(c))
          i += 1
        }
      case 0x22, 0x27:
        i = scanString(from: i, quoteAt: i)
      case 0x30...0x39:
        i = scanNumber(from: i)
      case 0x2E where i + 1 < n && TokenizerState.isDigit(b[i + 1]):
        i = scanNumber(from: i)
      default:
        if TokenizerState.isIdentifierByte(c) {
          var j = i + 1
          while j < n && TokenizerState.isIdentifierByte(b[j]) { j += 1 }
          if j < n && (b[j] == 0x22 || b[j] == 0x27) && j - i <= 2 && isStringPrefix(i, j) {
            i = scanString(from: i, quoteAt: j)
          } else {
            emit(.name, i, j, flags: Keyword.code(b, i, j))
            i = j
          }
        } else {
          i = scanOperator(at: i)
        }
      }
    }
    endedAtLineStart =
      openBrackets.isEmpty && physicalLineStart == n && !lineHasTokens && !lastLineIsDecorator
    // Like Python, one syntax error per file: an unterminated string already explains the rest.
    if let open = openBrackets.last, !reportedMismatch, stream.problems.isEmpty {
      let token = stream.tokens[open]
      let text = String(decoding: [b[token.start]], as: UTF8.self)
      problem("'\(text)' was never closed", token.start, token.end)
    }
    openBrackets.removeAll()
    endLogicalLine(at: n)
    if stream.tokens.last?.kind != .endMarker { emit(.endMarker, n, n) }
    pairBrackets()
    if let flush {
      flush(stream, windowStart..<n)
      stream.tokens = []
      stream.lines = []
      stream.partner = BracketPartners()
    }
  }

  /// Fills `stream.partner` from the bracket pairs found.
  mutating func pairBrackets() {
    var partners = [Int32](repeating: -1, count: stream.tokens.count)
    for (open, close) in bracketPairs {
      partners[open] = Int32(truncatingIfNeeded: close)
      partners[close] = Int32(truncatingIfNeeded: open)
    }
    stream.partner = BracketPartners(storage: partners)
  }

  /// True when the last logical line is a decorator: its function is still to come.
  var lastLineIsDecorator: Bool {
    guard let line = stream.lines.last, line.firstToken < stream.tokens.count else { return false }
    let token = stream.tokens[line.firstToken]
    return token.kind == .op && token.op == Op.at
  }

  /// Hands the tokens so far to `flush` as one window ending at `end` (just after a logical
  /// line's end) and starts the next window with empty arrays of the same capacity.
  mutating func flushWindow(endingAt end: Int) {
    emit(.endMarker, end, end)
    pairBrackets()
    if let flush { flush(stream, windowStart..<end) }
    stream.tokens.removeAll(keepingCapacity: true)
    stream.lines.removeAll(keepingCapacity: true)
    stream.partner = BracketPartners()
    bracketPairs.removeAll(keepingCapacity: true)
    windowStart = end
  }

  /// r, u, b, f, t and their two-letter combinations (case-insensitive), as Python accepts them.
  func isStringPrefix(_ start: Int, _ end: Int) -> Bool {
    var hasR = false
    var other: UInt8 = 0
    for index in start..<end {
      let lower = b[index] | 0x20
      switch lower {
      case 0x72:  // r
        if hasR { return false }
        hasR = true
      case 0x75, 0x62, 0x66, 0x74:  // u b f t
        if other != 0 { return false }
        other = lower
      default:
        return false
      }
    }
    if other == 0x75 && hasR { return false }  // "ur" is not valid in Python 3
    return true
  }

  func prefixFlags(_ start: Int, _ quote: Int) -> (raw: Bool, formatted: Bool) {
    var raw = false
    var formatted = false
    for index in start..<quote {
      let lower = b[index] | 0x20
      if lower == 0x72 { raw = true }
      if lower == 0x66 || lower == 0x74 { formatted = true }
    }
    return (raw, formatted)
  }

  /// Scans one string literal whose prefix starts at `start` and first quote is at `quoteAt`.
  /// Returns the offset just after it.
  mutating func scanString(from start: Int, quoteAt: Int) -> Int {
    let (raw, formatted) = prefixFlags(start, quoteAt)
    if formatted {
      return scanFormattedString(from: start, quoteAt: quoteAt, raw: raw)
    }
    let result = PlainStringScan.scan(b, quoteAt: quoteAt)
    var flags: UInt8 = 0
    if !result.terminated {
      flags |= StringFlags.unterminated
      reportUnterminated(start: start, quoteAt: quoteAt, triple: result.triple)
    }
    emit(.string, start, result.end, flags: flags)
    return result.end
  }

  mutating func reportUnterminated(start: Int, quoteAt: Int, triple: Bool) {
    let message =
      triple ? "unterminated triple-quoted string literal" : "unterminated string literal"
    problem(message, start, quoteAt + (triple ? 3 : 1))
  }

  private enum Frame {
    case literal(quote: UInt8, triple: Bool, raw: Bool)
    /// Inside `{…}`: the bracket depth within the replacement field.
    case expression(depth: Int)
    /// After `:` in a replacement field: literal text in which `{…}` nests again.
    case formatSpec
  }

  /// Scans an f-string (PEP 701): replacement fields may hold any expression, including strings
  /// with the same quotes and nested f-strings. Iterative, with an explicit frame stack.
  mutating func scanFormattedString(from start: Int, quoteAt: Int, raw: Bool) -> Int {
    let outerTriple =
      quoteAt + 2 < n && b[quoteAt + 1] == b[quoteAt] && b[quoteAt + 2] == b[quoteAt]
    var frames: [Frame] = [.literal(quote: b[quoteAt], triple: outerTriple, raw: raw)]
    var j = quoteAt + (outerTriple ? 3 : 1)
    var placeholders = false
    var failed = false

    func isClosing(_ j: Int, _ quote: UInt8, _ triple: Bool) -> Bool {
      guard b[j] == quote else { return false }
      return !triple || (j + 2 < n && b[j + 1] == quote && b[j + 2] == quote)
    }

    while j < n && !frames.isEmpty && !failed {
      let c = b[j]
      guard let frame = frames.last else { break }
      switch frame {
      case .literal(let quote, let triple, _):
        if c == 0x5C {
          // `\{` is a backslash followed by a replacement field, not an escaped brace.
          if j + 1 < n && (b[j + 1] == 0x7B || b[j + 1] == 0x7D) {
            j += 1
          } else {
            j += (j + 2 < n && b[j + 1] == 0x0D && b[j + 2] == 0x0A) ? 3 : 2
          }
        } else if c == 0x7B {
          if j + 1 < n && b[j + 1] == 0x7B {
            j += 2
          } else {
            placeholders = true
            frames.append(.expression(depth: 0))
            j += 1
          }
        } else if c == 0x7D && j + 1 < n && b[j + 1] == 0x7D {
          j += 2
        } else if isClosing(j, quote, triple) {
          frames.removeLast()
          j += triple ? 3 : 1
        } else if !triple && (c == 0x0A || c == 0x0D) {
          failed = true
        } else {
          j += 1
        }
      case .formatSpec:
        if c == 0x5C {
          j += 2
        } else if c == 0x7B {
          frames.append(.expression(depth: 0))
          j += 1
        } else if c == 0x7D {
          frames.removeLast()  // the spec
          if case .expression = frames.last { frames.removeLast() }
          j += 1
        } else if let (quote, triple) = enclosingLiteral(frames), isClosing(j, quote, triple) {
          failed = true  // the string ends inside a replacement field
        } else if c == 0x0A || c == 0x0D, let (_, triple) = enclosingLiteral(frames), !triple {
          failed = true
        } else {
          j += 1
        }
      case .expression(let depth):
        switch c {
        case 0x28, 0x5B, 0x7B:
          frames[frames.count - 1] = .expression(depth: depth + 1)
          j += 1
        case 0x29, 0x5D:
          frames[frames.count - 1] = .expression(depth: max(0, depth - 1))
          j += 1
        case 0x7D:
          if depth == 0 {
            frames.removeLast()
          } else {
            frames[frames.count - 1] = .expression(depth: depth - 1)
          }
          j += 1
        case 0x3A where depth == 0:
          frames[frames.count - 1] = .formatSpec
          j += 1
        case 0x22, 0x27:
          var prefixStart = j
          while prefixStart > quoteAt && j - prefixStart < 3
            && TokenizerState.isIdentifierByte(b[prefixStart - 1])
          {
            prefixStart -= 1
          }
          if j - prefixStart > 2 || !isStringPrefix(prefixStart, j) { prefixStart = j }
          let (nestedRaw, nestedFormatted) = prefixFlags(prefixStart, j)
          if nestedFormatted {
            if frames.count >= PythonTokenizer.maxFStringNesting {
              problem("f-string nesting is too deep", j, j + 1)
              failed = true
            } else {
              let triple = j + 2 < n && b[j + 1] == c && b[j + 2] == c
              frames.append(.literal(quote: c, triple: triple, raw: nestedRaw))
              j += triple ? 3 : 1
            }
          } else {
            let nested = PlainStringScan.scan(b, quoteAt: j)
            if !nested.terminated {
              failed = true
            } else {
              j = nested.end
            }
          }
        case 0x23:
          // A comment inside a replacement field runs to the end of the line.
          while j < n && b[j] != 0x0A && b[j] != 0x0D { j += 1 }
        default:
          j += 1
        }
      }
    }
    var flags: UInt8 = placeholders ? StringFlags.hasPlaceholders : 0
    if failed || !frames.isEmpty {
      flags |= StringFlags.unterminated
      reportUnterminated(start: start, quoteAt: quoteAt, triple: outerTriple)
      if !outerTriple {
        // Resume at the end of the physical line, as Python's own error recovery would.
        var k = quoteAt + 1
        while k < n && b[k] != 0x0A && b[k] != 0x0D { k += 1 }
        j = max(j, k)
      } else {
        j = n
      }
      j = min(j, n)
    }
    emit(.string, start, j, flags: flags)
    return j
  }

  private func enclosingLiteral(_ frames: [Frame]) -> (UInt8, Bool)? {
    for frame in frames.reversed() {
      if case .literal(let quote, let triple, _) = frame { return (quote, triple) }
    }
    return nil
  }

  mutating func scanNumber(from start: Int) -> Int {
    var j = start
    func digits(_ accept: (UInt8) -> Bool) {
      while j < n && (accept(b[j]) || b[j] == 0x5F) { j += 1 }
    }
    if b[j] == 0x30 && j + 1 < n && "xXoObB".utf8.contains(b[j + 1]) {
      j += 2
      digits { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    } else {
      digits(TokenizerState.isDigit)
      if j < n && b[j] == 0x2E {
        j += 1
        digits(TokenizerState.isDigit)
      }
      if j < n && (b[j] | 0x20) == 0x65 {
        var k = j + 1
        if k < n && (b[k] == 0x2B || b[k] == 0x2D) { k += 1 }
        if k < n && TokenizerState.isDigit(b[k]) {
          j = k
          digits(TokenizerState.isDigit)
        }
      }
      if j < n && (b[j] | 0x20) == 0x6A { j += 1 }
    }
    emit(.number, start, j)
    return j
  }

  mutating func scanOperator(at i: Int) -> Int {
    var length = Op.length(b[i], i + 1 < n ? b[i + 1] : 0, i + 2 < n ? b[i + 2] : 0)
    // Most operators are one byte long.
    var packed = UInt32(b[i])
    if length > 1 {
      for offset in 1..<length { packed |= UInt32(b[i + offset]) << (8 * UInt32(offset)) }
    }
    if b[i] >= 0x80 {
      // Never reached for valid UTF-8 (identifier bytes), kept for robustness.
      length = 1
    }
    emit(.op, i, i + length, op: packed)
    let index = stream.tokens.count - 1
    switch b[i] {
    case 0x28, 0x5B, 0x7B:
      openBrackets.append(index)
    case 0x29, 0x5D, 0x7D:
      closeBracket(index, byte: b[i])
    default:
      break
    }
    return i + length
  }

  mutating func closeBracket(_ index: Int, byte: UInt8) {
    let opener: UInt8 = byte == 0x29 ? 0x28 : (byte == 0x5D ? 0x5B : 0x7B)
    let token = stream.tokens[index]
    guard let top = openBrackets.last else {
      problem("unmatched '\(String(decoding: [byte], as: UTF8.self))'", token.start, token.end)
      return
    }
    if b[stream.tokens[top].start] == opener {
      openBrackets.removeLast()
      bracketPairs.append((top, index))
      return
    }
    let openText = String(decoding: [b[stream.tokens[top].start]], as: UTF8.self)
    let closeText = String(decoding: [byte], as: UTF8.self)
    problem(
      "closing parenthesis '\(closeText)' does not match opening parenthesis '\(openText)'",
      token.start, token.end)
    reportedMismatch = true
    // Recover like a reader would: close the nearest matching opener, if any is open.
    if let position = openBrackets.lastIndex(where: { b[stream.tokens[$0].start] == opener }) {
      let matched = openBrackets[position]
      openBrackets.removeSubrange(position...)
      bracketPairs.append((matched, index))
    }
  }
}

/// Scanning of a non-formatted string literal from its opening quote.
enum PlainStringScan {
  static func scan(_ b: UnsafeBufferPointer<UInt8>, quoteAt: Int) -> (
    end: Int, terminated: Bool, triple: Bool
  ) {
    let n = b.count
    let quote = b[quoteAt]
    let triple = quoteAt + 2 < n && b[quoteAt + 1] == quote && b[quoteAt + 2] == quote
    var j = quoteAt + (triple ? 3 : 1)
    if triple {
      while j < n {
        let c = b[j]
        if c == 0x5C {
          j += 2
        } else if c == quote && j + 2 < n && b[j + 1] == quote && b[j + 2] == quote {
          return (j + 3, true, true)
        } else {
          j += 1
        }
      }
      return (n, false, true)
    }
    while j < n {
      let c = b[j]
      if c == 0x5C {
        j += (j + 2 < n && b[j + 1] == 0x0D && b[j + 2] == 0x0A) ? 3 : 2
      } else if c == quote {
        return (j + 1, true, false)
      } else if c == 0x0A || c == 0x0D {
        return (j, false, false)
      } else {
        j += 1
      }
    }
    return (min(j, n), false, false)
  }
}
