#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fixed set of byte strings, searched for all at once: the engine's prefilter, which decides
/// whether a file is worth reading at all.
///
/// Most files of a monorepo contain none of the words a declaration needs, so this search reads
/// every byte of every file and must cost far less than parsing. It is Wu–Manber with blocks of
/// two bytes: the window of the shortest word's length slides over the text, and a table says how
/// far it may jump given the window's last two bytes. Words are long (6–14 bytes), so most steps
/// jump several bytes; only where the last block ends some word's prefix are the words compared.
public struct LiteralSet: Sendable {
  private let words: [[UInt8]]
  /// The group of each word (`Groups`), as one bit.
  private let wordGroups: [Groups]
  /// Every group some word belongs to.
  private let allGroups: Groups
  /// The shortest word's length: the window.
  private let window: Int
  /// How far the window may move when its last two bytes hash to the index.
  private let shifts: [UInt8]

  /// Table size: a power of two. Hash collisions only shorten jumps; matches are always verified.
  private static let tableBits = 12

  /// Which groups of words a search found: bit `n` for group `n` of `init(groups:)`.
  public struct Groups: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Group `index` (0 to 31).
    public static func group(_ index: Int) -> Groups { Groups(rawValue: 1 << UInt32(index)) }
  }

  /// - Parameter words: at least one word, each at least two bytes long.
  public init(_ words: [String]) {
    self.init(groups: [words])
  }

  /// Words in up to 32 groups, searched in one pass: `groups(in:)` says which groups occur (a
  /// file read once for the words that make it worth scanning and for the word of a directive).
  public init(groups: [[String]]) {
    var bytes: [[UInt8]] = []
    var wordGroups: [Groups] = []
    for (index, words) in groups.prefix(32).enumerated() {
      for word in words where word.utf8.count >= 2 {
        bytes.append(Array(word.utf8))
        wordGroups.append(.group(index))
      }
    }
    self.words = bytes
    self.wordGroups = wordGroups
    self.allGroups = wordGroups.reduce([]) { $0.union($1) }
    let window = bytes.map(\.count).min() ?? 2
    self.window = window
    var shifts = [UInt8](repeating: UInt8(clamping: window - 1), count: 1 << Self.tableBits)
    for word in bytes {
      // The block ending at `end` (within the window-long prefix) lets the window move so
      // that this block lands at the window's end.
      for end in 1..<window {
        let slot = Self.slot(word[end - 1], word[end])
        shifts[slot] = min(shifts[slot], UInt8(clamping: window - 1 - end))
      }
    }
    self.shifts = shifts
  }

  /// The table index of the block `first, second`: Fibonacci hashing of the 16-bit pair, so the
  /// search loop hashes one unaligned 16-bit load with a multiply and a shift.
  @inline(__always)
  private static func slot(_ first: UInt8, _ second: UInt8) -> Int {
    slot(pair: UInt32(first) | UInt32(second) << 8)
  }

  @inline(__always)
  private static func slot(pair: UInt32) -> Int {
    Int((pair &* 0x9E37_79B9) >> (32 - UInt32(tableBits)))
  }

  /// True when `bytes` contains at least one of the words.
  public func occurs(in bytes: UnsafeRawBufferPointer) -> Bool {
    !search(bytes, until: { !$0.isEmpty }).found.isEmpty
  }

  /// The groups of the words `bytes` contains. The search stops once every group is found.
  public func groups(in bytes: UnsafeRawBufferPointer) -> Groups {
    search(bytes, until: { $0 == allGroups }).found
  }

  /// The groups found in `bytes` until every group of `wanted` is, and where the search
  /// stopped: the words starting from `searched` on may not have been looked at, and
  /// `groups(in: bytes[searched...])` finds them (`searched` is the count when every byte was).
  public func groups(in bytes: UnsafeRawBufferPointer, until wanted: Groups) -> (
    found: Groups, searched: Int
  ) {
    search(bytes, until: { $0.isSuperset(of: wanted) })
  }

  /// The groups found in `bytes`, searched until `done` holds for them or the bytes end, and
  /// where the search stopped (`groups(in:until:)`).
  @inline(__always)
  private func search(_ bytes: UnsafeRawBufferPointer, until done: (Groups) -> Bool) -> (
    found: Groups, searched: Int
  ) {
    guard let base = bytes.baseAddress, !words.isEmpty else { return ([], bytes.count) }
    let text = base.assumingMemoryBound(to: UInt8.self)
    let count = bytes.count
    let window = self.window
    return shifts.withUnsafeBufferPointer { table in
      // Wrapping arithmetic: `end` stays below `count`, and overflow checks would double the
      // instructions of this loop.
      @inline(__always) func shift(at end: Int) -> Int {
        let pair = UInt16(
          littleEndian: base.loadUnaligned(fromByteOffset: end &- 1, as: UInt16.self))
        return Int(table[Self.slot(pair: UInt32(pair))])
      }
      var found: Groups = []
      // Adds the groups of the words starting where the window ends at `end`; when that makes
      // `done` hold, where the search stops: no word starting before that offset was skipped,
      // and those starting at it may not all have been compared yet.
      @inline(__always) func stop(endingAt end: Int) -> Int? {
        let start = end - window + 1
        for index in words.indices
        where words[index].count <= count - start && Self.equal(words[index], at: text + start) {
          found.formUnion(wordGroups[index])
          if done(found) { return start }
        }
        return nil
      }
      var end = window - 1
      // Four jumps per bounds check. A zero shift leaves the window where it is, so every later
      // jump of the four is zero too: a candidate met on the way is still there for the check.
      let unrolledLimit = count - 3 * (window - 1)
      while end < unrolledLimit {
        end &+= shift(at: end)
        end &+= shift(at: end)
        end &+= shift(at: end)
        let last = shift(at: end)
        if last != 0 {
          end &+= last
          continue
        }
        if let stopped = stop(endingAt: end) { return (found, stopped) }
        end += 1
      }
      while end < count {
        let shift = shift(at: end)
        if shift != 0 {
          end += shift
          continue
        }
        if let stopped = stop(endingAt: end) { return (found, stopped) }
        end += 1
      }
      return (found, count)
    }
  }

  /// True when the bytes at `text` begin with `word` (the caller checked the length).
  @inline(__always)
  static func equal(_ word: [UInt8], at text: UnsafePointer<UInt8>) -> Bool {
    for index in word.indices where text[index] != word[index] { return false }
    return true
  }

  /// True when `bytes` contains at least one of the words.
  public func occurs(in bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { occurs(in: $0) }
  }
}

/// Byte searches built on the C library's vectorised `memchr`.
public enum ByteSearch {
  /// True when `byte` occurs in `bytes` and is followed by one of `next` (or, when `atEnd`, is
  /// the last byte).
  public static func occurs(
    _ byte: UInt8, followedBy next: [UInt8], in bytes: UnsafeRawBufferPointer
  ) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    var offset = 0
    let count = bytes.count
    while offset < count, let found = memchr(base + offset, Int32(byte), count - offset) {
      let index = base.distance(to: UnsafeRawPointer(found))
      if index + 1 < count && next.contains(bytes[index + 1]) { return true }
      offset = index + 1
    }
    return false
  }

  /// True when `word` occurs in `bytes`; `word[anchor]` should be a rare byte, found by `memchr`.
  public static func occurs(_ word: [UInt8], anchor: Int, in bytes: UnsafeRawBufferPointer)
    -> Bool
  {
    occurs(word, anchor: anchor, in: bytes) { _ in true }
  }

  /// True when `word` occurs in `bytes` at an offset that `accepts`.
  public static func occurs(
    _ word: [UInt8], anchor: Int, in bytes: UnsafeRawBufferPointer, where accepts: (Int) -> Bool
  ) -> Bool {
    guard let base = bytes.baseAddress, anchor < word.count else { return false }
    var offset = anchor
    let count = bytes.count
    while offset < count, let found = memchr(base + offset, Int32(word[anchor]), count - offset) {
      let index = base.distance(to: UnsafeRawPointer(found))
      let start = index - anchor
      if start >= 0 && start + word.count <= count
        && LiteralSet.equal(word, at: (base + start).assumingMemoryBound(to: UInt8.self))
        && accepts(start)
      {
        return true
      }
      offset = index + 1
    }
    return false
  }
}
