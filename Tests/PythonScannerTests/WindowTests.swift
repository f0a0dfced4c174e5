import ResourceModel
import SourceText
import Testing

@testable import PythonScanner

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A large file is read a window of tokens at a time (`PythonScanner.windowTokens`); these
/// tests read every Python fixture in windows as small as the rules allow and expect exactly
/// what reading it whole finds.
@Suite struct WindowTests {
  /// Every `.py` file under `Fixtures/`, by path relative to the repository.
  static func pythonFixtures() -> [String] {
    var result: [String] = []
    var directories = ["Fixtures"]
    while let directory = directories.popLast() {
      guard let handle = opendir(repositoryRoot + "/" + directory) else { continue }
      defer { closedir(handle) }
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard name != ".", name != ".." else { continue }
        let path = directory + "/" + name
        if name.hasSuffix(".py") {
          result.append(path)
        } else if !name.contains(".") {
          directories.append(path)
        }
      }
    }
    return result.sorted()
  }

  @Test func everyFixtureReadsTheSameInWindows() throws {
    let fixtures = Self.pythonFixtures()
    #expect(fixtures.count > 50)
    for path in fixtures {
      let file = try #require(loadRepositoryFile(path))
      let whole = PythonScanner.scan(file, patterns: PythonScanner.patterns)
      for windowTokens in [1, 5, 64] {
        let windowed = PythonScanner.scan(
          file, patterns: PythonScanner.patterns, windowTokens: windowTokens)
        #expect(windowed.declarations == whole.declarations, "\(path), windows of \(windowTokens)")
        #expect(windowed.problems == whole.problems, "\(path), windows of \(windowTokens)")
        #expect(windowed.comments == whole.comments, "\(path), windows of \(windowTokens)")
      }
    }
  }

  /// A large file's first pass is read in two parts at once, split at a guessed line start.
  /// Split at lines of every fixture, and at every line of a source whose strings, brackets,
  /// line joins, decorators and syntax errors cross the split, a file reads exactly as whole.
  @Test func everyFixtureReadsTheSameSplitAtAnyLine() throws {
    let tricky = """
      from flytekit import Resources, task
      \"\"\"A docstring
      x = 1
      \"\"\"
      LIMITS = Resources(
      cpu="2",
      mem="1Gi")
      @task(requests=Resources(cpu="1"), limits=LIMITS)

      def f(): ...
      y = 1 + \\
      2
      class K:
          z = Resources(mem=1024)
      w = 3\r\nv = Resources(cpu="500M")\r\n
      @task(requests=Resources(mem="1GB"))
      def g(): ...
      s = 'unterminated
      @task(requests=Resources(mem=2048))
      def h(): ...
      """
    var sources = [("tricky.py", SourceFile(path: "tricky.py", text: tricky))]
    for path in Self.pythonFixtures() {
      sources.append((path, try #require(loadRepositoryFile(path))))
    }
    for (path, file) in sources {
      let whole = PythonScanner.scan(
        file, patterns: PythonScanner.patterns, windowTokens: 5, splittingAt: 0)
      // Every line of the tricky source; a spread of lines of each fixture (all of them made
      // this test two minutes long in a debug build).
      let step = path == "tricky.py" ? 1 : max(1, file.lineCount / 12)
      for line in stride(from: 1, to: file.lineCount, by: step) {
        let split = file.lineStarts[line]
        let parts = PythonScanner.scan(
          file, patterns: PythonScanner.patterns, windowTokens: 5, splittingAt: split)
        #expect(parts.declarations == whole.declarations, "\(path), split at line \(line + 1)")
        #expect(parts.problems == whole.problems, "\(path), split at line \(line + 1)")
        #expect(parts.comments == whole.comments, "\(path), split at line \(line + 1)")
      }
    }
  }

  /// The split is guessed only in a large file, after its middle, at a line that starts with a
  /// name or `@` and does not follow a decorator.
  @Test func theFirstPassSplitsLargeFilesAfterTheMiddleNotAfterADecorator() throws {
    let block = "@task(requests=Resources(cpu=\"1\"))\ndef t(): ...\n\n"
    let count = PythonScanner.splitFirstPassBytes / block.utf8.count + 1
    let bytes = Array(
      ("from flytekit import Resources, task\n" + String(repeating: block, count: count)).utf8)
    let split = try #require(bytes.withUnsafeBufferPointer { PythonScanner.firstPassSplit($0) })
    #expect(split > bytes.count / 2)
    #expect(bytes[split] == UInt8(ascii: "@"))
    #expect(bytes[split - 1] == UInt8(ascii: "\n"))
    let small = Array(block.utf8)
    #expect(small.withUnsafeBufferPointer { PythonScanner.firstPassSplit($0) } == nil)
    // Split there, the file reads as it does whole.
    let file = SourceFile(path: "large.py", bytes: bytes)
    let whole = PythonScanner.scan(file, patterns: PythonScanner.patterns, splittingAt: 0)
    let parts = PythonScanner.scan(file, patterns: PythonScanner.patterns)
    #expect(parts.declarations.count == count)
    #expect(parts.declarations == whole.declarations)
  }

  @Test func windowsCoverTheFileAndKeepDecoratorsWithTheirFunction() {
    let source = """
      import flytekit
      X = (1,
           2)

      @flytekit.task(requests=flytekit.Resources(cpu="1"))
      # a comment between
      @other
      def t(): ...
      async def u(): pass
      """
    let bytes = Array(source.utf8)
    let whole = PythonTokenizer.tokenize(bytes)
    var tokens: [Token] = []
    var ranges: [Range<Int>] = []
    bytes.withUnsafeBufferPointer { buffer in
      _ = PythonTokenizer.tokenize(buffer, windowTokens: 1) { window, range in
        ranges.append(range)
        #expect(window.tokens.last?.kind == .endMarker)
        if let line = window.lines.last {
          let first = window.tokens[line.firstToken]
          #expect(!(first.kind == .op && first.op == Op.at), "a window ends after a decorator")
        }
        // The same tokens as reading the range alone.
        let alone = PythonTokenizer.tokenize(buffer, range: range)
        #expect(alone.tokens.map(\.start) == window.tokens.map(\.start))
        tokens += window.tokens.dropLast()
      }
    }
    #expect(ranges.first?.lowerBound == 0)
    #expect(ranges.last?.upperBound == bytes.count)
    #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    // Three decorator lines and the def share one window.
    #expect(ranges.count == 4)
    let significant = whole.tokens.filter { $0.kind != .endMarker }
    #expect(tokens.map(\.start) == significant.map(\.start))
    #expect(tokens.map(\.kind) == significant.map(\.kind))
  }
}
