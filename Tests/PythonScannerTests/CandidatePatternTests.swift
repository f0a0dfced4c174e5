import PCRE2
import ResourceModel
import SourceText
import Testing

@testable import PythonScanner

/// The candidate search never fails silently: a search cut short by PCRE2's match limit, or a
/// pattern that does not compile, is a problem on the file (RL000), not an empty result.
@Suite struct CandidatePatternTests {
  static let source = """
    from flytekit import Resources, task
    NOTE = "\(String(repeating: "a", count: 40))"

    @task(requests=Resources(mem="1Gi"))
    def train() -> None: ...

    """

  @Test func theShippedPatternsCompile() throws {
    try PythonScanner.verifyPatterns()
    #expect(scan(Self.source).problems.isEmpty)
  }

  @Test func aSearchCutShortByTheMatchLimitIsReported() throws {
    // Nested quantifiers backtrack exponentially on the run of `a`s: the limit stops them.
    let patterns = try CandidatePatterns(callSites: #"(a+)+\d"#, decorators: #"^[ \t\f]*@"#)
    let result = PythonScanner.scan(
      SourceFile(path: "test.py", text: Self.source), patterns: .success(patterns))
    let problem = try #require(result.problems.first)
    #expect(problem.message.contains("stopped here (PCRE2 match limit)"))
    // No match came before the one that hit the limit: the search stopped at the start.
    #expect(problem.span.start.line == 1)
  }

  @Test func aPatternThatDoesNotCompileIsReportedOnEveryFile() {
    let broken = Result { () throws(PatternError) in
      try CandidatePatterns(callSites: "(", decorators: "@")
    }
    let result = PythonScanner.scan(
      SourceFile(path: "test.py", text: Self.source), patterns: broken)
    #expect(result.declarations.isEmpty)
    #expect(result.problems.map(\.message).first?.hasPrefix("internal error") == true)
  }
}
