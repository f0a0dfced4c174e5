import LanguageServer
import Testing

/// The base protocol's framing, fed the way a pipe delivers bytes.
@Suite struct MessageFramerTests {
  static func framed(_ body: String) -> [UInt8] { MessageFramer.frame(Array(body.utf8)) }

  static func drain(_ framer: inout MessageFramer) -> [MessageFramer.Item] {
    var items: [MessageFramer.Item] = []
    while let item = framer.next() { items.append(item) }
    return items
  }

  @Test func aMessageArrivingOneByteAtATimeIsReadOnceComplete() {
    let bytes = Self.framed(#"{"jsonrpc":"2.0","method":"x","params":"é😀"}"#)
    var framer = MessageFramer()
    var items: [MessageFramer.Item] = []
    for byte in bytes {
      framer.append([byte])
      items += Self.drain(&framer)
    }
    #expect(items == [.message(Array(#"{"jsonrpc":"2.0","method":"x","params":"é😀"}"#.utf8))])
  }

  @Test func severalMessagesInOneReadAreAllRead() {
    var framer = MessageFramer()
    framer.append(Self.framed("[1]") + Self.framed("[2]") + Self.framed("[3]").prefix(10))
    #expect(Self.drain(&framer) == [.message(Array("[1]".utf8)), .message(Array("[2]".utf8))])
    framer.append(Self.framed("[3]").dropFirst(10))
    #expect(Self.drain(&framer) == [.message(Array("[3]".utf8))])
  }

  @Test func otherHeadersAreAllowedAndTheLengthCountsBytes() {
    var framer = MessageFramer()
    let body = Array(#""😀""#.utf8)
    let header =
      "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
      + "content-length: \(body.count)\r\n\r\n"
    framer.append(Array(header.utf8) + body)
    #expect(Self.drain(&framer) == [.message(body)])
  }

  @Test(arguments: [
    ("Content-Lenght: 3\r\n\r\n", "no Content-Length"),
    ("garbage\r\n\r\n", "without a colon"),
    ("Content-Length: three\r\n\r\n", "not a number"),
    ("Content-Length: -3\r\n\r\n", "not a number"),
    ("Content-Length: 3\r\nContent-Type: text/plain; charset=latin1\r\n\r\n", "charset"),
  ])
  func aBadHeaderIsReportedAndTheNextMessageStillRead(header: String, problem: String) {
    var framer = MessageFramer()
    framer.append(Array(header.utf8) + Self.framed("{}"))
    let items = Self.drain(&framer)
    #expect(items.count == 2)
    if case .badHeader(let message) = items.first {
      #expect(message.contains(problem), "\(message)")
    } else {
      Issue.record("expected a bad header, got \(items)")
    }
    #expect(items.last == .message(Array("{}".utf8)))
  }

  @Test func aBodyAboveTheLimitIsSkippedWithoutBeingHeld() {
    var framer = MessageFramer(maximumLength: 1000)
    let length = 4001
    framer.append(Array("Content-Length: \(length)\r\n\r\n".utf8))
    guard case .badHeader(let message) = framer.next() else {
      Issue.record("expected the length to be refused")
      return
    }
    #expect(message.contains("above the limit"))
    // Its bytes come and go; what follows them is read.
    var remaining = length
    while remaining > 0 {
      let piece = min(remaining, 700)
      framer.append(repeatElement(UInt8(ascii: "x"), count: piece))
      #expect(framer.next() == nil)
      remaining -= piece
    }
    framer.append(Self.framed("[]"))
    #expect(framer.next() == .message(Array("[]".utf8)))
  }
}
