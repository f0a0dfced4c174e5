/// What a name refers to at some point of a file.
enum Binding: Equatable {
  /// `import a.b as x` binds `x` to module `a.b`; `import a.b` binds `a` to module `a`.
  case module(String)
  /// `from m import n as x` binds `x` to `m.n`.
  case member(String)
  /// A class or function defined in this file.
  case local
  /// A module-level assignment that happens exactly once: a constant whose value is known.
  case constant(ConstantDefinition)
  /// A module-level name assigned more than once (or rebound by `+=`, tuple unpacking, …).
  case reassigned
}

/// A module-level `NAME = value` (or `NAME: annotation = value`), by byte offsets: the scanner
/// may hold another part of the file's tokens when it reads the value.
struct ConstantDefinition: Equatable {
  var name: String
  /// The assignment's logical line, from its first token to its end (the NEWLINE's offset).
  var line: Range<Int>
  /// Where the assigned value starts.
  var valueStart: Int
}

/// The names a file binds: imports (at any depth, in any block), classes and functions, and
/// module-level assignments, each with the byte offset where it happens.
///
/// Lookups are position-aware: a use sees the last binding before it, or the first binding after
/// it when there is none before (a function body may use a name bound later in the module).
struct ImportTable {
  private var bindings: [String: [(offset: Int, binding: Binding)]] = [:]
  private var starImports: [(offset: Int, module: String)] = []
  /// Names bound by `import … as alias` or `from … import name as alias` where the alias
  /// differs from the imported name: calls through them need their own candidate search.
  private(set) var aliases: Set<String> = []

  init(stream: TokenStream, bytes: UnsafeBufferPointer<UInt8>) {
    var reader = BindingReader(bytes: bytes)
    reader.read(stream)
    self.init(reader)
  }

  /// The table of what `reader` read (every window of a file, in order).
  init(_ reader: BindingReader) {
    var assignmentCounts: [String: Int] = [:]
    assignmentCounts.reserveCapacity(reader.assignments.count + reader.rebound.count)
    for (name, _) in reader.assignments { assignmentCounts[name, default: 0] += 1 }
    for name in reader.rebound { assignmentCounts[name, default: 0] += 2 }
    // A function or class bound by nothing else resolves like an unbound name (neither is a
    // symbol) unless a star import could bind it: a dense file's thousands of `def`s then cost
    // no entry.
    var otherwiseBound = Set<String>()
    if reader.stars.isEmpty {
      for (_, name, _) in reader.found { otherwiseBound.insert(name) }
      for (name, _) in reader.assignments { otherwiseBound.insert(name) }
      for name in reader.rebound { otherwiseBound.insert(name) }
    }
    for (offset, name, binding) in reader.found {
      bindings[name, default: []].append((offset, binding))
    }
    for (offset, name) in reader.functions
    where !reader.stars.isEmpty || otherwiseBound.contains(name) {
      bindings[name, default: []].append((offset, .local))
    }
    for (name, definition) in reader.assignments {
      let offset = definition.line.lowerBound
      let binding: Binding =
        assignmentCounts[name, default: 0] == 1 ? .constant(definition) : .reassigned
      bindings[name, default: []].append((offset, binding))
    }
    for name in reader.rebound where bindings[name] == nil {
      bindings[name] = [(0, .reassigned)]
    }
    // In place: looping over `keys` and assigning through the subscript copied every list.
    for index in bindings.values.indices where bindings.values[index].count > 1 {
      bindings.values[index].sort { $0.offset < $1.offset }
    }
    starImports = reader.stars
    aliases = reader.aliases
  }

  /// True when the file imports `package` or one of its modules anywhere (`import os, flyte`,
  /// `import flyte.io as fio`, `from flyte import Resources`, `from flyte.extras import x`).
  func imports(package: String) -> Bool {
    let prefix = package + "."
    return bindings.values.contains { list in
      list.contains { entry in
        switch entry.binding {
        case .module(let module): return module == package || module.hasPrefix(prefix)
        case .member(let member): return member.hasPrefix(prefix)
        default: return false
        }
      }
    } || starImports.contains { $0.module == package || $0.module.hasPrefix(prefix) }
  }

  /// The binding of `name` as seen from byte `offset`.
  func binding(of name: String, at offset: Int) -> Binding? {
    if let list = bindings[name], let first = list.first {
      // `<=`: a `def`/`class` header's own name (`def Resources(...)`) is already the local.
      return (list.last { $0.offset <= offset } ?? first).binding
    }
    if let star = starImports.last(where: { $0.offset < offset }) ?? starImports.first {
      return .member(star.module + "." + name)
    }
    return nil
  }
}

/// One pass over the logical lines collecting bindings, fed the file's tokens a window at a
/// time (`read(_:)` for each, in file order).
struct BindingReader {
  private var stream = TokenStream()
  let bytes: UnsafeBufferPointer<UInt8>
  /// Names bound by imports, with where and to what.
  var found: [(Int, String, Binding)] = []
  /// Names bound by `def` and `class` (each a `.local`), kept apart: a dense module has
  /// thousands, and the table takes only those also bound otherwise (copying a binding with
  /// each was half of building the table, 0.04 s of serial time on a 41 MiB module).
  var functions: [(offset: Int, name: String)] = []
  var assignments: [(String, ConstantDefinition)] = []
  var rebound: [String] = []
  var stars: [(offset: Int, module: String)] = []
  var aliases: Set<String> = []
  /// Indentations of the enclosing `def`/`class` headers: assignments under them are not
  /// module-level. Carried from one window to the next.
  private var blocks: [Int] = []

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  var tokens: [Token] { stream.tokens }

  func text(_ index: Int) -> String {
    let token = tokens[index]
    return String(
      decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
  }

  func isName(_ index: Int, end: Int) -> Bool {
    index < end && tokens[index].kind == .name && tokens[index].flags == 0
  }

  func isKeyword(_ index: Int, _ code: UInt8, end: Int) -> Bool {
    index < end && tokens[index].kind == .name && tokens[index].flags == code
  }

  func isOp(_ index: Int, _ op: UInt32, end: Int) -> Bool {
    index < end && tokens[index].kind == .op && tokens[index].op == op
  }

  /// Adds what `later` read from the part of the file after this reader's, as if this reader
  /// had read on. `later` must have started at a line at column 0, which closes every block
  /// this reader is in.
  mutating func append(_ later: BindingReader) {
    found += later.found
    functions += later.functions
    assignments += later.assignments
    rebound += later.rebound
    stars += later.stars
    aliases.formUnion(later.aliases)
    blocks = later.blocks
  }

  /// Reads the logical lines of `window`.
  mutating func read(_ window: TokenStream) {
    stream = window
    defer { stream = TokenStream() }
    // Read once here: this loop visits every top-level token of the file.
    let allTokens = stream.tokens
    let partner = stream.partner
    let (semicolon, lparen, lbracket, lbrace) = (Op.semicolon, Op.lparen, Op.lbracket, Op.lbrace)
    for (lineIndex, line) in stream.lines.enumerated() where line.endToken > line.firstToken {
      while let top = blocks.last, line.indent <= top { blocks.removeLast() }
      let end = line.endToken
      var index = line.firstToken
      if isKeyword(index, Keyword.asyncWord, end: end) { index += 1 }
      if isKeyword(index, Keyword.def, end: end) || isKeyword(index, Keyword.class, end: end) {
        if isName(index + 1, end: end) {
          functions.append((tokens[index + 1].start, text(index + 1)))
        }
        blocks.append(line.indent)
        continue
      }
      // Statements separated by `;` on one line.
      var statementStart = line.firstToken
      while statementStart < end {
        var statementEnd = statementStart
        while statementEnd < end {
          let token = allTokens[statementEnd]
          if token.kind == .op && token.op == semicolon { break }
          let isOpener =
            token.kind == .op && (token.op == lparen || token.op == lbracket || token.op == lbrace)
          let close = partner[statementEnd]
          statementEnd =
            isOpener && close > statementEnd && close < end ? close + 1 : statementEnd + 1
        }
        readStatement(
          statementStart, statementEnd, line: lineRange(lineIndex), moduleLevel: blocks.isEmpty)
        statementStart = statementEnd + 1
      }
    }
  }

  /// The bytes of logical line `index`, from its first token to its NEWLINE.
  private func lineRange(_ index: Int) -> Range<Int> {
    let line = stream.lines[index]
    let start = tokens[line.firstToken].start
    return start..<max(start, tokens[line.endToken].start)
  }

  mutating func readStatement(_ start: Int, _ end: Int, line: Range<Int>, moduleLevel: Bool) {
    if isKeyword(start, Keyword.import, end: end) {
      readImport(start + 1, end)
    } else if isKeyword(start, Keyword.from, end: end) {
      readFromImport(start + 1, end)
    } else if moduleLevel {
      readAssignment(start, end, line: line)
    }
  }

  /// A dotted name starting at `index`: its text and the index after it.
  func dotted(_ index: Int, end: Int) -> (String, Int)? {
    guard isName(index, end: end) else { return nil }
    var next = index + 1
    // Written without blanks (`a.b.c`), the name is its own source text.
    var isContiguous = true
    while isOp(next, Op.dot, end: end) && next + 1 < end && tokens[next + 1].kind == .name {
      if tokens[next].start != tokens[next - 1].end || tokens[next + 1].start != tokens[next].end {
        isContiguous = false
      }
      next += 2
    }
    if isContiguous {
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[tokens[index].start..<tokens[next - 1].end]),
        as: UTF8.self)
      return (text, next)
    }
    let parts = stride(from: index, to: next, by: 2).map { text($0) }
    return (parts.joined(separator: "."), next)
  }

  mutating func readImport(_ start: Int, _ end: Int) {
    var index = start
    while index < end {
      guard let (module, next) = dotted(index, end: end) else { return }
      index = next
      if isKeyword(index, Keyword.as, end: end) && isName(index + 1, end: end) {
        let alias = text(index + 1)
        found.append((tokens[index + 1].start, alias, .module(module)))
        if alias != module { aliases.insert(alias) }
        index += 2
      } else {
        let head = String(module.prefix { $0 != "." })
        found.append((tokens[start].start, head, .module(head)))
      }
      guard isOp(index, Op.comma, end: end) else { return }
      index += 1
    }
  }

  mutating func readFromImport(_ start: Int, _ end: Int) {
    var index = start
    var module = ""
    while index < end && tokens[index].kind == .op
      && (tokens[index].op == Op.dot || tokens[index].op == Op.ellipsis)
    {
      module += tokens[index].op == Op.dot ? "." : "..."
      index += 1
    }
    if let (name, next) = dotted(index, end: end), !isKeyword(index, Keyword.import, end: end) {
      module += name
      index = next
    }
    guard isKeyword(index, Keyword.import, end: end) else { return }
    index += 1
    if isOp(index, Op.lparen, end: end) { index += 1 }
    while index < end {
      if isOp(index, Op.star, end: end) {
        stars.append((tokens[index].start, module))
        return
      }
      guard index < end && tokens[index].kind == .name else { return }
      let name = text(index)
      let qualified = module.hasSuffix(".") ? module + name : module + "." + name
      if isKeyword(index + 1, Keyword.as, end: end) && isName(index + 2, end: end) {
        let alias = text(index + 2)
        found.append((tokens[index + 2].start, alias, .member(qualified)))
        if alias != name { aliases.insert(alias) }
        index += 3
      } else {
        found.append((tokens[index].start, name, .member(qualified)))
        index += 1
      }
      guard isOp(index, Op.comma, end: end) else { return }
      index += 1
    }
  }

  /// Where the value starting at token `index` starts (the line's end when nothing follows).
  func valueStart(_ index: Int, end: Int) -> Int {
    tokens[min(index, end)].start
  }

  func isDottedName(from start: Int, to end: Int) -> Bool {
    guard let (_, next) = dotted(start, end: end) else { return false }
    return next == end
  }

  /// `A = value`, `A = B = value`, `A: T = value`, `A += value`, `a, b = value`.
  mutating func readAssignment(_ start: Int, _ end: Int, line: Range<Int>) {
    var targets: [Int] = []
    var index = start
    while isName(index, end: end) && isOp(index + 1, Op.assign, end: end) {
      targets.append(index)
      index += 2
    }
    if !targets.isEmpty {
      for target in targets {
        assignments.append(
          (
            text(target),
            ConstantDefinition(
              name: text(target), line: line, valueStart: valueStart(index, end: end))
          ))
      }
      if isDottedName(from: index, to: end) {
        // `R = flytekit.Resources`: calls through `R` need the token-level candidate search.
        for target in targets { aliases.insert(text(target)) }
      }
      return
    }
    guard
      isName(start, end: end) || isOp(start, Op.lparen, end: end)
        || isOp(start, Op.lbracket, end: end)
    else { return }
    if isName(start, end: end) && start + 1 < end && tokens[start + 1].kind == .op {
      let op = tokens[start + 1].op
      if Op.augmented.contains(op) {
        rebound.append(text(start))
        return
      }
      if op == Op.colon {
        // Annotated: the value follows the first top-level `=`.
        var scan = start + 2
        while scan < end && !isOp(scan, Op.assign, end: end) {
          let close = stream.partner[scan]
          scan = close > scan && close < end ? close + 1 : scan + 1
        }
        if scan + 1 < end {
          let name = text(start)
          assignments.append(
            (
              name,
              ConstantDefinition(
                name: name, line: line, valueStart: valueStart(scan + 1, end: end))
            ))
        }
        return
      }
    }
    // Tuple targets: every name before a top-level `=` is rebound.
    var names: [String] = []
    var scan = start
    while scan < end && !isOp(scan, Op.assign, end: end) {
      if isName(scan, end: end) {
        if isOp(scan + 1, Op.lparen, end: end) || isOp(scan + 1, Op.lbracket, end: end) {
          return  // a call or subscript: not a target list
        }
        names.append(text(scan))
      }
      let token = tokens[scan]
      if token.kind == .op && token.op != Op.comma && token.op != Op.lparen
        && token.op != Op.rparen && token.op != Op.lbracket && token.op != Op.rbracket
        && token.op != Op.star
      {
        return  // not an assignment target list
      }
      scan += 1
    }
    if scan < end { rebound.append(contentsOf: names) }
  }
}
