/// "Did you mean …?" for names typed by users: configuration keys, rule ids, levels, quantities.
public enum DidYouMean {
  /// The candidate closest to `word` within a small edit distance (case ignored), if any.
  /// - Parameter limit: the largest distance allowed; by default a third of the candidate's
  ///   length, from 1 to 3.
  public static func closest(to word: String, among candidates: [String], within limit: Int? = nil)
    -> String?
  {
    let target = Array(word.lowercased().unicodeScalars)
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
      let allowed = limit ?? max(1, min(3, candidate.count / 3))
      if distance <= allowed && distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
  }

  /// ` (did you mean 'exclude'?)` when a known word is within a small edit distance, else empty.
  public static func hint(_ word: String, among candidates: [String]) -> String {
    closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
  }

  /// Levenshtein distance, with a transposition counted as one edit (`exlcude` → `exclude`).
  static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
    if lhs.isEmpty { return rhs.count }
    if rhs.isEmpty { return lhs.count }
    var previous2 = [Int](repeating: 0, count: rhs.count + 1)
    var previous = Array(0...rhs.count)
    var current = [Int](repeating: 0, count: rhs.count + 1)
    for i in 1...lhs.count {
      current[0] = i
      for j in 1...rhs.count {
        let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && lhs[i - 1] == rhs[j - 2] && lhs[i - 2] == rhs[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      previous2 = previous
      previous = current
    }
    return previous[rhs.count]
  }
}
