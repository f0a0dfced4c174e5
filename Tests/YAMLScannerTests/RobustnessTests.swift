import ResourceModel
import SourceText
import Testing
import YAMLScanner

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files that are YAML but declare no resources, broken files, and hostile input.
@Suite struct RobustnessTests {
  @Test(arguments: [
    "rbac.yaml", "crd-schema.yaml", "docker-compose.yml", "github-workflow.yml",
    "templates/deployment.yaml",
  ])
  func filesWithoutDeclarationsGiveNothing(_ name: String) {
    let result = scanFixture(name)
    #expect(result.declarations.isEmpty)
    #expect(result.problems.isEmpty)
  }

  /// `script` is an Argo template key, but inside `description` it must not send a settings
  /// file to the parser; as a key of its own, in any quoting or flow position, it must.
  @Test(arguments: [
    ("description: a long text\n", false),
    ("note: uses javascript and a subscript_1\n", false),
    ("script:\n  image: python\n", true),
    ("- script: {image: python}\n", true),
    ("{script: {image: python}}\n", true),
    ("\"script\": {image: python}\n", true),
    ("? script\n: {image: python}\n", true),
    ("a: b\u{85}script: {}\n", true),
    ("\"scr\\u0069pt\": {}\n", true),
  ])
  func prefilterFindsScriptKeysOnly(_ text: String, _ expected: Bool) {
    let bytes = Array(text.utf8)
    #expect(bytes.withUnsafeBytes { YAMLScanner.mayDeclare($0) } == expected)
  }

  @Test func gitLabCIAndComposeResourcesUnderDeploy() {
    let gitlab = scan(
      """
      stages: [build, test]
      build:
        stage: build
        script: [make]
        variables: {KUBERNETES_CPU_REQUEST: "1"}
      """)
    #expect(gitlab.declarations.isEmpty && gitlab.problems.isEmpty)
    // Even outside a recognisable compose file, `deploy.resources` is compose's shape.
    let deploy = scan("x:\n  deploy:\n    resources:\n      limits: {cpus: '0.5'}\n")
    #expect(deploy.declarations.isEmpty && deploy.problems.isEmpty)
  }

  @Test func helmTemplateOutsideTemplatesDirectoryIsSkippedWhenItDoesNotParse() {
    let text = """
      resources:
        {{- toYaml .Values.resources | nindent 2 }}
      worker: {resources: {limits: {cpu: 1}}}
      """
    let result = scan(text, path: "charts/acme/values-template.yaml")
    #expect(result.declarations.isEmpty)
    #expect(result.problems.isEmpty)
    // A file that merely quotes a template expression is scanned normally.
    let values = scan(
      "image: \"{{ .Values.tag }}\"\nworker: {resources: {limits: {cpu: 1}}}\n",
      path: "values.yaml")
    #expect(values.declarations.count == 1)
  }

  @Test func syntaxErrorLocationAndMessage() throws {
    let result = scan("a: 1\n b: 2\n")
    let problem = try #require(result.problems.first)
    #expect(result.problems.count == 1)
    #expect(problem.message == "YAML syntax error: mapping values are not allowed in this context")
    #expect(problem.span.start == SourceLocation(line: 2, column: 3))
  }

  @Test func syntaxErrorWithContext() throws {
    let result = scan("key: \"unterminated\n")
    let problem = try #require(result.problems.first)
    #expect(
      problem.message
        == "YAML syntax error: found unexpected end of stream "
        + "(while scanning a quoted scalar at line 1, column 6)")
    #expect(problem.span.start == SourceLocation(line: 2, column: 1))
  }

  @Test func tabIndentationIsAnError() throws {
    let result = scan("a: 1\n\tb: 2\n")
    let problem = try #require(result.problems.first)
    #expect(problem.message.contains("tab"))
    #expect(problem.span.start == SourceLocation(line: 2, column: 1))
  }

  @Test func documentsBeforeAnErrorAreKept() throws {
    let result = scan(
      """
      a:
        resources: {limits: {cpu: 1}}
      ---
      b:
        resources: {limits: {cpu: 2}}
      ---
      c: [1, 2
      d: 3
      """)
    #expect(result.declarations.map(\.name) == ["a", "b"])
    let problem = try #require(result.problems.first)
    #expect(problem.message.hasPrefix("YAML syntax error: did not find expected ',' or ']'"))
    #expect(problem.message.hasSuffix("(while parsing a flow sequence at line 7, column 4)"))
    #expect(problem.span.start.line == 8)
  }

  @Test(arguments: [
    "a:\n  resources:\n    limits: {cpu: 1", "a: [", "a: {b: [c, {d: ", "- - - - -\n  x: '",
    "a: |\n  text\n b: 1", "%YAML 1.3\n---\na: 1", "key: *", "&a", "? ? ?", "a: !<",
  ])
  func truncatedOrOddInputNeverCrashes(_ text: String) {
    let result = scan(text)
    #expect(result.problems.count <= 1)
  }

  @Test func emptyAndCommentOnlyFiles() {
    for text in ["", "# nothing\n", "---\n...\n---\n", "\n\n"] {
      let result = scan(text)
      #expect(result.declarations.isEmpty && result.problems.isEmpty)
    }
  }

  @Test func invalidUTF8IsAReaderError() throws {
    var bytes = Array("a:\n  resources: {limits: {cpu: 1}}\n---\nb: caf".utf8)
    bytes.append(0xE9)
    bytes.append(contentsOf: Array("\n".utf8))
    let result = YAMLScanner.scan(SourceFile(path: "x.yaml", bytes: bytes))
    #expect(result.declarations.count == 1)
    let problem = try #require(result.problems.first)
    #expect(problem.message.hasPrefix("YAML text error: "))
    #expect(problem.span.start.line == 4)
  }

  @Test func nulByteAndUTF16DoNotCrash() {
    let nul = YAMLScanner.scan(SourceFile(path: "x.yaml", bytes: Array("a: b\0c\n".utf8)))
    #expect(nul.problems.first?.message.contains("control characters") == true)
    #expect(nul.problems.first?.span.start == SourceLocation(line: 1, column: 5))
    let utf16 = YAMLScanner.scan(SourceFile(path: "x.yaml", bytes: [0xFF, 0xFE, 0x61, 0x00]))
    #expect(utf16.problems.count == 1)
  }

  @Test func billionLaughsStaysSmall() {
    var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      let items = Array(repeating: "*\(previous)", count: 9).joined(separator: ",")
      text += "\(name): &\(name) [\(items)]\n"
      previous = name
    }
    text += "resources: {requests: {cpu: *i}, limits: {memory: *i}}\n"
    text += "x: {resources: {limits: {<<: [*i, *h], cpu: *i}}}\n"
    let result = scan(text)
    #expect(result.problems.isEmpty)
    #expect(result.declarations.count == 2)
    #expect(result.declarations.first?.requests[.cpu]?.value.form == .other("<sequence>"))
  }

  @Test func deepFlowNestingHitsTheDepthCap() throws {
    let depth = 100_000
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let result = scan(text)
    let problem = try #require(result.problems.first)
    #expect(problem.message == "YAML nesting too deep: collections nested deeper than 1000 levels")
    #expect(problem.span.start == SourceLocation(line: 1, column: 1001))
  }

  @Test func deepBlockNestingHitsTheDepthCap() {
    var text = ""
    for level in 0..<1_200 { text += String(repeating: " ", count: level) + "k:\n" }
    let result = scan(text)
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.span.start.line == 1_001)
  }

  @Test func nestingUpToTheCapIsAccepted() {
    let depth = 999
    let text =
      "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
    #expect(scan(text).problems.isEmpty)
  }

  @Test func hugeScalar() {
    let text =
      "a:\n  resources:\n    limits: {cpu: " + String(repeating: "9", count: 2_000_000) + "}\n"
    let result = scan(text)
    #expect(result.declarations.first?.limits[.cpu]?.value.quantityText?.utf8.count == 2_000_000)
  }

  @Test func crlfLineEndings() throws {
    let text = "a:\r\n  resources:\r\n    limits:\r\n      cpu: \"2\"\r\n"
    let declaration = try #require(scan(text).declarations.first)
    #expect(declaration.location == SourceLocation(line: 2, column: 3))
    #expect(declaration.limits[.cpu]?.value.span == span(4, 12, 4, 15))
  }

  @Test func byteOrderMarkIsNotAColumn() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("resources: {limits: {cpu: 2}}\n".utf8)
    let result = YAMLScanner.scan(SourceFile(path: "x.yaml", bytes: bytes))
    let declaration = try #require(result.declarations.first)
    #expect(declaration.location == SourceLocation(line: 1, column: 1))
    #expect(declaration.limits[.cpu]?.value.span == span(1, 27, 1, 28))
  }

  @Test func nonASCIITextBeforeAValueCountsScalars() throws {
    let text =
      "größe: {ä: 1, resources: {limits: {cpu: \"2\", memory: 1Gi}}} # ünïcødé 🚀\n"
      + "🚀: {resources: {limits: {cpu: 3}}}\n"
    let result = scan(text)
    try #require(result.declarations.count == 2)
    let first = result.declarations[0]
    #expect(first.name == "größe")
    #expect(first.location == SourceLocation(line: 1, column: 15))
    #expect(first.limits[.cpu]?.value.span == span(1, 41, 1, 44))
    #expect(first.limits[.memory]?.value.span == span(1, 54, 1, 57))
    #expect(result.declarations[1].limits[.cpu]?.value.span == span(2, 31, 2, 32))
  }
}

@Suite struct EncodingTests {
  @Test func readerErrorAfterAByteOrderMark() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: b\nc: d".utf8) + [0xFF] + Array("\n".utf8)
    let result = YAMLScanner.scan(SourceFile(path: "x.yaml", bytes: bytes))
    let problem = try #require(result.problems.first)
    #expect(problem.span.start == SourceLocation(line: 2, column: 5))
  }

  @Test func helmValuesNamedServicesAreNotCompose() {
    let result = scan(
      "version: 1.2.0\nservices:\n  api:\n    image: x\n    resources: {limits: {cpu: 1}}\n")
    #expect(result.declarations.map(\.name) == ["api"])
  }
}
