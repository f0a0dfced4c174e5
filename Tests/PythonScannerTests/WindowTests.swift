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
