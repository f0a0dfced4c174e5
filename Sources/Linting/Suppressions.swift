import ResourceModel
import SourceText

/// One suppression comment: `# resourcelint: ignore[RL002, bare-integer-memory]`,
/// `# resourcelint: ignore`, `# noqa: RL002` or a bare `# noqa`.
struct Suppression {
  enum Style {
    case resourcelint
    case noqa
  }

  var style: Style
  var line: Int
  /// The span of the comment's directive, where RL028 points.
  var span: SourceSpan
  /// Rule codes named by the comment; nil silences every rule on the line.
  var codes: [String]?
  /// Names in the list that are no rule of ours (only reported for `resourcelint:` comments).
  var unknownNames: [String]

  func silences(_ code: String) -> Bool { codes.map { $0.contains(code) } ?? true }
}

/// The suppression comments of one file.
struct FileSuppressions {
  /// `# resourcelint: ignore-file` within the first lines: the file is not checked at all.
  var ignoresFile = false
  var byLine: [Int: [Suppression]] = [:]

  static let fileDirectiveLines = 20

  /// Finds suppression comments line by line. A `#` inside a string on the same line is not a
  /// comment; strings spanning lines are rare enough in resource files to be ignored here.
  init(_ file: SourceFile) {
    guard Self.mayContainDirective(file.bytes) else { return }
    for line in 1...file.lineCount {
      guard let range = file.byteRange(ofLine: line),
        let hash = Self.commentStart(in: file.bytes[range])
      else { continue }
      let comment = String(decoding: file.bytes[hash..<range.upperBound], as: UTF8.self)
      let column = file.location(ofByte: hash).column
      for directive in Self.directives(in: comment) {
        let start = SourceLocation(line: line, column: column + directive.offset)
        let span = SourceSpan(
          start: start, end: SourceLocation(line: line, column: start.column + directive.length))
        switch directive.kind {
        case .ignoreFile:
          if line <= Self.fileDirectiveLines { ignoresFile = true }
        case .ignore(let names, let style):
          var codes: [String]?
          var unknown: [String] = []
          if let names {
            codes = []
            for name in names {
              if let rule = RuleSet.description(named: name) {
                codes?.append(rule.code)
              } else {
                unknown.append(name)
              }
            }
            // `# noqa: E501` belongs to another linter: not ours at all.
            if style == .noqa && codes?.isEmpty == true { continue }
          }
          byLine[line, default: []].append(
            Suppression(style: style, line: line, span: span, codes: codes, unknownNames: unknown))
        }
      }
    }
  }

  private enum DirectiveKind {
    case ignoreFile
    case ignore([String]?, Suppression.Style)
  }

  private struct Directive {
    var kind: DirectiveKind
    /// Scalars from the `#` to the directive, and the directive's length in scalars.
    var offset: Int
    var length: Int
  }

  /// A cheap test before any line is looked at: most files mention neither word.
  private static func mayContainDirective(_ bytes: [UInt8]) -> Bool {
    let needles: [[UInt8]] = [Array("resourcelint".utf8), Array("noqa".utf8)]
    return bytes.withUnsafeBufferPointer { buffer in
      needles.contains { needle in
        guard buffer.count >= needle.count else { return false }
        var index = 0
        while index <= buffer.count - needle.count {
          if buffer[index] == needle[0]
            && buffer[index..<index + needle.count].elementsEqual(needle)
          {
            return true
          }
          index += 1
        }
        return false
      }
    }
  }

  /// The byte offset of the `#` that starts a comment on this line, skipping quoted text.
  private static func commentStart(in line: ArraySlice<UInt8>) -> Int? {
    var quote: UInt8?
    var index = line.startIndex
    while index < line.endIndex {
      let byte = line[index]
      if let open = quote {
        if byte == 0x5C { index += 1 } else if byte == open { quote = nil }
      } else if byte == 0x22 || byte == 0x27 {
        quote = byte
      } else if byte == 0x23 {
        return index
      }
      index += 1
    }
    return nil
  }

  /// Every directive in a comment (several comments may follow each other on one line).
  private static func directives(in comment: String) -> [Directive] {
    let scalars = Array(comment.unicodeScalars)
    var result: [Directive] = []
    var index = 0
    while index < scalars.count {
      guard scalars[index] == "#" else {
        index += 1
        continue
      }
      var cursor = index + 1
      while cursor < scalars.count && scalars[cursor] == " " { cursor += 1 }
      let rest = String(String.UnicodeScalarView(scalars[cursor...]))
      if rest.hasPrefix("resourcelint: ignore-file") {
        result.append(Directive(kind: .ignoreFile, offset: cursor, length: 25))
      } else if rest.hasPrefix("resourcelint: ignore") {
        let (names, length) = bracketList(after: Array(rest.unicodeScalars), from: 20)
        result.append(
          Directive(kind: .ignore(names, .resourcelint), offset: cursor, length: 20 + length))
      } else if rest.lowercased().hasPrefix("noqa") {
        let restScalars = Array(rest.unicodeScalars)
        if restScalars.count > 4 && restScalars[4] == ":" {
          let (names, length) = codeList(restScalars, from: 5)
          result.append(Directive(kind: .ignore(names, .noqa), offset: cursor, length: 5 + length))
        } else {
          result.append(Directive(kind: .ignore(nil, .noqa), offset: cursor, length: 4))
        }
      }
      index = cursor
    }
    return result
  }

  /// `[RL002, bare-integer-memory]` right after `ignore`; nil when there is no list.
  private static func bracketList(after scalars: [Unicode.Scalar], from start: Int)
    -> ([String]?, Int)
  {
    guard start < scalars.count, scalars[start] == "[",
      let close = scalars[start...].firstIndex(of: "]")
    else { return (nil, 0) }
    let inside = String(String.UnicodeScalarView(scalars[(start + 1)..<close]))
    let names = RuleSet.names(inList: inside)
    return (names, close + 1 - start)
  }

  /// `RL002, RL004` or `RL002,bare-integer-memory` after `noqa:`, up to the next space-separated
  /// word that is not part of the list.
  private static func codeList(_ scalars: [Unicode.Scalar], from start: Int) -> ([String], Int) {
    var cursor = start
    var names: [String] = []
    var current = ""
    func flush() {
      if !current.isEmpty { names.append(current) }
      current = ""
    }
    while cursor < scalars.count {
      let scalar = scalars[cursor]
      if scalar == "," || scalar == " " {
        flush()
        // A space not followed by more list items ends the list.
        if scalar == " " {
          var next = cursor
          while next < scalars.count && scalars[next] == " " { next += 1 }
          if next < scalars.count && scalars[next] == "#" { break }
        }
      } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" {
        current.unicodeScalars.append(scalar)
      } else {
        break
      }
      cursor += 1
    }
    flush()
    return (names, cursor - start)
  }
}
