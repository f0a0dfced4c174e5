/// An expression whose value the scanner cannot know (`RES` imported from another module, a
/// parameter `r`, the `**cfg` of a call), as written.
///
/// A resource it may supply is *dynamic*: neither set to a known value nor missing. Rules that
/// reason about absence ask for it so that they stay quiet where the answer is unknown.
public struct DynamicSource: Sendable, Hashable {
  /// The source text (`RES`, `**extra`), shortened for very long expressions.
  public var written: String
  public var span: SourceSpan

  public init(written: String, span: SourceSpan) {
    self.written = written
    self.span = span
  }
}
