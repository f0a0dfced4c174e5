import SourceText
import Testing
import YAMLScanner

/// Comments are what libyaml leaves outside every scalar, read from the scan's own parse or
/// from a parse of their own: the same ranges either way.
@Suite struct YAMLCommentsTests {
  static let text = """
    # resourcelint: ignore-file
    worker:
      resources:
        limits: {memory: 2048, note: don't}  # resourcelint: ignore[RL002]
        requests:
          memory: "2048 # not a comment"  # a comment
        claims: |
          # text of a block scalar

    """

  @Test func theScanGivesTheCommentsOfItsOwnParse() throws {
    let file = SourceFile(path: "values.yaml", text: Self.text)
    let scanned = try #require(YAMLScanner.scan(file, collectingComments: true).comments)
    #expect(scanned == YAMLScanner.comments(in: file))
    let texts = scanned.map { String(decoding: file.bytes[$0], as: UTF8.self) }
    #expect(
      texts == [
        "# resourcelint: ignore-file", "# resourcelint: ignore[RL002]", "# a comment",
      ])
    #expect(YAMLScanner.scan(file).comments == nil)
  }
}
