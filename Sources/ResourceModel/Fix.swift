/// A change a rule proposes to the text of the file it checked: what to write and where.
///
/// Rules see declarations, not bytes, so an edit is expressed in the same line and column
/// terms as every span; the engine turns it into byte offsets against the file it read.
public struct Edit: Sendable, Hashable {
  /// The text replaced (empty to insert at `span.start`).
  public var span: SourceSpan
  public var replacement: String
  /// The text the rule expects at `span`, when it knows it. Rules see values, not source text:
  /// a rule that replaces the inside of `"1gi"` says it expects `1gi` there, and the engine drops
  /// the whole fix when the file holds something else (`r"1gi"`, an escape, a concatenation),
  /// so no fix is applied to text whose spelling the rule could only guess.
  public var expected: String?

  public init(
    replacing span: SourceSpan, with replacement: String, expecting expected: String? = nil
  ) {
    self.span = span
    self.replacement = replacement
    self.expected = expected
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

/// Whether a rule can fix its findings, for the rule's documentation.
public struct FixAvailability: Sendable, Hashable {
  public enum Extent: String, Sendable, Hashable {
    /// The rule never offers a fix.
    case none
    /// Some findings have a fix, others not (the value's spelling is unknown, the meaning
    /// ambiguous).
    case sometimes
    /// Every finding has a fix.
    case always
  }

  public var extent: Extent
  /// The applicabilities the rule's fixes may have, safe first; empty when there is none.
  public var applicabilities: [FixApplicability]
  /// One sentence: what the fix does and why it is safe or not, or why there is none.
  public var reason: String

  public init(_ extent: Extent, _ applicabilities: [FixApplicability] = [], reason: String) {
    self.extent = extent
    self.applicabilities = applicabilities.sorted()
    self.reason = reason
  }

  /// The rule offers no fix: what to write depends on what the user meant.
  public static let none = FixAvailability(
    .none, reason: "The right value depends on what was meant, so there is no automatic fix.")

  /// `sometimes (safe or unsafe)`, `always (unsafe)`, `none`: the docs' short form.
  public var shortText: String {
    guard extent != .none else { return "none" }
    return extent.rawValue + " (" + applicabilities.map(\.rawValue).joined(separator: " or ")
      + ")"
  }
}
