import ResourceModel
import SourceText

/// One parsed logical line.
struct ParsedStatement {
  var line: Int
  var expressions: [Expr]
  /// For `name = value` / `name: T = value`: the target and the byte offset where the value starts.
  var target: String?
  var valueStart: Int?
  var isDecorator: Bool
}

/// What reading one window's statements left: its declarations, and what the later passes
/// need (all keyed by byte offsets, so they outlive the window's tokens).
struct WindowFindings {
  var declarations: [Declaration] = []
  var consumed: Set<Int> = []
  var pending: [(root: Root, calls: [NestedCall])] = []
  var fallback: [Root] = []
}

/// The state of scanning one file: tokens, names, parsed statements, and which calls already
/// belong to a declaration.
///
/// `bytes` points into the file's storage and is valid only for the duration of
/// `PythonScanner.scan`, which creates and discards the context inside `withUnsafeBufferPointer`.
final class ScanContext {
  /// How many alternatives (conditional branches and their combinations) one construct yields.
  static let maxAlternatives = 8
  /// How many module-level constants are followed in a chain (`A = B`, `B = "1"`).
  static let maxConstantDepth = 8
  /// How many values one value may hold, items of its tuples and lists included.
  static let maxValueNodes = 1_000

  let file: SourceFile
  let bytes: UnsafeBufferPointer<UInt8>
  /// The tokens being read: the whole file's, or one window's (`PythonScanner.windowTokens`);
  /// token and line indices are this stream's. Everything kept from one window to the next
  /// (caches, consumed calls, pending roots) is keyed by byte offsets instead.
  private(set) var stream: TokenStream
  /// Built on first use: many files that pass the prefilter (they mention `Resource` or
  /// `accelerator` in a name or a comment) have no candidate that needs a name resolved. A file
  /// read in windows gets it from the whole-file pass.
  lazy var imports = ImportTable(stream: stream, bytes: bytes)
  private var statementCache: [Int: ParsedStatement] = [:]
  /// Module-level constants' statements by the offset where their line starts: parsed from
  /// their own line's tokens, as the window holding them may be gone.
  private var constantStatements: [Int: ParsedStatement] = [:]
  /// The symbol of each callee of a pending root, by its start offset: the passes after the
  /// first look at each of those calls again (`pendingSymbol`).
  private var pendingSymbols: [Int: Symbol?] = [:]
  /// `Symbol.classify` by qualified name.
  private var classifiedNames: [String: Symbol?] = [:]
  /// The last `decoratedFunctionName(after:)`: the decorator lines it covers and the name. A
  /// stack of n decorators, asked in file order, then costs O(n), not O(n²) (a fuzz finding:
  /// 20,000 stacked decorators took 46 s under ASan). One range, not an entry per line: a dense
  /// file kept an entry for every task until the end of its scan.
  var decoratedName: (lines: Range<Int>, name: String?)?
  /// Byte offsets of the `(` of every call that is part of an emitted declaration.
  var consumed: Set<Int> = []
  /// Roots with calls the first pass left, for the later passes, and candidate calls the
  /// statement parses did not reach: kept from one window to the next (their expressions hold
  /// byte offsets, no token index).
  var pending: [(root: Root, calls: [NestedCall])] = []
  var fallback: [Root] = []
  /// Flyte 2 facts read once per file (Flyte2Declarations.swift).
  var flyte2State = Flyte2FileState()
  var declarations: [Declaration] = []

  init(file: SourceFile, bytes: UnsafeBufferPointer<UInt8>, stream: TokenStream) {
    self.file = file
    self.bytes = bytes
    self.stream = stream
  }

  /// Moves on to the next window's tokens; what is keyed by token or line index is dropped.
  func read(window: TokenStream) {
    stream = window
    statementCache = [:]
    decoratedName = nil
  }

  /// A context for reading one window of this file on another thread: it shares the file's
  /// tables (bindings, Flyte 2 facts) and starts with nothing found. `gather` takes back its
  /// `findings`.
  func windowReader() -> ScanContext {
    let reader = ScanContext(file: file, bytes: bytes, stream: TokenStream())
    reader.imports = imports
    reader.flyte2State = flyte2State
    return reader
  }

  /// What the first pass found in a window, for the passes after it.
  var findings: WindowFindings {
    WindowFindings(
      declarations: declarations, consumed: consumed, pending: pending, fallback: fallback)
  }

  /// Adds what a `windowReader()` found, after what this context found before it.
  func gather(_ found: WindowFindings) {
    declarations += found.declarations
    consumed.formUnion(found.consumed)
    pending += found.pending
    fallback += found.fallback
  }

  // MARK: Text and positions

  func text(_ start: Int, _ end: Int) -> String {
    let lower = max(0, min(start, bytes.count))
    let upper = max(lower, min(end, bytes.count))
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
  }

  func text(_ expr: Expr) -> String { text(expr.start, expr.end) }

  /// Longest source text kept for a value that is not a literal (`.other`): enough for any
  /// message, and no quadratic copying when such values nest.
  static let maxDescriptionBytes = 200

  /// The source text of `expr`, shortened with "…" beyond `maxDescriptionBytes`.
  func description(_ expr: Expr) -> String {
    guard expr.end - expr.start > ScanContext.maxDescriptionBytes else { return text(expr) }
    var end = expr.start + ScanContext.maxDescriptionBytes
    while end > expr.start && end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
    return text(expr.start, end) + "…"
  }

  /// The line the last span started on: spans are asked for in nearly file order.
  private var lineHint = 0

  func span(_ start: Int, _ end: Int) -> SourceSpan {
    file.span(fromByte: start, toByte: end, near: &lineHint)
  }

  func span(_ expr: Expr) -> SourceSpan { span(expr.start, expr.end) }

  func location(_ offset: Int) -> SourceLocation { file.location(ofByte: offset) }

  // MARK: Statements

  /// The logical line containing token `index`.
  func lineIndex(ofToken index: Int) -> Int? {
    let lines = stream.lines
    var low = 0
    var high = lines.count - 1
    guard high >= 0 else { return nil }
    while low < high {
      let mid = (low + high + 1) / 2
      if lines[mid].firstToken <= index { low = mid } else { high = mid - 1 }
    }
    return lines[low].firstToken <= index && index <= lines[low].endToken ? low : nil
  }

  /// The token starting exactly at byte `offset`, if any.
  func tokenIndex(startingAt offset: Int) -> Int? {
    let tokens = stream.tokens
    var low = 0
    var high = tokens.count - 1
    while low <= high {
      let mid = (low + high) / 2
      if tokens[mid].start == offset && tokens[mid].kind != .newline
        && tokens[mid].kind != .endMarker
      {
        return mid
      }
      if tokens[mid].start < offset { low = mid + 1 } else { high = mid - 1 }
    }
    return nil
  }

  /// The parsed logical line `line`. Kept for later calls when `caching` (constants are read
  /// again and again); a candidate's own statement is parsed once and not kept.
  func statement(_ line: Int, caching: Bool = true) -> ParsedStatement {
    if let cached = statementCache[line] { return cached }
    let logical = stream.lines[line]
    var parser = PythonParser(
      stream: stream, bytes: bytes, from: logical.firstToken, to: logical.endToken)
    let expressions = parser.statementExpressions()
    let tokens = stream.tokens
    var target: String?
    var valueStart: Int?
    let first = logical.firstToken
    if first + 1 < logical.endToken && tokens[first].kind == .name && tokens[first].flags == 0 {
      var index = first + 1
      if tokens[index].kind == .op && tokens[index].op == Op.colon {
        while index < logical.endToken
          && !(tokens[index].kind == .op && tokens[index].op == Op.assign)
        {
          let close = stream.partner[index]
          index = close > index && close < logical.endToken ? close + 1 : index + 1
        }
      }
      if index + 1 < logical.endToken && tokens[index].kind == .op && tokens[index].op == Op.assign
      {
        target = text(tokens[first].start, tokens[first].end)
        var value = index + 1
        // `a = b = value`: the value follows the last `=`.
        while value + 1 < logical.endToken && tokens[value].kind == .name
          && tokens[value + 1].kind == .op && tokens[value + 1].op == Op.assign
        {
          value += 2
        }
        valueStart = tokens[value].start
      }
    }
    let isDecorator = tokens[first].kind == .op && tokens[first].op == Op.at
    let parsed = ParsedStatement(
      line: line, expressions: expressions, target: target, valueStart: valueStart,
      isDecorator: isDecorator)
    if caching { statementCache[line] = parsed }
    return parsed
  }

  /// The value expression of a module-level constant.
  func constantValue(_ definition: ConstantDefinition) -> Expr? {
    let parsed: ParsedStatement
    if let cached = constantStatements[definition.line.lowerBound] {
      parsed = cached
    } else {
      let tokens = PythonTokenizer.tokenize(bytes, range: definition.line)
      var parser = PythonParser(
        stream: tokens, bytes: bytes, from: 0, to: tokens.lines.first?.endToken ?? 0)
      parsed = ParsedStatement(
        line: -1, expressions: parser.statementExpressions(), target: nil, valueStart: nil,
        isDecorator: false)
      constantStatements[definition.line.lowerBound] = parsed
    }
    // A parenthesised value starts inside its parentheses: take the first expression after `=`.
    return parsed.expressions.first { $0.start >= definition.valueStart }
  }

  // MARK: Names

  func binding(_ name: String, at offset: Int) -> Binding? {
    imports.binding(of: name, at: offset)
  }

  /// The fully qualified dotted name of a name or attribute chain, through imports and
  /// module-level aliases (`R = flytekit.Resources`).
  func qualifiedName(_ expr: Expr, depth: Int = 0) -> String? {
    switch expr.kind {
    case .name(let name):
      switch binding(name, at: expr.start) {
      case .module(let path): return path
      case .member(let path): return path
      case .constant(let definition):
        guard depth < ScanContext.maxConstantDepth, let value = constantValue(definition) else {
          return nil
        }
        switch value.kind {
        case .name, .attribute: return qualifiedName(value, depth: depth + 1)
        default: return nil
        }
      case .local, .reassigned, nil:
        return nil
      }
    case .attribute(let base, let name, _):
      return qualifiedName(base, depth: depth).map { $0 + "." + name }
    default:
      return nil
    }
  }

  func symbol(_ callee: Expr) -> Symbol? {
    qualifiedName(callee).flatMap(classify)
  }

  /// `symbol(callee)` for the passes after the first, which ask it of every call of every
  /// pending root in turn. The first pass asks of most calls once or twice, and a cache there
  /// cost more to fill and empty than it saved.
  func pendingSymbol(_ callee: Expr) -> Symbol? {
    if let known = pendingSymbols[callee.start] { return known }
    let result = symbol(callee)
    pendingSymbols[callee.start] = .some(result)
    return result
  }

  /// `Symbol.classify` once per distinct qualified name: a file calls the same few names (its
  /// `flytekit.Resources`) many times, and classifying walks the name by characters.
  private func classify(_ qualified: String) -> Symbol? {
    if let known = classifiedNames[qualified] { return known }
    let symbol = Symbol.classify(qualified)
    classifiedNames[qualified] = .some(symbol)
    return symbol
  }

  /// The definition a name refers to when it is a module-level constant.
  func constantDefinition(of expr: Expr) -> Expr? {
    guard case .name(let name) = expr.kind,
      case .constant(let definition) = binding(name, at: expr.start)
    else { return nil }
    return constantValue(definition)
  }

  // MARK: Alternatives

  /// The expressions `expr` may evaluate to: both branches of conditionals, through constants.
  func alternatives(_ expr: Expr, depth: Int = 0) -> OneOrMore<Expr> {
    guard depth < ScanContext.maxConstantDepth else { return .one(expr) }
    switch expr.kind {
    case .conditional(let body, _, let orElse):
      let combined =
        Array(alternatives(body, depth: depth + 1)) + Array(alternatives(orElse, depth: depth + 1))
      return .many(Array(combined.prefix(ScanContext.maxAlternatives)))
    case .name:
      if let value = constantDefinition(of: expr) { return alternatives(value, depth: depth + 1) }
      return .one(expr)
    default:
      return .one(expr)
    }
  }

  /// The cartesian product of `options`, in order, capped at `maxAlternatives`.
  static func product<T>(_ options: [[T]]) -> [[T]] {
    // Without conditionals every option has one choice: one combination, built directly.
    // Sized exactly: a dense file keeps every such list until its rules run.
    if options.allSatisfy({ $0.count <= 1 }) {
      var only: [T] = []
      only.reserveCapacity(options.count)
      for choices in options { if let choice = choices.first { only.append(choice) } }
      return [only]
    }
    var result: [[T]] = [[]]
    for choices in options where !choices.isEmpty {
      var next: [[T]] = []
      outer: for prefix in result {
        for choice in choices {
          next.append(prefix + [choice])
          if next.count >= maxAlternatives { break outer }
        }
      }
      result = next
    }
    return result
  }

  /// Walks `expr`, following module-level constants into their definitions. A constant is one
  /// object however often it is named, so each definition is walked into once per walk: a file
  /// whose constants each name the next several times made the walk exponential (a fuzz
  /// finding: 6 KB of Python, 1.2 million plugin declarations of the same call, 40 s).
  func walkResolving(_ expr: Expr, _ visit: (Expr) -> Bool) {
    var expanded = Set<Int>()
    walkResolving(expr, depth: 0, expanded: &expanded, visit)
  }

  private func walkResolving(
    _ expr: Expr, depth: Int, expanded: inout Set<Int>, _ visit: (Expr) -> Bool
  ) {
    expr.walk { node in
      if depth < ScanContext.maxConstantDepth, let value = constantDefinition(of: node) {
        if expanded.insert(value.start).inserted {
          walkResolving(value, depth: depth + 1, expanded: &expanded, visit)
        }
        return false
      }
      return visit(node)
    }
  }
}
