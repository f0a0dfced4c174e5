import ResourceModel
import SourceText

/// One file's findings, collected while the rules (or a policy) check each declaration in turn.
///
/// A value defined once and used by several constructs (a module constant, a YAML anchor) is
/// one mistake: it is reported once, at the place of the first declaration that reported it.
/// Each construct that uses it is named on that finding as a related location (`used by task
/// a (limits=SMALL)`), so the reader knows which tasks the fix changes. A value written inside
/// the construct that uses it gets none: the finding's own location says it all.
struct FileFindings {
  private(set) var diagnostics: [Diagnostic] = []
  /// The position in `diagnostics` of the first finding with each hash (as reported), and of the
  /// next with the same hash after each: a table keyed by the findings themselves held a copy
  /// of every one (12 MiB, the peak of a dense module's run, for its 24,000 findings).
  private var firstByHash: [Int: Int] = [:]
  private var nextWithSameHash: [Int] = []
  /// The file's text, for quoting the argument a shared value is passed through; nil quotes
  /// nothing.
  private let source: SourceFile?

  /// `expected`: how many findings may be added (duplicates included), to size the lists once.
  init(source: SourceFile?, expected: Int = 0) {
    self.source = source
    diagnostics.reserveCapacity(expected)
    nextWithSameHash.reserveCapacity(expected)
    firstByHash.reserveCapacity(expected)
  }

  /// Adds a finding reported while checking `declaration`, or, when the same finding was
  /// already reported, the declaration's use of its value. `place` gives the finding's logical
  /// place; it is asked only for a new finding. `diagnostic` is as a rule or policy reports it,
  /// with neither a logical place nor related locations.
  mutating func add(
    _ diagnostic: Diagnostic, checking declaration: Declaration,
    place: () -> String? = { nil }
  ) {
    let use = Self.use(of: diagnostic.span, by: declaration, in: diagnostic.file, source: source)
    let hash = diagnostic.hashValue
    var candidate = firstByHash[hash]
    while let index = candidate {
      if Self.asReported(diagnostics[index]) == diagnostic {
        if let use, !diagnostics[index].related.contains(use) {
          diagnostics[index].related.append(use)
        }
        return
      }
      candidate = nextWithSameHash[index] < 0 ? nil : nextWithSameHash[index]
    }
    nextWithSameHash.append(firstByHash[hash] ?? -1)
    firstByHash[hash] = diagnostics.count
    var placed = diagnostic
    if let logicalPlace = place() { placed.logicalPlace = logicalPlace }
    if let use { placed.related.append(use) }
    diagnostics.append(placed)
  }

  /// A kept finding as it was reported, before it got its logical place and related
  /// locations here: what a new report is compared with.
  private static func asReported(_ kept: Diagnostic) -> Diagnostic {
    var reported = kept
    reported.logicalPlace = nil
    reported.related = []
    return reported
  }

  /// Where `declaration` uses a value at `span` that is defined outside the construct: the
  /// argument it is passed through (`limits=SMALL`), else the construct itself. nil when the
  /// value is written inside the construct, or is not one of the declaration's own values (a
  /// rule relating a task to its overrides may point into the task while checking an
  /// override).
  static func use(
    of span: SourceSpan, by declaration: Declaration, in file: String, source: SourceFile?
  ) -> RelatedLocation? {
    guard let extent = declaration.extent, !extent.contains(span) else { return nil }
    let user = "used by " + LogicalPlace.describe(declaration)
    if let argument = declaration.arguments.last(where: { $0.reaches(span) }),
      let written = argument.extent
    {
      let text = source.flatMap { quote(written, in: $0) } ?? argument.name + "=…"
      return RelatedLocation(file: file, span: written, message: user + " (\(text))")
    }
    let lists = [declaration.requests, declaration.limits, declaration.resourceFields]
    let owns = lists.contains { list in
      list?.entries.contains { $0.value.reaches(span) || $0.keySpan.contains(span) } ?? false
    }
    guard owns else { return nil }
    // A construct on one line (`resources: *defaults`) is shown and quoted whole; a longer one
    // is shown by where it starts.
    guard extent.start.line == extent.end.line else {
      return RelatedLocation(file: file, span: SourceSpan(at: declaration.location), message: user)
    }
    let text = source.flatMap { quote(extent, in: $0) }
    return RelatedLocation(
      file: file, span: extent, message: user + (text.map { " (\($0))" } ?? ""))
  }

  /// The text of `span` when it is one short line (`limits=SMALL`); nil otherwise.
  private static func quote(_ span: SourceSpan, in source: SourceFile) -> String? {
    guard span.start.line == span.end.line, span.end.column - span.start.column <= 60,
      let line = source.text(ofLine: span.start.line)
    else { return nil }
    let scalars = Array(line.unicodeScalars)
    let from = span.start.column - 1
    let to = span.end.column - 1
    guard from >= 0, from < to, to <= scalars.count else { return nil }
    return String(String.UnicodeScalarView(scalars[from..<to]))
  }
}

extension ArgumentUse {
  /// True when the value at `span` is this argument's value or part of it (a field of the
  /// `Resources` it passes, an item of a tuple), wherever that value is written.
  fileprivate func reaches(_ span: SourceSpan) -> Bool {
    if value?.reaches(span) ?? false { return true }
    return resourceFields?.entries.contains { $0.value.reaches(span) || $0.keySpan.contains(span) }
      ?? false
  }
}

extension ResourceValue {
  /// True when `span` lies within this value or one of its items (a tuple written in the call
  /// may hold constants defined elsewhere).
  fileprivate func reaches(_ span: SourceSpan) -> Bool {
    if self.span.contains(span) { return true }
    if case .sequence(let items, _) = form { return items.contains { $0.reaches(span) } }
    return false
  }
}
