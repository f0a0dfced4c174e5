import Baseline
import Foundation
import Linting
import ResourceModel
import Testing

/// `--write-baseline` and `--baseline`: keys that survive edits, multiset matching, stale
/// entries, atomic writes, errors and exit codes.
struct BaselineTests {
  static let manifest = """
    apiVersion: v1
    kind: Pod
    metadata: {name: web}
    spec:
      containers:
        - name: server
          resources:
            requests: {cpu: "2", memory: 1gi}
            limits: {cpu: "1", memory: 2Gi}

    """

  static let tasks = """
    from flytekit import Resources, task

    @task(requests=Resources(cpu="1", mem="1GB"))
    def train():
        ...

    @task(limits=Resources(gpu="1"))
    def infer():
        ...

    """

  static func tree() throws -> String {
    try CLITests.tree(["k8s/pod.yaml": Array(manifest.utf8), "flows/tasks.py": Array(tasks.utf8)])
  }

  static func files(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
  }

  static func edit(_ path: String, _ change: (String) -> String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try change(text).write(toFile: path, atomically: true, encoding: .utf8)
  }

  // MARK: - End to end

  @Test func writeThenCheckIsCleanAndSurvivesInsertedLines() throws {
    let root = try Self.tree()
    let before = try CLITests.run(["check", "--format", "concise", "."], in: root)
    #expect(before.status == 1)
    let findings = before.stdout.split(separator: "\n").count
    #expect(findings == 4, "\(before.stdout)")

    let write = try CLITests.run(["check", "--write-baseline", "baseline.json", "."], in: root)
    #expect(write.status == 0, "\(write.stdout)\(write.stderr)")
    #expect(write.stderr.contains("wrote 4 findings to the baseline baseline.json"))
    #expect(write.stdout.contains("All checks passed"))
    #expect(try Self.files(in: root) == ["baseline.json", "flows", "k8s"], "temporary file left")

    let text = try String(contentsOfFile: root + "/baseline.json", encoding: .utf8)
    let decoded = try Baseline.decode(Array(text.utf8), source: "baseline.json")
    #expect(decoded.findingCount == 4)
    #expect(
      decoded.entries.map(\.key).contains(
        Baseline.Key(
          file: "k8s/pod.yaml", place: "k8s-container server at spec.containers > limits.cpu",
          rule: "RL001")))
    #expect(!text.contains("\"line\""))

    let clean = try CLITests.run(["check", "--baseline", "baseline.json", "."], in: root)
    #expect(clean.status == 0, "\(clean.stdout)")
    #expect(clean.stdout.contains("All checks passed"))
    #expect(clean.stdout.contains("4 findings matched the baseline and are not shown."))
    #expect(!clean.stdout.contains("no longer occur"))

    // Lines inserted above every finding, the path written differently: still all matched.
    try Self.edit(root + "/k8s/pod.yaml") { "# owned by the web team\n\n" + $0 }
    try Self.edit(root + "/flows/tasks.py") {
      $0.replacingOccurrences(of: "\n@task", with: "\nimport os\nimport sys\n\n\n@task")
    }
    let moved = try CLITests.run(
      ["check", "--format", "concise", "--baseline", "./baseline.json", "./flows", root + "/k8s"],
      in: root)
    #expect(moved.status == 0, "\(moved.stdout)")
    #expect(moved.stdout.isEmpty)
    #expect(moved.stderr.contains("4 findings matched the baseline"))
  }

  @Test func newFindingsAreReportedAndFixedOnesCounted() throws {
    let root = try Self.tree()
    _ = try CLITests.run(["check", "--write-baseline", "baseline.json", "."], in: root)

    // A new error in a new task, and RL004 in train fixed.
    try Self.edit(root + "/flows/tasks.py") {
      $0.replacingOccurrences(of: "mem=\"1GB\"", with: "mem=\"1Gi\"")
        + "\n@task(requests=Resources(cpu=\"500M\"))\ndef fresh():\n    ...\n"
    }
    let run = try CLITests.run(["check", "--baseline", "baseline.json", "."], in: root)
    #expect(run.status == 1)
    #expect(
      run.stdout.contains("flows/tasks.py:11:30: error: [*] cpu request 500M is 500,000,000 cores"))
    #expect(run.stdout.contains("Found 1 problem (1 error)"))
    #expect(
      run.stdout.contains(
        "3 findings matched the baseline and are not shown; 1 baseline entry no longer occurs; "
          + "rewrite the baseline with --write-baseline."))

    // Machine formats report the same single finding and keep the note off stdout.
    let json = try CLITests.run(
      ["check", "--format", "json", "--baseline", "baseline.json", "."], in: root)
    #expect(json.stdout.components(separatedBy: "\"rule\"").count == 2)
    #expect(json.stderr.contains("1 baseline entry no longer occurs"))
    let sarif = try CLITests.run(
      ["check", "--format", "sarif", "--baseline", "baseline.json", "."], in: root)
    #expect(sarif.stdout.components(separatedBy: "\"ruleId\"").count == 2)

    // Rewriting the baseline takes the new state; nothing is stale afterwards.
    let rewrite = try CLITests.run(["check", "--write-baseline", "baseline.json", "."], in: root)
    #expect(rewrite.status == 0)
    let after = try CLITests.run(["check", "--baseline", "baseline.json", "."], in: root)
    #expect(after.status == 0)
    #expect(!after.stdout.contains("no longer occur"))
  }

  /// Two identical findings recorded, three now: exactly one is reported.
  @Test func matchingCountsFindings() throws {
    let document =
      "kind: Pod\nspec:\n  containers:\n    - name: app\n      resources:\n"
      + "        limits: {memory: 1GB}\n---\n"
    let root = try CLITests.tree(["pods.yaml": Array(String(repeating: document, count: 2).utf8)])
    _ = try CLITests.run(["check", "--write-baseline", "b.json", "."], in: root)
    let recorded = try Baseline.load(path: root + "/b.json")
    #expect(recorded.entries.count == 1)
    #expect(recorded.entries.first?.count == 2)

    try Self.edit(root + "/pods.yaml") { $0 + document }
    let run = try CLITests.run(
      ["check", "--format", "concise", "--baseline", "b.json", "."], in: root)
    #expect(run.status == 1)
    #expect(run.stdout.split(separator: "\n").count == 1)
    #expect(run.stdout.hasPrefix("pods.yaml:20:"))
    #expect(run.stderr.contains("2 findings matched the baseline"))
  }

  @Test func exitCodesForEachCombination() throws {
    let root = try CLITests.tree([
      "values.yaml": Array("worker:\n  resources:\n    requests: {memory: 1GB}\n".utf8)
    ])
    func status(_ arguments: [String]) throws -> Int32 {
      try CLITests.run(["check"] + arguments + ["."], in: root).status
    }
    #expect(try status([]) == 1)
    #expect(try status(["--write-baseline", "b.json"]) == 0)
    #expect(try status(["--baseline", "b.json"]) == 0)
    #expect(try status(["--baseline", "b.json", "--strict"]) == 0)
    #expect(try status(["--baseline", "b.json", "--statistics"]) == 0)

    // A new warning: fails only with --strict. A new error: fails unless --exit-zero.
    try Self.edit(root + "/values.yaml") {
      $0 + "api:\n  resources:\n    requests: {memory: 2147483648}\n"
    }
    #expect(try status(["--baseline", "b.json"]) == 0)
    #expect(try status(["--baseline", "b.json", "--strict"]) == 1)
    try Self.edit(root + "/values.yaml") {
      $0 + "db:\n  resources:\n    requests: {cpu: 2x}\n"
    }
    #expect(try status(["--baseline", "b.json"]) == 1)
    #expect(try status(["--baseline", "b.json", "--exit-zero"]) == 0)
    // Writing while reading: the new baseline takes everything, so nothing is reported.
    #expect(try status(["--baseline", "b.json", "--write-baseline", "b2.json"]) == 0)
    #expect(try status(["--baseline", "b2.json", "--strict"]) == 0)
  }

  @Test func unusableBaselinesAreUsageErrors() throws {
    let root = try Self.tree()
    let missing = try CLITests.run(["check", "--baseline", "nope.json", "."], in: root)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("cannot read baseline nope.json: No such file or directory"))

    let cases: [(String, String)] = [
      (
        "{\"version\": 1, \"entries\": [\n  {\"file\": \"a\"}\n]}",
        "b.json: invalid baseline: entries[0] is missing \"place\""
      ),
      (
        "{\"version\": 2, \"entries\": []}",
        "b.json: invalid baseline: unsupported baseline version 2"
      ),
      ("[1, 2]", "b.json: invalid baseline: a baseline is a JSON object"),
      ("{\"version\": 1}", "b.json: invalid baseline: missing \"entries\""),
      (
        "{\"version\": 1, \"entries\": [{\"file\": \"a\", \"place\": \"p\", \"rule\": \"r\", \"count\": 0}]}",
        "b.json: invalid baseline: entries[0].count must be a positive integer"
      ),
      (
        "{\"version\": 1, \"entries\": [{\"file\": 1, \"place\": \"p\", \"rule\": \"r\"}]}",
        "b.json: invalid baseline: entries[0].file has the wrong type"
      ),
      ("{\"version\": 1, \"entries\": [}", "b.json: invalid baseline: not valid JSON"),
      ("", "b.json: invalid baseline: not valid JSON"),
      ("{\"version\": 1, \"entries\": []} x", "b.json: invalid baseline: not valid JSON"),
    ]
    for (text, message) in cases {
      try text.write(toFile: root + "/b.json", atomically: true, encoding: .utf8)
      let run = try CLITests.run(["check", "--baseline", "b.json", "."], in: root)
      #expect(run.status == 2, "\(text)")
      #expect(run.stderr.contains(message), "\(text): \(run.stderr)")
    }

    // An unwritable destination is a usage error too, and leaves no temporary file behind.
    let noDirectory = try CLITests.run(
      ["check", "--write-baseline", "no/such/dir/b.json", "."], in: root)
    #expect(noDirectory.status == 2)
    #expect(noDirectory.stderr.contains("cannot write baseline no/such/dir/b.json"))
    try FileManager.default.createDirectory(
      atPath: root + "/dir", withIntermediateDirectories: false)
    let onDirectory = try CLITests.run(["check", "--write-baseline", "dir", "."], in: root)
    #expect(onDirectory.status == 2)
    #expect(try Self.files(in: root) == ["b.json", "dir", "flows", "k8s"])
    #expect(try Self.files(in: root + "/dir").isEmpty)
  }

  // MARK: - Units

  static func diagnostic(_ file: String, _ place: String?, line: Int = 1, code: String = "RL004")
    -> Diagnostic
  {
    var diagnostic = Diagnostic(
      file: file,
      span: SourceSpan(at: SourceLocation(line: line, column: 1)), code: code,
      name: "invalid-quantity", severity: .error, message: "", logicalPlace: place)
    // Set afterwards, bypassing the initializer's escaping, to test the JSON round trip.
    diagnostic.message = "bad \"value\"\n\u{1F600}"
    return diagnostic
  }

  @Test func encodingRoundTrips() throws {
    let baseline = Baseline(
      diagnostics: [
        Self.diagnostic("./z.yaml", "task \"q\\uote\" > limits.mem"),
        Self.diagnostic("a.py", "task ünïcode > requests.cpu"),
        Self.diagnostic("a.py", "task ünïcode > requests.cpu", line: 9),
        Self.diagnostic("/repo/b.py", nil, line: 7),
      ], currentDirectory: "/repo")
    let text = try baseline.encoded()
    #expect(text.hasPrefix("{\n  \"version\": 1,\n"))
    #expect(text.split(separator: "\n").count == 9)
    let decoded = try Baseline.decode(Array(text.utf8), source: "b")
    #expect(decoded == baseline)
    #expect(decoded.entries.map(\.key.file) == ["a.py", "b.py", "z.yaml"])
    #expect(decoded.entries.map(\.count) == [2, 1, 1])
    #expect(decoded.entries[0].message == "bad \"value\"\n\u{1F600}")

    // Escapes written by other tools: \/ and surrogate pairs.
    let foreign =
      #"{"entries": [{"file": "a\/b", "place": "\ud83d\ude00", "rule": "RL1", "count": 3, "#
      + #""extra": [true, null, -1.5e3]}], "version": 1}"#
    let read = try Baseline.decode(Array(foreign.utf8), source: "f")
    #expect(read.entries.first?.key == Baseline.Key(file: "a/b", place: "\u{1F600}", rule: "RL1"))
    #expect(read.entries.first?.count == 3)
    #expect(throws: BaselineError.self) {
      try Baseline.decode(Array(#"{"version": 01, "entries": []}"#.utf8), source: "f")
    }
    #expect(throws: BaselineError.self) {
      try Baseline.decode(Array(String(repeating: "[", count: 10_000).utf8), source: "f")
    }
  }

  @Test func applyIsAMultisetDifference() {
    let a = Self.diagnostic("a.py", "task a > limits.cpu")
    let b = Self.diagnostic("a.py", "task b > limits.cpu")
    let baseline = Baseline(diagnostics: [a, a, b], currentDirectory: nil)
    let outcome = baseline.apply(to: [a, a, a], currentDirectory: nil)
    #expect(outcome.reported.count == 1)
    #expect(outcome.matched == 2)
    #expect(outcome.noLongerOccurring == 1)
    #expect(
      outcome.summary
        == "2 findings matched the baseline and are not shown; 1 baseline entry no longer occurs; "
        + "rewrite the baseline with --write-baseline.")
    #expect(Baseline(entries: []).apply(to: [], currentDirectory: nil).summary == nil)
  }
}
