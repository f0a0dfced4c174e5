import ResourceModel
import SourceText
import Testing

@testable import Linting

/// `FileSuppressions.mayHoldDirective` lets the engine skip the search for a directive word in
/// a Python file whose comments look like no directive. It must never skip a comment that the
/// suppression reader would read: whatever it rejects, the reader finds nothing in.
@Suite struct DirectivePrefilterTests {
  static let bodies = [
    "noqa", "NOQA", "NoQa: RL002", "noqa:RL002", "resourcelint: ignore[RL002]",
    "RESOURCELINT: ignore", "resourcelint:ignore[RL002]", "resourcelint ignore RL002",
    "resourcelint: ignore-file", "noq", "resourcelin", "not noqa", "TODO", "", "type: ignore",
    "re source lint", "nöqa", "noqa\u{0307}", "İgnore", "resourcelİnt: ignore",
  ]
  static let blanks = ["", " ", "  ", "\t", " \t "]

  @Test func commentsItRejectsHoldNoDirective() {
    var accepted = 0
    for body in Self.bodies {
      for blank in Self.blanks {
        for text in ["#\(blank)\(body)", "# x #\(blank)\(body)", "#\(blank)\(body) # noq"] {
          let source = "x = 1  \(text)\n"
          let bytes = Array(source.utf8)
          let start = bytes.firstIndex(of: 0x23) ?? 0
          let comments = [start..<(bytes.count - 1)]
          let file = SourceFile(path: "f.py", bytes: bytes)
          let read = FileSuppressions(file, comments: comments, names: FileSuppressions.Names())
          let finds = !read.byLine.isEmpty || !read.problems.isEmpty || read.ignoresFile
          if FileSuppressions.mayHoldDirective(comments, in: bytes) {
            accepted += 1
          } else {
            #expect(!finds, "\(text.debugDescription) was read as a directive")
          }
        }
      }
    }
    #expect(accepted > 100)
  }

  @Test func directivesInAnySegmentAndCaseAreKept() {
    for text in ["# noqa: RL002", "#\tNOQA", "# type: ignore # resourcelint: ignore", "#NoQa"] {
      let bytes = Array("x = 1  \(text)\n".utf8)
      let start = bytes.firstIndex(of: 0x23) ?? 0
      #expect(FileSuppressions.mayHoldDirective([start..<(bytes.count - 1)], in: bytes), "\(text)")
    }
    let bytes = Array("# TODO: noqa later\n".utf8)
    #expect(!FileSuppressions.mayHoldDirective([0..<(bytes.count - 1)], in: bytes))
  }
}
