import ResourceModel

extension ResourceValue {
  /// A fix that writes this value as `text`, keeping how it is written: a string keeps its
  /// quotes (`'1gi'` → `'1Gi'`), a YAML plain scalar stays plain, and a Python number becomes a
  /// double-quoted string (`1024` → `"1024Mi"`).
  ///
  /// Rules see the value, not its source, so the edit says what it expects to find and the
  /// engine drops the fix when the source differs. nil when the rule cannot be sure of the
  /// spelling at all: a string with a prefix, escapes or several parts (its span is then wider
  /// than its text and two quotes), a value on several lines, a number not written as `str()`
  /// prints it (`1_024`, `0x400`), or a `text` that would need quoting or escaping.
  func respelled(as text: String, title: String, _ applicability: FixApplicability) -> Fix? {
    guard span.start.line == span.end.line, !text.isEmpty,
      text.unicodeScalars.allSatisfy(Self.isQuantityScalar)
    else { return nil }
    let width = span.end.column - span.start.column
    switch form {
    case .string(let written):
      guard written.unicodeScalars.allSatisfy(Self.isPlainInQuotes),
        width == written.unicodeScalars.count + 2
      else { return nil }
      let inside = SourceSpan(
        start: SourceLocation(line: span.start.line, column: span.start.column + 1),
        end: SourceLocation(line: span.end.line, column: span.end.column - 1))
      return Fix(
        title, applicability: applicability,
        edits: [Edit(replacing: inside, with: text, expecting: written)])
    case .plain(let written):
      guard width == written.unicodeScalars.count else { return nil }
      return Fix(
        title, applicability: applicability,
        edits: [Edit(replacing: span, with: text, expecting: written)])
    case .integer(let written), .float(let written):
      guard width == written.unicodeScalars.count else { return nil }
      return Fix(
        title, applicability: applicability,
        edits: [Edit(replacing: span, with: "\"\(text)\"", expecting: written)])
    case .boolean, .none, .dynamic, .sequence, .other:
      return nil
    }
  }

  /// What a string may hold for its span to be sure to be its two quotes around its text: no
  /// quote, backslash or control character, which a source could spell another way.
  private static func isPlainInQuotes(_ scalar: Unicode.Scalar) -> Bool {
    isQuantityScalar(scalar) || scalar == " " || scalar == "," || scalar == "_"
  }

  /// Letters, digits and the signs and dots of a number: what a quantity is made of, and text
  /// that needs no quoting or escaping in a Python string or a YAML scalar of either style.
  private static func isQuantityScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", ".", "+", "-": true
    default: false
    }
  }
}

extension ResourceEntry {
  /// A fix that renames this entry's key to `name`, keeping its quotes, or nil when the list
  /// already has a `name` (the rename would make a duplicate key, which strict parsers reject)
  /// or may have one (a dynamic list), or when the key's source spelling is not its text.
  func renamed(
    to name: String, in list: ResourceList, title: String, _ applicability: FixApplicability
  ) -> Fix? {
    guard !list.isDynamic, !list.entries.contains(where: { $0.writtenKey == name }),
      keySpan.start.line == keySpan.end.line, !name.isEmpty,
      name.unicodeScalars.allSatisfy(Self.isNameScalar),
      writtenKey.unicodeScalars.allSatisfy(Self.isNameScalar)
    else { return nil }
    let width = keySpan.end.column - keySpan.start.column
    let count = writtenKey.unicodeScalars.count
    let span: SourceSpan
    if width == count {
      span = keySpan
    } else if width == count + 2 {
      span = SourceSpan(
        start: SourceLocation(line: keySpan.start.line, column: keySpan.start.column + 1),
        end: SourceLocation(line: keySpan.end.line, column: keySpan.end.column - 1))
    } else {
      return nil
    }
    return Fix(
      title, applicability: applicability,
      edits: [Edit(replacing: span, with: name, expecting: writtenKey)])
  }

  /// What a resource name is made of (`nvidia.com/gpu`, `ephemeral-storage`): no character
  /// that needs quoting in a YAML plain scalar or escaping in a Python string.
  private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", "/": true
    default: false
    }
  }
}
