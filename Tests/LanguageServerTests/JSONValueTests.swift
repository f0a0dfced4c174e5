import LanguageServer
import Testing

@Suite struct JSONValueTests {
  @Test func messagesParseIntoTheirShapes() throws {
    let value = try JSONValue.parse(
      Array(#"{"id": 7, "s": "é😀\n", "f": 1.5, "b": true, "n": null, "a": [1, "x"]}"#.utf8))
    #expect(value["id"] == .int(7))
    #expect(value["s"]?.stringValue == "é😀\n")
    #expect(value["f"] == .double(1.5))
    #expect(value["b"] == .bool(true))
    #expect(value["n"] == .null)
    #expect(value["a"] == [1, "x"])
    #expect(value["missing"] == nil)
  }

  @Test func encodingIsCompactSortedAndRoundTrips() throws {
    let value: JSONValue = ["z": 1, "a": ["uri": "file:///a b/é.py", "ok": false], "n": nil]
    let text = String(decoding: value.encoded(), as: UTF8.self)
    #expect(text == #"{"a":{"ok":false,"uri":"file:///a b/é.py"},"n":null,"z":1}"#)
    #expect(try JSONValue.parse(value.encoded()) == value)
  }

  // (Foundation's decoder accepts a trailing comma, `[1,]`: its leniency, not ours to undo.)
  @Test(arguments: ["{", "{bad}", "", "[1 2]", "\u{FF}", "{\"a\" 1}"])
  func malformedJSONThrows(text: String) {
    #expect(throws: (any Error).self) { try JSONValue.parse(Array(text.utf8)) }
  }
}
