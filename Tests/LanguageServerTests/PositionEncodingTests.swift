import LanguageServer
import ResourceModel
import Testing

/// Our columns count Unicode scalars from 1; LSP counts code units of the negotiated encoding
/// from 0. Text with accents (two UTF-8 bytes, one UTF-16 unit) and astral characters (four
/// UTF-8 bytes, two UTF-16 units) tells every pair of encodings apart.
@Suite struct PositionEncodingTests {
  /// `é` is U+00E9, `😀` is U+1F600 (astral), `中` is U+4E2D (three UTF-8 bytes).
  static let text = "a = \"é😀中\"; b = \"1Gi\"\nx😀\r\n😀\rlast"

  @Test(arguments: [
    (PositionEncoding.utf8, 15), (PositionEncoding.utf16, 10), (PositionEncoding.utf32, 9),
  ])
  func aColumnAfterNonASCIIBecomesTheEncodingsUnits(encoding: PositionEncoding, units: Int) {
    let document = DocumentText(path: "a.py", text: Self.text, encoding: encoding)
    // `;` follows 9 scalars on line 1: `a = "` (5), `é😀中` (3), `"` (1). In UTF-8 those are
    // 5 + 2 + 4 + 3 + 1 bytes, in UTF-16 5 + 1 + 2 + 1 + 1 units.
    let semicolon = SourceLocation(line: 1, column: 10)
    #expect(document.position(of: semicolon) == LSPPosition(line: 0, character: units))
    #expect(document.location(of: LSPPosition(line: 0, character: units)) == semicolon)
  }

  @Test(arguments: PositionEncoding.allCases)
  func everyScalarBoundaryRoundTrips(encoding: PositionEncoding) {
    let document = DocumentText(path: "a.py", text: Self.text, encoding: encoding)
    let lines = Self.text.split(omittingEmptySubsequences: false) {
      $0 == "\n" || $0 == "\r\n" || $0 == "\r"
    }
    for (index, line) in lines.enumerated() {
      for column in 1...(line.unicodeScalars.count + 1) {
        let location = SourceLocation(line: index + 1, column: column)
        let position = document.position(of: location)
        #expect(position.line == index)
        #expect(document.location(of: position) == location, "\(location) → \(position)")
      }
    }
  }

  @Test func linesBreakAtLFCRLFAndLoneCR() {
    let document = DocumentText(path: "a.py", text: Self.text, encoding: .utf16)
    #expect(
      document.position(of: SourceLocation(line: 2, column: 3))
        == LSPPosition(line: 1, character: 3))
    #expect(
      document.position(of: SourceLocation(line: 3, column: 2))
        == LSPPosition(line: 2, character: 2))
    #expect(
      document.position(of: SourceLocation(line: 4, column: 5))
        == LSPPosition(line: 3, character: 4))
  }

  @Test func outOfRangePositionsAreClamped() {
    let document = DocumentText(path: "a.py", text: "ab\ncd", encoding: .utf16)
    // Past the line's end: the line's end (the protocol's rule); past the file: its end.
    #expect(
      document.location(of: LSPPosition(line: 0, character: 99))
        == SourceLocation(line: 1, column: 3))
    #expect(
      document.location(of: LSPPosition(line: 9, character: 0))
        == SourceLocation(line: 2, column: 3))
    #expect(
      document.position(of: SourceLocation(line: 1, column: 40))
        == LSPPosition(line: 0, character: 2))
    #expect(
      document.position(of: SourceLocation(line: 7, column: 1))
        == LSPPosition(line: 1, character: 2))
  }

  @Test func halfASurrogatePairIsTheStartOfItsCharacter() {
    let document = DocumentText(path: "a.py", text: "😀x", encoding: .utf16)
    #expect(
      document.location(of: LSPPosition(line: 0, character: 1))
        == SourceLocation(line: 1, column: 1))
    #expect(
      document.location(of: LSPPosition(line: 0, character: 2))
        == SourceLocation(line: 1, column: 2))
  }

  @Test func aByteOrderMarkIsACharacterForTheEditorOnly() {
    // SourceFile (like libyaml) does not count the BOM as a column; the editor does.
    let document = DocumentText(path: "a.yaml", text: "\u{FEFF}key: 1", encoding: .utf16)
    #expect(
      document.position(of: SourceLocation(line: 1, column: 1))
        == LSPPosition(line: 0, character: 1))
    #expect(
      document.location(of: LSPPosition(line: 0, character: 6))
        == SourceLocation(line: 1, column: 6))
  }

  @Test func negotiationPrefersScalarsThenBytesAndDefaultsToUTF16() {
    #expect(PositionEncoding.negotiate(nil) == .utf16)
    #expect(PositionEncoding.negotiate([]) == .utf16)
    #expect(PositionEncoding.negotiate(["utf-16"]) == .utf16)
    #expect(PositionEncoding.negotiate(["utf-8", "utf-16"]) == .utf8)
    #expect(PositionEncoding.negotiate(["utf-8", "utf-16", "utf-32"]) == .utf32)
    #expect(PositionEncoding.negotiate(["latin-1"]) == .utf16)
  }
}
