/// A change a rule proposes to the text of the file it checked: what to write and where.
///
/// Rules see declarations, not bytes, so an edit is expressed in the same line and column
/// terms as every span; the engine turns it into byte offsets against the file it read.
public struct Edit: Sendable, Hashable {
  /// The text replaced (empty to insert at `span.start`).
  public var span: SourceSpan
  public var replacement: String

  public init(replacing span: SourceSpan, with replacement: String) {
    self.span = span
    self.replacement = replacement
  }
}

/// Whether applying a fix keeps the meaning the user wrote.
public enum FixApplicability: String, Sendable, Hashable, Comparable {
  /// The intended meaning is certain and the fix only spells it correctly (`"1gi"` → `"1Gi"`):
  /// `check --fix` applies it.
  case safe
  /// The fix changes what is deployed (a limit raised to its request, `mem=1024` → `"1024Mi"`):
  /// applied only with `--unsafe-fixes`, offered as a suggestion otherwise.
  case unsafe

  public static func < (lhs: FixApplicability, rhs: FixApplicability) -> Bool {
    lhs == .safe && rhs == .unsafe
  }
}

/// A fix for one finding: a title for menus and `--show-fixes`, its applicability, and
/// edits that never overlap one another.
public struct Fix: Sendable, Hashable {
  /// What the fix does, imperative: `Replace "1gi" with "1Gi"`.
  public var title: String
  public var applicability: FixApplicability
  public var edits: [Edit]

  public init(_ title: String, applicability: FixApplicability, edits: [Edit]) {
    self.title = title
    self.applicability = applicability
    self.edits = edits
  }

  /// One replacement of a value's text: the common case.
  public static func replace(
    _ span: SourceSpan, with replacement: String, title: String,
    applicability: FixApplicability
  ) -> Fix {
    Fix(title, applicability: applicability, edits: [Edit(replacing: span, with: replacement)])
  }
}
