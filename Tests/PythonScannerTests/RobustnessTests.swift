import ResourceModel
import SourceText
import Testing

@testable import PythonScanner

@Suite struct RobustnessTests {
  @Test func problemsAreReportedAtTheirLocation() throws {
    let source = """
      from flytekit import Resources
      r = Resources(cpu="1")
      s = 'unterminated
      """
    let result = scan(source)
    let problem = try #require(result.problems.first)
    #expect(problem.message == "unterminated string literal")
    #expect(problem.span.start == SourceLocation(line: 3, column: 5))
    #expect(result.declarations.count == 1)

    let triple = scan("from flytekit import Resources\nx = 1\ndoc = '''never closed\n\n")
    #expect(triple.problems.map(\.message) == ["unterminated triple-quoted string literal"])
    #expect(triple.problems.first?.span.start == SourceLocation(line: 3, column: 7))

    let closer = scan("from flytekit import Resources\nx = Resources(cpu='1'))\n")
    #expect(closer.problems.map(\.message) == ["unmatched ')'"])
    #expect(closer.problems.first?.span.start == SourceLocation(line: 2, column: 23))

    let open = scan("from flytekit import Resources\nx = Resources(cpu='1'\n")
    #expect(open.problems.map(\.message) == ["'(' was never closed"])
    #expect(open.problems.first?.span.start == SourceLocation(line: 2, column: 14))
  }

  @Test func filesWithoutPrefilterWordsAreNotTokenized() {
    // An unterminated string would be a problem if the file were tokenized.
    #expect(scan("x = 'oops\nprint(x)\n").problems.isEmpty)
    #expect(scan("").declarations.isEmpty)
  }

  @Test func hundredThousandNestedBrackets() {
    let depth = 100_000
    let source =
      "from flytekit import Resources\nx = " + String(repeating: "(", count: depth)
      + "Resources(cpu='1')" + String(repeating: ")", count: depth) + "\n"
    let result = scan(source)
    #expect(result.problems.isEmpty)
    #expect(result.declarations.count == 1)

    let unclosed = "from flytekit import Resources\n" + String(repeating: "[{(", count: 50_000)
    let unclosedResult = scan(unclosed)
    #expect(unclosedResult.problems.map(\.message) == ["'(' was never closed"])
  }

  @Test func deeplyNestedCallsAndChains() {
    let depth = 20_000
    let calls =
      "from flytekit import Resources\nx = " + String(repeating: "Resources(cpu=", count: depth)
      + "'1'" + String(repeating: ")", count: depth) + "\n"
    let result = scan(calls)
    #expect(result.declarations.count == depth)

    let chain =
      "from flytekit import Resources\nx = Resources()" + String(repeating: ".a", count: depth)
      + String(repeating: "()", count: depth) + "\n"
    #expect(scan(chain).declarations.count == 1)
    let unary =
      "from flytekit import Resources\nx = Resources(cpu=" + String(repeating: "-", count: depth)
      + "1)\n"
    #expect(scan(unary).declarations.first?.requests[.cpu]?.value.isDynamic == true)
    let conditional =
      "from flytekit import Resources\nx = Resources(cpu="
      + String(repeating: "'1' if a else ", count: depth) + "'2')\n"
    #expect(scan(conditional).declarations.count == ScanContext.maxAlternatives)
  }

  @Test func longOperatorRuns() {
    for run in ["*", "**", "not ", "- ", "await ", "lambda: ", "x if y else ", "{**", "yield "] {
      let source =
        "from flytekit import Resources\nx = Resources(cpu=["
        + String(repeating: run, count: 100_000) + "1])\n"
      #expect(scan(source).declarations.count == 1, "\(run)")
    }
  }

  @Test func oneMegabyteLine() {
    let item = "Resources(cpu='1'), "
    let count = 1_000_000 / item.utf8.count
    let source =
      "from flytekit import Resources\nx = [" + String(repeating: item, count: count) + "]\n"
    let result = scan(source)
    #expect(result.declarations.count == count)
    #expect(result.declarations.last?.location.column == 6 + (count - 1) * item.utf8.count)

    let noise =
      "from flytekit import Resources\nx = '" + String(repeating: "a", count: 1_000_000) + "'\n"
    #expect(scan(noise).declarations.isEmpty)
  }

  @Test func hugeNumbers() {
    let digits = String(repeating: "9", count: 100_000)
    let source = """
      from flytekit import Resources
      a = Resources(
        cpu=\(digits), mem=0x\(String(repeating: "f", count: 50_000)), gpu=\(digits).5e3)
      b = Resources(cpu=1e99999, mem=0b\(String(repeating: "1", count: 100)))
      """
    let found = declarations(source)
    #expect(found.count == 2)
    // Too many digits for Python's int→str; described by a shortened source text.
    guard case .other(let text)? = found[0].requests[.cpu]?.value.form else {
      Issue.record("expected .other")
      return
    }
    #expect(text.count == ScanContext.maxDescriptionBytes + 1 && text.hasSuffix("…"))
    #expect(found[0].requests[.gpu]?.value.form == .float("inf"))
    #expect(found[1].requests[.cpu]?.value.form == .float("inf"))
    #expect(found[1].requests[.memory]?.value.form == .integer("1267650600228229401496703205375"))
  }

  @Test func crOnlyLineEndingsAndBOM() {
    let source =
      "\u{FEFF}from flytekit import task, Resources\r"
      + "@task(requests=Resources(cpu='1'))\rdef f(): ...\r"
    #expect(summaries(source) == ["task f 2:1 req[cpu=1] lim[]"])
    let crlf = "from flytekit import Resources\r\n\r\nx = Resources(\r\n  mem='1Gi')\r\n"
    let found = declarations(crlf)
    #expect(found.first?.requests[.memory]?.value.span.start == SourceLocation(line: 4, column: 7))
  }

  @Test func malformedInputNeverCrashes() {
    let fragments = [
      "@task(", "Resources(", ")", "]", "}", "(", "[", "{", "'", "\"", "'''", "f'{", "f\"{x:{",
      "lambda", ":", "=", ",", "**", "*", "-", "if", "else", "for", "\\", "\\\n", "\n", " ",
      "with_overrides", ".", "x", "1e", "0x", "0b2", "1_", "#", "async", "def", "class", "@",
      "accelerator=", "requests=", "V1ResourceRequirements(", "{**", "not", "in", "is",
    ]
    var generator = SplitMix(seed: 42)
    for _ in 0..<400 {
      var source = "from flytekit import task, Resources\n"
      for _ in 0..<Int(generator.next() % 60) {
        source += fragments[Int(generator.next() % UInt64(fragments.count))]
      }
      // Whatever the input, what comes out is located inside it.
      let lines = source.split(separator: "\n", omittingEmptySubsequences: false).count
      let result = scan(source)
      for declaration in result.declarations {
        #expect((1...lines).contains(declaration.location.line), "\(source)")
      }
      for problem in result.problems {
        #expect((1...lines).contains(problem.span.start.line), "\(source)")
        #expect(problem.span.start.line <= problem.span.end.line, "\(source)")
      }
    }
  }
}

/// A tiny deterministic generator for the fuzz-style test.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
