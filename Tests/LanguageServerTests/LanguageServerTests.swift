import Linting
import Reporting
import ResourceModel
import SourceText
import Testing

@testable import LanguageServer

/// The server in process: messages in, framed messages out, no pipes.
final class Session {
  var sent: [JSONValue] = []
  var logged: [String] = []
  var server: LanguageServer!
  private var framer = MessageFramer()

  init(encodings: [String]? = nil, options: JSONValue = nil) {
    server = LanguageServer(
      version: "test",
      send: { [unowned self] bytes in
        framer.append(bytes)
        while let item = framer.next() {
          if case .message(let body) = item, let value = try? JSONValue.parse(body) {
            sent.append(value)
          }
        }
      },
      log: { [unowned self] in logged.append($0) })
    var capabilities: JSONValue = [:]
    if let encodings {
      capabilities = ["general": ["positionEncodings": .array(encodings.map { .string($0) })]]
    }
    request("initialize", ["capabilities": capabilities, "initializationOptions": options])
    notify("initialized", [:])
  }

  private var nextID = 0

  @discardableResult
  func request(_ method: String, _ params: JSONValue) -> JSONValue? {
    nextID += 1
    let id = JSONValue.int(nextID)
    server.receive(
      body: (["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params] as JSONValue)
        .encoded())
    return sent.last { $0["id"] == id }
  }

  func notify(_ method: String, _ params: JSONValue) {
    server.receive(
      body: (["jsonrpc": "2.0", "method": .string(method), "params": params] as JSONValue)
        .encoded())
  }

  func open(_ uri: String, _ text: String, language: String = "python") -> [JSONValue] {
    notify(
      "textDocument/didOpen",
      [
        "textDocument": [
          "uri": .string(uri), "languageId": .string(language), "version": 1, "text": .string(text),
        ]
      ])
    return lastDiagnostics(uri)
  }

  func lastDiagnostics(_ uri: String) -> [JSONValue] {
    let published = sent.last {
      $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"] == .string(uri)
    }
    return published?["params"]?["diagnostics"]?.arrayValue ?? []
  }
}

@Suite struct LanguageServerTests {
  static let python =
    "from flytekit import Resources\nR = Resources(cpu=\"500m\", mem=\"1gb\")  # é😀\n"

  @Test func initializeAnnouncesWhatTheServerDoes() throws {
    let session = Session(encodings: ["utf-8", "utf-16"])
    let result = try #require(session.sent.first?["result"]?["capabilities"])
    #expect(result["positionEncoding"] == "utf-8")
    #expect(result["textDocumentSync"]?["change"] == 1)
    #expect(result["codeActionProvider"]?["codeActionKinds"] == ["quickfix"])
    #expect(result["hoverProvider"] == true)
  }

  @Test func diagnosticsCarryCodeLinkSourceAndSeverity() throws {
    let session = Session()
    let diagnostics = session.open("file:///nowhere/flow.py", Self.python)
    let finding = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(finding["code"] == "RL004")
    #expect(finding["source"] == "resourcelint")
    #expect(finding["severity"] == 1)
    #expect(finding["codeDescription"]?["href"]?.stringValue == RuleDocumentation.url(for: "RL004"))
    #expect(finding["range"]?["start"] == ["line": 1, "character": 30])
  }

  @Test func unknownRequestsAreMethodNotFoundAndBadMessagesAreLogged() throws {
    let session = Session()
    let reply = try #require(session.request("textDocument/definition", [:]))
    #expect(reply["error"]?["code"] == .int(-32601))
    session.server.receive(body: Array("{not json".utf8))
    session.server.receive(.badHeader("no Content-Length"))
    #expect(session.logged.count == 2)
    #expect(session.sent.filter { $0["method"] == "window/logMessage" }.count == 2)
    // Still serving.
    #expect(session.open("file:///nowhere/flow.py", Self.python).count == 1)
    let missing = try #require(session.request("textDocument/hover", ["textDocument": [:]]))
    #expect(missing["error"]?["code"] == .int(-32602))
  }

  @Test func exitCodeIsZeroOnlyAfterShutdown() {
    let clean = Session()
    clean.request("shutdown", nil)
    clean.notify("exit", nil)
    #expect(clean.server.exitCode == 0)
    let abrupt = Session()
    abrupt.notify("exit", nil)
    #expect(abrupt.server.exitCode == 1)
  }

  @Test func aBrokenConfigurationIsAnRL000OnTheDocument() throws {
    let session = Session(options: ["resourcelint": ["config": "/nonexistent/.resourcelint.yml"]])
    let diagnostics = session.open("file:///nowhere/flow.py", Self.python)
    #expect(diagnostics.map { $0["code"] } == ["RL000"])
    #expect(diagnostics.first?["message"]?.stringValue?.contains("no such configuration") == true)
  }

  @Test func clientSettingsSelectAndIgnoreRules() {
    let session = Session(options: ["ignore": "RL004"])
    #expect(session.open("file:///nowhere/flow.py", Self.python).isEmpty)
    session.notify(
      "workspace/didChangeConfiguration", ["settings": ["resourcelint": ["select": ["RL007"]]]])
    #expect(session.lastDiagnostics("file:///nowhere/flow.py").isEmpty)
    session.notify("workspace/didChangeConfiguration", ["settings": ["resourcelint": [:]]])
    #expect(session.lastDiagnostics("file:///nowhere/flow.py").map { $0["code"] } == ["RL004"])
  }

  @Test func relatedPlacesBecomeRelatedInformation() throws {
    let session = Session()
    let text = """
      from flytekit import Resources, task

      BIG = Resources(cpu="2", mem="4Gi")
      SMALL = Resources(cpu="1", mem="1Gi")

      @task(requests=BIG, limits=SMALL)
      def a() -> None: ...

      @task(requests=BIG, limits=SMALL)
      def b() -> None: ...

      """
    let diagnostics = session.open("file:///nowhere/shared.py", text)
    let finding = try #require(diagnostics.first { $0["code"] == "RL001" })
    let related = try #require(finding["relatedInformation"]?.arrayValue)
    #expect(related.count == 2)
    #expect(related.first?["location"]?["uri"] == "file:///nowhere/shared.py")
    #expect(related.first?["location"]?["range"]?["start"]?["line"] == 5)
    #expect(related.first?["message"]?.stringValue?.contains("task a") == true)
  }

  @Test func unknownRuleNamesInSettingsAreReportedOnce() {
    let session = Session(options: ["select": ["RL004", "RL999"]])
    _ = session.open("file:///nowhere/flow.py", Self.python)
    session.notify(
      "textDocument/didChange",
      [
        "textDocument": ["uri": "file:///nowhere/flow.py", "version": 2],
        "contentChanges": [["text": .string(Self.python + "\n")]],
      ])
    #expect(session.logged.filter { $0.contains("RL999") }.count == 1)
    #expect(session.lastDiagnostics("file:///nowhere/flow.py").map { $0["code"] } == ["RL004"])
  }

  @Test func aRangedChangeIsAppliedToTheBuffer() {
    let session = Session(encodings: ["utf-16"])
    _ = session.open("file:///nowhere/flow.py", Self.python)
    // Replace `1gb` (after the first line) with `1Gi`; the range counts UTF-16 units.
    let range: JSONValue = [
      "start": ["line": 1, "character": 31], "end": ["line": 1, "character": 34],
    ]
    session.notify(
      "textDocument/didChange",
      [
        "textDocument": ["uri": "file:///nowhere/flow.py", "version": 2],
        "contentChanges": [["range": range, "text": "1Gi"]],
      ])
    #expect(session.lastDiagnostics("file:///nowhere/flow.py").isEmpty)
  }

  @Test func closingClearsDiagnostics() {
    let session = Session()
    #expect(!session.open("file:///nowhere/flow.py", Self.python).isEmpty)
    session.notify("textDocument/didClose", ["textDocument": ["uri": "file:///nowhere/flow.py"]])
    #expect(session.lastDiagnostics("file:///nowhere/flow.py").isEmpty)
  }

  /// No rule gives a fix yet: the conversion of one is checked with a made-up finding whose
  /// edits sit after an astral character, in each encoding.
  @Test(arguments: [("utf-16", 33), ("utf-32", 32), ("utf-8", 35)])
  func aFixBecomesAQuickFixWithItsEditsConverted(encoding: String, character: Int) throws {
    let session = Session(encodings: [encoding])
    let text = "R = Resources(mem=\"😀\", cpu=\"1gi\")\n"
    let document = DocumentText(path: "/x/a.py", text: text, encoding: session.server.encoding)
    let span = SourceSpan(
      start: SourceLocation(line: 1, column: 29), end: SourceLocation(line: 1, column: 32))
    let finding = Diagnostic(
      file: "/x/a.py", span: span, code: "RL004", name: "invalid-quantity", severity: .error,
      message: "m",
      fix: .replace(span, with: "1Gi", title: "Replace \"1gi\" with \"1Gi\"", applicability: .safe))
    let actions = session.server.codeActions(
      for: [finding], uri: "file:///x/a.py", path: "/x/a.py", language: .python, text: document)
    #expect(
      actions.map { $0["title"] } == [
        "Replace \"1gi\" with \"1Gi\"", "Suppress RL004 on this line",
      ])
    #expect(actions.first?["isPreferred"] == true)
    #expect(actions.last?["isPreferred"] == nil)
    let edit = try #require(
      actions.first?["edit"]?["changes"]?["file:///x/a.py"]?.arrayValue?.first)
    #expect(edit["newText"] == "1Gi")
    #expect(edit["range"]?["start"] == ["line": 0, "character": .int(character - 4)])
    #expect(edit["range"]?["end"] == ["line": 0, "character": .int(character - 1)])
    var unsafe = finding
    unsafe.fix?.applicability = .unsafe
    let unsafeActions = session.server.codeActions(
      for: [unsafe], uri: "file:///x/a.py", path: "/x/a.py", language: .python, text: document)
    #expect(unsafeActions.first?["isPreferred"] == nil)
  }

  @Test func hoverExplainsTheValueUnderTheCursor() throws {
    let session = Session()
    _ = session.open("file:///nowhere/flow.py", Self.python)
    func hover(_ character: Int) -> String? {
      session.request(
        "textDocument/hover",
        [
          "textDocument": ["uri": "file:///nowhere/flow.py"],
          "position": ["line": 1, "character": .int(character)],
        ]
      )?["result"]?["contents"]?["value"]?.stringValue
    }
    #expect(hover(20)?.contains("`500m` = 0.5 CPU") == true)
    #expect(hover(33)?.contains("did you mean \"1G\" or \"1Gi\"?") == true)
    #expect(hover(2) == nil)
  }
}

@Suite struct QuantityHoverTextTests {
  @Test(arguments: [
    ("1Gi", ResourceKey.memory, "**memory** `1Gi` = 1,073,741,824 bytes (1 GiB)"),
    ("500m", .cpu, "**cpu** `500m` = 0.5 CPU"),
    ("2", .cpu, "**cpu** `2` = 2 CPUs"),
    ("1.5Gi", .memory, "= 1,610,612,736 bytes (1.5 GiB)"),
    ("512", .memory, "= 512 bytes\n"),
    ("1gb", .memory, "**memory** `1gb` is invalid: not a quantity"),
    ("1mi", .memory, "did you mean \"1Mi\"?"),
    ("1 Gi", .memory, "remove the whitespace: \"1Gi\""),
    ("1e3", .named("nvidia.com/gpu"), "**nvidia.com/gpu** `1e3` = 1,000"),
  ])
  func theTextSaysWhatTheValueMeans(input: String, key: ResourceKey, fragment: String) {
    let text = QuantityReporter.hover(input, key: key)
    #expect(text.contains(fragment), "\(text)")
  }

  @Test func theStoredValueAndCanonicalFormFollow() {
    #expect(
      QuantityReporter.hover("1.5Gi", key: .memory).hasSuffix(
        "Kubernetes stores 1610612736; canonical form `1536Mi` (BinarySI)."))
  }
}
