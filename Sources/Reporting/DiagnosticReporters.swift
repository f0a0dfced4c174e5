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

  public init(filesChecked: Int, diagnostics: [Diagnostic]) {
    self.filesChecked = filesChecked
    self.diagnostics = diagnostics
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
    "\(Diagnostic.oneLine(diagnostic.file)):\(diagnostic.span.start.line):"
      + "\(diagnostic.span.start.column): "
      + "\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]"
  }
}

/// The documented JSON array, one object per finding.
public enum JSONReporter {
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    JSON.array(
      diagnostics.map { diagnostic in
        JSON.object([
          ("file", JSON.string(diagnostic.file)),
          ("line", String(diagnostic.span.start.line)),
          ("column", String(diagnostic.span.start.column)),
          ("end_line", String(diagnostic.span.end.line)),
          ("end_column", String(diagnostic.span.end.column)),
          ("rule", JSON.string(diagnostic.code)),
          ("name", JSON.string(diagnostic.name)),
          ("severity", JSON.string(diagnostic.severity.rawValue)),
          ("message", JSON.string(diagnostic.message)),
        ])
      }) + "\n"
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

  public static func render(_ results: [FileResult], style: Style) -> String {
    var out = ""
    for result in results {
      for diagnostic in result.diagnostics {
        out += entry(for: diagnostic, line: result.lines[diagnostic.span.start.line], style: style)
      }
    }
    return out
  }

  static func entry(for diagnostic: Diagnostic, line: String?, style: Style) -> String {
    let severityColor: String
    switch diagnostic.severity {
    case .error: severityColor = "1;31"
    case .warning: severityColor = "1;33"
    case .info: severityColor = "1;36"
    }
    let start = diagnostic.span.start
    var out =
      style.paint("\(Diagnostic.oneLine(diagnostic.file)):\(start.line):\(start.column):", "1")
      + " "
      + style.paint(diagnostic.severity.rawValue, severityColor) + ": " + diagnostic.message + " "
      + style.paint("[\(diagnostic.code) \(diagnostic.name)]", "2") + "\n"
    guard let line, !line.isEmpty else { return out + "\n" }
    let number = String(start.line)
    let gutter = String(repeating: " ", count: number.count)
    let scalars = Array(line.unicodeScalars)
    // Keep tabs so the caret lines up under the same columns in any terminal.
    let prefix = String(
      String.UnicodeScalarView(
        scalars.prefix(max(0, start.column - 1)).map { $0 == "\t" ? "\t" : " " }))
    let endColumn =
      diagnostic.span.end.line == start.line ? diagnostic.span.end.column : scalars.count + 1
    let width = max(1, min(endColumn, scalars.count + 1) - start.column)
    out += style.paint(" \(number) | ", "34") + line + "\n"
    out +=
      style.paint(" \(gutter) | ", "34") + prefix
      + style.paint(String(repeating: "^", count: width), severityColor) + "\n\n"
    return out
  }

  /// `Found 3 problems (2 errors, 1 warning) in 12 files.` or `All checks passed (12 files).`
  public static func summary(_ summary: RunSummary, style: Style) -> String {
    let total = summary.diagnostics.count
    let files = "\(summary.filesChecked) file\(summary.filesChecked == 1 ? "" : "s")"
    guard total > 0 else {
      return style.paint("All checks passed", "1;32") + " (\(files) checked).\n"
    }
    var parts: [String] = []
    for severity in [Severity.error, .warning, .info] {
      let count = summary.count(severity)
      if count > 0 { parts.append("\(count) \(severity.rawValue)\(count == 1 ? "" : "s")") }
    }
    return style.paint("Found \(total) problem\(total == 1 ? "" : "s")", "1")
      + " (\(parts.joined(separator: ", "))) in \(files) checked.\n"
  }
}
