import FileIO
import ResourceModel
import SourceText

/// What `check` does with the fixes rules offer: which it applies, and whether it writes.
public struct FixOptions: Sendable, Hashable {
  /// The least safe applicability applied: `.safe` for `--fix`, `.unsafe` with
  /// `--unsafe-fixes`.
  public var applicability: FixApplicability
  /// False for `--diff`: the fixed text is computed and reported, the file left alone.
  public var writes: Bool

  public init(applicability: FixApplicability, writes: Bool) {
    self.applicability = applicability
    self.writes = writes
  }
}

/// Applies fixes to a file's bytes: lint, apply every fix that does not overlap another, lint
/// the result again, until nothing applies.
///
/// It lives in the engine, not the command: fixing needs the linter with the file's own
/// settings (each pass lints again), the exact bytes the linter read (edits are located in
/// them), and the file reading and atomic writing that this target already does.
///
/// Edits are placed by line and Unicode-scalar column against the bytes of the pass that
/// reported them, and only the edited byte ranges change: line endings (CRLF, a lone CR), a
/// byte order mark, comments and the quoting of every other value stay byte for byte.
public enum FixEngine {
  /// More passes than any chain of fixes needs (a fix that only uncovers another finding on
  /// the same value); reaching it means fixes keep applying and the file is left as it is then.
  public static let maximumPasses = 10

  /// The byte range of `span` in `file`, or nil when it does not lie within the file: a column
  /// past the end of its line, a line past the last, or an end before the start.
  public static func byteRange(of span: SourceSpan, in file: SourceFile) -> Range<Int>? {
    guard let start = byteOffset(of: span.start, in: file),
      let end = byteOffset(of: span.end, in: file), start <= end
    else { return nil }
    return start..<end
  }

  /// The byte offset of `location`, strictly: the column may be one past the line's last
  /// scalar (the end of the line), not further.
  static func byteOffset(of location: SourceLocation, in file: SourceFile) -> Int? {
    guard location.column >= 1, let line = file.byteRange(ofLine: location.line) else {
      return nil
    }
    var index = line.lowerBound
    var column = 1
    while column < location.column {
      guard index < line.upperBound else { return nil }
      index += 1
      while index < line.upperBound && file.bytes[index] & 0xC0 == 0x80 { index += 1 }
      column += 1
    }
    return index
  }

  /// The diagnostics with every fix that cannot be applied to `file` removed: an edit outside
  /// the file, edits of one fix that overlap, or an edit whose `expected` text is not what the
  /// file holds there (the rule guessed a spelling the source does not have).
  static func validated(_ diagnostics: [Diagnostic], in file: SourceFile) -> [Diagnostic] {
    guard diagnostics.contains(where: { $0.fix != nil }) else { return diagnostics }
    return diagnostics.map { diagnostic in
      guard let fix = diagnostic.fix else { return diagnostic }
      var copy = diagnostic
      if ranges(of: fix, in: file) == nil { copy.fix = nil }
      return copy
    }
  }

  /// Each edit of `fix` as a byte range with its replacement, in file order; nil when the fix
  /// cannot be applied to `file` as it is.
  static func ranges(of fix: Fix, in file: SourceFile) -> [(Range<Int>, [UInt8])]? {
    guard !fix.edits.isEmpty else { return nil }
    var ranges: [(Range<Int>, [UInt8])] = []
    for edit in fix.edits {
      guard let range = byteRange(of: edit.span, in: file) else { return nil }
      if let expected = edit.expected, !file.bytes[range].elementsEqual(expected.utf8) {
        return nil
      }
      ranges.append((range, Array(edit.replacement.utf8)))
    }
    ranges.sort { $0.0.lowerBound < $1.0.lowerBound }
    for index in ranges.indices.dropFirst()
    where conflict(ranges[index - 1].0, ranges[index].0) {
      return nil
    }
    return ranges
  }

  /// True when two edits cannot both apply: their ranges share a byte, or they insert at (or
  /// next to) the same place, where their order would be a guess.
  static func conflict(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
    if first.overlaps(second) { return true }
    if first.isEmpty || second.isEmpty {
      return first.lowerBound <= second.upperBound && second.lowerBound <= first.upperBound
    }
    return false
  }

  /// `bytes` with the fixes of `diagnostics` applied, in file order; a fix whose edits overlap
  /// one already taken is left for the next pass. Returns the findings whose fixes applied.
  public static func apply(_ diagnostics: [Diagnostic], to bytes: [UInt8], path: String)
    -> (bytes: [UInt8], applied: [Diagnostic])
  {
    let file = SourceFile(path: path, bytes: bytes)
    var candidates: [(diagnostic: Diagnostic, edits: [(Range<Int>, [UInt8])])] = []
    for diagnostic in diagnostics {
      guard let fix = diagnostic.fix, let edits = ranges(of: fix, in: file) else { continue }
      // An edit that writes what is already there changes nothing and would be "applied"
      // forever.
      guard edits.contains(where: { !file.bytes[$0.0].elementsEqual($0.1) }) else { continue }
      candidates.append((diagnostic, edits))
    }
    candidates.sort { lhs, rhs in
      lhs.edits[0].0.lowerBound != rhs.edits[0].0.lowerBound
        ? lhs.edits[0].0.lowerBound < rhs.edits[0].0.lowerBound
        : Diagnostic.inReportOrder(lhs.diagnostic, rhs.diagnostic)
    }
    var taken: [(Range<Int>, [UInt8])] = []
    var applied: [Diagnostic] = []
    for candidate in candidates {
      let clashes = candidate.edits.contains { edit in
        taken.contains { conflict($0.0, edit.0) }
      }
      // Two rules may offer the same fix for one value: it is applied once, and both count.
      let duplicate = candidate.edits.allSatisfy { edit in
        taken.contains { $0.0 == edit.0 && $0.1 == edit.1 }
      }
      if duplicate {
        applied.append(candidate.diagnostic)
        continue
      }
      if clashes { continue }
      taken += candidate.edits
      applied.append(candidate.diagnostic)
    }
    guard !taken.isEmpty else { return (bytes, []) }
    taken.sort { $0.0.lowerBound < $1.0.lowerBound }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var position = 0
    for (range, replacement) in taken {
      result += bytes[position..<range.lowerBound]
      result += replacement
      position = range.upperBound
    }
    result += bytes[position...]
    return (result, applied)
  }
}

extension Linter {
  /// Lints `bytes` and applies the fixes `options` allow until none applies (at most
  /// `FixEngine.maximumPasses` passes), writing the file when `options.writes` and it changed.
  /// The result is that of the last lint, the findings that remain, with a `FixRecord` when
  /// some fix applied.
  public func fix(
    path: String, bytes: [UInt8], language: FileLanguage, options: FixOptions,
    maximumPasses: Int = FixEngine.maximumPasses
  ) -> FileResult {
    var current = bytes
    var result = lint(path: path, bytes: current, language: language)
    var applied: [Diagnostic] = []
    var passes = 0
    var converged = true
    while true {
      let fixable = result.diagnostics.filter {
        ($0.fix?.applicability).map { $0 <= options.applicability } ?? false
      }
      if fixable.isEmpty { break }
      let (fixed, used) = FixEngine.apply(fixable, to: current, path: path)
      if used.isEmpty || fixed == current { break }
      if passes == maximumPasses {
        converged = false
        break
      }
      passes += 1
      applied += used
      current = fixed
      result = lint(path: path, bytes: current, language: language)
    }
    guard passes > 0 else { return result }
    var record = FixRecord(
      applied: applied, original: bytes, fixed: current, passes: passes, converged: converged)
    if options.writes && record.changed {
      do {
        try AtomicFile.replace(current, at: path)
      } catch {
        record.writeError = error.description
      }
    }
    result.fixes = record
    return result
  }
}
