import FileIO
import PythonScanner
import ResourceModel
import SourceText
import YAMLScanner

/// The edit that silences one rule on one line with a suppression comment, as an editor's
/// "Suppress RLxxx on this line" action writes it.
///
/// A line that already has a directive of ours (`# noqa: …` or `# resourcelint: ignore[…]`)
/// gets the code added to it, since two directives on one line read as a mistake; otherwise
/// the line gets the spelling its language's users expect: `# noqa: RLxxx` in Python (what
/// flake8 and ruff users already type), `# resourcelint: ignore[RLxxx]` in YAML (where `noqa`
/// means nothing to anyone else). Both spellings are the accepted ones `FileSuppressions`
/// reads without an RL029.
public enum SuppressionEditor {
  /// The edit adding `code` to the suppressions of 1-based `line` of `file`, or nil when no
  /// comment can be put there: the line does not exist, or it ends in a backslash
  /// continuation (a comment after it would be a syntax error).
  public static func edit(suppressing code: String, onLine line: Int, in file: SourceFile)
    -> Edit?
  {
    guard let range = file.byteRange(ofLine: line), let language = FileLanguage(path: file.path)
    else { return nil }
    return edit(suppressing: code, onLine: line, in: file, language: language, range: range)
  }

  /// `edit(suppressing:onLine:in:)` for a file whose language is known apart from its path
  /// (an editor buffer without a file name).
  public static func edit(
    suppressing code: String, onLine line: Int, in file: SourceFile, language: FileLanguage
  ) -> Edit? {
    guard let range = file.byteRange(ofLine: line) else { return nil }
    return edit(suppressing: code, onLine: line, in: file, language: language, range: range)
  }

  private static func edit(
    suppressing code: String, onLine line: Int, in file: SourceFile, language: FileLanguage,
    range: Range<Int>
  ) -> Edit? {
    let bytes = file.bytes
    let comments: [Range<Int>]
    switch language {
    case .python: comments = PythonScanner.comments(in: file)
    case .yaml: comments = YAMLScanner.comments(in: file)
    }
    // The comment on this line, if any: it runs to the line's end.
    let comment = comments.first {
      $0.lowerBound >= range.lowerBound && $0.lowerBound < range.upperBound
    }
    if let comment, let insertion = extensionPoint(in: comment, of: bytes) {
      let location = file.location(ofByte: insertion)
      return Edit(replacing: SourceSpan(start: location, end: location), with: ", " + code)
    }
    var end = range.upperBound
    while end > range.lowerBound && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) {
      end -= 1
    }
    if comment == nil && end > range.lowerBound && bytes[end - 1] == 0x5C { return nil }
    let directive = language == .python ? "# noqa: \(code)" : "# resourcelint: ignore[\(code)]"
    let separator = end == range.lowerBound ? "" : "  "
    // Trailing blanks are replaced, so the line ends with the directive.
    let span = file.span(fromByte: end, toByte: range.upperBound)
    return Edit(replacing: span, with: separator + directive)
  }

  /// Where `, RLxxx` goes in a comment holding a directive with a list: after the last name of
  /// a `noqa:` list, before the `]` (or `)`) of an `ignore[…]` list. nil when the comment has no
  /// such directive; a bare `# noqa` or `# resourcelint: ignore` already silences every rule.
  static func extensionPoint(in comment: Range<Int>, of bytes: [UInt8]) -> Int? {
    var starts = comment.filter { bytes[$0] == 0x23 }
    starts.append(comment.upperBound)
    for (start, end) in zip(starts, starts.dropFirst()) {
      var body = start + 1
      while body < end && (bytes[body] == 0x20 || bytes[body] == 0x09) { body += 1 }
      var last = end
      while last > body && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
      let text = String(decoding: bytes[body..<last], as: UTF8.self)
      let lower = text.lowercased()
      if lower.hasPrefix("noqa:") {
        let list = text.dropFirst("noqa:".count).trimmingBlanks()
        return list.isEmpty ? nil : last
      }
      if lower.hasPrefix("resourcelint: ignore[") || lower.hasPrefix("resourcelint: ignore(") {
        // The last closer of the segment; an unclosed list is extended at its end.
        if let closer = bytes[body..<last].lastIndex(where: { $0 == 0x5D || $0 == 0x29 }) {
          return closer
        }
        return last
      }
    }
    return nil
  }
}
