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

  /// All nodes of all documents; `YAMLNodeID.rawValue` indexes it.
  public internal(set) var nodes: [YAMLNode] = []
  /// Children of collections: a sequence's items, or a mapping's keys and values alternating.
  internal var children: [Int32] = []
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

  /// The node `id` refers to.
  public subscript(id: YAMLNodeID) -> YAMLNode { nodes[Int(id.rawValue)] }

  /// The items of a sequence (empty for anything else). Aliased items are not resolved.
  public func items(of id: YAMLNodeID) -> [YAMLNodeID] {
    let node = self[id]
    guard node.kind == .sequence else { return [] }
    let start = Int(node.childStart)
    return children[start..<start + Int(node.childCount)].map { YAMLNodeID(rawValue: $0) }
  }

  /// The pairs of a mapping as written, duplicates and merge keys included (empty for anything
  /// else). Aliased keys and values are not resolved.
  public func pairs(of id: YAMLNodeID) -> [YAMLPair] {
    let node = self[id]
    guard node.kind == .mapping else { return [] }
    var result: [YAMLPair] = []
    result.reserveCapacity(Int(node.childCount) / 2)
    var index = Int(node.childStart)
    let end = index + Int(node.childCount)
    while index + 1 < end {
      result.append(
        YAMLPair(
          key: YAMLNodeID(rawValue: children[index]),
          value: YAMLNodeID(rawValue: children[index + 1])))
      index += 2
    }
    return result
  }

  /// The anchored node an alias refers to; any other node is returned as is. An alias whose
  /// anchor is not defined before it is returned unchanged.
  public func resolved(_ id: YAMLNodeID) -> YAMLNodeID {
    let node = self[id]
    guard node.kind == .alias, node.target >= 0 else { return id }
    return YAMLNodeID(rawValue: node.target)
  }

  /// The node an alias refers to, or nil when the alias's anchor is undefined (libyaml's event
  /// API does not report those).
  public func aliasTarget(_ id: YAMLNodeID) -> YAMLNodeID? {
    let node = self[id]
    guard node.kind == .alias, node.target >= 0 else { return nil }
    return YAMLNodeID(rawValue: node.target)
  }

  /// The text of a scalar key or value, resolving an alias; nil for collections.
  public func scalarText(_ id: YAMLNodeID) -> String? {
    let node = self[resolved(id)]
    return node.kind == .scalar ? node.text : nil
  }

  /// True for a `<<` merge key (plain, untagged or tagged `!!merge`).
  public func isMergeKey(_ id: YAMLNodeID) -> Bool {
    let node = self[id]
    guard node.kind == .scalar, node.text == "<<" else { return false }
    return node.style == .plain && (node.tag == nil || node.tag == "tag:yaml.org,2002:merge")
  }

  /// The mapping's pairs with `<<` merge keys resolved, without copying anything.
  ///
  /// Keys written in the mapping itself win over merged ones; among merged mappings, earlier
  /// ones win (YAML's merge-key rules). Duplicate keys written in the mapping are all kept,
  /// in order, so callers can see them; lookups take the last. Each merged mapping is visited
  /// once, and reading stops after `maxMergedPairs` merged pairs.
  public func mergedPairs(of id: YAMLNodeID) -> [YAMLPair] {
    let mapping = resolved(id)
    guard self[mapping].kind == .mapping else { return [] }
    let own = pairs(of: mapping)
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
      switch self[value].kind {
      case .mapping:
        sources.append(value)
      case .sequence:
        let node = self[value]
        for index in Int(node.childStart)..<Int(node.childStart) + Int(node.childCount) {
          guard sources.count < limit else { break }
          let target = resolved(YAMLNodeID(rawValue: children[index]))
          if self[target].kind == .mapping { sources.append(target) }
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
    let node = self[id]
    guard node.kind == .mapping, limit > 0 else { return [] }
    var result: [YAMLPair] = []
    var index = Int(node.childStart)
    let end = index + min(Int(node.childCount), 2 * limit)
    while index + 1 < end {
      result.append(
        YAMLPair(
          key: YAMLNodeID(rawValue: children[index]),
          value: YAMLNodeID(rawValue: children[index + 1])))
      index += 2
    }
    return result
  }

  /// The value for a scalar key `key` in a mapping (resolving the mapping if it is an alias):
  /// the last pair written with that key, else the first merged one. Nil when absent.
  public func value(forKey key: String, in id: YAMLNodeID) -> YAMLNodeID? {
    let mapping = resolved(id)
    guard self[mapping].kind == .mapping else { return nil }
    return self.key(key, in: mapping)?.value
  }

  /// Like `value(forKey:in:)`, but returns the whole pair, so the key's position is known.
  public func key(_ key: String, in id: YAMLNodeID) -> YAMLPair? {
    let mapping = resolved(id)
    guard self[mapping].kind == .mapping else { return nil }
    // Scanned in place, newest first: lookups run for every mapping a scanner visits.
    let node = self[mapping]
    let start = Int(node.childStart)
    var index = start + Int(node.childCount) - 2
    var hasMerge = false
    while index >= start {
      let keyID = YAMLNodeID(rawValue: children[index])
      if isMergeKey(keyID) {
        hasMerge = true
      } else if scalarText(keyID) == key {
        return YAMLPair(key: keyID, value: YAMLNodeID(rawValue: children[index + 1]))
      }
      index -= 2
    }
    guard hasMerge else { return nil }
    return mergedPairs(of: mapping).first { scalarText($0.key) == key }
  }
}
