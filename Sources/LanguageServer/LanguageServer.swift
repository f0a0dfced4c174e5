import FileIO
import Linting
import Reporting
import ResourceModel
import Rules
import SourceText
import Workspace

/// `resourcelint server`: the Language Server Protocol over one connection.
///
/// Messages are handled one at a time, in order, on the caller's thread: linting one buffer
/// takes well under a millisecond, so there is nothing to gain from concurrency and much to
/// lose (diagnostics published out of order). Everything the server says goes through `send`;
/// `log` gets what it reports about itself (standard error, for the editor's server log).
public final class LanguageServer {
  /// JSON-RPC error codes used here.
  enum ErrorCode {
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let internalError = -32603
    static let serverNotInitialized = -32002
  }

  private let send: ([UInt8]) -> Void
  private let log: (String) -> Void

  private var initialized = false
  private var shutdownRequested = false
  /// Set by `exit`: 0 after `shutdown`, 1 without.
  public private(set) var exitCode: Int32?
  /// True once `shutdown` was answered: the end of input then is a clean exit.
  public var exitedCleanly: Bool { shutdownRequested }

  public private(set) var encoding = PositionEncoding.utf16
  private var settings = ClientSettings()
  /// Rebuilt whenever a configuration may have changed, so nothing cached survives it.
  private var selector: Result<FileSelector, ConfigurationError>?
  private var rules = CommandLineRules()
  private var documents: [String: OpenDocument] = [:]
  private var watchesConfiguration = false
  /// Names in the client's settings that are no rule or policy, already reported: once per
  /// settings change, not on every keystroke.
  private var reportedUnknown = Set<String>()

  private let version: String

  public init(
    version: String, send: @escaping ([UInt8]) -> Void, log: @escaping (String) -> Void
  ) {
    self.version = version
    self.send = send
    self.log = log
  }

  // MARK: Messages in

  /// One item from the framer.
  public func receive(_ item: MessageFramer.Item) {
    switch item {
    case .message(let body): receive(body: body)
    case .badHeader(let problem): report("dropped a message: \(problem)", type: 1)
    }
  }

  /// One message body.
  public func receive(body: [UInt8]) {
    let message: JSONValue
    do {
      message = try JSONValue.parse(body)
    } catch {
      report("dropped a message that is not JSON: \(error)", type: 1)
      return
    }
    guard case .object = message else {
      report("dropped a message that is not a JSON object", type: 1)
      return
    }
    let id = message["id"]
    guard let method = message["method"]?.stringValue else {
      // A response to a request of ours (registerCapability): nothing waits for it.
      if id == nil { report("dropped a message with neither a method nor an id", type: 1) }
      return
    }
    let params = message["params"]
    if let id {
      handleRequest(id: id, method: method, params: params)
    } else {
      handleNotification(method: method, params: params)
    }
  }

  private func handleRequest(id: JSONValue, method: String, params: JSONValue?) {
    if shutdownRequested {
      respond(id, error: ErrorCode.invalidRequest, "the server is shutting down")
      return
    }
    if !initialized && method != "initialize" {
      respond(id, error: ErrorCode.serverNotInitialized, "initialize first")
      return
    }
    do {
      switch method {
      case "initialize":
        respond(id, result: initialize(params))
      case "shutdown":
        shutdownRequested = true
        respond(id, result: .null)
      case "textDocument/codeAction":
        respond(id, result: try codeActions(params))
      case "textDocument/hover":
        respond(id, result: try hover(params))
      default:
        respond(id, error: ErrorCode.methodNotFound, "unknown method \(method)")
      }
    } catch let error as InvalidParams {
      respond(id, error: ErrorCode.invalidParams, "\(method): \(error.message)")
    } catch {
      respond(id, error: ErrorCode.internalError, "\(method): \(error)")
    }
  }

  private func handleNotification(method: String, params: JSONValue?) {
    if method == "exit" {
      exitCode = shutdownRequested ? 0 : 1
      return
    }
    // Before `initialize` only `exit` counts; after `shutdown` nothing else does.
    guard initialized, !shutdownRequested else { return }
    do {
      switch method {
      case "initialized": registerWatchers()
      case "textDocument/didOpen": try didOpen(params)
      case "textDocument/didChange": try didChange(params)
      case "textDocument/didSave": try didSave(params)
      case "textDocument/didClose": try didClose(params)
      case "workspace/didChangeConfiguration": didChangeConfiguration(params)
      case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
      default: break  // `$/cancelRequest`, `$/setTrace` and the like: nothing to do.
      }
    } catch let error as InvalidParams {
      report("\(method): \(error.message)", type: 1)
    } catch {
      report("\(method): \(error)", type: 1)
    }
  }

  struct InvalidParams: Error {
    var message: String
  }

  // MARK: Lifecycle

  private func initialize(_ params: JSONValue?) -> JSONValue {
    initialized = true
    let offered = params?["capabilities"]?["general"]?["positionEncodings"]?.arrayValue
    encoding = PositionEncoding.negotiate(offered?.compactMap(\.stringValue))
    watchesConfiguration =
      params?["capabilities"]?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?
      .boolValue ?? false
    apply(ClientSettings.read(params?["initializationOptions"]))
    let capabilities: JSONValue = [
      "positionEncoding": .string(encoding.rawValue),
      "textDocumentSync": [
        "openClose": true, "change": 1, "save": ["includeText": false],
      ],
      "codeActionProvider": ["codeActionKinds": ["quickfix"]],
      "hoverProvider": true,
    ]
    return [
      "capabilities": capabilities,
      "serverInfo": ["name": "resourcelint", "version": .string(version)],
    ]
  }

  /// Asks the client to tell us about configuration files, when it can watch on our behalf.
  private func registerWatchers() {
    guard watchesConfiguration else { return }
    let watchers: [JSONValue] = FileSelector.configurationNames.map {
      ["globPattern": .string("**/" + $0)]
    }
    let registration: JSONValue = [
      "id": "resourcelint-configuration", "method": "workspace/didChangeWatchedFiles",
      "registerOptions": ["watchers": .array(watchers)],
    ]
    write([
      "jsonrpc": "2.0", "id": "resourcelint-register-watchers",
      "method": "client/registerCapability",
      "params": ["registrations": [registration]],
    ])
  }

  // MARK: Documents

  private func didOpen(_ params: JSONValue?) throws {
    let item = try require(params?["textDocument"], "textDocument")
    let uri = try requireString(item["uri"], "textDocument.uri")
    let text = try requireString(item["text"], "textDocument.text")
    let document = OpenDocument(
      uri: uri, languageID: item["languageId"]?.stringValue, version: item["version"]?.intValue,
      text: text)
    documents[uri] = document
    lintAndPublish(uri)
  }

  private func didChange(_ params: JSONValue?) throws {
    let uri = try requireString(params?["textDocument"]?["uri"], "textDocument.uri")
    guard var document = documents[uri] else {
      throw InvalidParams(message: "\(uri) is not open")
    }
    let changes = try require(params?["contentChanges"]?.arrayValue, "contentChanges")
    for change in changes {
      let text = try requireString(change["text"], "contentChanges[].text")
      if let range = change["range"] {
        // Full sync was announced, but a ranged change is cheap to honour.
        let current = DocumentText(path: document.path, text: document.text, encoding: encoding)
        let start = current.byteOffset(of: try position(range["start"]))
        let end = max(start, current.byteOffset(of: try position(range["end"])))
        let bytes = current.file.bytes
        document.text = String(
          decoding: bytes[..<start] + Array(text.utf8) + bytes[end...], as: UTF8.self)
      } else {
        document.text = text
      }
    }
    document.version = params?["textDocument"]?["version"]?.intValue ?? document.version
    documents[uri] = document
    lintAndPublish(uri)
  }

  private func didSave(_ params: JSONValue?) throws {
    let uri = try requireString(params?["textDocument"]?["uri"], "textDocument.uri")
    guard var document = documents[uri] else { return }
    // The buffer is what was saved; a client that sends the text anyway gets it used.
    if let text = params?["text"]?.stringValue { document.text = text }
    documents[uri] = document
    // A configuration edited in the editor counts from its save, even where the client does
    // not watch files for us.
    if FileSelector.configurationNames.contains(where: { document.path.hasSuffix("/" + $0) }) {
      reloadConfiguration()
    } else {
      lintAndPublish(uri)
    }
  }

  private func didClose(_ params: JSONValue?) throws {
    let uri = try requireString(params?["textDocument"]?["uri"], "textDocument.uri")
    documents[uri] = nil
    publish(uri: uri, version: nil, diagnostics: [])
  }

  // MARK: Configuration

  private func didChangeConfiguration(_ params: JSONValue?) {
    // A client that pulls settings sends `null` here: keep what was set at initialize.
    if let value = params?["settings"], value != .null {
      apply(ClientSettings.read(value))
    }
    reloadConfiguration()
  }

  private func didChangeWatchedFiles(_ params: JSONValue?) {
    let names = Set(FileSelector.configurationNames)
    let changed = (params?["changes"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue }
    let matters = changed.contains { uri in
      let path = DocumentURI.path(of: uri) ?? uri
      let name = path.split(separator: "/").last.map(String.init) ?? path
      return names.contains(name) || path == settings.config
    }
    if matters { reloadConfiguration() }
  }

  private func apply(_ read: (settings: ClientSettings, problems: [String])) {
    for problem in read.problems { report(problem, type: 2) }
    settings = read.settings
    let (commandLine, problems) = settings.commandLineRules()
    for problem in problems { report(problem, type: 2) }
    rules = commandLine
    selector = nil
    reportedUnknown = []
  }

  /// Forgets every configuration read so far and lints the open documents again.
  private func reloadConfiguration() {
    selector = nil
    for uri in documents.keys.sorted() { lintAndPublish(uri) }
  }

  private func currentSelector() -> Result<FileSelector, ConfigurationError> {
    if let selector { return selector }
    let made: Result<FileSelector, ConfigurationError>
    do {
      made = .success(
        try FileSelector(
          options: SelectionOptions(configFile: settings.config, commandLine: rules)))
    } catch {
      made = .failure(error)
    }
    selector = made
    return made
  }

  // MARK: Linting

  /// Lints one open document from its buffer and publishes the result.
  private func lintAndPublish(_ uri: String) {
    guard var document = documents[uri] else { return }
    let text = DocumentText(path: document.path, text: document.text, encoding: encoding)
    let result = lint(document, text: text)
    document.diagnostics = result.diagnostics
    document.declarations = result.declarations
    document.linted = text
    documents[uri] = document
    publish(
      uri: uri, version: document.version,
      diagnostics: result.diagnostics.map {
        lspDiagnostic($0, in: text, uri: uri, path: document.path)
      })
  }

  /// The findings of one buffer with the settings `check` would use for its path. A document
  /// that cannot be linted (a broken configuration) gets an RL000 finding saying why, so the
  /// editor shows the problem where the user is looking.
  func lint(_ document: OpenDocument, text: DocumentText) -> FileResult {
    guard let language = document.language else {
      return FileResult(path: document.path, declarations: [], diagnostics: [], lines: [:])
    }
    do {
      let settings: LintSettings
      switch currentSelector() {
      case .failure(let error): throw error
      case .success(let selector):
        if document.isFile {
          settings = try selector.settings(forPath: document.path) ?? rules.settings(for: nil)
        } else {
          // A buffer without a file has no directory to find a configuration in.
          settings = try rules.settings(for: nil)
        }
        for problem in rules.unknownNames(policies: selector.policiesSeen)
        where reportedUnknown.insert(problem).inserted {
          report("settings: " + problem, type: 2)
        }
      }
      var linter = Linter(settings)
      linter.keepsDeclarations = true
      return linter.lint(path: document.path, bytes: text.file.bytes, language: language)
    } catch {
      let rule = EngineReportedRules.parseError
      let diagnostic = Diagnostic(
        file: document.path, span: SourceSpan(at: SourceLocation(line: 1, column: 1)),
        code: rule.code, name: rule.name, severity: .error,
        message: "cannot lint this file: \(error)")
      return FileResult(
        path: document.path, declarations: [], diagnostics: [diagnostic], lines: [:])
    }
  }

  private func publish(uri: String, version: Int?, diagnostics: [JSONValue]) {
    var params: [String: JSONValue] = ["uri": .string(uri), "diagnostics": .array(diagnostics)]
    if let version { params["version"] = .int(version) }
    notify("textDocument/publishDiagnostics", params: .object(params))
  }

  func lspDiagnostic(_ diagnostic: Diagnostic, in text: DocumentText, uri: String, path: String)
    -> JSONValue
  {
    var object: [String: JSONValue] = [
      "range": lspRange(diagnostic.span, in: text),
      "severity": .int(Self.severity(diagnostic.severity)),
      "code": .string(diagnostic.code),
      "source": "resourcelint",
      "message": .string(diagnostic.message),
    ]
    if Self.ruleCodes.contains(diagnostic.code) {
      object["codeDescription"] = ["href": .string(RuleDocumentation.url(for: diagnostic.code))]
    }
    if !diagnostic.related.isEmpty {
      object["relatedInformation"] = .array(
        diagnostic.related.map { related in
          let sameFile = related.file == path || related.file == diagnostic.file
          let relatedURI =
            sameFile
            ? uri : related.file.hasPrefix("/") ? DocumentURI.uri(ofPath: related.file) : uri
          // Another file's text is not at hand: its columns are taken as characters.
          let range =
            sameFile
            ? lspRange(related.span, in: text)
            : [
              "start": [
                "line": .int(related.span.start.line - 1),
                "character": .int(related.span.start.column - 1),
              ],
              "end": [
                "line": .int(related.span.end.line - 1),
                "character": .int(related.span.end.column - 1),
              ],
            ]
          return [
            "location": ["uri": .string(relatedURI), "range": range],
            "message": .string(related.message),
          ]
        })
    }
    return .object(object)
  }

  /// The built-in rules' codes: policies (`ORG001`) have no documentation page to link.
  /// Made once: `RuleSet.descriptions` builds its list on every call.
  private static let ruleCodes = Set(RuleSet.descriptions.map(\.code))

  static func severity(_ severity: Severity) -> Int {
    switch severity {
    case .error: 1
    case .warning: 2
    case .info: 3
    }
  }

  func lspRange(_ span: SourceSpan, in text: DocumentText) -> JSONValue {
    let (start, end) = text.range(of: span)
    return [
      "start": ["line": .int(start.line), "character": .int(start.character)],
      "end": ["line": .int(end.line), "character": .int(end.character)],
    ]
  }

  // MARK: Code actions

  private func codeActions(_ params: JSONValue?) throws -> JSONValue {
    let uri = try requireString(params?["textDocument"]?["uri"], "textDocument.uri")
    guard let document = documents[uri], let text = document.linted else { return [] }
    if let only = params?["context"]?["only"]?.arrayValue?.compactMap(\.stringValue),
      !only.contains(where: { $0 == "quickfix" || "quickfix".hasPrefix($0 + ".") || $0.isEmpty })
    {
      return []
    }
    let range = try require(params?["range"], "range")
    let start = text.location(of: try position(range["start"]))
    let end = text.location(of: try position(range["end"]))
    let touched = document.diagnostics.filter {
      $0.span.start <= end && start <= max($0.span.end, $0.span.start)
    }
    return .array(
      codeActions(
        for: touched, uri: uri, path: document.path, language: document.language, text: text))
  }

  /// For each finding: its rule's fix, when it has one (preferred when safe), then a
  /// suppression comment for its line (once per line and rule).
  func codeActions(
    for diagnostics: [Diagnostic], uri: String, path: String, language: FileLanguage?,
    text: DocumentText
  ) -> [JSONValue] {
    var actions: [JSONValue] = []
    var suppressed = Set<String>()
    for diagnostic in diagnostics {
      let lsp = lspDiagnostic(diagnostic, in: text, uri: uri, path: path)
      if let fix = diagnostic.fix {
        actions.append(
          action(
            title: fix.title, diagnostic: lsp, uri: uri,
            edits: fix.edits.map { lspEdit($0, in: text) },
            preferred: fix.applicability == .safe))
      }
      let key = "\(diagnostic.span.start.line):\(diagnostic.code)"
      guard !Self.unsuppressible.contains(diagnostic.code), !suppressed.contains(key),
        let language,
        let edit = SuppressionEditor.edit(
          suppressing: diagnostic.code, onLine: diagnostic.span.start.line, in: text.file,
          language: language)
      else { continue }
      suppressed.insert(key)
      actions.append(
        action(
          title: "Suppress \(diagnostic.code) on this line", diagnostic: lsp, uri: uri,
          edits: [lspEdit(edit, in: text)], preferred: false))
    }
    return actions
  }

  /// Findings about suppression comments themselves: the fix is to edit the comment.
  private static let unsuppressible: Set<String> = [
    EngineReportedRules.unusedSuppression.code, EngineReportedRules.invalidSuppression.code,
  ]

  private func action(
    title: String, diagnostic: JSONValue, uri: String, edits: [JSONValue], preferred: Bool
  ) -> JSONValue {
    var object: [String: JSONValue] = [
      "title": .string(title), "kind": "quickfix", "diagnostics": [diagnostic],
      "edit": ["changes": .object([uri: .array(edits)])],
    ]
    if preferred { object["isPreferred"] = true }
    return .object(object)
  }

  func lspEdit(_ edit: Edit, in text: DocumentText) -> JSONValue {
    ["range": lspRange(edit.span, in: text), "newText": .string(edit.replacement)]
  }

  // MARK: Hover

  private func hover(_ params: JSONValue?) throws -> JSONValue {
    let uri = try requireString(params?["textDocument"]?["uri"], "textDocument.uri")
    guard let document = documents[uri], let text = document.linted else { return .null }
    let location = text.location(of: try position(params?["position"]))
    guard let (value, key) = QuantityHover.value(at: location, in: document.declarations),
      let written = value.quantityText
    else { return .null }
    return [
      "contents": [
        "kind": "markdown", "value": .string(QuantityReporter.hover(written, key: key)),
      ],
      "range": lspRange(value.span, in: text),
    ]
  }

  // MARK: Parameters

  private func require<T>(_ value: T?, _ name: String) throws -> T {
    guard let value else { throw InvalidParams(message: "missing \(name)") }
    return value
  }

  private func requireString(_ value: JSONValue?, _ name: String) throws -> String {
    guard let text = value?.stringValue else { throw InvalidParams(message: "missing \(name)") }
    return text
  }

  private func position(_ value: JSONValue?) throws -> LSPPosition {
    guard let line = value?["line"]?.intValue, let character = value?["character"]?.intValue
    else { throw InvalidParams(message: "a position needs line and character") }
    return LSPPosition(line: line, character: character)
  }

  // MARK: Messages out

  private func respond(_ id: JSONValue, result: JSONValue) {
    write(["jsonrpc": "2.0", "id": id, "result": result])
  }

  private func respond(_ id: JSONValue, error code: Int, _ message: String) {
    if code != ErrorCode.methodNotFound { log("error: \(message)") }
    write(["jsonrpc": "2.0", "id": id, "error": ["code": .int(code), "message": .string(message)]])
  }

  private func notify(_ method: String, params: JSONValue) {
    write(["jsonrpc": "2.0", "method": .string(method), "params": params])
  }

  /// A problem of the server's own, on standard error and, once the client has introduced
  /// itself, in its log (`type` 1 error, 2 warning, 3 info).
  private func report(_ message: String, type: Int) {
    log(message)
    if initialized {
      notify("window/logMessage", params: ["type": .int(type), "message": .string(message)])
    }
  }

  private func write(_ message: JSONValue) {
    send(MessageFramer.frame(message.encoded()))
  }
}

/// One document the editor holds open: its buffer, and what its last lint found.
struct OpenDocument {
  var uri: String
  /// The file the URI names, or the URI itself for a buffer that is no file (`untitled:1`).
  var path: String
  var isFile: Bool
  var language: FileLanguage?
  var version: Int?
  var text: String
  var linted: DocumentText?
  var diagnostics: [Diagnostic] = []
  var declarations: [Declaration] = []

  init(uri: String, languageID: String?, version: Int?, text: String) {
    self.uri = uri
    let filePath = DocumentURI.path(of: uri)
    path = filePath ?? uri
    isFile = filePath != nil
    // The file name decides, as for `check`; a buffer without one is read by its language id.
    language =
      FileLanguage(path: path)
      ?? (languageID == "python" ? .python : languageID == "yaml" ? .yaml : nil)
    self.version = version
    self.text = text
  }
}
