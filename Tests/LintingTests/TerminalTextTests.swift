import Foundation
import Reporting
import ResourceModel
import Testing

/// Text from user files never reaches the terminal raw (escape sequences, bidi overrides are
/// shown escaped), and carets line up under wide, combining and tab characters.
struct TerminalTextTests {
  // MARK: - Widths and escapes

  @Test func displayWidths() {
    func width(_ text: String) -> Int {
      text.unicodeScalars.reduce(0) { $0 + TerminalText.width(of: $1) }
    }
    #expect(width("abc") == 3)
    #expect(width("中文") == 4)
    #expect(width("ｃｐｕ") == 6)  // fullwidth forms
    #expect(width("한국") == 4)
    #expect(width("e\u{301}") == 1)  // combining acute accent
    #expect(width("a\u{200B}b") == 2)  // zero-width space
    #expect(width("\u{1F680}") == 2)  // rocket, emoji presentation
    #expect(width("👩\u{200D}💻") == 4)  // joined emoji: each part as a terminal draws it
    #expect(width("\u{00AD}") == 1)  // soft hyphen is shown
    #expect(width("\u{4DC0}") == 1)  // hexagram symbols are not wide
    #expect(width("\u{20000}") == 2)  // CJK extension B
  }

  @Test func wideRangesAreSortedAndDisjoint() {
    let ranges = TerminalText.wideRanges
    #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
  }

  @Test func unsafeScalarsAreEscaped() {
    #expect(TerminalText.escaped("1\u{1B}[31mGi") == "1\\x1b[31mGi")
    #expect(TerminalText.escaped("a\u{7F}b\u{9B}c") == "a\\x7fb\\x9bc")
    #expect(TerminalText.escaped("x\u{202E}y\u{2066}z") == "x\\u{202e}y\\u{2066}z")
    #expect(TerminalText.escaped("tab\there\nnl") == "tab\\there\\nnl")
    #expect(TerminalText.escaped("中文 é ok") == "中文 é ok")
  }

  @Test func framedLinesExpandTabsAndMeasureEscapes() {
    let line = TerminalText.FramedLine("\tx\u{1B}y")
    #expect(line.text == "    x\\x1by")
    #expect(line.columns == [0, 4, 5, 9, 10])
    // Past the end of the line: one caret after it.
    #expect(line.caret(from: 9, to: 12) == (offset: 10, width: 1))
    #expect(line.caret(from: 2, to: 2) == (offset: 4, width: 1))
  }

  @Test func framedLinesOfPrintableASCIIAreTheirText() {
    let ascii = "@task(requests=Resources(cpu=\"1\", mem=\"2Gi\"))  # ok ~"
    let line = TerminalText.FramedLine(ascii)
    #expect(line.text == ascii)
    #expect(line.columns == Array(0...ascii.utf8.count))
    #expect(TerminalText.FramedLine("").columns == [0])
    // One byte outside printable ASCII and the line is measured scalar by scalar.
    #expect(TerminalText.FramedLine("a\u{7F}b").text == "a\\x7fb")
    #expect(TerminalText.FramedLine("a é").columns == [0, 1, 2, 3])
  }

  // MARK: - The text format, end to end

  static func check(_ files: [String: String], format: String = "text") throws -> CLITests.Run {
    let root = try CLITests.tree(files.mapValues { Array($0.utf8) })
    return try CLITests.run(
      ["check", "--color", "never", "--format", format] + files.keys.sorted(), in: root)
  }

  /// The source line and the caret line of the finding whose header starts with `header`
  /// (`wide.yaml:3:33:`), both without the gutter.
  static func frame(_ output: String, of header: String) throws -> (String, String) {
    let lines = output.components(separatedBy: "\n")
    let index = try #require(lines.firstIndex { $0.hasPrefix(header) })
    try #require(index + 2 < lines.count)
    let bar = try #require(lines[index + 1].range(of: " | "))
    let gutter = lines[index + 1].distance(from: lines[index + 1].startIndex, to: bar.upperBound)
    return (String(lines[index + 1].dropFirst(gutter)), String(lines[index + 2].dropFirst(gutter)))
  }

  static func displayWidth(_ text: Substring) -> Int {
    text.unicodeScalars.reduce(0) { $0 + TerminalText.width(of: $1) }
  }

  @Test func anEscapeInAYAMLValueIsShownNotSent() throws {
    let yaml = "w:\n  resources:\n    requests: {memory: \"1\u{1B}[31mGi\", cpu: \"中文1x\"}\n"
    for format in ["text", "concise"] {
      let run = try Self.check(["esc.yaml": yaml], format: format)
      #expect(run.status == 1)
      // Concise has no code frame, and libyaml's message names the character by number.
      #expect(run.stdout.contains("\\x1b[31m") == (format == "text"))
      #expect(!run.stdout.utf8.contains(0x1B), "\(format) output holds a raw ESC")
    }
    // libyaml refuses the control character: RL000 points at it, and its caret is as wide as
    // the escape shown in its place.
    let run = try Self.check(["esc.yaml": yaml])
    let (source, caret) = try Self.frame(run.stdout, of: "esc.yaml:3:26:")
    #expect(source == #"    requests: {memory: "1\x1b[31mGi", cpu: "中文1x"}"#)
    let escape = try #require(source.range(of: #"\x1b"#))
    #expect(caret.prefix { $0 == " " }.count == Self.displayWidth(source[..<escape.lowerBound]))
    #expect(caret.trimmingCharacters(in: .whitespaces) == "^^^^")
  }

  @Test func bidiOverridesAndC1ControlsAreEscapedInMessagesAndFrames() throws {
    let python = """
      from flytekit import Resources, task

      @task(requests=Resources(mem="1\u{202E}iG\u{9B}"))
      def train() -> None: ...

      """
    for format in ["text", "concise"] {
      let run = try Self.check(["bidi.py": python], format: format)
      #expect(run.stdout.contains(#"memory request "1\u{202e}iG\x9b" is not"#), "\(run.stdout)")
      #expect(!run.stdout.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{9B}" })
    }
    let text = try Self.check(["bidi.py": python])
    let (source, caret) = try Self.frame(text.stdout, of: "bidi.py:3:30:")
    #expect(source == #"@task(requests=Resources(mem="1\u{202e}iG\x9b"))"#)
    #expect(caret == String(repeating: " ", count: 29) + String(repeating: "^", count: 17))
    // JSON says the same with JSON escapes.
    let json = try Self.check(["bidi.py": python], format: "json")
    #expect(json.stdout.contains(#"\"1\u202eiG\u009b\""#), "\(json.stdout)")
    #expect(!json.stdout.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{9B}" })
  }

  @Test func caretsLineUpAfterWideAndCombiningCharacters() throws {
    let yaml = """
      w:
        resources:
          limits: {cpu: "中文", memory: 1gi}
          requests: {cpu: "e\u{301}", memory: 2gi}

      """
    let run = try Self.check(["wide.yaml": yaml])
    for (header, value) in [("wide.yaml:3:33:", "1gi"), ("wide.yaml:4:35:", "2gi")] {
      let (source, caret) = try Self.frame(run.stdout, of: header)
      let at = try #require(source.range(of: value))
      #expect(
        caret.prefix { $0 == " " }.count == Self.displayWidth(source[..<at.lowerBound]),
        "\(source)\n\(caret)")
      #expect(caret.trimmingCharacters(in: .whitespaces) == "^^^")
    }
    // The wide value itself: two columns per ideograph.
    let (_, wide) = try Self.frame(run.stdout, of: "wide.yaml:3:19:")
    #expect(wide == String(repeating: " ", count: 18) + "^^^^^^")
    let (_, combining) = try Self.frame(run.stdout, of: "wide.yaml:4:21:")
    #expect(combining == String(repeating: " ", count: 20) + "^^^")
  }

  @Test func aTabBeforeTheValueIsExpandedInBothLines() throws {
    let python = """
      from flytekit import Resources, task

      @task(requests=Resources(cpu="1",\tmem=1024))
      def train() -> None: ...

      """
    let run = try Self.check(["tab.py": python])
    let (source, caret) = try Self.frame(run.stdout, of: "tab.py:3:")
    #expect(!source.contains("\t") && !caret.contains("\t"))
    #expect(source == #"@task(requests=Resources(cpu="1",   mem=1024))"#)
    let at = try #require(source.range(of: "1024"))
    #expect(
      caret.prefix { $0 == " " }.count
        == source.distance(from: source.startIndex, to: at.lowerBound))
    #expect(caret.trimmingCharacters(in: .whitespaces) == "^^^^")
  }
}
