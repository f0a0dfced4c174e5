import ResourceModel

/// Checkstyle XML, which Jenkins' warnings plugin, reviewdog, SonarQube and many CI systems
/// read: one `<file>` per file (sorted by name) holding one `<error>` per finding.
///
/// `source` is `resourcelint.RL001`, the dotted checker name these tools group by. Every
/// attribute value is XML-escaped; line breaks inside a message are written as character
/// references so that attribute-value normalisation does not turn them into spaces, and the
/// control characters XML 1.0 cannot carry at all become U+FFFD.
public enum CheckstyleReporter {
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    var byFile: [String: [Diagnostic]] = [:]
    for diagnostic in diagnostics { byFile[diagnostic.file, default: []].append(diagnostic) }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
    for file in byFile.keys.sorted() {
      out += "  <file name=\"\(escape(file))\">\n"
      for diagnostic in byFile[file] ?? [] {
        out +=
          "    <error line=\"\(diagnostic.span.start.line)\" "
          + "column=\"\(diagnostic.span.start.column)\" "
          + "severity=\"\(diagnostic.severity.rawValue)\" "
          + "message=\"\(escape(diagnostic.message))\" "
          + "source=\"resourcelint.\(escape(diagnostic.code))\"/>\n"
      }
      out += "  </file>\n"
    }
    return out + "</checkstyle>\n"
  }

  /// `text` made safe inside a double-quoted XML attribute.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      case "\t": out += "&#9;"
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
