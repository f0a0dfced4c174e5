import Foundation
import Linting
import Reporting
import Testing

/// SARIF specifics beyond FormatTests' schema check: each rule's `helpUri` pointing at its
/// section of docs/rules.md.
struct SarifTests {
  // MARK: - helpUri

  /// Every rule of the catalog links to its own section of docs/rules.md.
  @Test func helpUriLinksEveryRuleToItsSection() throws {
    let run = try CLITests.run(["check", "--format", "sarif", "Fixtures/examples/k8s/rbac.yaml"])
    let log = try FormatTests.json(run.stdout)
    let driver = try #require(
      ((log["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"]
        as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.count == RuleSet.descriptions.count)
    for rule in rules {
      let code = try #require(rule["id"] as? String)
      #expect(rule["helpUri"] as? String == RuleDocumentation.url(for: code))
      #expect(
        rule["helpUri"] as? String
          == "https://github.com/resourcelint/resourcelint/blob/main/docs/rules.md#"
          + code.lowercased())
    }
    // And the anchors exist: each is a section heading of the committed page.
    let page = try #require(Paths.read("docs/rules.md"))
    for description in RuleSet.descriptions {
      #expect(page.contains("\n## \(description.code)\n"))
    }
  }
}
