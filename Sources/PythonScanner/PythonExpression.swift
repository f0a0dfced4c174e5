/// A Python expression with its source span (byte offsets, end exclusive).
struct Expr {
  var kind: ExprKind
  var start: Int
  var end: Int
}

enum UnaryOperator {
  case minus, plus, invert, not, await
}

/// The shapes the scanner distinguishes. Everything it never needs to look into is `opaque`.
///
/// Only the cases that hold an expression directly are boxed: names, literals and the
/// bracketed groups (whose arrays are boxes already) are stored inline, which spares most
/// nodes of a parse an allocation.
enum ExprKind {
  case name(String)
  indirect case attribute(base: Expr, name: String, nameStart: Int)
  indirect case call(CallExpr)
  indirect case subscription(base: Expr)
  case tuple([Expr], parenthesized: Bool)
  case list([Expr])
  case set([Expr])
  case dict([DictItem])
  /// Adjacent literals, concatenated.
  case string(StringPiece)
  case number(PythonLiterals.Number)
  case trueValue
  case falseValue
  case noneValue
  case ellipsis
  indirect case unary(UnaryOperator, Expr)
  /// Any binary or comparison operator chain (the value is dynamic; operands kept for walking).
  case binary([Expr])
  indirect case conditional(body: Expr, test: Expr, orElse: Expr)
  indirect case starred(Expr)
  /// Lambdas, comprehensions, over-deep nesting and malformed text.
  case opaque
}

struct CallExpr {
  var callee: Expr
  var arguments: [Argument]
  /// Byte offset of the `(`: identifies the call within the file.
  var openParen: Int
}

struct Argument {
  /// The keyword, for `name=value` arguments.
  var keyword: String?
  var keywordStart: Int
  var keywordEnd: Int
  var value: Expr
  /// 1 for `*value`, 2 for `**value`.
  var stars: Int
}

struct DictItem {
  /// `nil` for a `**mapping` entry.
  var key: Expr?
  var value: Expr
}

extension Expr {
  /// The direct sub-expressions, for walking.
  var children: [Expr] {
    switch kind {
    case .attribute(let base, _, _), .subscription(let base): [base]
    case .call(let call):
      // Reserved and filled in place; a key path (`map(\.value)`) costs far more per element.
      {
        var children: [Expr] = []
        children.reserveCapacity(call.arguments.count + 1)
        children.append(call.callee)
        for argument in call.arguments { children.append(argument.value) }
        return children
      }()
    case .tuple(let items, _), .list(let items), .set(let items), .binary(let items): items
    case .dict(let items): items.flatMap { item in (item.key.map { [$0] } ?? []) + [item.value] }
    case .unary(_, let operand), .starred(let operand): [operand]
    case .conditional(let body, let test, let orElse): [body, test, orElse]
    default: []
    }
  }

  var call: CallExpr? {
    if case .call(let call) = kind { return call }
    return nil
  }

  /// Pre-order walk; `visit` returns false to skip an expression's children.
  func walk(_ visit: (Expr) -> Bool) {
    guard visit(self) else { return }
    for child in children { child.walk(visit) }
  }
}

/// A small exact parser for Python expressions over a token stream.
///
/// It never fails and never loops: every step consumes a token, bracket groups are skipped in
/// one step through their precomputed partners, and nesting beyond `maxDepth` (brackets, unary
/// operators, attribute and call chains together) becomes an opaque node.
struct PythonParser {
  static let maxDepth = 64

  let bytes: UnsafeBufferPointer<UInt8>
  let tokens: [Token]
  let partner: BracketPartners
  var pos: Int
  var limit: Int
  var depth = 0

  init(stream: TokenStream, bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
    self.bytes = bytes
    self.tokens = stream.tokens
    self.partner = stream.partner
    self.pos = start
    self.limit = min(end, stream.tokens.count)
  }

  // MARK: Token helpers

  func isOp(_ op: UInt32, at index: Int? = nil) -> Bool {
    let i = index ?? pos
    return i < limit && tokens[i].kind == .op && tokens[i].op == op
  }

  func isKeyword(_ code: UInt8, at index: Int? = nil) -> Bool {
    let i = index ?? pos
    return i < limit && tokens[i].kind == .name && tokens[i].flags == code
  }

  func text(_ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }

  /// The index of the bracket closing the one at `open`, clamped to the current limit.
  func closeIndex(_ open: Int) -> Int {
    let close = partner[open]
    return close > open && close < limit ? close : limit
  }

  /// The byte offset where the previous token ends (the end of what was consumed).
  var consumedEnd: Int { pos > 0 ? tokens[pos - 1].end : 0 }

  func canStartExpression(_ index: Int) -> Bool {
    guard index < limit else { return false }
    let token = tokens[index]
    switch token.kind {
    case .name:
      return token.flags == 0 || token.flags == Keyword.trueValue
        || token.flags == Keyword.falseValue || token.flags == Keyword.noneValue
        || token.flags == Keyword.lambda || token.flags == Keyword.not
        || token.flags == Keyword.awaitWord
    case .number, .string:
      return true
    case .op:
      let op = token.op
      return op == Op.lparen || op == Op.lbracket || op == Op.lbrace || op == Op.minus
        || op == Op.plus || op == Op.tilde || op == Op.ellipsis
    case .newline, .endMarker:
      return false
    }
  }

  // MARK: Statements

  /// Every expression of a logical line, in order, skipping what cannot start one
  /// (keywords, `=`, `:`, `@`, …).
  mutating func statementExpressions() -> [Expr] {
    var result: [Expr] = []
    while pos < limit {
      let before = pos
      if canStartExpression(pos) {
        result.append(expressionList())
      }
      if pos == before { pos += 1 }
    }
    return result
  }

  /// `a, b, c` without brackets becomes a tuple.
  mutating func expressionList() -> Expr {
    let first = expression()
    guard isOp(Op.comma) else { return first }
    var items = [first]
    while isOp(Op.comma) {
      pos += 1
      guard canStartExpression(pos) || isOp(Op.star) else { break }
      let before = pos
      items.append(isOp(Op.star) ? starred() : expression())
      if pos == before { pos += 1 }
    }
    return Expr(kind: .tuple(items, parenthesized: false), start: first.start, end: consumedEnd)
  }

  // MARK: Expressions

  mutating func expression() -> Expr {
    depth += 1
    defer { depth -= 1 }
    if depth > PythonParser.maxDepth || isKeyword(Keyword.lambda) || isKeyword(Keyword.yield) {
      return opaqueItem()
    }
    let body = disjunction()
    if isKeyword(Keyword.if) {
      let save = pos
      pos += 1
      let test = disjunction()
      if isKeyword(Keyword.else) {
        pos += 1
        let orElse = expression()
        return Expr(
          kind: .conditional(body: body, test: test, orElse: orElse), start: body.start,
          end: orElse.end)
      }
      pos = save
    }
    return body
  }

  /// A chain of binary operators, comparisons and boolean operators.
  mutating func disjunction() -> Expr {
    let first = unary()
    // Most expressions have no operator: the operand list is made only when one follows.
    var items: [Expr] = []
    while pos < limit {
      let token = tokens[pos]
      if token.kind == .op && Op.isBinary(token.op) {
        pos += 1
      } else if token.kind == .name
        && (token.flags == Keyword.and || token.flags == Keyword.or || token.flags == Keyword.in
          || token.flags == Keyword.is)
      {
        pos += 1
        if token.flags == Keyword.is && isKeyword(Keyword.not) { pos += 1 }
      } else if token.kind == .name && token.flags == Keyword.not
        && isKeyword(Keyword.in, at: pos + 1)
      {
        pos += 2
      } else {
        break
      }
      if items.isEmpty { items.append(first) }
      guard pos < limit else { break }
      let before = pos
      items.append(unary())
      if pos == before { break }
    }
    if items.count <= 1 { return first }
    return Expr(kind: .binary(items), start: first.start, end: consumedEnd)
  }

  mutating func unary() -> Expr {
    var operators: [(UnaryOperator, Int)] = []
    while pos < limit {
      let token = tokens[pos]
      let op: UnaryOperator
      if token.kind == .op && token.op == Op.minus {
        op = .minus
      } else if token.kind == .op && token.op == Op.plus {
        op = .plus
      } else if token.kind == .op && token.op == Op.tilde {
        op = .invert
      } else if token.kind == .name && token.flags == Keyword.not {
        op = .not
      } else if token.kind == .name && token.flags == Keyword.awaitWord {
        op = .await
      } else {
        break
      }
      operators.append((op, token.start))
      pos += 1
    }
    if depth + operators.count > PythonParser.maxDepth {
      return opaqueItem(from: operators.first.map { _ in pos - operators.count } ?? pos)
    }
    depth += operators.count
    defer { depth -= operators.count }
    var result = postfix()
    for (op, start) in operators.reversed() {
      result = Expr(kind: .unary(op, result), start: start, end: result.end)
    }
    return result
  }

  mutating func postfix() -> Expr {
    var result = atom()
    var wraps = 0
    defer { depth -= wraps }
    while pos < limit {
      let token = tokens[pos]
      guard token.kind == .op else { break }
      if depth >= PythonParser.maxDepth,
        token.op == Op.dot || token.op == Op.lparen || token.op == Op.lbracket
      {
        // Too deep to represent: the rest of the chain is one dynamic node that keeps what was
        // built so far (for walking).
        skipChain()
        return Expr(kind: .binary([result]), start: result.start, end: consumedEnd)
      }
      if token.op == Op.dot && pos + 1 < limit && tokens[pos + 1].kind == .name {
        let nameToken = tokens[pos + 1]
        result = Expr(
          kind: .attribute(
            base: result, name: text(nameToken.start, nameToken.end), nameStart: nameToken.start),
          start: result.start, end: nameToken.end)
        pos += 2
      } else if token.op == Op.lparen {
        result = callArguments(callee: result)
      } else if token.op == Op.lbracket {
        let close = closeIndex(pos)
        pos = min(close + 1, limit)
        result = Expr(kind: .subscription(base: result), start: result.start, end: consumedEnd)
      } else {
        break
      }
      wraps += 1
      depth += 1
    }
    return result
  }

  mutating func skipChain() {
    while pos < limit && tokens[pos].kind == .op {
      let op = tokens[pos].op
      if op == Op.dot && pos + 1 < limit && tokens[pos + 1].kind == .name {
        pos += 2
      } else if op == Op.lparen || op == Op.lbracket {
        pos = min(closeIndex(pos) + 1, limit)
      } else {
        return
      }
    }
  }

  mutating func callArguments(callee: Expr) -> Expr {
    let open = pos
    let close = closeIndex(open)
    let savedLimit = limit
    limit = close
    pos = open + 1
    var arguments: [Argument] = []
    // Most calls have a few arguments: room for four spares their array two regrowths (1.5 %
    // of a dense module's check).
    arguments.reserveCapacity(4)
    while pos < limit {
      let before = pos
      if isOp(Op.comma) {
        pos += 1
        continue
      }
      var stars = 0
      var keyword: String?
      var keywordStart = tokens[pos].start
      var keywordEnd = keywordStart
      if isOp(Op.star) || isOp(Op.doubleStar) {
        stars = tokens[pos].op == Op.star ? 1 : 2
        pos += 1
      } else if tokens[pos].kind == .name && tokens[pos].flags == 0 && isOp(Op.assign, at: pos + 1)
      {
        keywordStart = tokens[pos].start
        keywordEnd = tokens[pos].end
        keyword = text(keywordStart, keywordEnd)
        pos += 2
      }
      let value: Expr
      if pos < limit {
        value = expression()
      } else {
        value = Expr(kind: .opaque, start: consumedEnd, end: consumedEnd)
      }
      if isKeyword(Keyword.for)
        || (isKeyword(Keyword.asyncWord) && isKeyword(Keyword.for, at: pos + 1))
      {
        // A generator argument: `f(x for x in y)`.
        pos = limit
        arguments.append(
          Argument(
            keyword: nil, keywordStart: value.start, keywordEnd: value.start,
            value: Expr(kind: .opaque, start: value.start, end: tokens[max(open, limit - 1)].end),
            stars: 0))
        break
      }
      arguments.append(
        Argument(
          keyword: keyword, keywordStart: keywordStart, keywordEnd: keywordEnd, value: value,
          stars: stars))
      if pos < limit && !isOp(Op.comma) { skipItem() }
      if pos == before { pos += 1 }
    }
    limit = savedLimit
    pos = min(close + 1, limit)
    let call = CallExpr(callee: callee, arguments: arguments, openParen: tokens[open].start)
    return Expr(kind: .call(call), start: callee.start, end: consumedEnd)
  }

  mutating func atom() -> Expr {
    guard pos < limit else {
      return Expr(kind: .opaque, start: consumedEnd, end: consumedEnd)
    }
    let token = tokens[pos]
    switch token.kind {
    case .name:
      switch token.flags {
      case 0:
        pos += 1
        return Expr(kind: .name(text(token.start, token.end)), start: token.start, end: token.end)
      case Keyword.trueValue:
        pos += 1
        return Expr(kind: .trueValue, start: token.start, end: token.end)
      case Keyword.falseValue:
        pos += 1
        return Expr(kind: .falseValue, start: token.start, end: token.end)
      case Keyword.noneValue:
        pos += 1
        return Expr(kind: .noneValue, start: token.start, end: token.end)
      default:
        return opaqueItem()
      }
    case .number:
      pos += 1
      return Expr(
        kind: .number(PythonLiterals.number(bytes, token)), start: token.start, end: token.end)
    case .string:
      return strings()
    case .op:
      switch token.op {
      case Op.lparen: return parenthesized()
      case Op.lbracket: return bracketed()
      case Op.lbrace: return braced()
      case Op.ellipsis:
        pos += 1
        return Expr(kind: .ellipsis, start: token.start, end: token.end)
      case Op.star, Op.doubleStar:
        return starred()
      default:
        pos += 1
        return Expr(kind: .opaque, start: token.start, end: token.end)
      }
    case .newline, .endMarker:
      pos += 1
      return Expr(kind: .opaque, start: token.start, end: token.end)
    }
  }

  mutating func starred() -> Expr {
    depth += 1
    defer { depth -= 1 }
    if depth > PythonParser.maxDepth { return opaqueItem() }
    let start = tokens[pos].start
    pos += 1
    let inner = pos < limit ? disjunction() : Expr(kind: .opaque, start: start, end: start)
    return Expr(kind: .starred(inner), start: start, end: consumedEnd)
  }

  /// Adjacent string literals concatenate; one f-string with fields or bytes taints the whole.
  mutating func strings() -> Expr {
    let start = tokens[pos].start
    if pos + 1 >= limit || tokens[pos + 1].kind != .string {
      // One literal (the usual case) is its own value.
      let piece = PythonLiterals.decodeString(bytes, tokens[pos])
      pos += 1
      return Expr(kind: .string(piece), start: start, end: consumedEnd)
    }
    var pieces: [StringPiece] = []
    while pos < limit && tokens[pos].kind == .string {
      pieces.append(PythonLiterals.decodeString(bytes, tokens[pos]))
      pos += 1
    }
    var combined = ""
    var result: StringPiece?
    for piece in pieces {
      switch piece {
      case .text(let text): combined += text
      case .invalid: result = .invalid
      case .bytes: if result == nil { result = .bytes }
      case .formatted: if result == nil { result = .formatted }
      }
    }
    return Expr(kind: .string(result ?? .text(combined)), start: start, end: consumedEnd)
  }

  /// The items of a bracket group and whether it is a comprehension.
  private mutating func groupItems(
    open: Int, parseItem: (inout PythonParser) -> Void
  ) -> (close: Int, comprehension: Bool, sawComma: Bool) {
    let close = closeIndex(open)
    let savedLimit = limit
    limit = close
    pos = open + 1
    var comprehension = false
    var sawComma = false
    depth += 1
    while pos < limit {
      let before = pos
      if isOp(Op.comma) {
        sawComma = true
        pos += 1
        continue
      }
      parseItem(&self)
      if isKeyword(Keyword.for)
        || (isKeyword(Keyword.asyncWord) && isKeyword(Keyword.for, at: pos + 1))
      {
        comprehension = true
        break
      }
      if pos < limit && !isOp(Op.comma) { skipItem() }
      if pos == before { pos += 1 }
    }
    depth -= 1
    limit = savedLimit
    pos = min(close + 1, limit)
    return (close, comprehension, sawComma)
  }

  mutating func parenthesized() -> Expr {
    let open = pos
    var items: [Expr] = []
    let group = groupItems(open: open) { parser in
      items.append(parser.isOp(Op.star) ? parser.starred() : parser.expression())
    }
    let start = tokens[open].start
    if group.comprehension { return Expr(kind: .opaque, start: start, end: consumedEnd) }
    if items.count == 1 && !group.sawComma {
      return items[0]
    }
    return Expr(kind: .tuple(items, parenthesized: true), start: start, end: consumedEnd)
  }

  mutating func bracketed() -> Expr {
    let open = pos
    var items: [Expr] = []
    let group = groupItems(open: open) { parser in
      items.append(parser.isOp(Op.star) ? parser.starred() : parser.expression())
    }
    let start = tokens[open].start
    if group.comprehension { return Expr(kind: .opaque, start: start, end: consumedEnd) }
    return Expr(kind: .list(items), start: start, end: consumedEnd)
  }

  mutating func braced() -> Expr {
    let open = pos
    var entries: [DictItem] = []
    var elements: [Expr] = []
    let group = groupItems(open: open) { parser in
      if parser.isOp(Op.doubleStar) {
        parser.pos += 1
        entries.append(DictItem(key: nil, value: parser.disjunction()))
        return
      }
      let key = parser.isOp(Op.star) ? parser.starred() : parser.expression()
      if parser.isOp(Op.colon) {
        parser.pos += 1
        entries.append(DictItem(key: key, value: parser.expression()))
      } else {
        elements.append(key)
      }
    }
    let start = tokens[open].start
    if group.comprehension { return Expr(kind: .opaque, start: start, end: consumedEnd) }
    if elements.isEmpty { return Expr(kind: .dict(entries), start: start, end: consumedEnd) }
    return Expr(kind: .set(elements), start: start, end: consumedEnd)
  }

  /// Skips to the next `,` (or the limit) at the current bracket level.
  mutating func skipItem() {
    while pos < limit && !isOp(Op.comma) { skipUnit() }
  }

  /// Skips one token, or a whole bracket group.
  mutating func skipUnit() {
    let token = tokens[pos]
    if token.kind == .op
      && (token.op == Op.lparen || token.op == Op.lbracket || token.op == Op.lbrace)
    {
      pos = min(closeIndex(pos) + 1, limit)
    } else {
      pos += 1
    }
  }

  /// An expression the scanner does not look into, from `start` to the end of the item.
  mutating func opaqueItem(from start: Int? = nil) -> Expr {
    let first = start ?? pos
    guard first < limit else {
      return Expr(kind: .opaque, start: consumedEnd, end: consumedEnd)
    }
    pos = first
    skipUnit()
    skipItem()
    return Expr(kind: .opaque, start: tokens[first].start, end: consumedEnd)
  }
}
