/// Where each rule's documentation lives on the web: SARIF's `helpUri` and the last line of
/// `resourcelint explain` both link there, so the link is written in this one place.
public enum RuleDocumentation {
  /// The generated rule reference, `docs/rules.md`, at the project's intended home on GitHub.
  /// A fork that publishes elsewhere changes this line and nothing else.
  public static let documentationURL =
    "https://github.com/resourcelint/resourcelint/blob/main/docs/rules.md"

  /// The fragment of a rule's section in `docs/rules.md`: the lowercase code, `rl004`. The page
  /// gives each rule a heading that is the bare code (`## RL004`), and GitHub makes a heading's
  /// anchor by lowercasing its text, so the two agree without an explicit `id`.
  public static func anchor(for code: String) -> String {
    code.lowercased()
  }

  /// The link to one rule's section: `<documentationURL>#rl004`.
  public static func url(for code: String) -> String {
    documentationURL + "#" + anchor(for: code)
  }
}
