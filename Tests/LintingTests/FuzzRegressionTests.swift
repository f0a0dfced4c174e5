import Foundation
import Linting
@_spi(Fuzzing) import PythonScanner
import ResourceModel
import SourceText
import Testing
import Workspace
import YAMLScanner

/// Inputs the fuzzers (`Fuzz/`, `make fuzz`) found crashing, hanging or breaking an invariant,
/// replayed through the same entry points as the fuzz target named by their folder:
/// `Fixtures/fuzz-regressions/<target>/<file>`. Each must now finish, with a result bounded by
/// its size, well inside a generous time bound (which only catches a hang coming back).
struct FuzzRegressionTests {
  static let root = Paths.fixtures + "/fuzz-regressions"
  static let targets = ["quantity", "python-parser", "python-scanner", "yaml-scanner", "config"]

  /// `<target>/<file>` for every regression input.
  static let cases: [String] = targets.flatMap { target in
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + target)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { target + "/" + $0 }
  }

  @Test func everyFolderIsATarget() throws {
    let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root)
    for folder in folders where !folder.hasPrefix(".") {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(
        atPath: Self.root + "/" + folder, isDirectory: &isDirectory)
      guard isDirectory.boolValue else { continue }
      #expect(Self.targets.contains(folder), "unknown fuzz target folder \(folder)")
    }
  }

  @Test(arguments: cases)
  func replay(_ name: String) throws {
    let bytes = try #require(FileManager.default.contents(atPath: Self.root + "/" + name))
    let input = Array(bytes)
    let target = String(name.split(separator: "/")[0])
    // Each target checks its own invariants; a regression that hangs again is left to the
    // test runner's limit.
    try Self.run(target, input)
  }

  /// The fix for stacked decorators (each looked ahead for its function: quadratic) still
  /// names the right function for every decorator, across several stacks.
  @Test func stackedDecoratorsNameTheirFunction() {
    let text = """
      from flytekit import Resources, task
      @task(requests=Resources(cpu="1"))
      @other
      @task(limits=Resources(cpu="2"))
      def first(): pass
      @task(requests=Resources(cpu="3"))
      x = 1
      @task(requests=Resources(cpu="4"))
      @task(requests=Resources(cpu="5"))
      async def second(): pass
      """
    let result = PythonScanner.scan(SourceFile(path: "t.py", text: text))
    #expect(result.declarations.map(\.name) == ["first", "first", nil, "second", "second"])
  }

  /// A task config reaches a plugin config through constants that each name the next five
  /// times: the config is one object, declared once for its task (it was declared 5⁴ times,
  /// and a fuzzed file of such constants made 1.2 million declarations).
  @Test func constantsNamedManyTimesAreWalkedOnce() {
    let text = """
      from flytekit import Resources, task
      from flytekitplugins.kfpytorch import PyTorch, Worker
      W = Worker(replicas=1, requests=Resources(cpu="1"))
      A = [W, W, W, W, W]
      B = [A, A, A, A, A]
      C = [B, B, B, B, B]
      D = [C, C, C, C, C]
      @task(task_config=PyTorch(worker=D))
      def train(): pass
      @task(task_config=PyTorch(worker=W))
      def tune(): pass
      """
    let result = PythonScanner.scan(SourceFile(path: "t.py", text: text))
    let plugins = result.declarations.filter { $0.kind == .plugin }
    #expect(plugins.map(\.owner) == ["train", "tune"])
    #expect(plugins.allSatisfy { $0.location.line == 3 })
  }

  /// The bound on merge resolution (`YAMLStream.maxMergedPairs`) keeps ordinary merges: a
  /// short chain still reaches its values, and keys written in the mapping still win.
  @Test func shortMergeChainsStillResolve() {
    let text = """
      base: &a0 {cpu: "1", memory: 1Gi}
      a1: &a1 {<<: *a0}
      a2: &a2 {<<: *a1, memory: 2Gi}
      spec:
        containers:
        - name: x
          resources:
            requests: {<<: *a2}
      """
    let result = YAMLScanner.scan(SourceFile(path: "pod.yaml", text: text))
    let requests = result.declarations.first?.requests
    #expect(result.declarations.count == 1)
    #expect(requests?[.cpu]?.value.form == .string("1"))
    #expect(requests?[.memory]?.value.form == .plain("2Gi"))
  }

  /// What the fuzz target `target` does with `input`, with its checks as expectations.
  static func run(_ target: String, _ input: [UInt8]) throws {
    switch target {
    case "quantity":
      checkQuantities(input)
    case "python-parser":
      let work = PythonScannerFuzzing.parseAll(input)
      #expect(work >= 0 && work <= 64 * (input.count + 1))
    case "python-scanner":
      checkScan(PythonScanner.scan, input, path: "fuzz.py")
    case "yaml-scanner":
      checkScan({ YAMLScanner.scan($0) }, input, path: "fuzz.yaml")
    case "config":
      _ = PatternList(gitignore: input, base: ["r"]).verdict(
        forAbsolute: ["r", "a", "b.py"], isDirectory: false)
      if let configuration = try? Configuration.parse(
        input, file: ".resourcelint.yml", directory: ["nonexistent-fuzz-dir"])
      {
        for pattern in (configuration.include ?? []) + configuration.exclude {
          _ = pattern.matches(["vendor", "b", "c", "d", "e", "f", "g.yml"], isDirectory: false)
        }
        _ = try? CommandLineRules().settings(for: configuration)
      }
    default:
      Issue.record("no fuzz target \(target)")
    }
  }

  /// Declarations are at most one per byte and every one is on a line of the file.
  static func checkScan(_ scan: (SourceFile) -> ScanResult, _ input: [UInt8], path: String) {
    let file = SourceFile(path: path, bytes: input)
    let result = scan(file)
    #expect(result.declarations.count <= input.count)
    for declaration in result.declarations {
      #expect((1...file.lineCount).contains(declaration.location.line))
    }
  }

  /// One or two newline-separated quantities: each parses back from its canonical form and
  /// exact value to the same value, and two are ordered consistently.
  static func checkQuantities(_ input: [UInt8]) {
    let parts = input.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false)
    let parsed = parts.compactMap { Quantity(String(decoding: $0, as: UTF8.self)) }
    for quantity in parsed {
      #expect(Quantity(quantity.canonical) == quantity, "canonical of \(quantity.text)")
      #expect(Quantity(quantity.exactValue) == quantity, "exact value of \(quantity.text)")
      _ = quantity.byteDescription
      _ = quantity.groupedValue
    }
    if parsed.count == 2 {
      let (a, b) = (parsed[0], parsed[1])
      #expect([a < b, a == b, b < a].filter { $0 }.count == 1, "order of \(a) and \(b)")
    }
  }
}
