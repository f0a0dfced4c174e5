import Dispatch
import ResourceModel

/// How diagnostics are printed.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text
  case concise
  case json
}

/// Totals for the summary line.
public struct RunSummary: Sendable {
  public var filesChecked: Int
  public var diagnostics: [Diagnostic]
  /// The least safe fixes `--fix` would apply (`.unsafe` with `--unsafe-fixes`): findings with
  /// such a fix count as fixable, those with a less safe one as hidden.
  public var fixApplicability: FixApplicability
  /// Findings fixed by this run, and in how many files.
  public var fixed: Int
  public var filesFixed: Int

  public init(
    filesChecked: Int, diagnostics: [Diagnostic], fixApplicability: FixApplicability = .safe,
    fixed: Int = 0, filesFixed: Int = 0
  ) {
    self.filesChecked = filesChecked
    self.diagnostics = diagnostics
    self.fixApplicability = fixApplicability
    self.fixed = fixed
    self.filesFixed = filesFixed
  }

  /// Findings `--fix` would fix, and those only `--unsafe-fixes` would.
  public var fixable: (applicable: Int, hidden: Int) {
    var applicable = 0
    var hidden = 0
    for diagnostic in diagnostics {
      guard let fix = diagnostic.fix else { continue }
      if fix.applicability <= fixApplicability { applicable += 1 } else { hidden += 1 }
    }
    return (applicable, hidden)
  }

  public func count(_ severity: Severity) -> Int {
    diagnostics.filter { $0.severity == severity }.count
  }
}

/// `path:line:col: severity: message [RL001]` — the gcc / problem-matcher shape.
public enum ConciseReporter {
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { line(for: $0) + "\n" }.joined()
  }

  public static func line(for diagnostic: Diagnostic) -> String {
    "\(TerminalText.escaped(diagnostic.file)):\(diagnostic.span.start.line):"
      + "\(diagnostic.span.start.column): "
      + "\(diagnostic.severity.rawValue): \(TerminalText.escaped(diagnostic.message)) "
      + "[\(diagnostic.code)]"
  }
}

/// The documented JSON array, one object per finding.
public enum JSONReporter {
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    JSON.array(
      diagnostics.map { diagnostic in
        JSON.object(
          [
            ("file", JSON.string(diagnostic.file)),
            ("line", String(diagnostic.span.start.line)),
            ("column", String(diagnostic.span.start.column)),
            ("end_line", String(diagnostic.span.end.line)),
            ("end_column", String(diagnostic.span.end.column)),
            ("rule", JSON.string(diagnostic.code)),
            ("name", JSON.string(diagnostic.name)),
            ("severity", JSON.string(diagnostic.severity.rawValue)),
            ("message", JSON.string(diagnostic.message)),
            ("fix", diagnostic.fix.map(fix) ?? "null"),
          ] + related(diagnostic.related))
      }) + "\n"
  }

  /// `{"applicability", "message", "edits": [{"content", "location", "end_location"}]}`, the
  /// shape ruff's JSON gives a fix, with this format's `line`/`column` in the locations.
  static func fix(_ fix: Fix) -> String {
    func location(_ location: SourceLocation) -> String {
      JSON.object([("line", String(location.line)), ("column", String(location.column))])
    }
    let edits = fix.edits.map { edit in
      JSON.object([
        ("content", JSON.string(edit.replacement)),
        ("location", location(edit.span.start)),
        ("end_location", location(edit.span.end)),
      ])
    }
    return JSON.object([
      ("applicability", JSON.string(fix.applicability.rawValue)),
      ("message", JSON.string(fix.title)),
      ("edits", "[" + edits.joined(separator: ", ") + "]"),
    ])
  }

  /// `"related": [{"file", "line", "column", "end_line", "end_column", "message"}]`, present
  /// only when the finding has related locations.
  static func related(_ locations: [RelatedLocation]) -> [(String, String)] {
    guard !locations.isEmpty else { return [] }
    let items = locations.map { location in
      JSON.object([
        ("file", JSON.string(location.file)),
        ("line", String(location.span.start.line)),
        ("column", String(location.span.start.column)),
        ("end_line", String(location.span.end.line)),
        ("end_column", String(location.span.end.column)),
        ("message", JSON.string(location.message)),
      ])
    }
    return [("related", "[" + items.joined(separator: ", ") + "]")]
  }
}

/// The default, human format: each finding with its source line and a caret under the value.
public enum TextReporter {
  public struct Style: Sendable {
    public var color: Bool
    public init(color: Bool) { self.color = color }

    func paint(_ text: String, _ code: String) -> String {
      color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
  }

  /// - Parameter fixable: the least safe fix `--fix` applies; findings with such a fix are
  ///   marked `[*]`, as ruff marks them.
  public static func render(
    _ results: [FileResult], style: Style, fixable: FixApplicability = .safe
  ) -> String {
    // Each entry stands alone, so a long report is rendered a slice per core and joined in
    // order: a dense module's 24,000 entries took a quarter of a second on one.
    let places = results.indices.flatMap { file in
      results[file].diagnostics.indices.map { (file: file, diagnostic: $0) }
    }
    let slices = places.count < minimumSlice ? 1 : min(places.count / minimumSlice, 64)
    var pieces = [String](repeating: "", count: slices)
    pieces.withUnsafeMutableBufferPointer { pieces in
      // Each slot is written by exactly one iteration and read after all have finished.
      nonisolated(unsafe) let slots = pieces
      DispatchQueue.concurrentPerform(iterations: slices) { slice in
        var out = ""
        for (file, index) in places[
          slice * places.count / slices..<(slice + 1) * places.count / slices]
        {
          let diagnostic = results[file].diagnostics[index]
          out += entry(
            for: diagnostic, line: results[file].lines[diagnostic.span.start.line],
            style: style, fixable: fixable)
        }
        slots[slice] = out
      }
    }
    return pieces.joined()
  }

  /// The fewest entries worth a slice of their own.
  private static let minimumSlice = 1_000

  static func entry(
    for diagnostic: Diagnostic, line: String?, style: Style, fixable: FixApplicability = .safe
  ) -> String {
    let severityColor: String
    switch diagnostic.severity {
    case .error: severityColor = "1;31"
    case .warning: severityColor = "1;33"
    case .info: severityColor = "1;36"
    }
    let start = diagnostic.span.start
    var out =
      style.paint("\(TerminalText.escaped(diagnostic.file)):\(start.line):\(start.column):", "1")
      + " " + style.paint(diagnostic.severity.rawValue, severityColor) + ": "
      // Where ruff puts it: after what identifies the finding, before its message.
      + (diagnostic.fix.map { $0.applicability <= fixable } == true
        ? style.paint("[*]", "1;36") + " " : "")
      + TerminalText.escaped(diagnostic.message) + " "
      + style.paint("[\(diagnostic.code) \(diagnostic.name)]", "2") + "\n"
    let gutter = String(repeating: " ", count: String(start.line).count)
    if let line, !line.isEmpty {
      // Escapes, expanded tabs and wide characters move what follows them on screen: the caret
      // is placed by display columns, not by scalars.
      let framed = TerminalText.FramedLine(line)
      let end = diagnostic.span.end
      let caret = framed.caret(
        from: start.column, to: end.line == start.line ? end.column : framed.columns.count)
      out += style.paint(" \(start.line) | ", "34") + framed.text + "\n"
      out +=
        style.paint(" \(gutter) | ", "34") + String(repeating: " ", count: caret.offset)
        + style.paint(String(repeating: "^", count: caret.width), severityColor) + "\n"
    }
    // Under the frame, in its gutter, each in the header's own `file:line:col: text` shape so
    // that terminals and editors make the place clickable.
    for related in diagnostic.related {
      out +=
        style.paint(" \(gutter) = ", "34") + style.paint("note", "1") + ": "
        + TerminalText.escaped(related.file) + ":\(related.span.start.line):"
        + "\(related.span.start.column): " + TerminalText.escaped(related.message) + "\n"
    }
    return out + "\n"
  }

  /// `Found 3 problems (2 errors, 1 warning) in 12 files.` or `All checks passed (12 files).`
  public static func summary(_ summary: RunSummary, style: Style) -> String {
    let total = summary.diagnostics.count
    let files = "\(summary.filesChecked) file\(summary.filesChecked == 1 ? "" : "s")"
    var fixedLine = ""
    if summary.fixed > 0 {
      fixedLine =
        "Fixed \(summary.fixed) problem\(summary.fixed == 1 ? "" : "s") in "
        + "\(summary.filesFixed) file\(summary.filesFixed == 1 ? "" : "s").\n"
    }
    guard total > 0 else {
      return fixedLine + style.paint("All checks passed", "1;32") + " (\(files) checked).\n"
    }
    var parts: [String] = []
    for severity in [Severity.error, .warning, .info] {
      let count = summary.count(severity)
      if count > 0 { parts.append("\(count) \(severity.rawValue)\(count == 1 ? "" : "s")") }
    }
    return fixedLine + style.paint("Found \(total) problem\(total == 1 ? "" : "s")", "1")
      + " (\(parts.joined(separator: ", "))) in \(files) checked.\n" + fixableLine(summary, style)
  }

  /// `[*] 3 fixable with the --fix option (1 hidden fix can be enabled with the
  /// --unsafe-fixes option).`, or nothing when no finding has a fix.
  static func fixableLine(_ summary: RunSummary, _ style: Style) -> String {
    let (applicable, hidden) = summary.fixable
    let hiddenText =
      hidden == 0
      ? ""
      : "\(hidden) hidden fix\(hidden == 1 ? "" : "es") can be enabled with the "
        + "--unsafe-fixes option"
    if applicable > 0 {
      return style.paint("[*]", "1;36") + " \(applicable) fixable with the --fix option"
        + (hidden == 0 ? "" : " (\(hiddenText))") + ".\n"
    }
    return hidden == 0 ? "" : "No fixes available (\(hiddenText)).\n"
  }
}
