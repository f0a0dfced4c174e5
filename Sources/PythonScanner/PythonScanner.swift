import Dispatch
import PCRE2
import ResourceModel
import SourceText

/// Finds flytekit and Kubernetes-client resource declarations in Python source, without
/// importing or running it.
///
/// A cheap literal prefilter rejects most files before any tokenizing. In the rest, PCRE2 finds
/// candidate call sites and decorator lines; each candidate is confirmed against the token
/// stream (so text in strings, docstrings and comments never counts), its logical line is parsed
/// into an expression tree, and names are resolved through the file's imports and module-level
/// constants.
public enum PythonScanner {
  /// Words one of which every file with a declaration contains (`Resource` stands for
  /// `Resources`, `ResourceSpec` and `V1ResourceRequirements`). A literal search, not a regular
  /// expression: it reads every byte of every Python file, several times faster than PCRE2's
  /// alternation, whose first bytes (`a`, `s`, `w`) are among the most common in code.
  public static let prefilterWords = [
    "Resource", "accelerator", "with_overrides", "shared_memory", "PodTemplate",
    // Flyte 2: an environment, a clone or an override may name no `Resources`.
    "TaskEnvironment", "clone_with", "override(",
  ]
  static let prefilter = LiteralSet(prefilterWords)

  /// Words one of which every file with a declaration contains besides: every symbol the
  /// scanner knows is named through an import of `flyte…` (flytekit, its plugins, Flyte 2),
  /// `union` or `kubernetes` (`Symbol.classify`), and the one construct found without a symbol
  /// is a `.with_overrides(...)` call. A file that mentions `Resources` only in prose (a
  /// docstring, a log line, another library's class) and imports none of them is skipped
  /// without being tokenized; a mention in a comment only costs the full scan, never a miss.
  public static let importWords = ["flyte", "union", "kubernetes", "with_overrides"]
  static let importPrefilter = LiteralSet(importWords)
  static let overrideWord = LiteralSet(["with_overrides"])

  /// False when the file cannot declare resources: it mentions none of the prefilter's words,
  /// or none of the import words, or (no `with_overrides`) names the packages only outside any
  /// line holding an `import` or `from` (a docstring that says "flytekit"). Each test is a
  /// necessary condition, the cheapest first; a search that cannot tell lets the file through.
  public static func mayDeclare(_ bytes: UnsafeRawBufferPointer) -> Bool {
    prefilter.occurs(in: bytes) && mayDeclare(givenDeclarationWord: bytes)
  }

  /// `mayDeclare` of a file already known to contain one of `prefilterWords` (the engine looks
  /// for them in the same pass as for a suppression directive).
  public static func mayDeclare(givenDeclarationWord bytes: UnsafeRawBufferPointer) -> Bool {
    guard importPrefilter.occurs(in: bytes) else { return false }
    // The import search first: it stops at a declaring file's first import line, where the
    // search for `with_overrides` reads every byte of a file without one.
    guard case .success(let compiled) = patterns,
      !(compiled.packageImports.hasMatch(in: bytes) ?? true)
    else { return true }
    return overrideWord.occurs(in: bytes)
  }

  /// The candidate patterns, compiled once for every thread. Their sources are constants, so a
  /// failure is a bug in this file, never a property of the input: `verifyPatterns()` lets the
  /// command stop at start-up, and `scan` reports it on every file rather than find nothing.
  static let patterns = Result { () throws(PatternError) in try CandidatePatterns() }

  /// Throws when the candidate patterns cannot be compiled (a build of this tool that cannot
  /// find any Python declaration must not say "All checks passed").
  public static func verifyPatterns() throws(PatternError) { _ = try patterns.get() }

  /// Scans one file. Returns no declarations (and does no work beyond the prefilter) for a
  /// file that mentions none of the prefilter's words.
  public static func scan(_ file: SourceFile) -> ScanResult { scan(file, patterns: patterns) }

  /// `scan`, or with `usingPrefilter` false, a full scan of every file: no file is skipped on a
  /// cheap test. Only `check --no-prefilter`, with which a test shows that the prefilters change
  /// no finding, turns it off.
  public static func scan(_ file: SourceFile, usingPrefilter: Bool) -> ScanResult {
    scan(file, patterns: patterns, usingPrefilter: usingPrefilter)
  }

  /// `scan` with the given patterns (tests pass failing ones), windows (tests pass small ones
  /// to read fixtures a few lines at a time) and place to split the first pass at (tests try
  /// every line; nil finds one in a large file).
  static func scan(
    _ file: SourceFile, patterns: Result<CandidatePatterns, PatternError>,
    usingPrefilter: Bool = true, windowTokens: Int = PythonScanner.windowTokens,
    splittingAt split: Int? = nil
  ) -> ScanResult {
    let bytes = file.bytes
    if usingPrefilter && !bytes.withUnsafeBytes({ mayDeclare($0) }) { return ScanResult() }
    let candidatePatterns: CandidatePatterns
    switch patterns {
    case .success(let compiled): candidatePatterns = compiled
    case .failure(let error):
      let start = SourceLocation(line: 1, column: 1)
      return ScanResult(problems: [
        ScanProblem(
          "internal error: the candidate pattern does not compile (\(error)); nothing was scanned",
          at: SourceSpan(start: start, end: start))
      ])
    }
    return bytes.withUnsafeBufferPointer { buffer in
      scan(
        file, buffer, patterns: candidatePatterns, windowTokens: windowTokens,
        split: split ?? firstPassSplit(buffer))
    }
  }

  /// The least number of tokens the scanner holds at a time in a large file (about 250 KB of
  /// code): a file of fewer tokens is tokenized once and read whole; a larger one is read a
  /// window at a time, twice (its names and bindings first, then its candidates), so that
  /// memory follows the declarations found, not the file's size.
  public static let windowTokens = 1 << 16

  private static func scan(
    _ file: SourceFile, _ buffer: UnsafeBufferPointer<UInt8>, patterns: CandidatePatterns,
    windowTokens: Int, split: Int?
  ) -> ScanResult {
    // 1. The whole file's tokens, a window at a time: bindings, Flyte 2 task decorators,
    // comments and problems. A file that fits one window keeps its tokens for step 2.
    var pass = firstPass(file, buffer, windowTokens: windowTokens, split: split)
    let kept = pass.kept
    let windows = pass.windows
    let context = ScanContext(file: file, bytes: buffer, stream: kept ?? TokenStream())
    if kept == nil {
      context.imports = ImportTable(pass.reader)
      context.flyte2State.windowTaskDecorators = pass.taskDecorators
    }
    // The reader's lists (every `def` of a dense file) are in the table now.
    pass.reader = BindingReader(bytes: buffer)
    var problems = pass.problems.map {
      ScanProblem($0.message, at: context.span($0.start, $0.end))
    }
    // 2. Candidates, found by the patterns and confirmed against the tokens; statements
    // parsed and the first pass run, a window at a time.
    let searchStoppedAt: Int?
    if kept != nil {
      searchStoppedAt = readCandidates(
        in: windows.first ?? 0..<0, into: context, patterns: patterns, tokenize: false)
    } else {
      searchStoppedAt = readWindows(windows, into: context, patterns: patterns)
    }
    if let stop = searchStoppedAt {
      problems.append(
        ScanProblem(
          "the search for resource declarations stopped here (PCRE2 match limit): "
            + "declarations after this point are not checked",
          at: context.span(stop, stop)))
    }
    context.finishPasses()
    return ScanResult(
      declarations: sorted(context.declarations), problems: problems, comments: pass.comments)
  }

  /// What the first pass over a file, or over a part of it, found.
  private struct FirstPass {
    var reader: BindingReader
    /// The windows read, in order.
    var windows: [Range<Int>] = []
    /// The tokens of a file that fits one window, kept for the second pass.
    var kept: TokenStream?
    var taskDecorators: [(environment: String, function: String)] = []
    var comments: [Range<Int>] = []
    var problems: [TokenizerProblem] = []
    /// Whether the part's tokens end at its end as they would in the whole file.
    var endsAtLineStart = false
  }

  /// The first pass over the file, in two parts read at once when `split` (the start of a
  /// line at column 0 near the middle of a large file) turns out to be where a logical line
  /// starts. That is a guess, checked by the first part's tokenizer when it gets there; when
  /// it fails (a string or bracket open across it, a decorator just before it, a syntax error
  /// before it that would silence later ones) the file is read in one part after all.
  private static func firstPass(
    _ file: SourceFile, _ buffer: UnsafeBufferPointer<UInt8>, windowTokens: Int, split: Int?
  ) -> FirstPass {
    let whole = 0..<buffer.count
    guard let split, split > 0, split < buffer.count else {
      return firstPass(file, buffer, part: whole, windowTokens: windowTokens)
    }
    let parts = UnsafeMutableBufferPointer<FirstPass?>.allocate(capacity: 2)
    parts.initialize(repeating: nil)
    defer { parts.deinitialize().deallocate() }
    nonisolated(unsafe) let shared = parts
    // Only read, and only while both parts are.
    nonisolated(unsafe) let bytes = buffer
    DispatchQueue.concurrentPerform(iterations: 2) { index in
      // Each slot is written by exactly one iteration and read only after both have finished.
      shared[index] = firstPass(
        file, bytes, part: index == 0 ? 0..<split : split..<bytes.count,
        windowTokens: windowTokens)
    }
    guard var first = parts[0], let second = parts[1], first.endsAtLineStart,
      first.problems.isEmpty
    else {
      return firstPass(file, buffer, part: whole, windowTokens: windowTokens)
    }
    first.reader.append(second.reader)
    first.windows += second.windows
    first.taskDecorators += second.taskDecorators
    first.comments += second.comments
    first.problems = second.problems
    return first
  }

  /// The first pass over `part` of the file. The first window's tokens are kept when the part
  /// is the whole file and fits in it.
  private static func firstPass(
    _ file: SourceFile, _ buffer: UnsafeBufferPointer<UInt8>, part: Range<Int>,
    windowTokens: Int
  ) -> FirstPass {
    var pass = FirstPass(reader: BindingReader(bytes: buffer))
    let keepsOneWindow = part == 0..<buffer.count
    func read(_ window: TokenStream) {
      pass.reader.read(window)
      pass.taskDecorators += ScanContext(file: file, bytes: buffer, stream: window).taskDecorators()
    }
    let tokenized = PythonTokenizer.tokenize(buffer, part: part, windowTokens: windowTokens) {
      window, range in
      pass.windows.append(range)
      if keepsOneWindow && pass.windows.count == 1 {
        pass.kept = window
        return
      }
      if let first = pass.kept {
        read(first)
        pass.kept = nil
      }
      read(window)
    }
    pass.comments = tokenized.comments
    pass.problems = tokenized.problems
    pass.endsAtLineStart = tokenized.endsAtLineStart
    return pass
  }

  /// Files from this size on have their first pass read in two parts at once.
  static let splitFirstPassBytes = 1 << 21

  /// Where a large file's first pass may be split: the start of the first line after the
  /// middle that begins with a name or `@` at column 0, and whose line before does not begin
  /// with `@` (a decorator and its function stay together). That is the start of a statement
  /// unless a string or bracket is open across it, which the first part's tokenizer tells.
  /// Nil for a smaller file or when no such line follows the middle.
  static func firstPassSplit(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
    guard buffer.count >= splitFirstPassBytes else { return nil }
    var lineStart = buffer.count / 2
    // The line the middle falls in is not known from its start: no split right after it.
    var isFirst = true
    var previousIsDecorator = true
    while let newline = buffer[lineStart...].firstIndex(of: 0x0A), newline + 1 < buffer.count {
      if newline > lineStart && !isFirst { previousIsDecorator = buffer[lineStart] == 0x40 }
      isFirst = false
      lineStart = newline + 1
      let byte = buffer[lineStart]
      let startsStatement =
        byte == 0x5F || byte == 0x40 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
      if startsStatement && !previousIsDecorator { return lineStart }
    }
    return nil
  }

  /// Reads the candidates of one window into `context`: the statements holding them, parsed
  /// and given the first pass. `tokenize` is false when `context` already holds the window's
  /// tokens (a file of one window). Returns where the candidate search stopped (PCRE2's match
  /// limit), when it did; nothing after that point may be read.
  private static func readCandidates(
    in window: Range<Int>, into context: ScanContext, patterns: CandidatePatterns, tokenize: Bool
  ) -> Int? {
    let subject = UnsafeRawBufferPointer(context.bytes)
    let calls = patterns.callSites.matches(in: subject, range: window)
    let decorators = patterns.decorators.matches(in: subject, range: window)
    var stoppedAt: Int?
    if !calls.complete || !decorators.complete {
      let callStop = calls.complete ? nil : calls.ranges.last?.upperBound ?? window.lowerBound
      let decoratorStop =
        decorators.complete ? nil : decorators.ranges.last?.upperBound ?? window.lowerBound
      stoppedAt = [callStop, decoratorStop].compactMap { $0 }.min()
    }
    // Aliases are found in the tokens, not by the patterns: a window with no match may call one.
    guard
      !tokenize || !context.imports.aliases.isEmpty || !calls.ranges.isEmpty
        || !decorators.ranges.isEmpty
    else { return stoppedAt }
    if tokenize { context.read(window: PythonTokenizer.tokenize(context.bytes, range: window)) }
    context.readStatements(
      candidates: candidateTokens(
        context, calls: calls.ranges[...], decorators: decorators.ranges[...]))
    return stoppedAt
  }

  /// Reads the candidates of a file read in windows, each window in a context of its own, on
  /// every core, then gathers what each found into `context` in file order. Windows are
  /// independent: the first pass reaches other statements only through the whole-file tables
  /// (bindings, constants, Flyte 2 decorators) every window shares, and what it leaves for the
  /// later passes (declarations, consumed calls, pending roots) is keyed by byte offsets and
  /// merged in order. Returns where the candidate search stopped, as `readCandidates` does;
  /// the windows after that one are dropped, as one search over the file would not reach them.
  private static func readWindows(
    _ windows: [Range<Int>], into context: ScanContext, patterns: CandidatePatterns
  ) -> Int? {
    // Facts every window would otherwise work out again (all of a file's `@env.task`s).
    context.prepareFlyte2State()
    // Windows are read a batch at a time and gathered after each batch, so that at most one
    // batch's findings exist twice (in their window and in `context`), not the whole file's.
    let batch = windowsPerBatch
    let slots = UnsafeMutableBufferPointer<(found: WindowFindings, stoppedAt: Int?)>.allocate(
      capacity: batch)
    slots.initialize(repeating: (WindowFindings(), nil))
    defer { slots.deinitialize().deallocate() }
    nonisolated(unsafe) let shared = slots
    // Only read while the windows are: each gets its own reader of the file's tables.
    nonisolated(unsafe) let template = context
    var first = 0
    while first < windows.count {
      let count = min(batch, windows.count - first)
      let offset = first
      DispatchQueue.concurrentPerform(iterations: count) { index in
        // Each slot is written by exactly one iteration and read only after all have finished;
        // the reader, with its window's tokens, is gone when the iteration ends.
        let reader = template.windowReader()
        let stoppedAt = readCandidates(
          in: windows[offset + index], into: reader, patterns: patterns, tokenize: true)
        shared[index] = (reader.findings, stoppedAt)
      }
      for index in 0..<count {
        let found = slots[index].found
        slots[index].found = WindowFindings()
        context.gather(found)
        if let stop = slots[index].stoppedAt { return stop }
      }
      first += count
      if first == count, first < windows.count, let read = windows[count - 1].last {
        // Declarations are most of a dense file's memory: sized once for the whole file, from
        // what the first batch found in its bytes, rather than doubled as they come.
        let expected = context.declarations.count * (windows[windows.count - 1].upperBound + 1)
        context.declarations.reserveCapacity(expected / (read + 1) * 21 / 20)
      }
    }
    return nil
  }

  /// Windows read at once between two gatherings: enough to keep every core busy.
  static let windowsPerBatch = 16

  /// The byte ranges of the file's comments (`#` to the end of the line), as the tokenizer
  /// sees them: a `#` in a string, docstring or f-string text is not one. For files `scan`
  /// did not tokenize (its prefilter rejected them) but that may hold suppression comments.
  public static func comments(in file: SourceFile) -> [Range<Int>] {
    file.bytes.withUnsafeBufferPointer {
      PythonTokenizer.tokenize($0, windowTokens: windowTokens) { _, _ in }.comments
    }
  }

  /// Confirmed candidate tokens of the context's stream: names of calls and decorator `@`s, in
  /// order, from the patterns' matches that fall in it.
  static func candidateTokens(
    _ context: ScanContext, calls: ArraySlice<Range<Int>>, decorators: ArraySlice<Range<Int>>
  ) -> [Int] {
    let tokens = context.stream.tokens
    // Gathered in an array, sorted and made unique at the end: cheaper than a hashed set.
    var result: [Int] = []
    for range in calls {
      if let index = context.tokenIndex(startingAt: range.lowerBound),
        tokens[index].kind == .name
      {
        result.append(index)
      }
    }
    for range in decorators where range.upperBound > 0 {
      if let index = context.tokenIndex(startingAt: range.upperBound - 1),
        tokens[index].kind == .op, tokens[index].op == Op.at,
        let line = context.lineIndex(ofToken: index),
        context.stream.lines[line].firstToken == index
      {
        result.append(index)
      }
    }
    // Aliases (`from flytekit import Resources as R`) cannot be known to a static pattern:
    // their calls are found in the token stream. (A precheck that spared files without a
    // possible alias call the import table saved 1.5 % of the instructions of a `check` of the
    // bench's medium tree: not worth its 60 lines.)
    let aliases = context.imports.aliases
    if !aliases.isEmpty {
      // A name becomes a String (to look it up) only when an alias has its first byte and its
      // length: most calls in the file are turned away without one.
      var firstBytes = [Bool](repeating: false, count: 256)
      var lengths: UInt64 = 0
      for alias in aliases {
        guard let first = alias.utf8.first else { continue }
        firstBytes[Int(first)] = true
        lengths |= alias.utf8.count < 64 ? 1 << UInt64(alias.utf8.count) : 1
      }
      let lparen = Op.lparen
      for index in 0..<max(0, tokens.count - 1)
      where tokens[index].kind == .name && tokens[index].flags == 0
        && tokens[index + 1].kind == .op && tokens[index + 1].op == lparen
      {
        let token = tokens[index]
        let length = token.end - token.start
        guard firstBytes[Int(context.bytes[token.start])],
          (length < 64 ? (lengths >> UInt64(length)) & 1 : lengths & 1) != 0
        else { continue }
        if aliases.contains(context.text(token.start, token.end)) {
          result.append(index)
        }
      }
    }
    result.sort()
    var unique: [Int] = []
    unique.reserveCapacity(result.count)
    for index in result where unique.last != index { unique.append(index) }
    return unique
  }

  /// Declarations in source order (line, column), stable for equal locations.
  static func sorted(_ declarations: [Declaration]) -> [Declaration] {
    // Usually they are emitted in order already: no second array of every declaration then.
    if declarations.indices.dropFirst().allSatisfy({
      !(declarations[$0].location < declarations[$0 - 1].location)
    }) {
      return declarations
    }
    return declarations.enumerated().sorted { lhs, rhs in
      if lhs.element.location != rhs.element.location {
        return lhs.element.location < rhs.element.location
      }
      return lhs.offset < rhs.offset
    }.map { $0.element }
  }
}

/// One expression tree to look into, with the statement it came from.
struct Root {
  var expr: Expr
  var statement: ParsedStatement
}

/// A call inside an expression tree, listed in pre-order with the index just past the calls
/// nested in it, so that the scanner's passes need not walk (and copy) the tree each time.
struct NestedCall {
  var node: Expr
  var call: CallExpr
  var end: Int

  static func list(in expr: Expr) -> [NestedCall] {
    var calls: [NestedCall] = []
    collect(expr, into: &calls)
    return calls
  }

  /// Visits the children in the order of `Expr.children`, without building that array.
  private static func collect(_ expr: Expr, into calls: inout [NestedCall]) {
    switch expr.kind {
    case .call(let call):
      let index = calls.count
      calls.append(NestedCall(node: expr, call: call, end: 0))
      collect(call.callee, into: &calls)
      for argument in call.arguments { collect(argument.value, into: &calls) }
      calls[index].end = calls.count
    case .attribute(let base, _, _), .subscription(let base):
      collect(base, into: &calls)
    case .tuple(let items, _), .list(let items), .set(let items), .binary(let items):
      for item in items { collect(item, into: &calls) }
    case .dict(let items):
      for item in items {
        if let key = item.key { collect(key, into: &calls) }
        collect(item.value, into: &calls)
      }
    case .unary(_, let operand), .starred(let operand):
      collect(operand, into: &calls)
    case .conditional(let body, let test, let orElse):
      collect(body, into: &calls)
      collect(test, into: &calls)
      collect(orElse, into: &calls)
    default:
      break
    }
  }
}

extension ScanContext {
  /// Parses the statements holding `candidates` (token indices of the current window) and runs
  /// the first pass over them; `finishPasses()` runs the rest once every window is read.
  /// Outermost constructs come first so that nested calls are attributed to their owner.
  ///
  /// Each statement is parsed and given the first pass at once, and a root whose calls that
  /// pass consumed all is dropped: every later pass only visits unconsumed calls, so it could
  /// do nothing with it. A dense file (one task per line) then holds one statement's tree at a
  /// time instead of every tree until the end (about 1.4 KB a task).
  func readStatements(candidates: [Int]) {
    var first = 0
    while first < candidates.count {
      guard let line = lineIndex(ofToken: candidates[first]) else {
        first += 1
        continue
      }
      var end = first + 1
      while end < candidates.count, lineIndex(ofToken: candidates[end]) == line { end += 1 }
      let parsed = statement(line, caching: false)
      var covered: [Int] = []
      var isDone = true
      for expr in parsed.expressions {
        let root = Root(expr: expr, statement: parsed)
        let calls = NestedCall.list(in: root.expr)
        for nested in calls { covered.append(nested.call.openParen) }
        firstPass(root, calls)
        if calls.contains(where: { !consumed.contains($0.call.openParen) }) {
          pending.append((root, calls))
          isDone = false
        }
      }
      let fallbacks = fallbackRoots(
        candidates: candidates[first..<end], line: line, covered: covered)
      fallback += fallbacks
      forgetCalls(
        covered, statement: parsed, isDone: isDone && fallbacks.isEmpty)
      first = end
    }
  }

  /// The passes after the first, once every window's statements are read: the first pass over
  /// the fallback roots, then the constructs a later statement might still have consumed.
  func finishPasses() {
    for root in fallback {
      let calls = NestedCall.list(in: root.expr)
      firstPass(root, calls)
      if calls.contains(where: { !consumed.contains($0.call.openParen) }) {
        pending.append((root, calls))
      }
    }

    // 2. Plugin configs, resource specs and pod templates not attached to a task.
    for (root, calls) in pending {
      var index = 0
      while index < calls.count {
        let nested = calls[index]
        index += 1
        guard !consumed.contains(nested.call.openParen) else { continue }
        switch pendingSymbol(nested.call.callee) {
        case .plugin(let className):
          handlePlugin(nested.node, nested.call, className: className, owner: nil)
        case .resourceSpec:
          handleResourceSpec(
            nested.node, nested.call, assignedName: assignedName(nested.node, root))
        case .podTemplate:
          handlePodTemplate(nested.call, owner: nil)
          index = nested.end
        default:
          break
        }
      }
    }
    for (_, calls) in pending {
      var index = 0
      while index < calls.count {
        let nested = calls[index]
        index += 1
        guard !consumed.contains(nested.call.openParen) else { continue }
        if pendingSymbol(nested.call.callee) == .v1Container {
          containers(in: nested.node, container: nil, primary: nil, owner: nil, depth: 0)
          index = nested.end
        }
      }
    }
    // 3. Whatever is left: standalone `Resources(...)` and `V1ResourceRequirements(...)`.
    for (root, calls) in pending {
      for nested in calls where !consumed.contains(nested.call.openParen) {
        switch pendingSymbol(nested.call.callee) {
        case .resources:
          handleStandaloneResources(
            nested.node, nested.call, assignedName: assignedName(nested.node, root))
        case .v1ResourceRequirements:
          handleRequirements(nested.node, nested.call, container: nil, primary: nil, owner: nil)
        case .flyteResources:
          handleFlyte2Resources(
            nested.node, nested.call, assignedName: assignedName(nested.node, root))
        default:
          break
        }
      }
    }
  }

  /// 1. Constructs that are never part of another: task decorators, overrides, container tasks.
  /// This pass decides nothing for another root (it reaches other statements only through
  /// constants, whose calls it may consume but never checks), so running it statement by
  /// statement, as the statements are parsed, is the same as running it after every parse.
  private func firstPass(_ root: Root, _ calls: [NestedCall]) {
    if root.statement.isDecorator, root.expr.start == decoratorStart(root.statement),
      let call = root.expr.call, symbol(call.callee) == .taskDecorator
    {
      handleTaskDecorator(call, line: root.statement.line, end: root.expr.end)
    }
    for nested in calls where !consumed.contains(nested.call.openParen) {
      let call = nested.call
      if case .attribute(let receiver, "with_overrides", let nameStart) = call.callee.kind {
        handleOverride(call, receiver: receiver, nameStart: nameStart, end: nested.node.end)
      } else if handleFlyte2Construct(nested, root) {
        continue
      } else if symbol(call.callee) == .containerTask {
        handleContainerTask(nested.node, call, assignedName: assignedName(nested.node, root))
      }
    }
  }

  /// Forgets that the calls of a statement were consumed when no later pass can ask: the
  /// statement is no assignment (no constant refers to it) and is `isDone` (no root of it waits
  /// for a later pass). A dense file then keeps no entry per call until the end of the scan.
  private func forgetCalls(_ calls: [Int], statement: ParsedStatement, isDone: Bool) {
    guard statement.target == nil, isDone else { return }
    for openParen in calls { consumed.remove(openParen) }
  }

  private func decoratorStart(_ statement: ParsedStatement) -> Int {
    let first = stream.lines[statement.line].firstToken
    return first + 1 < stream.tokens.count ? stream.tokens[first + 1].start : -1
  }

  /// The variable a call is directly assigned to (`x = ContainerTask(...)`), if any.
  func assignedName(_ node: Expr, _ root: Root) -> String? {
    guard let valueStart = root.statement.valueStart,
      let value = root.statement.expressions.first(where: { $0.start >= valueStart }),
      let valueCall = value.call, let call = node.call, valueCall.openParen == call.openParen
    else { return nil }
    return root.statement.target
  }

  /// Candidate calls that the statement parse did not reach (inside a lambda, a comprehension,
  /// an annotation, or nesting too deep) are parsed on their own.
  /// `candidates` are those of logical line `line`, and `covered` the `(` offsets of the calls
  /// its statement parse reached (a fallback parse never leaves its line).
  private func fallbackRoots(candidates: ArraySlice<Int>, line: Int, covered: [Int]) -> [Root] {
    // Nearly always every candidate is covered: a sorted copy of the statement's few calls is
    // searched without building a set per statement; calls a fallback parse reaches are rare.
    let sorted = covered.sorted()
    var reached = Set<Int>()
    func isCovered(_ offset: Int) -> Bool {
      var low = 0
      var high = sorted.count
      while low < high {
        let mid = (low + high) / 2
        if sorted[mid] < offset { low = mid + 1 } else { high = mid }
      }
      return (low < sorted.count && sorted[low] == offset)
        || (!reached.isEmpty && reached.contains(offset))
    }
    var result: [Root] = []
    let tokens = stream.tokens
    for index in candidates where tokens[index].kind == .name && index + 1 < tokens.count {
      let next = tokens[index + 1]
      guard next.kind == .op, next.op == Op.lparen, !isCovered(next.start) else { continue }
      let start = chainStart(index)
      // The parse ends with the candidate's own call: later calls of a chain are candidates of
      // their own, and parsing each to the end of the line was quadratic in a long chain.
      let close = stream.partner[index + 1]
      let lineEnd = stream.lines[line].endToken
      var parser = PythonParser(
        stream: stream, bytes: bytes, from: start,
        to: close > index + 1 ? min(close + 1, lineEnd) : lineEnd)
      let expr = parser.postfix()
      expr.walk { node in
        if let call = node.call { reached.insert(call.openParen) }
        return true
      }
      let statement = ParsedStatement(
        line: line, expressions: [expr], target: nil, valueStart: nil, isDecorator: false)
      result.append(Root(expr: expr, statement: statement))
    }
    return result
  }

  /// The first token of the attribute/call chain that ends with the name at `index`
  /// (`t` in `t(a=1).with_overrides`).
  private func chainStart(_ index: Int) -> Int {
    let tokens = stream.tokens
    var start = index
    var steps = 0
    // A quarter of the parser's depth: the candidate's call stays within the parse, and a long
    // chain is not parsed again from far back for every one of its calls.
    while start >= 2, steps < PythonParser.maxDepth / 4, tokens[start - 1].kind == .op,
      tokens[start - 1].op == Op.dot
    {
      steps += 1
      var previous = start - 2
      while previous >= 0, tokens[previous].kind == .op,
        tokens[previous].op == Op.rparen || tokens[previous].op == Op.rbracket,
        stream.partner[previous] >= 0, stream.partner[previous] < previous
      {
        previous = stream.partner[previous] - 1
      }
      if previous >= 0 && tokens[previous].kind == .name && tokens[previous].flags == 0 {
        start = previous
      } else {
        break
      }
    }
    return start
  }
}
