import FileIO
import Linting
import ResourceModel
import SourceText
import Testing

/// "Suppress RLxxx on this line": the edit, applied, gives a line `FileSuppressions` reads.
@Suite struct SuppressionEditorTests {
  static func apply(_ edit: Edit, to file: SourceFile) -> String {
    let start = file.byteOffset(of: edit.span.start) ?? file.bytes.count
    let end = file.byteOffset(of: edit.span.end) ?? file.bytes.count
    return String(
      decoding: file.bytes[..<start] + Array(edit.replacement.utf8) + file.bytes[end...],
      as: UTF8.self)
  }

  @Test(arguments: [
    // A line without a comment gets the language's spelling, trailing blanks replaced.
    ("a.py", "x = R(mem=\"1gb\")   \ny = 1\n", "x = R(mem=\"1gb\")  # noqa: RL004\ny = 1\n"),
    ("a.yaml", "m: {memory: 1gb}\n", "m: {memory: 1gb}  # resourcelint: ignore[RL004]\n"),
    // An existing directive is extended, never doubled.
    ("a.py", "x = 1  # noqa: E501\n", "x = 1  # noqa: E501, RL004\n"),
    ("a.py", "x = 1  # noqa: RL002,E501  \n", "x = 1  # noqa: RL002,E501, RL004  \n"),
    (
      "a.yaml", "m: 1gb # resourcelint: ignore[RL002]  # trailing\n",
      "m: 1gb # resourcelint: ignore[RL002, RL004]  # trailing\n"
    ),
    (
      "a.py", "x = 1  # why: legacy  # resourcelint: ignore[RL002]\n",
      "x = 1  # why: legacy  # resourcelint: ignore[RL002, RL004]\n"
    ),
    // Another comment stays; the directive follows it.
    ("a.py", "x = R(mem=\"1gb\")  # big\n", "x = R(mem=\"1gb\")  # big  # noqa: RL004\n"),
    // A `#` inside a string is no comment.
    ("a.py", "x = \"# noqa: E1\"\n", "x = \"# noqa: E1\"  # noqa: RL004\n"),
    // Non-ASCII before the end of the line, CRLF line ends.
    ("a.py", "n = \"😀é\"\r\nz = 2\r\n", "n = \"😀é\"  # noqa: RL004\r\nz = 2\r\n"),
  ])
  func theEditGivesTheExpectedLine(path: String, text: String, expected: String) throws {
    let file = SourceFile(path: path, bytes: Array(text.utf8))
    let edit = try #require(SuppressionEditor.edit(suppressing: "RL004", onLine: 1, in: file))
    #expect(Self.apply(edit, to: file) == expected)
  }

  @Test func aContinuationLineGetsNoComment() {
    let file = SourceFile(path: "a.py", bytes: Array("x = R(mem=\"1gb\") + \\\n  1\n".utf8))
    #expect(SuppressionEditor.edit(suppressing: "RL004", onLine: 1, in: file) == nil)
    #expect(SuppressionEditor.edit(suppressing: "RL004", onLine: 9, in: file) == nil)
  }

  @Test func theEditedFileNoLongerReportsTheFinding() throws {
    let rules = try RuleSet(select: [], ignore: [], severities: [:])
    let linter = Linter(rules: rules)
    for (path, text) in [
      ("a.py", "from flytekit import Resources\nR = Resources(mem=\"1gb\")  # noqa: E501\n"),
      (
        "a.yaml",
        "spec:\n  containers:\n    - name: m\n      resources:\n        limits: {memory: 1gb}\n"
      ),
    ] {
      let language = try #require(FileLanguage(path: path))
      let before = linter.lint(path: path, bytes: Array(text.utf8), language: language)
      let finding = try #require(before.diagnostics.first { $0.code == "RL004" }, "\(path)")
      let file = SourceFile(path: path, bytes: Array(text.utf8))
      let edit = try #require(
        SuppressionEditor.edit(suppressing: "RL004", onLine: finding.span.start.line, in: file))
      let edited = Self.apply(edit, to: file)
      let after = linter.lint(path: path, bytes: Array(edited.utf8), language: language)
      #expect(after.diagnostics.isEmpty, "\(edited): \(after.diagnostics.map(\.message))")
    }
  }
}
