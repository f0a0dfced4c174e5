import ResourceModel

/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding,
/// which the runner turns into annotations on the pull request's diff.
///
/// `::error file=k8s/app.yaml,line=28,col=20,endLine=28,endColumn=23,title=RL001
/// limit-below-request::cpu limit 1 is below its request 2`
///
/// Values are escaped with the runner's rules: in the message `%`, CR and LF become `%25`,
/// `%0D`, `%0A`; in properties `:` and `,` additionally become `%3A` and `%2C`, so a path with
/// a comma or a message with a newline reaches the annotation intact. Columns are the same
/// numbers as in the other formats (start inclusive, end exclusive).
public enum GitHubReporter {
  /// Annotations GitHub shows per step for each of error, warning and notice.
  public static let annotationsPerStepAndKind = 10
  /// Annotations GitHub shows per job, all steps together.
  public static let annotationsPerJob = 50

  /// - Parameters:
  ///   - diagnostics: the findings, in report order.
  ///   - currentDirectory: paths below it are written relative to it (the workspace root).
  public static func render(_ diagnostics: [Diagnostic], currentDirectory: String? = nil)
    -> String
  {
    var out = ""
    if let notice = overflowNotice(diagnostics) {
      // First, so that it is shown even when the notices after it are not.
      out += "::notice title=resourcelint::" + escapeData(notice) + "\n"
    }
    for diagnostic in diagnostics {
      out += command(for: diagnostic, currentDirectory: currentDirectory) + "\n"
    }
    return out
  }

  /// The workflow command for one finding.
  public static func command(for diagnostic: Diagnostic, currentDirectory: String? = nil)
    -> String
  {
    let start = diagnostic.span.start
    let end = diagnostic.span.end
    var properties: [(String, String)] = [
      ("file", LogicalPlace.portablePath(diagnostic.file, currentDirectory: currentDirectory)),
      ("line", String(start.line)),
      ("col", String(start.column)),
      ("endLine", String(max(end.line, start.line))),
    ]
    // GitHub ignores columns on annotations that span several lines.
    if end.line == start.line && end.column > start.column {
      properties.append(("endColumn", String(end.column)))
    }
    properties.append(("title", "\(diagnostic.code) \(diagnostic.name)"))
    let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
    return "::\(commandName(diagnostic.severity)) \(list)::\(escapeData(diagnostic.message))"
  }

  /// `error`, `warning` or `notice` (GitHub's name for info).
  static func commandName(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "notice"
    }
  }

  /// When GitHub would drop some annotations: how many findings there are, and where to see
  /// them all. nil when every finding gets its annotation.
  public static func overflowNotice(_ diagnostics: [Diagnostic]) -> String? {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    let infos = diagnostics.filter { $0.severity == .info }.count
    let limit = annotationsPerStepAndKind
    guard
      errors > limit || warnings > limit || infos > limit || diagnostics.count > annotationsPerJob
    else { return nil }
    func counted(_ count: Int, _ word: String) -> String {
      "\(count) \(word)\(count == 1 ? "" : "s")"
    }
    let kinds = [counted(errors, "error"), counted(warnings, "warning"), counted(infos, "info")]
    return "resourcelint found \(counted(diagnostics.count, "problem")) "
      + "(\(kinds.joined(separator: ", "))), "
      + "more than GitHub shows as annotations (\(limit) errors, \(limit) warnings and \(limit) "
      + "notices per step, \(annotationsPerJob) per job). Every finding is listed in this step's "
      + "log; to see them all as annotations, upload `resourcelint check --format sarif` to code "
      + "scanning, or run `resourcelint check` locally."
  }

  /// Escapes a command's message: `%`, CR, LF; other control and bidi scalars are shown as
  /// escapes (`\x1b`, `\u{202e}`) as in the text format, since the log is read in a terminal-
  /// like viewer and the annotation next to code.
  public static func escapeData(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default:
        if let escape = TerminalText.escape(scalar) {
          out += escape
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// Escapes a property value: as data, plus `:` and `,`, which delimit properties.
  public static func escapeProperty(_ text: String) -> String {
    var out = ""
    for scalar in escapeData(text).unicodeScalars {
      switch scalar {
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
