import Foundation
import Linting
import Reporting
import Testing

/// docs/rules.md: generated from the rule files, committed, and linked to by SARIF's `helpUri`
/// and `resourcelint explain`, so it must be current and every link must land on a section.
struct RuleDocsTests {
  static let page = RuleReporter.docs(RuleSet.descriptions)

  /// GitHub's anchor for a heading: lowercase, punctuation other than `-` and `_` dropped,
  /// spaces made hyphens (the rule github.com applies to rendered Markdown headings).
  static func githubAnchor(_ heading: String) -> String {
    String(
      heading.lowercased().compactMap { character -> Character? in
        if character == " " { return "-" }
        if character.isLetter || character.isNumber || character == "-" || character == "_" {
          return character
        }
        return nil
      })
  }

  /// The text of every heading of `level`, outside fenced code blocks.
  static func headings(_ markdown: String, level: Int) -> [String] {
    let marker = String(repeating: "#", count: level) + " "
    var inFence = false
    var result: [String] = []
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") { inFence.toggle() }
      if !inFence && line.hasPrefix(marker) { result.append(String(line.dropFirst(marker.count))) }
    }
    return result
  }

  @Test func committedDocsAreCurrent() throws {
    let committed = try #require(
      Paths.bytes("docs/rules.md"), "docs/rules.md is missing: run make docs")
    // Compared as a Bool: printing two 60 kB byte arrays would bury the message.
    let current = committed == Array(Self.page.utf8)
    #expect(current, "docs/rules.md is stale: run make docs\(Self.firstDifference(committed))")
  }

  /// Where the committed page first departs from the rendered one, to show in the failure.
  static func firstDifference(_ committed: [UInt8]) -> String {
    let old = String(decoding: committed, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let new = page.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(old.count, new.count) {
      let was = index < old.count ? String(old[index]) : "<end of file>"
      let now = index < new.count ? String(new[index]) : "<end of file>"
      if was != now { return " (line \(index + 1): committed \"\(was)\", rendered \"\(now)\")" }
    }
    return ""
  }

  /// `make docs` writes what `rules --format docs` prints, which is the page compared above.
  @Test func rulesFormatDocsPrintsThePage() throws {
    let run = try CLITests.run(["rules", "--format", "docs"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == Self.page)
  }

  /// One section per rule (RL000 and RL028 included), headed by the bare code, so that its
  /// GitHub anchor is exactly the fragment the links use; every link in the index resolves.
  @Test func everyRuleHasASectionAtItsAnchor() throws {
    let codes = RuleSet.descriptions.map(\.code)
    #expect(codes.contains("RL000") && codes.contains("RL028"))
    #expect(Self.headings(Self.page, level: 2) == codes)
    for description in RuleSet.descriptions {
      let anchor = RuleDocumentation.anchor(for: description.code)
      #expect(Self.githubAnchor(description.code) == anchor)
      #expect(anchor == description.code.lowercased())
      #expect(RuleDocumentation.url(for: description.code).hasSuffix("/docs/rules.md#" + anchor))
      // The section holds the name, the default level, and explain's text.
      let section = try #require(
        Self.page.components(separatedBy: "\n## \(description.code)\n").last?.components(
          separatedBy: "\n## "
        ).first)
      #expect(section.contains("**\(description.name)** (default: "))
      #expect(section.contains(description.summary + "."))
      #expect(section.contains(description.rationale))
      #expect(section.contains(description.fix))
    }
    let anchors = Set(Self.headings(Self.page, level: 2).map(Self.githubAnchor))
    let links = Self.page.components(separatedBy: "](#").dropFirst().compactMap {
      $0.split(separator: ")").first.map(String.init)
    }
    #expect(links.count == codes.count)
    for link in links { #expect(anchors.contains(link), "no section for #\(link)") }
  }

  @Test func documentationURLIsTheProjectHome() {
    #expect(
      RuleDocumentation.documentationURL
        == "https://github.com/resourcelint/resourcelint/blob/main/docs/rules.md")
    #expect(
      RuleDocumentation.url(for: "RL004")
        == "https://github.com/resourcelint/resourcelint/blob/main/docs/rules.md#rl004")
  }

  /// `explain` ends with the link to the rule's section, whether the rule is named by code or
  /// by name.
  @Test func explainEndsWithTheDocumentationLink() throws {
    for name in ["RL004", "invalid-quantity"] {
      let run = try CLITests.run(["explain", name])
      #expect(run.status == 0, "\(run.stderr)")
      let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(
        String.init)
      #expect(lines.last == "")
      #expect(lines.dropLast().last == "Documentation: " + RuleDocumentation.url(for: "RL004"))
      #expect(run.stdout.hasPrefix("RL004 invalid-quantity (default: error)\n"))
    }
    for description in RuleSet.descriptions {
      #expect(
        RuleReporter.explain(description).hasSuffix(
          "\n\nDocumentation: \(RuleDocumentation.url(for: description.code))\n"))
    }
  }
}
