import Foundation
import Linting
import ResourceModel

/// One expected diagnostic, written inline in a fixture or a rule example:
/// `value  # expect: [RL002]` (this line) or, on its own line above,
/// `# expect: 14 [bare-integer-memory] "4096"` (column, rule, message substring).
struct Expectation: CustomStringConvertible, Hashable {
  var line: Int
  var column: Int?
  var code: String
  var substring: String?

  var description: String {
    "\(line):\(column.map(String.init) ?? "*") [\(code)]" + (substring.map { " \"\($0)\"" } ?? "")
  }

  func matches(_ diagnostic: Diagnostic) -> Bool {
    diagnostic.span.start.line == line && diagnostic.code == code
      && (column == nil || diagnostic.span.start.column == column)
      && (substring == nil || diagnostic.message.contains(substring ?? ""))
  }

  /// Reads every `# expect:` annotation of `source`. Unknown rule names are reported as errors.
  static func parse(_ source: String) -> (expectations: [Expectation], errors: [String]) {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    var expectations: [Expectation] = []
    var errors: [String] = []
    var pending: [(column: Int?, code: String, substring: String?)] = []
    for (index, line) in lines.enumerated() {
      let number = index + 1
      guard let marker = line.range(of: "# expect:") else {
        for item in pending {
          expectations.append(
            Expectation(
              line: number, column: item.column, code: item.code, substring: item.substring))
        }
        pending = []
        continue
      }
      let ownLine = line[..<marker.lowerBound].allSatisfy { $0 == " " || $0 == "\t" }
      var parsed: [(Int?, String, String?)] = []
      var column: Int?
      var rest = Substring(line[marker.upperBound...])
      while let first = rest.first {
        if first == " " || first == "," {
          rest.removeFirst()
        } else if first.isNumber {
          let digits = rest.prefix { $0.isNumber }
          column = Int(digits)
          rest.removeFirst(digits.count)
        } else if first == "[" {
          guard let close = rest.firstIndex(of: "]") else {
            errors.append("line \(number): unclosed [")
            break
          }
          for name in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if let rule = RuleSet.description(named: trimmed) {
              parsed.append((column, rule.code, nil))
            } else {
              errors.append("line \(number): unknown rule \(trimmed)")
            }
          }
          column = nil
          rest = rest[rest.index(after: close)...]
        } else if first == "\"" {
          var text = ""
          var cursor = rest.index(after: rest.startIndex)
          while cursor < rest.endIndex && rest[cursor] != "\"" {
            if rest[cursor] == "\\", rest.index(after: cursor) < rest.endIndex {
              cursor = rest.index(after: cursor)
            }
            text.append(rest[cursor])
            cursor = rest.index(after: cursor)
          }
          if !parsed.isEmpty { parsed[parsed.count - 1].2 = text }
          rest = cursor < rest.endIndex ? rest[rest.index(after: cursor)...] : ""
        } else {
          errors.append("line \(number): cannot read expectation at '\(rest)'")
          break
        }
      }
      if ownLine {
        pending.append(contentsOf: parsed.map { ($0.0, $0.1, $0.2) })
      } else {
        expectations.append(
          contentsOf: parsed.map {
            Expectation(line: number, column: $0.0, code: $0.1, substring: $0.2)
          })
      }
    }
    if !pending.isEmpty { errors.append("expectations at the end of the file apply to no line") }
    return (expectations, errors)
  }

  /// Two-way matching: expectations nobody met and diagnostics nobody expected.
  static func compare(_ expectations: [Expectation], _ diagnostics: [Diagnostic]) -> [String] {
    var unmatched = diagnostics
    var failures: [String] = []
    for expectation in expectations {
      if let index = unmatched.firstIndex(where: expectation.matches) {
        unmatched.remove(at: index)
      } else {
        failures.append("missed: expected \(expectation)")
      }
    }
    for diagnostic in unmatched {
      failures.append(
        "unexpected: \(diagnostic.span.start.line):\(diagnostic.span.start.column) [\(diagnostic.code)] \(diagnostic.message)"
      )
    }
    return failures
  }
}
