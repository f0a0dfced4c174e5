// libFuzzer target: the configuration loader (`Configuration.parse`), then what the linter does
// with a configuration: settings, glob matching, policies; and the same bytes as a .gitignore.
import Linting
import PythonScanner
import ResourceModel
import SourceText
import Workspace

/// Declarations for the policies to judge, scanned once.
let sampleDeclarations = PythonScanner.scan(
  SourceFile(
    path: "t.py",
    text: """
      from flytekit import Resources, task
      @task(requests=Resources(cpu="1", mem="1Gi", gpu="1"), limits=Resources(mem="2Gi"))
      def t(): ...
      """)
).declarations

/// Paths to match globs against, relative to the configuration's directory.
let samplePaths: [[String]] = [
  ["a.py"], ["tests", "x", "values.yaml"], ["vendor", "b", "c", "d", "e", "f", "g.yml"],
  ["charts", "c", "templates"],
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let ignores = PatternList(gitignore: bytes, base: ["r"])
  for path in samplePaths { _ = ignores.verdict(forAbsolute: ["r"] + path, isDirectory: false) }
  let configuration: Configuration
  do {
    configuration = try Configuration.parse(
      bytes, file: ".resourcelint.yml", directory: ["nonexistent-fuzz-dir"])
  } catch {
    _ = error.description
    return 0
  }
  let patterns =
    (configuration.include ?? []) + configuration.exclude
    + configuration.perFileIgnores.map(\.pattern)
  for pattern in patterns {
    for path in samplePaths {
      _ = pattern.matches(path, isDirectory: false)
      _ = pattern.matches(path, isDirectory: true)
    }
  }
  if let settings = try? CommandLineRules().settings(for: configuration) {
    for policy in settings.policies {
      _ = policy.diagnostics(for: sampleDeclarations, file: "t.py")
    }
  }
  return 0
}
