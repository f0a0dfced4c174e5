/// Text from user files made safe and measurable for a terminal.
///
/// A YAML value or a Python string may hold an escape sequence (ESC `[31m`, a C1 CSI) or a
/// bidirectional override that reorders what the reader sees; printed raw, it would recolour,
/// move or hide the rest of the output. Every such scalar is shown as an escape instead:
/// C0 controls and DEL as `\x1b` (`\n`, `\r`, `\t` where the code frame does not expand the
/// tab), C1 controls as `\x9b`, bidi embeddings, overrides and isolates as `\u{202e}`.
///
/// Widths are terminal columns: East Asian Wide and Fullwidth scalars take two, combining marks
/// and other zero-width scalars none, an escape the length of its text.
public enum TerminalText {
  /// Columns a tab advances to the next multiple of, in the code frame.
  public static let tabWidth = 4

  /// `text` with every unsafe scalar escaped, tabs included (a message, a file name).
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if let escape = escape(scalar) { out += escape } else { out.unicodeScalars.append(scalar) }
    }
    return out
  }

  /// True for the scalars `escaped` replaces.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// The escape text for `scalar`, or nil when it is printed as is.
  static func escape(_ scalar: Unicode.Scalar) -> String? {
    guard needsEscape(scalar) else { return nil }
    switch scalar {
    case "\n": return "\\n"
    case "\r": return "\\r"
    case "\t": return "\\t"
    default: break
    }
    let hex = String(scalar.value, radix: 16)
    if scalar.value <= 0xFF {
      return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
    }
    return "\\u{" + hex + "}"
  }

  /// The terminal columns `scalar` takes when printed as is: 0, 1 or 2.
  public static func width(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x7F { return value < 0x20 ? 0 : 1 }
    // Hangul medial vowels and final consonants join the preceding initial into one syllable.
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return 0
    // Zero-width space, joiners, marks and invisible operators; the soft hyphen is shown.
    case .format: return value == 0xAD ? 1 : 0
    default: break
    }
    if scalar.properties.isEmojiPresentation || isWide(value) { return 2 }
    return 1
  }

  /// True for the East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt
  /// that are not emoji (emoji with default emoji presentation are all W and are found by
  /// their property): CJK, kana, Hangul syllables, fullwidth forms and the like.
  static func isWide(_ value: UInt32) -> Bool {
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let mid = (low + high) / 2
      let range = wideRanges[mid]
      if value < range.lowerBound {
        high = mid - 1
      } else if value > range.upperBound {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  /// Sorted, disjoint.
  public static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo initial consonants
    0x2329...0x232A,  // angle brackets
    0x2E80...0x2E99, 0x2E9B...0x2EF3,  // CJK radicals supplement
    0x2F00...0x2FD5,  // Kangxi radicals
    0x2FF0...0x2FFF,  // ideographic description characters
    0x3000...0x303E,  // ideographic space, CJK symbols and punctuation
    0x3041...0x3096, 0x3099...0x30FF,  // hiragana, katakana
    0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E5, 0x31EF...0x321E, 0x3220...0x3247,
    0x3250...0x4DBF,  // enclosed CJK, CJK extension A
    0x4E00...0xA48C,  // CJK unified ideographs, Yi
    0xA490...0xA4C6,  // Yi radicals
    0xA960...0xA97C,  // Hangul Jamo extended A
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK compatibility ideographs
    0xFE10...0xFE19,  // vertical forms
    0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B,  // CJK compatibility, small forms
    0xFF01...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
    0x16FE0...0x16FE4, 0x16FF0...0x16FF1,  // ideographic symbols
    0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,  // Tangut, Khitan
    0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE,  // kana extended B
    0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155,
    0x1B164...0x1B167, 0x1B170...0x1B2FB,  // kana supplement, small kana, Nushu
    0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
    0x1F260...0x1F265,  // enclosed ideographic supplement
    0x20000...0x2FFFD, 0x30000...0x3FFFD,  // CJK extensions B and beyond
  ]

  /// One source line as the code frame prints it: unsafe scalars escaped, tabs expanded to the
  /// next multiple of `tabWidth` columns. `columns[i]` is the display column (0-based) where
  /// scalar `i` starts; one more entry gives the end of the line, so a caret under scalars
  /// `a..<b` starts at `columns[a]` and is `columns[b] - columns[a]` wide.
  public struct FramedLine: Sendable {
    public var text: String
    public var columns: [Int]

    public init(_ line: String) {
      // Printable ASCII, nearly every line of code, is shown as it is: a column a byte (scalar
      // by scalar, the frames of a dense module's 24,000 findings were 2 % of its check).
      if line.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
        self.text = line
        self.columns = Array(0...line.utf8.count)
        return
      }
      var text = ""
      var columns: [Int] = []
      var column = 0
      for scalar in line.unicodeScalars {
        columns.append(column)
        if scalar == "\t" {
          let next = (column / TerminalText.tabWidth + 1) * TerminalText.tabWidth
          text += String(repeating: " ", count: next - column)
          column = next
        } else if let escape = TerminalText.escape(scalar) {
          text += escape
          column += escape.count
        } else {
          text.unicodeScalars.append(scalar)
          column += TerminalText.width(of: scalar)
        }
      }
      columns.append(column)
      self.text = text
      self.columns = columns
    }

    /// The display columns of 1-based scalar columns `start..<end`, clamped to the line; at
    /// least one column wide so that an empty span still gets a caret.
    public func caret(from start: Int, to end: Int) -> (offset: Int, width: Int) {
      let last = columns.count - 1
      let from = max(0, min(start - 1, last))
      let to = max(from, min(end - 1, last))
      return (columns[from], max(1, columns[to] - columns[from]))
    }
  }
}
