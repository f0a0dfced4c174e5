import ResourceModel
import SourceText
import Testing

typealias TextPassLocation = ResourceModel.SourceLocation
typealias TextPassSpan = ResourceModel.SourceSpan

/// The passes that read every byte of every file (`TextCheck`, `LiteralSet`) and the line index
/// (`SourceFile`) have fast paths; each is compared here with a plain byte-by-byte reference on
/// random and edge inputs, around the 8/16/64-byte strides and the search window.
struct TextPassTests {
  // MARK: - References

  /// `TextCheck.problem(in:)` written one byte at a time.
  static func referenceProblem(_ bytes: [UInt8]) -> (offset: Int, message: String)? {
    if bytes.count >= 2
      && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    {
      return (0, "file is UTF-16 encoded (byte order mark); only UTF-8 is supported")
    }
    func hex(_ byte: UInt8) -> String {
      let digits = Array("0123456789ABCDEF")
      return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0 { return (index, "file contains a NUL byte (binary file?)") }
      if byte < 0x80 {
        index += 1
        continue
      }
      let length: Int
      let minimum: UInt32
      var scalar: UInt32
      switch byte {
      case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(byte & 0x1F))
      case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(byte & 0x0F))
      case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(byte & 0x07))
      default: return (index, "invalid UTF-8 byte 0x\(hex(byte))")
      }
      for offset in 1..<length {
        guard index + offset < bytes.count else {
          return (index, "truncated UTF-8 sequence at end of file")
        }
        let next = bytes[index + offset]
        if next & 0xC0 != 0x80 {
          return (index, "invalid UTF-8 sequence starting with 0x\(hex(byte))")
        }
        scalar = scalar << 6 | UInt32(next & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        return (index, "invalid UTF-8 sequence starting with 0x\(hex(byte))")
      }
      index += length
    }
    return nil
  }

  static func referenceOccurs(_ words: [String], in bytes: [UInt8]) -> Bool {
    let words = words.map { Array($0.utf8) }.filter { $0.count >= 2 }
    for start in bytes.indices {
      for word in words where start + word.count <= bytes.count {
        if Array(bytes[start..<start + word.count]) == word { return true }
      }
    }
    return false
  }

  /// Line and column by walking from the start of the file.
  static func referenceLocation(_ bytes: [UInt8], _ offset: Int) -> TextPassLocation {
    let target = max(0, min(offset, bytes.count))
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    var line = 1
    var lineStart = hasBOM ? 3 : 0
    var index = 0
    while index < target {
      let byte = bytes[index]
      if byte == 0x0A || (byte == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) {
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    guard target >= lineStart else { return TextPassLocation(line: line, column: 1) }
    let column = bytes[lineStart..<target].filter { $0 & 0xC0 != 0x80 }.count + 1
    return TextPassLocation(line: line, column: column)
  }

  // MARK: - Inputs

  /// SplitMix64: a fixed seed makes every failure reproducible.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let pythonWords =
    ["Resource", "accelerator", "with_overrides", "shared_memory", "PodTemplate", "resourcelint"]
  static let yamlWords = [
    "ontainer", "sidecars", "resources", "defaults", "limits", "resourcelint",
  ]

  /// Pieces that random texts are built from: plain text, words and near-misses, line breaks,
  /// valid multi-byte scalars and every kind of invalid UTF-8.
  static let pieces: [[UInt8]] = {
    var all: [[UInt8]] = [
      Array("abc".utf8), Array(" ".utf8), Array("x = 1".utf8), Array("\n".utf8),
      Array("\r\n".utf8), Array("\r".utf8), [0], [0x7F], [0x01],
      Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("ß".utf8),
      [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
      [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF], [0xFE], [0xE0, 0x80, 0x80],
      [0xF0, 0x80, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xC3, 0x41],
    ]
    for word in Self.pythonWords + Self.yamlWords {
      let bytes = Array(word.utf8)
      all.append(bytes)
      all.append(Array(bytes.dropLast()))
      all.append(Array(bytes.dropFirst()))
      var changed = bytes
      changed[changed.count / 2] ^= 0x20
      all.append(changed)
    }
    return all
  }()

  static func randomText(_ generator: inout Generator, maxPieces: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    let pieceCount = Int.random(in: 0...maxPieces, using: &generator)
    for _ in 0..<pieceCount {
      // Mostly plain letters, as real text is, so that fast paths run long stretches.
      if Int.random(in: 0..<4, using: &generator) != 0 {
        let run = Int.random(in: 1...40, using: &generator)
        for _ in 0..<run { bytes.append(UInt8.random(in: 0x20...0x7E, using: &generator)) }
      } else {
        bytes += Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)]
      }
    }
    return bytes
  }

  static func expectSameProblem(_ bytes: [UInt8], _ comment: String = "") {
    let fast = TextCheck.problem(in: bytes)
    let slow = Self.referenceProblem(bytes)
    #expect(fast?.offset == slow?.offset, "\(comment) \(bytes)")
    #expect(fast?.message == slow?.message, "\(comment) \(bytes)")
  }

  // MARK: - TextCheck

  @Test func textCheckMatchesReferenceOnRandomTexts() {
    var generator = Generator(state: 1)
    for _ in 0..<3000 {
      Self.expectSameProblem(Self.randomText(&generator, maxPieces: 30))
    }
  }

  @Test func textCheckFindsEveryBadByteAtEveryPosition() {
    let bad: [[UInt8]] = [
      [0], [0x80], [0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
      [0xE2, 0x82], Array("é".utf8), Array("😀".utf8),
    ]
    for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 127, 128, 129, 200] {
      let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
      Self.expectSameProblem(plain)
      for sequence in bad {
        for position in 0...length {
          var bytes = plain
          bytes.insert(contentsOf: sequence, at: position)
          Self.expectSameProblem(bytes, "length \(length) position \(position)")
          // Two problems: the first one is reported.
          if position + 1 < bytes.count {
            var twice = bytes
            twice.insert(0, at: bytes.count - 1)
            Self.expectSameProblem(twice)
          }
        }
      }
    }
    Self.expectSameProblem([0xFF, 0xFE] + Array("a".utf8))
    Self.expectSameProblem([0xFE, 0xFF])
  }

  // MARK: - LiteralSet

  @Test func literalSetMatchesReferenceOnRandomTexts() {
    var generator = Generator(state: 2)
    let sets = [Self.pythonWords, Self.yamlWords, ["ab", "abc"], ["limits"], ["aaaa", "aab"]]
    let literalSets = sets.map(LiteralSet.init)
    var found = 0
    for _ in 0..<4000 {
      let bytes = Self.randomText(&generator, maxPieces: 20)
      for (words, set) in zip(sets, literalSets) {
        let expected = Self.referenceOccurs(words, in: bytes)
        if expected { found += 1 }
        #expect(set.occurs(in: bytes) == expected, "\(words) \(bytes)")
      }
    }
    #expect(found > 500)  // the random texts do exercise matches
  }

  @Test func literalSetGroupsMatchReferenceOnRandomTexts() {
    var generator = Generator(state: 5)
    // The engine's Python set: the scanner's words and the directive word, told apart.
    let groups = [Array(Self.pythonWords.dropLast()), ["resourcelint"]]
    let set = LiteralSet(groups: groups)
    var both = 0
    for _ in 0..<4000 {
      let bytes = Self.randomText(&generator, maxPieces: 20)
      var expected: LiteralSet.Groups = []
      for (index, words) in groups.enumerated() where Self.referenceOccurs(words, in: bytes) {
        expected.insert(.group(index))
      }
      if expected == [.group(0), .group(1)] { both += 1 }
      #expect(bytes.withUnsafeBytes { set.groups(in: $0) } == expected, "\(bytes)")
      #expect(set.occurs(in: bytes) == !expected.isEmpty)
    }
    #expect(both > 20)  // the random texts do hold words of both groups
  }

  @Test func literalSetSearchesResumeWhereTheyStopped() {
    var generator = Generator(state: 9)
    // Words of the two groups that overlap and share prefixes, so that a search may stop
    // where a word of the other group starts too.
    let groups = [["Resource", "override(", "reso"], ["resourcelint", "Resources!"]]
    let set = LiteralSet(groups: groups)
    var stoppedEarly = 0
    for _ in 0..<4000 {
      var bytes = Self.randomText(&generator, maxPieces: 20)
      if Int.random(in: 0..<3, using: &generator) == 0 {
        bytes.insert(contentsOf: Array("Resources!resourcelint".utf8), at: bytes.count / 2)
      }
      bytes.withUnsafeBytes { raw in
        let all = set.groups(in: raw)
        for wanted in [LiteralSet.Groups.group(0), .group(1), [.group(0), .group(1)]] {
          let (found, searched) = set.groups(in: raw, until: wanted)
          #expect(all.isSuperset(of: found))
          #expect(found.isSuperset(of: wanted) || found == all)
          if searched < raw.count { stoppedEarly += 1 }
          let rest = set.groups(in: UnsafeRawBufferPointer(rebasing: raw[searched...]))
          #expect(found.union(rest) == all, "\(bytes) until \(wanted.rawValue)")
        }
      }
    }
    #expect(stoppedEarly > 1000)
  }

  @Test func literalSetFindsWordsAtEveryPosition() {
    for words in [Self.pythonWords, Self.yamlWords] {
      let set = LiteralSet(words)
      for word in words {
        let wordBytes = Array(word.utf8)
        for length in [0, 1, 5, 6, 7, 8, 9, 20, 31, 32, 33, 64, 100] {
          let plain = [UInt8](repeating: UInt8(ascii: "e"), count: length)
          for position in 0...length {
            var bytes = plain
            bytes.insert(contentsOf: wordBytes, at: position)
            #expect(set.occurs(in: bytes), "\(word) at \(position) of \(length)")
            // One byte short of the word, at the end of the buffer: not found.
            let cut = Array(bytes[..<(position + wordBytes.count - 1)])
            #expect(set.occurs(in: cut) == Self.referenceOccurs(words, in: cut))
          }
        }
      }
      #expect(!set.occurs(in: []))
      #expect(!set.occurs(in: Array("e".utf8)))
    }
  }

  // MARK: - SourceFile

  @Test func sourceFileLocationsAndSpansMatchReference() {
    var generator = Generator(state: 3)
    for round in 0..<600 {
      var bytes = Self.randomText(&generator, maxPieces: round % 10 == 0 ? 200 : 25)
      if round % 7 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
      let file = SourceFile(path: "f", bytes: bytes)
      for offset in -1...(bytes.count + 1) {
        #expect(file.location(ofByte: offset) == Self.referenceLocation(bytes, offset))
      }
      for _ in 0..<40 {
        let start = Int.random(in: -1...(bytes.count + 1), using: &generator)
        let end =
          Int.random(in: 0..<3, using: &generator) == 0
          ? Int.random(in: -1...(bytes.count + 1), using: &generator)
          : start + Int.random(in: 0...12, using: &generator)
        let expected = TextPassSpan(
          start: Self.referenceLocation(bytes, start),
          end: Self.referenceLocation(bytes, max(start, end)))
        #expect(file.span(fromByte: start, toByte: end) == expected, "\(start) \(end) \(bytes)")
        // Any hint, right, near or wrong, gives the same span and leaves the line found.
        var hint = Int.random(in: -2...(file.lineCount + 2), using: &generator)
        #expect(file.span(fromByte: start, toByte: end, near: &hint) == expected)
        #expect(hint == file.lineIndex(ofByte: max(0, min(start, bytes.count))))
      }
    }
  }

  @Test(arguments: ["\n", "\r\n"])
  func sourceFileColumnsBesideOneNonASCIICharacter(lineBreak: String) {
    // ASCII blocks (counted by their lengths) before and after a block holding a two-byte
    // character, and a short last block.
    let ascii = String(repeating: "abcdefgh", count: 25)
    let text = "x" + lineBreak + ascii + "é" + ascii + lineBreak + "end"
    let bytes = Array(text.utf8)
    let file = SourceFile(path: "f", bytes: bytes)
    for offset in 0...bytes.count {
      #expect(file.location(ofByte: offset) == Self.referenceLocation(bytes, offset))
      for length in [0, 1, 63, 64, 65, 200] {
        let end = min(offset + length, bytes.count)
        #expect(
          file.span(fromByte: offset, toByte: end)
            == TextPassSpan(
              start: Self.referenceLocation(bytes, offset), end: Self.referenceLocation(bytes, end)
            ))
      }
    }
  }

  @Test func sourceFileColumnsOnALongNonASCIILine() {
    // Longer than the direct-count limit, so the block table answers.
    let line = Array(String(repeating: "é€a😀", count: 300).utf8)
    let bytes = Array("x\n".utf8) + line + Array("\nend".utf8)
    let file = SourceFile(path: "f", bytes: bytes)
    for offset in stride(from: 0, through: bytes.count, by: 7) {
      #expect(file.location(ofByte: offset) == Self.referenceLocation(bytes, offset))
      let end = offset + 900
      #expect(
        file.span(fromByte: offset, toByte: end)
          == TextPassSpan(
            start: Self.referenceLocation(bytes, offset), end: Self.referenceLocation(bytes, end)))
    }
  }
}
