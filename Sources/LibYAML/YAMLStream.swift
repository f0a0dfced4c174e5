/// A parsed YAML stream: every document's nodes in one arena, plus the error that stopped
/// parsing, if any.
///
/// Parsing uses libyaml's event API and builds the tree iteratively, so no input can exhaust
/// the stack. Aliases stay references to their anchored node. When parsing fails, the
/// documents completed before the failure are still here.
public struct YAMLStream: Sendable {
  /// The default limit on collection nesting. libyaml has none, and its flow-collection
  /// scanner is quadratic in depth, so deep input must be cut off while parsing.
  public static let defaultMaxDepth = 1_000
  /// At most this many pairs of merged mappings are read when resolving one mapping's `<<`
  /// keys; further merge sources are ignored. Scanners look keys up in every mapping, so
  /// without a bound n mappings merging a chain or a wide mapping cost O(n²) (a fuzz finding:
  /// a 130 KB chain of 5,000 merges took 6–8 s in a release build).
  public static let maxMergedPairs = 1_000

  // The storage is visible to inlinable code: the scanners read single fields of nodes hundreds
  // of thousands of times, and a call across modules for each read costs more than the read.

  /// All nodes of all documents; `YAMLNodeID.rawValue` indexes it.
  @usableFromInline internal var records: [Record] = []
  /// Children of collections: a sequence's items, or a mapping's keys and values alternating.
  @usableFromInline internal var children: [Int32] = []
  /// The UTF-8 texts of all nodes: the parsed buffer itself, where plain one-line scalars are
  /// referred to as written, followed by every other scalar value, alias name, tag and anchor.
  @usableFromInline internal var text: [UInt8] = []
  /// The completed documents, in order.
  public internal(set) var documents: [YAMLDocument] = []
  /// Why parsing stopped early, or nil when the whole buffer was read.
  public internal(set) var error: YAMLError?

  internal init() {}

  /// Parses `bytes` as a YAML stream.
  ///
  /// - Parameters:
  ///   - bytes: UTF-8 text, optionally starting with a byte order mark. UTF-16 and UTF-32 are
  ///     rejected with a reader error.
  ///   - maxDepth: the deepest collection nesting accepted; deeper input stops parsing with a
  ///     `.depth` error.
  /// - Returns: the documents parsed, and the error that stopped parsing, if any.
  public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) -> YAMLStream {
    var builder = TreeBuilder(bytes: bytes, maxDepth: maxDepth)
    return builder.run()
  }

  /// The byte range of every scalar read, quotes and block indicators included, in file
  /// order: the text that is content, so a `#` outside all of them (after a space or at the
  /// start of a line) begins a comment. Scalars of a document cut short by an error are here
  /// up to the error.
  public var scalarByteRanges: [Range<Int>] {
    var ranges: [Range<Int>] = []
    for record in records where record.kind == .scalar && record.end.offset > record.start.offset {
      ranges.append(record.start.offset..<record.end.offset)
    }
    ranges.sort { $0.lowerBound < $1.lowerBound }
    return ranges
  }

  /// A node as stored: plain values only, so building, reading and freeing the arena does
  /// no reference counting. Its texts are ranges of `YAMLStream.text`.
  @usableFromInline struct Record: Sendable {
    @usableFromInline var kind: YAMLNode.Kind
    @usableFromInline var style: YAMLScalarStyle
    var isFlow: Bool
    /// False when the text has a byte outside ASCII (see `textEquals(_:_:)`).
    @usableFromInline var isASCII: Bool
    @usableFromInline var start: YAMLMark
    @usableFromInline var end: YAMLMark
    /// The scalar's value or the alias's anchor name; empty for collections.
    @usableFromInline var text: TextRange
    @usableFromInline var tag: TextRange?
    var anchor: TextRange?
    @usableFromInline var childStart: Int32 = 0
    @usableFromInline var childCount: Int32 = 0
    @usableFromInline var target: Int32 = -1
  }

  /// Where one text lies in `YAMLStream.text`.
  @usableFromInline struct TextRange: Sendable {
    @usableFromInline var start: Int
    @usableFromInline var count: Int
  }

  static let mergeTag: StaticString = "tag:yaml.org,2002:merge"

  /// The node `id` refers to, with its texts made into Strings. Lookups that need one field
  /// are cheaper through `kind(of:)`, `text(of:)`, `start(of:)` and the like.
  public subscript(id: YAMLNodeID) -> YAMLNode {
    let record = records[Int(id.rawValue)]
    return YAMLNode(
      kind: record.kind, style: record.style, isFlow: record.isFlow, text: string(record.text),
      tag: record.tag.map(string), anchor: record.anchor.map(string), start: record.start,
      end: record.end)
  }

  /// What node `id` is.
  @inlinable
  public func kind(of id: YAMLNodeID) -> YAMLNode.Kind { records[Int(id.rawValue)].kind }

  /// The scalar style of node `id` (`.plain` for collections and aliases).
  @inlinable
  public func style(of id: YAMLNodeID) -> YAMLScalarStyle { records[Int(id.rawValue)].style }

  /// Where node `id` starts (see `YAMLNode.start`).
  @inlinable
  public func start(of id: YAMLNodeID) -> YAMLMark { records[Int(id.rawValue)].start }

  /// Just after node `id`'s last character.
  @inlinable
  public func end(of id: YAMLNodeID) -> YAMLMark { records[Int(id.rawValue)].end }

  /// The text of node `id` as `YAMLNode.text` gives it (an alias's name; empty for
  /// collections).
  public func text(of id: YAMLNodeID) -> String { string(records[Int(id.rawValue)].text) }

  /// The tag of node `id`, as `YAMLNode.tag` gives it.
  public func tag(of id: YAMLNodeID) -> String? { records[Int(id.rawValue)].tag.map(string) }

  /// `YAMLNode.isNull` of node `id`, without building the node.
  public func isNull(_ id: YAMLNodeID) -> Bool {
    let record = records[Int(id.rawValue)]
    guard record.kind == .scalar, record.style == .plain, record.tag == nil else { return false }
    switch record.text.count {
    case 0: return true
    case 1: return textEquals(id, "~")
    case 4: return textEquals(id, "null") || textEquals(id, "Null") || textEquals(id, "NULL")
    default: return false
    }
  }

  /// True when node `id` is a scalar whose text equals `literal` as Strings compare.
  ///
  /// Compared as bytes: Strings compare by canonical equivalence, but an ASCII text is
  /// canonically equivalent only to itself, so for ASCII texts the bytes decide. Only a
  /// non-ASCII text or literal (rare: the Kelvin sign `K` equals `K`) is compared as Strings.
  @inlinable
  public func textEquals(_ id: YAMLNodeID, _ literal: StaticString) -> Bool {
    let record = records[Int(id.rawValue)]
    guard record.kind == .scalar else { return false }
    if record.isASCII && literal.isASCII {
      guard record.text.count == literal.utf8CodeUnitCount else { return false }
      return literal.withUTF8Buffer { Self.bytes(text, record.text, equal: $0) }
    }
    return textEqualsAsString(record.text, literal)
  }

  /// The rare case of `textEquals(_:_:)`, kept out of line so that the common one inlines.
  @usableFromInline func textEqualsAsString(_ range: TextRange, _ literal: StaticString) -> Bool {
    string(range) == literal.description
  }

  /// True when the `count` bytes of `text` at `range` are `other`.
  @usableFromInline static func bytes(
    _ text: [UInt8], _ range: TextRange, equal other: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    guard range.count == other.count else { return false }
    return text.withUnsafeBufferPointer { arena in
      var index = 0
      while index < other.count {
        if arena[range.start + index] != other[index] { return false }
        index += 1
      }
      return true
    }
  }

  func string(_ range: TextRange) -> String {
    text.withUnsafeBufferPointer { arena in
      String(
        decoding: UnsafeBufferPointer(rebasing: arena[range.start..<range.start + range.count]),
        as: UTF8.self)
    }
  }

  /// The items of a sequence (empty for anything else). Aliased items are not resolved.
  @inlinable
  public func items(of id: YAMLNodeID) -> YAMLItems {
    let record = records[Int(id.rawValue)]
    guard record.kind == .sequence else { return YAMLItems(children: [], start: 0, count: 0) }
    return YAMLItems(
      children: children, start: Int(record.childStart), count: Int(record.childCount))
  }

  /// The pairs of a mapping as written, duplicates and merge keys included (empty for anything
  /// else). Aliased keys and values are not resolved.
  @inlinable
  public func pairs(of id: YAMLNodeID) -> YAMLPairs {
    let record = records[Int(id.rawValue)]
    guard record.kind == .mapping else { return YAMLPairs(children: [], start: 0, count: 0) }
    return YAMLPairs(
      children: children, start: Int(record.childStart), count: Int(record.childCount) / 2)
  }

  /// The anchored node an alias refers to; any other node is returned as is. An alias whose
  /// anchor is not defined before it is returned unchanged.
  @inlinable
  public func resolved(_ id: YAMLNodeID) -> YAMLNodeID {
    let record = records[Int(id.rawValue)]
    guard record.kind == .alias, record.target >= 0 else { return id }
    return YAMLNodeID(rawValue: record.target)
  }

  /// The node an alias refers to, or nil when the alias's anchor is undefined (libyaml's event
  /// API does not report those).
  public func aliasTarget(_ id: YAMLNodeID) -> YAMLNodeID? {
    let record = records[Int(id.rawValue)]
    guard record.kind == .alias, record.target >= 0 else { return nil }
    return YAMLNodeID(rawValue: record.target)
  }

  /// The text of a scalar key or value, resolving an alias; nil for collections.
  public func scalarText(_ id: YAMLNodeID) -> String? {
    let record = records[Int(resolved(id).rawValue)]
    return record.kind == .scalar ? string(record.text) : nil
  }

  /// True for a `<<` merge key (plain, untagged or tagged `!!merge`).
  @inlinable
  public func isMergeKey(_ id: YAMLNodeID) -> Bool {
    let record = records[Int(id.rawValue)]
    guard record.kind == .scalar, record.style == .plain, record.text.count == 2,
      textEquals(id, "<<")
    else { return false }
    guard let tag = record.tag else { return true }
    return isMergeTag(tag)
  }

  @usableFromInline func isMergeTag(_ tag: TextRange) -> Bool {
    Self.mergeTag.withUTF8Buffer { Self.bytes(text, tag, equal: $0) }
  }

  /// The mapping's pairs with `<<` merge keys resolved, without copying anything.
  ///
  /// Keys written in the mapping itself win over merged ones; among merged mappings, earlier
  /// ones win (YAML's merge-key rules). Duplicate keys written in the mapping are all kept,
  /// in order, so callers can see them; lookups take the last. Each merged mapping is visited
  /// once, and reading stops after `maxMergedPairs` merged pairs.
  public func mergedPairs(of id: YAMLNodeID) -> [YAMLPair] {
    let mapping = resolved(id)
    guard kind(of: mapping) == .mapping else { return [] }
    let own = Array(pairs(of: mapping))
    guard own.contains(where: { isMergeKey($0.key) }) else { return own }

    var ownKeys = Set<String>()
    for pair in own where !isMergeKey(pair.key) {
      if let text = scalarText(pair.key) { ownKeys.insert(text) }
    }
    var merged: [YAMLPair] = []
    var seenKeys = ownKeys
    var visited: Set<Int32> = [mapping.rawValue]
    // Sources are taken depth-first in priority order: a stack holding them reversed.
    // Every pair read and every source queued spends one unit of the budget.
    var budget = YAMLStream.maxMergedPairs
    var stack: [YAMLNodeID] = mergeSources(of: own, limit: budget).reversed()
    budget -= stack.count
    while budget > 0, let source = stack.popLast() {
      guard visited.insert(source.rawValue).inserted else { continue }
      let sourcePairs = pairs(of: source, limit: budget)
      budget -= sourcePairs.count
      for pair in sourcePairs where !isMergeKey(pair.key) {
        guard let text = scalarText(pair.key) else { continue }
        if seenKeys.insert(text).inserted { merged.append(pair) }
      }
      let sources = mergeSources(of: sourcePairs, limit: max(0, budget))
      budget -= sources.count
      stack.append(contentsOf: sources.reversed())
    }
    return merged + own.filter { !isMergeKey($0.key) }
  }

  /// The mappings named by the `<<` keys among `pairs`, in priority order, at most `limit`.
  private func mergeSources(of pairs: [YAMLPair], limit: Int) -> [YAMLNodeID] {
    var sources: [YAMLNodeID] = []
    // A later `<<` key overrides an earlier one, like any duplicate key.
    for pair in pairs.reversed() where isMergeKey(pair.key) {
      let value = resolved(pair.value)
      switch kind(of: value) {
      case .mapping:
        sources.append(value)
      case .sequence:
        for item in items(of: value) {
          guard sources.count < limit else { break }
          let target = resolved(item)
          if kind(of: target) == .mapping { sources.append(target) }
        }
      default:
        break
      }
      if sources.count >= limit { return Array(sources.prefix(limit)) }
    }
    return sources
  }

  /// The first `limit` pairs of a mapping, as `pairs(of:)` gives them.
  private func pairs(of id: YAMLNodeID, limit: Int) -> [YAMLPair] {
    guard limit > 0 else { return [] }
    return Array(pairs(of: id).prefix(limit))
  }

  /// The value for a scalar key `key` in a mapping (resolving the mapping if it is an alias):
  /// the last pair written with that key, else the first merged one. Nil when absent.
  public func value(forKey key: String, in id: YAMLNodeID) -> YAMLNodeID? {
    self.key(key, in: id)?.value
  }

  /// Like `value(forKey:in:)`, but returns the whole pair, so the key's position is known.
  public func key(_ key: String, in id: YAMLNodeID) -> YAMLPair? {
    let mapping = resolved(id)
    let record = records[Int(mapping.rawValue)]
    guard record.kind == .mapping else { return nil }
    var utf8 = key
    // Scanned in place, newest first: lookups run for every mapping a scanner visits.
    let (found, hasMerge) = utf8.withUTF8 { key -> (YAMLPair?, Bool) in
      let keyIsASCII = key.allSatisfy { $0 < 0x80 }
      let start = Int(record.childStart)
      var index = start + Int(record.childCount) - 2
      var hasMerge = false
      while index >= start {
        let keyID = YAMLNodeID(rawValue: children[index])
        let written = records[Int(resolved(keyID).rawValue)]
        if written.kind != .scalar {
          // Not a scalar: never equal to a key.
        } else if written.isASCII && keyIsASCII {
          // Same reasoning as in `textEquals`: ASCII texts are equal only when their bytes are.
          if written.text.count == key.count && Self.bytes(text, written.text, equal: key) {
            if isMergeKey(keyID) {
              hasMerge = true
            } else {
              return (YAMLPair(key: keyID, value: YAMLNodeID(rawValue: children[index + 1])), false)
            }
          } else if written.text.count == 2 && isMergeKey(keyID) {
            hasMerge = true
          }
        } else if isMergeKey(keyID) {
          hasMerge = true
        } else if string(written.text) == String(decoding: key, as: UTF8.self) {
          return (YAMLPair(key: keyID, value: YAMLNodeID(rawValue: children[index + 1])), false)
        }
        index -= 2
      }
      return (nil, hasMerge)
    }
    if let found { return found }
    guard hasMerge else { return nil }
    return mergedPairs(of: mapping).first { scalarText($0.key) == key }
  }
}

/// The items of a sequence, read in place.
public struct YAMLItems: RandomAccessCollection, Sendable {
  @usableFromInline let children: [Int32]
  @usableFromInline let base: Int
  /// How many items there are.
  public let count: Int

  @inlinable init(children: [Int32], start: Int, count: Int) {
    self.children = children
    self.base = start
    self.count = count
  }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { count }

  @inlinable public subscript(position: Int) -> YAMLNodeID {
    precondition(position >= 0 && position < count, "item index out of range")
    return YAMLNodeID(rawValue: children[base + position])
  }
}

/// The pairs of a mapping, read in place.
public struct YAMLPairs: RandomAccessCollection, Sendable {
  @usableFromInline let children: [Int32]
  @usableFromInline let base: Int
  /// How many pairs there are.
  public let count: Int

  @inlinable init(children: [Int32], start: Int, count: Int) {
    self.children = children
    self.base = start
    self.count = count
  }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { count }

  @inlinable public subscript(position: Int) -> YAMLPair {
    precondition(position >= 0 && position < count, "pair index out of range")
    let index = base + 2 * position
    return YAMLPair(
      key: YAMLNodeID(rawValue: children[index]), value: YAMLNodeID(rawValue: children[index + 1]))
  }
}
