/// One resource value exactly as it was written, with where it was written.
///
/// The scanners never interpret values beyond recording their form: a Python `1024` and a
/// Python `"1024"` differ (the first crashes flytekit's serializer), and so do YAML `512`
/// and `"512"`. Rules decide what each form means.
public struct ResourceValue: Sendable, Hashable {
  public enum Form: Sendable, Hashable {
    /// A quoted string: a Python `str` literal (any prefix or quote style) or a quoted YAML scalar.
    case string(String)
    /// An unquoted YAML scalar, kept as text: libyaml does no type resolution.
    case plain(String)
    /// A Python `int` literal, as `str()` prints it (`1_024` → `1024`, `0x10` → `16`).
    case integer(String)
    /// A Python `float` literal, as `str()` prints it (`1e-5` → `1e-05`).
    case float(String)
    /// A Python `True` or `False`.
    case boolean(Bool)
    /// Python `None` or YAML null: unset.
    case none
    /// Not a literal and not a constant resolvable within the file, with its source text.
    case dynamic(String)
    /// A tuple or list: `(request, limit)` in `resources=`, an error anywhere else.
    case sequence([ResourceValue], isList: Bool)
    /// Any other expression (a dict, a call, …), described by its source text.
    case other(String)
  }

  /// Where the value itself is written (the literal, not the keyword). Stored first: the
  /// form's tag byte then ends where the parse's words start, and a value is 56 bytes, not 80.
  public var span: SourceSpan
  public let form: Form
  /// What parsing `quantityText` found, without a second copy of the text.
  @usableFromInline let parsedQuantity: Quantity.Parsed

  /// The quantity this value denotes, if its text parses. Parsed once, when the value is made:
  /// every rule asks.
  public var quantity: Quantity? {
    guard let text = quantityText else { return nil }
    return parsedQuantity.quantity(text: text)
  }

  /// `quantity?.facts`, read from the stored parse without building the quantity: rules test
  /// it on every entry and build the quantity only for the entries that may be findings.
  ///
  /// Inlinable, so that only the parse is loaded: a rule reads entries where a declaration
  /// keeps them, and a call on the whole value made it copy each entry first (the call might,
  /// for all the rule knew, change the entry under it). That copy was 4 % of the instructions
  /// of checking a dense module (callgrind, 20,000 tasks).
  @inlinable public var quantityFacts: Quantity.Facts? {
    parsedQuantity.isUncached ? uncachedQuantityFacts : parsedQuantity.facts
  }

  /// `quantityFacts` of a parse too large to store, read again from the text.
  @usableFromInline var uncachedQuantityFacts: Quantity.Facts? { quantity?.facts }

  /// `quantity < other.quantity` when both values are quantities, nil otherwise; compared from
  /// the stored parses, so a comparison that finds nothing builds no quantity (and, inlined,
  /// copies neither value): RL001 on a dense module took 30 % fewer instructions, 1.4 % of
  /// the whole check.
  @inlinable public func quantityIsLess(than other: ResourceValue) -> Bool? {
    Quantity.Parsed.isLess(parsedQuantity, other.parsedQuantity)
      ?? uncachedQuantityIsLess(than: other)
  }

  /// `quantityIsLess(than:)` when a parse was too large to store, or is no quantity.
  @usableFromInline func uncachedQuantityIsLess(than other: ResourceValue) -> Bool? {
    guard let quantity, let otherQuantity = other.quantity else { return nil }
    return quantity < otherQuantity
  }

  public init(_ form: Form, span: SourceSpan) {
    self.form = form
    self.span = span
    self.parsedQuantity = Self.parse(form)
  }

  /// What the quantity `quantityText` denotes, read from the form alone: asking the half-built
  /// value for its text copied it, for every value the scanners make.
  private static func parse(_ form: Form) -> Quantity.Parsed {
    switch form {
    case .string(let text), .plain(let text), .integer(let text), .float(let text):
      Quantity(text)?.parsed ?? .none
    case .boolean(let value): Quantity(value ? "True" : "False")?.parsed ?? .none
    case .none, .dynamic, .sequence, .other: .none
    }
  }

  /// The text Kubernetes' quantity parser would receive, where one exists: string contents,
  /// YAML scalar text, or what Python's `str()` gives for numbers and booleans.
  public var quantityText: String? {
    switch form {
    case .string(let text), .plain(let text), .integer(let text), .float(let text): text
    case .boolean(let value): value ? "True" : "False"
    case .none, .dynamic, .sequence, .other: nil
    }
  }

  /// True when the scanner cannot know the value (`mem=f"{n}Gi"`, `cpu=CPU` imported).
  public var isDynamic: Bool {
    if case .dynamic = form { return true }
    return false
  }

  /// The source text of a dynamic value, nil for any other.
  public var dynamicText: String? {
    if case .dynamic(let written) = form { return written }
    return nil
  }

  /// True when the value was written as a number or boolean rather than a string: a Python
  /// `int`/`float`/`bool`, or an unquoted YAML scalar.
  public var isUnquotedScalar: Bool {
    switch form {
    case .plain, .integer, .float, .boolean: true
    default: false
    }
  }

  /// The value as `dump` prints it: the literal as written, `str()` for Python numbers,
  /// `<dynamic>` where unknown. `nil` means unset.
  public var dumpText: String? {
    switch form {
    case .string(let text), .plain(let text), .integer(let text), .float(let text): text
    case .boolean(let value): value ? "True" : "False"
    case .none: nil
    case .dynamic: "<dynamic>"
    case .sequence(let items, let isList):
      Self.sequenceText(items.map(\.pythonRepr), isList: isList)
    case .other(let text): text
    }
  }

  /// A tuple or list as Python's `repr` writes it: a 1-tuple keeps its trailing comma.
  private static func sequenceText(_ items: [String], isList: Bool) -> String {
    let inner = items.joined(separator: ", ")
    if isList { return "[\(inner)]" }
    return items.count == 1 ? "(\(inner),)" : "(\(inner))"
  }

  /// How the value reads in a message: strings quoted as written in Python, numbers bare.
  public var pythonRepr: String {
    switch form {
    case .string(let text): "\"\(text)\""
    case .plain(let text), .integer(let text), .float(let text): text
    case .boolean(let value): value ? "True" : "False"
    case .none: "None"
    case .dynamic: "<dynamic>"
    case .sequence, .other: dumpText ?? ""
    }
  }
}

/// One `key: value` of a requests or limits list, with the span of the key as written.
public struct ResourceEntry: Sendable, Hashable {
  /// The key exactly as written (`memory`, `mem`, `nvidia.com/gpu`, `MEMORY`). A named key's
  /// name is this text.
  public let writtenKey: String
  /// `key` as one byte: a named key's name is `writtenKey`, so the key needs no string of its
  /// own (an entry is 96 bytes, not 136; a dense module keeps four per declaration).
  @usableFromInline let keyCode: KeyCode
  /// True when a Python call got this field by keyword after a positional argument had already
  /// filled it (`Resources("1", cpu="2")`): Python raises TypeError "got multiple values for
  /// argument" before flytekit sees either value.
  public var isRepeated: Bool
  public var keySpan: SourceSpan
  public var value: ResourceValue

  @usableFromInline enum KeyCode: UInt8, Sendable {
    case cpu, memory, gpu, ephemeralStorage, named
  }

  /// Inlinable: rules compare keys of every entry, and a call for each showed in profiles.
  @inlinable public var key: ResourceKey {
    switch keyCode {
    case .cpu: .cpu
    case .memory: .memory
    case .gpu: .gpu
    case .ephemeralStorage: .ephemeralStorage
    case .named: .named(writtenKey)
    }
  }

  /// `writtenKey` is ignored for a named key: its name is what was written.
  public init(
    key: ResourceKey, writtenKey: String, keySpan: SourceSpan, value: ResourceValue,
    isRepeated: Bool = false
  ) {
    switch key {
    case .cpu: (keyCode, self.writtenKey) = (.cpu, writtenKey)
    case .memory: (keyCode, self.writtenKey) = (.memory, writtenKey)
    case .gpu: (keyCode, self.writtenKey) = (.gpu, writtenKey)
    case .ephemeralStorage: (keyCode, self.writtenKey) = (.ephemeralStorage, writtenKey)
    case .named(let name): (keyCode, self.writtenKey) = (.named, name)
    }
    self.keySpan = keySpan
    self.value = value
    self.isRepeated = isRepeated
  }
}

/// The requests or the limits of one declaration, in source order.
public struct ResourceList: Sendable, Hashable, Sequence {
  public var entries: [ResourceEntry]
  /// Set when resources without an entry may still get a value the scanner cannot know: the
  /// whole list is dynamic (`requests=RES`) or part of it is (`Resources(cpu="1", **extra)`).
  /// Such a resource is unknown, not missing.
  public var dynamicSource: DynamicSource? {
    get { storedDynamicSource.first }
    set { storedDynamicSource = newValue.map { [$0] } ?? [] }
  }
  /// `dynamicSource` out of line: few lists are dynamic, and inline it made every list (a
  /// declaration holds three, each argument of a `Resources(...)` one more) 40 bytes larger.
  private var storedDynamicSource: [DynamicSource]

  public init(_ entries: [ResourceEntry] = [], dynamicSource: DynamicSource? = nil) {
    self.entries = entries
    self.storedDynamicSource = dynamicSource.map { [$0] } ?? []
  }

  /// True when the list has no entries (it may still be dynamic: see `isDynamic`).
  public var isEmpty: Bool { entries.isEmpty }

  /// True when resources without an entry may be set by a value the scanner cannot know.
  public var isDynamic: Bool { !storedDynamicSource.isEmpty }

  /// False only when the list certainly has no entry for `key`: a dynamic list may have one.
  /// Rules that report an absence ask this rather than `hasEntry(for:)`.
  public func mayHaveEntry(for key: ResourceKey) -> Bool { isDynamic || hasEntry(for: key) }

  /// This list followed by `other` (later entries win), dynamic when either is.
  public func merged(with other: ResourceList) -> ResourceList {
    // One side empty: share the other's storage rather than copy it (a dense file merges a
    // list per task).
    if other.entries.isEmpty && (dynamicSource != nil || other.dynamicSource == nil) {
      return self
    }
    if entries.isEmpty && (other.dynamicSource != nil || dynamicSource == nil) { return other }
    return ResourceList(
      entries + other.entries, dynamicSource: dynamicSource ?? other.dynamicSource)
  }

  /// The last entry for `key` (later entries win, as in a Python call or a YAML mapping).
  public subscript(key: ResourceKey) -> ResourceEntry? {
    entries.last { $0.key == key }
  }

  public mutating func append(_ entry: ResourceEntry) { entries.append(entry) }

  public func makeIterator() -> IndexingIterator<[ResourceEntry]> { entries.makeIterator() }

  /// True when some entry is for `key` (`self[key] != nil` without copying the entry).
  public func hasEntry(for key: ResourceKey) -> Bool { entries.contains { $0.key == key } }

  /// Keys in first-appearance order, without duplicates.
  public var keys: [ResourceKey] {
    var seen = Set<ResourceKey>()
    return entries.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
  }

  /// Each key once, in first-appearance order, with the entry that wins for it (the last):
  /// `keys` paired with `self[key]`, without a set and an array for every rule and declaration.
  public var winningEntries: WinningEntries { WinningEntries(entries: entries) }

  public struct WinningEntries: Sequence {
    let entries: [ResourceEntry]

    public struct Iterator: IteratorProtocol {
      let entries: [ResourceEntry]
      var index = 0

      public mutating func next() -> (key: ResourceKey, entry: ResourceEntry)? {
        while index < entries.count {
          let first = index
          index += 1
          let key = entries[first].key
          // Lists are a handful of entries; scanning them beats hashing every key.
          guard !entries[..<first].contains(where: { $0.key == key }) else { continue }
          var winner = first
          for later in index..<entries.count where entries[later].key == key { winner = later }
          return (key, entries[winner])
        }
        return nil
      }
    }

    public func makeIterator() -> Iterator { Iterator(entries: entries) }
  }
}
