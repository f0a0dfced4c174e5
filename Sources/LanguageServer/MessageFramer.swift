import ResourceModel

/// The base protocol's framing: each message is a header block (`Content-Length: N`, optionally
/// `Content-Type`, each line ended by CRLF, the block by an empty line) followed by N bytes of
/// JSON.
///
/// Bytes arrive in whatever pieces the pipe gives: `append` takes them, `next` hands out each
/// complete body. A header block that cannot be read is reported and skipped, so one bad
/// message costs that message and never the connection.
public struct MessageFramer: Sendable {
  /// What `next()` found.
  public enum Item: Sendable, Equatable {
    /// The body of one message.
    case message([UInt8])
    /// A header block that was dropped, and why.
    case badHeader(String)
  }

  /// Bodies above `maximumLength` are refused (and skipped): a wrong length must not make the
  /// server hold gigabytes waiting for bytes that never come. 256 MiB by default.
  public let maximumLength: Int

  private var buffer: [UInt8] = []
  /// Where unread bytes start in `buffer` (consumed bytes are dropped in batches).
  private var start = 0
  /// Body bytes still to throw away after a refused header.
  private var discarding = 0

  public init(maximumLength: Int = 256 << 20) {
    self.maximumLength = maximumLength
  }

  public mutating func append(_ bytes: some Collection<UInt8>) {
    // The body of a refused message is dropped as it comes, never buffered.
    if discarding > 0 && start == buffer.count {
      let dropped = min(discarding, bytes.count)
      discarding -= dropped
      buffer.append(contentsOf: bytes.dropFirst(dropped))
      return
    }
    buffer.append(contentsOf: bytes)
  }

  /// The next complete message or header problem, or nil when more bytes are needed.
  public mutating func next() -> Item? {
    defer { compact() }
    if discarding > 0 {
      let dropped = min(discarding, buffer.count - start)
      start += dropped
      discarding -= dropped
      if discarding > 0 { return nil }
    }
    guard let headerEnd = Self.find(Self.blankLine, in: buffer, from: start) else {
      return nil
    }
    let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
    let bodyStart = headerEnd + Self.blankLine.count
    let length: Int
    switch Self.contentLength(in: header) {
    case .failure(let problem):
      start = bodyStart
      return .badHeader(problem.message)
    case .success(let value):
      length = value
    }
    if length > maximumLength {
      start = bodyStart
      discarding = length
      return .badHeader("Content-Length \(length) is above the limit of \(maximumLength)")
    }
    guard buffer.count - bodyStart >= length else { return nil }
    start = bodyStart + length
    return .message(Array(buffer[bodyStart..<start]))
  }

  /// Drops consumed bytes once they are most of the buffer, so appending stays amortised O(1).
  private mutating func compact() {
    if start == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      start = 0
    } else if start > 4096 && start > buffer.count / 2 {
      buffer.removeFirst(start)
      start = 0
    }
  }

  struct HeaderProblem: Error {
    var message: String
  }

  /// The `Content-Length` of a header block (without its closing blank line).
  static func contentLength(in header: String) -> Result<Int, HeaderProblem> {
    var length: Int?
    for line in header.split(separator: "\r\n", omittingEmptySubsequences: false) {
      guard let colon = line.firstIndex(of: ":") else {
        return .failure(HeaderProblem(message: "header line without a colon: \(quoted(line))"))
      }
      let name = line[..<colon].trimmingBlanks().lowercased()
      let value = line[line.index(after: colon)...].trimmingBlanks()
      switch name {
      case "content-length":
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
          let number = Int(value)
        else {
          return .failure(HeaderProblem(message: "Content-Length is not a number: \(quoted(line))"))
        }
        length = number
      case "content-type":
        // The only encoding the protocol defines; `utf8` is an old spelling clients still send.
        let lower = value.lowercased()
        if let charset = lower.split(separator: "charset=").dropFirst().first,
          charset != "utf-8" && charset != "utf8"
        {
          return .failure(HeaderProblem(message: "unsupported charset: \(quoted(line))"))
        }
      default:
        break  // Unknown headers are allowed and ignored.
      }
    }
    guard let length else {
      return .failure(HeaderProblem(message: "no Content-Length header in \(quoted(header))"))
    }
    return .success(length)
  }

  /// A header as it reads in a log line: control characters escaped, long ones cut.
  private static func quoted(_ text: some StringProtocol) -> String {
    let shown = text.count > 80 ? String(text.prefix(80)) + "…" : String(text)
    return "\"" + Diagnostic.oneLine(shown) + "\""
  }

  private static let blankLine: [UInt8] = Array("\r\n\r\n".utf8)

  /// The index where `needle` first occurs in `bytes` at or after `from`.
  private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
    guard bytes.count - from >= needle.count else { return nil }
    var index = from
    while index + needle.count <= bytes.count {
      if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) {
        return index
      }
      index += 1
    }
    return nil
  }

  /// A message with its header, ready to write.
  public static func frame(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }
}
