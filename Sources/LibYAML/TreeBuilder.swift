internal import CYAML

/// Drives libyaml's event parser over one buffer and builds a `YAMLStream`.
///
/// The only code that talks to libyaml. The parser struct lives at a fixed heap address
/// because libyaml stores a pointer to it inside itself when given a string input.
struct TreeBuilder {
  private let bytes: [UInt8]
  private let maxDepth: Int
  private var stream = YAMLStream()
  /// Open collections, innermost last, each with where its children start in `pending`.
  private var open: [(node: Int32, firstChild: Int)] = []
  /// The children gathered so far of all open collections, outermost collection's first:
  /// one shared stack, so no collection needs an array of its own while it is open. Only its
  /// first `pendingCount` entries are in use; the rest is kept for reuse.
  private var pending: [Int32] = []
  private var pendingCount = 0
  /// Anchors of the current document. An anchor is registered when its node is complete, so
  /// an alias can only point backwards to a finished node and the tree has no cycles.
  private var anchors: [String: Int32] = [:]
  private var documentRoot: Int32 = -1
  private var documentStart = YAMLMark(offset: 0, line: 1, column: 1)
  private var marks: MarkConverter

  init(bytes: [UInt8], maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
    self.marks = MarkConverter(bytes: bytes)
    // Typical YAML has a node every 8 to 12 bytes and about half its bytes in scalar values;
    // reserving that much saves most of the growing. Capped, because a buffer can be one big
    // scalar.
    let nodes = min(bytes.count / 8, 1 << 16)
    stream.records.reserveCapacity(nodes)
    open.reserveCapacity(32)
    pending.reserveCapacity(256)
    stream.children.reserveCapacity(nodes)
    // The text starts with the buffer itself, which holds most values as written.
    stream.text.reserveCapacity(bytes.count + min(bytes.count / 4, 1 << 20))
    stream.text.append(contentsOf: bytes)
  }

  mutating func run() -> YAMLStream {
    if bytes.count >= 2
      && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    {
      fail(.reader, "UTF-16 and UTF-32 text are not supported; use UTF-8", offset: 0)
      return stream
    }
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      fail(.memory, "libyaml could not allocate its parser", offset: 0)
      return stream
    }
    defer { yaml_parser_delete(parser) }

    // libyaml asserts on a NULL input pointer, which an empty array may have.
    let input: [UInt8] = bytes.isEmpty ? [0] : bytes
    input.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      yaml_parser_set_input_string(parser, base, bytes.count)
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(parser, &event) == 1 else {
          recordParserError(parser.pointee)
          return
        }
        let keepGoing = handle(event)
        yaml_event_delete(&event)
        if !keepGoing { return }
      }
    }
    return stream
  }

  /// Adds one event to the tree; false when parsing must stop.
  private mutating func handle(_ event: yaml_event_t) -> Bool {
    switch event.type {
    case YAML_STREAM_END_EVENT:
      return false
    case YAML_DOCUMENT_START_EVENT:
      anchors = [:]
      documentRoot = -1
      documentStart = marks.convert(event.start_mark)
    case YAML_DOCUMENT_END_EVENT:
      if documentRoot >= 0 {
        stream.documents.append(
          YAMLDocument(
            root: YAMLNodeID(rawValue: documentRoot), start: documentStart,
            end: marks.convert(event.end_mark)))
      }
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let style = Self.style(scalar.style)
      let start = marks.convert(event.start_mark)
      let end = marks.convert(event.end_mark)
      // A plain scalar on one line is its own value: libyaml only folds line breaks in plain
      // scalars, and trims the spaces around them, which lie outside the marks. Such a value
      // is not copied: it is referred to where it was written.
      let (text, isASCII) =
        style == .plain && start.line == end.line && end.offset - start.offset == scalar.length
        ? Self.sourceText(from: start.offset, count: scalar.length, in: bytes, marks: marks)
        : appendText(scalar.value, count: scalar.length)
      let record = YAMLStream.Record(
        kind: .scalar, style: style, isFlow: false, isASCII: isASCII,
        start: start, end: end, text: text,
        tag: scalar.tag == nil ? nil : appendText(cString: scalar.tag),
        anchor: scalar.anchor == nil ? nil : appendText(cString: scalar.anchor))
      finish(add(record))
    case YAML_ALIAS_EVENT:
      let name =
        appendText(cString: event.data.alias.anchor) ?? YAMLStream.TextRange(start: 0, count: 0)
      var record = YAMLStream.Record(
        kind: .alias, style: .plain, isFlow: false, isASCII: false,
        start: marks.convert(event.start_mark), end: marks.convert(event.end_mark), text: name,
        tag: nil, anchor: nil)
      if !anchors.isEmpty { record.target = anchors[stream.string(name)] ?? -1 }
      finish(add(record))
    case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
      guard open.count < maxDepth else {
        let mark = marks.convert(event.start_mark)
        stream.error = YAMLError(
          kind: .depth, problem: "collections nested deeper than \(maxDepth) levels", mark: mark,
          context: nil, contextMark: nil)
        return false
      }
      let isSequence = event.type == YAML_SEQUENCE_START_EVENT
      let tag: UnsafeMutablePointer<UInt8>?
      let anchor: UnsafeMutablePointer<UInt8>?
      let isFlow: Bool
      if isSequence {
        let data = event.data.sequence_start
        (tag, anchor, isFlow) = (data.tag, data.anchor, data.style == YAML_FLOW_SEQUENCE_STYLE)
      } else {
        let data = event.data.mapping_start
        (tag, anchor, isFlow) = (data.tag, data.anchor, data.style == YAML_FLOW_MAPPING_STYLE)
      }
      let record = YAMLStream.Record(
        kind: isSequence ? .sequence : .mapping, style: .plain, isFlow: isFlow, isASCII: true,
        start: marks.convert(event.start_mark), end: marks.convert(event.end_mark),
        text: YAMLStream.TextRange(start: 0, count: 0),
        tag: tag == nil ? nil : appendText(cString: tag),
        anchor: anchor == nil ? nil : appendText(cString: anchor))
      open.append((add(record), pendingCount))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      guard let (index, firstChild) = open.popLast() else { return true }
      stream.records[Int(index)].childStart = Int32(stream.children.count)
      stream.records[Int(index)].childCount = Int32(pendingCount - firstChild)
      stream.records[Int(index)].end = marks.convert(event.end_mark)
      stream.children.append(contentsOf: pending[firstChild..<pendingCount])
      pendingCount = firstChild
      finish(index)
    default:
      break
    }
    return true
  }

  private mutating func add(_ record: YAMLStream.Record) -> Int32 {
    stream.records.append(record)
    return Int32(stream.records.count - 1)
  }

  /// The text at `offset` of the buffer, which `stream.text` starts with; also tells whether
  /// it is all ASCII.
  private static func sourceText(
    from offset: Int, count: Int, in bytes: [UInt8], marks: MarkConverter
  ) -> (YAMLStream.TextRange, isASCII: Bool) {
    let range = YAMLStream.TextRange(start: offset, count: count)
    if marks.isASCII(upTo: offset + count) { return (range, true) }
    var union: UInt8 = 0
    for index in offset..<offset + count { union |= bytes[index] }
    return (range, union < 0x80)
  }

  /// Copies `count` bytes into the stream's text; also tells whether they are all ASCII.
  private mutating func appendText(_ pointer: UnsafeMutablePointer<UInt8>?, count: Int)
    -> (YAMLStream.TextRange, isASCII: Bool)
  {
    let start = stream.text.count
    guard let pointer, count > 0 else {
      return (YAMLStream.TextRange(start: start, count: 0), true)
    }
    let bytes = UnsafeBufferPointer(start: pointer, count: count)
    stream.text.append(contentsOf: bytes)
    var union: UInt8 = 0
    for byte in bytes { union |= byte }
    return (YAMLStream.TextRange(start: start, count: count), union < 0x80)
  }

  /// Copies a NUL-terminated libyaml string (a tag, anchor or alias name) into the stream's
  /// text; nil when there is none.
  private mutating func appendText(cString pointer: UnsafeMutablePointer<UInt8>?)
    -> YAMLStream.TextRange?
  {
    guard let pointer else { return nil }
    var count = 0
    while pointer[count] != 0 { count += 1 }
    return appendText(pointer, count: count).0
  }

  /// Attaches a completed node to its parent (or makes it the document root) and registers
  /// its anchor.
  private mutating func finish(_ index: Int32) {
    if let anchor = stream.records[Int(index)].anchor { anchors[stream.string(anchor)] = index }
    if open.isEmpty {
      documentRoot = index
    } else {
      if pendingCount < pending.count {
        pending[pendingCount] = index
      } else {
        pending.append(index)
      }
      pendingCount += 1
    }
  }

  private mutating func recordParserError(_ parser: yaml_parser_t) {
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
    let context = parser.context.map { String(cString: $0) }
    switch parser.error {
    case YAML_READER_ERROR:
      var text = problem
      if parser.problem_value >= 0 {
        text += " (#x" + Self.hex(parser.problem_value) + ")"
      }
      fail(.reader, text, offset: parser.problem_offset)
    case YAML_MEMORY_ERROR:
      fail(.memory, "libyaml ran out of memory", offset: 0)
    default:
      let kind: YAMLError.Kind = parser.error == YAML_SCANNER_ERROR ? .scanner : .parser
      stream.error = YAMLError(
        kind: kind, problem: problem, mark: marks.convert(parser.problem_mark), context: context,
        contextMark: context == nil ? nil : marks.convert(parser.context_mark))
    }
  }

  private mutating func fail(_ kind: YAMLError.Kind, _ problem: String, offset: Int) {
    stream.error = YAMLError(
      kind: kind, problem: problem, mark: marks.mark(atByte: offset), context: nil,
      contextMark: nil)
  }

  private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: .literal
    case YAML_FOLDED_SCALAR_STYLE: .folded
    default: .plain
    }
  }

  private static func hex(_ value: Int32) -> String {
    let digits = Array("0123456789ABCDEF")
    var number = UInt32(bitPattern: value)
    var text = ""
    repeat {
      text = String(digits[Int(number & 0xF)]) + text
      number >>= 4
    } while number > 0
    return text.count == 1 ? "0" + text : text
  }
}

/// Converts libyaml marks (character indices, BOM skipped) into byte offsets.
///
/// Most files are ASCII, and in an ASCII run each character is one byte: marks in the leading
/// ASCII run are converted by adding the origin. Beyond it, marks arrive almost in order, so a
/// cursor that walks forwards or backwards from the last answer makes the whole conversion
/// linear in the size of the buffer.
struct MarkConverter {
  /// The high bit of each byte of a word: a word of ASCII bytes has none of them.
  private static let highBits: UInt64 = 0x8080_8080_8080_8080
  private let bytes: [UInt8]
  private let origin: Int
  /// How many characters from the origin on are ASCII bytes.
  private let asciiCharacters: Int
  /// The cursor, never inside the ASCII run (which needs none).
  private var character: Int
  private var byte: Int

  init(bytes: [UInt8]) {
    self.bytes = bytes
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    origin = hasBOM ? 3 : 0
    var end = origin
    bytes.withUnsafeBytes { buffer in
      // Eight bytes at a time until a word has a high bit set, then byte by byte.
      while end + 8 <= buffer.count
        && buffer.loadUnaligned(fromByteOffset: end, as: UInt64.self) & Self.highBits == 0
      {
        end += 8
      }
      while end < buffer.count && buffer[end] < 0x80 { end += 1 }
    }
    asciiCharacters = end - origin
    // The cursor starts at the first character after the ASCII run, which (as everywhere)
    // starts at a byte that does not continue a UTF-8 sequence.
    character = asciiCharacters
    if asciiCharacters > 0 {
      while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
    }
    byte = end
  }

  /// True when the bytes before `offset` are all ASCII (a byte order mark aside).
  func isASCII(upTo offset: Int) -> Bool { offset <= origin + asciiCharacters }

  @inline(__always)
  mutating func convert(_ mark: yaml_mark_t) -> YAMLMark {
    let offset =
      mark.index < asciiCharacters ? origin + mark.index : offset(ofCharacter: mark.index)
    return YAMLMark(offset: offset, line: mark.line + 1, column: mark.column + 1)
  }

  /// The byte offset of character `target`, found by moving the cursor.
  private mutating func offset(ofCharacter target: Int) -> Int {
    let count = bytes.count
    bytes.withUnsafeBytes { buffer in
      while character < target && byte < count {
        // In a run of eight ASCII bytes each byte is a character: move over up to eight at
        // once.
        if byte + 8 <= count
          && buffer.loadUnaligned(fromByteOffset: byte, as: UInt64.self) & Self.highBits == 0
        {
          let step = min(8, target - character)
          byte += step
          character += step
        } else {
          byte += 1
          character += 1
        }
        while byte < count && buffer[byte] & 0xC0 == 0x80 { byte += 1 }
      }
    }
    while character > target && byte > origin {
      byte -= 1
      while byte > origin && bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
      character -= 1
    }
    return byte
  }

  /// A mark for a byte offset libyaml reported without line and column (reader errors):
  /// lines and columns are counted here the way libyaml counts them.
  func mark(atByte offset: Int) -> YAMLMark {
    let end = max(origin, min(offset, bytes.count))
    var line = 1
    var column = 1
    var index = origin
    while index < end {
      let byte = bytes[index]
      if byte == 0x0A || (byte == 0x0D && !(index + 1 < end && bytes[index + 1] == 0x0A)) {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 && byte != 0x0D {
        column += 1
      }
      index += 1
    }
    return YAMLMark(offset: max(0, min(offset, bytes.count)), line: line, column: column)
  }
}
