import FileIO
import Foundation
import Linting
import Reporting
import ResourceModel
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fixes, from the rules' edits to the files written.
///
/// Fixture convention: beside a fixture `Fixtures/<rule-name>/X` (linted by that rule alone),
/// `X.fixed` is the file after `check --fix` (the safe fixes) and `X.unsafe-fixed` after
/// `check --fix --unsafe-fixes`. A missing `X.fixed` means the safe fixes change nothing; a
/// missing `X.unsafe-fixed` means the unsafe ones change nothing beyond `X.fixed`. Both are
/// compared byte for byte.
struct FixTests {
  /// Every rule fixture with a `.fixed` or `.unsafe-fixed` sibling.
  static let fixedFixtures: [String] = FixtureTests.ruleFixtures.filter {
    Paths.bytes($0 + ".fixed") != nil || Paths.bytes($0 + ".unsafe-fixed") != nil
  }

  static func fix(
    _ bytes: [UInt8], path: String, rules: RuleSet, _ applicability: FixApplicability
  ) -> FileResult {
    let language: FileLanguage = path.hasSuffix(".py") ? .python : .yaml
    return Linter(rules: rules).fix(
      path: path, bytes: bytes, language: language,
      options: FixOptions(applicability: applicability, writes: false))
  }

  static func rules(for path: String) -> RuleSet {
    rulesOnly(String(path.split(separator: "/")[1]))
  }

  @Test(arguments: fixedFixtures)
  func fixtureFixesAsExpected(_ path: String) throws {
    let original = try #require(Paths.bytes(path))
    let safe = Paths.bytes(path + ".fixed") ?? original
    let unsafe = Paths.bytes(path + ".unsafe-fixed") ?? safe
    for (applicability, expected) in [(FixApplicability.safe, safe), (.unsafe, unsafe)] {
      let result = Self.fix(original, path: path, rules: Self.rules(for: path), applicability)
      let fixed = result.fixes?.fixed ?? original
      #expect(
        fixed == expected,
        "\(path) with \(applicability) fixes:\n\(String(decoding: fixed, as: UTF8.self))")
      // Fixing the fixed file again changes nothing: the engine ran to a fixed point.
      let again = Self.fix(fixed, path: path, rules: Self.rules(for: path), applicability)
      #expect(again.fixes == nil, "\(path): a second \(applicability) pass changed the file")
      #expect(result.fixes?.converged ?? true)
    }
  }

  /// Every rule that documents fixes has a fixture showing them, in each language it reads.
  @Test func everyFixableRuleHasFixedFixtures() {
    // RL005 reports Python numbers and booleans; YAML has no such values to fix.
    let pythonOnly: Set<String> = ["RL005"]
    for rule in RuleSet.descriptions where rule.fixAvailability.extent != .none {
      let fixtures = Self.fixedFixtures.filter { $0.hasPrefix("Fixtures/\(rule.name)/") }
      #expect(fixtures.contains { $0.hasSuffix(".py") }, "\(rule.code): no fixed Python fixture")
      if !pythonOnly.contains(rule.code) {
        #expect(
          fixtures.contains { !$0.hasSuffix(".py") }, "\(rule.code): no fixed YAML fixture")
      }
      #expect(!rule.fixAvailability.applicabilities.isEmpty, "\(rule.code)")
    }
  }

  /// Every fixture of every folder, fixed with every fix, stays parseable, reaches a fixed
  /// point, and changes only bytes inside the lines it edits.
  @Test(arguments: FixtureTests.ruleFixtures)
  func fixingAnyFixtureIsSound(_ path: String) throws {
    let original = try #require(Paths.bytes(path))
    let rules = Self.rules(for: path)
    let result = Self.fix(original, path: path, rules: rules, .unsafe)
    guard let record = result.fixes else { return }
    #expect(record.converged, "\(path)")
    let before = lint(String(decoding: original, as: UTF8.self), path: path, rules: rules)
    let parseErrors = { (result: FileResult) in
      result.diagnostics.filter { $0.code == "RL000" }.count
    }
    #expect(parseErrors(result) <= parseErrors(before), "\(path): fixing broke the file")
    let again = Self.fix(record.fixed, path: path, rules: rules, .unsafe)
    #expect(again.fixes == nil, "\(path): fixing is not idempotent")
    // Same number of lines, each line's end intact: only values inside lines changed.
    let oldLines = UnifiedDiff.lines(original)
    let newLines = UnifiedDiff.lines(record.fixed)
    #expect(oldLines.count == newLines.count, "\(path)")
    for (old, new) in zip(oldLines, newLines) {
      let oldEnd: [UInt8] = old.suffix(2).filter { $0 < 0x20 }
      let newEnd: [UInt8] = new.suffix(2).filter { $0 < 0x20 }
      #expect(oldEnd == newEnd, "\(path): a line end changed")
    }
  }

  /// A file with a byte order mark and CRLF line ends keeps both; only the values change.
  @Test func crlfAndByteOrderMarkAreKept() {
    let text =
      "\u{FEFF}resources:\r\n  limits:\r\n    memory: 500mi  # note\r\n"
      + "    cpu: '2M'\r\n"
    let result = Self.fix(Array(text.utf8), path: "x.yaml", rules: defaultRules(), .safe)
    let expected =
      "\u{FEFF}resources:\r\n  limits:\r\n    memory: 500Mi  # note\r\n"
      + "    cpu: '2m'\r\n"
    #expect(result.fixes.map { String(decoding: $0.fixed, as: UTF8.self) } == expected)
    #expect(result.fixes?.applied.map(\.code) == ["RL004", "RL007"])
  }

  /// A value after a multi-byte character: columns count scalars, edits land on bytes.
  @Test func editsAfterMultibyteCharactersLandOnTheValue() {
    let text = "r = {\"é\": 1}; from flytekit import Resources\nx = Resources(mem=\"1gi\")  # ü\n"
    let result = Self.fix(Array(text.utf8), path: "x.py", rules: rulesOnly("RL004"), .safe)
    #expect(
      result.fixes.map { String(decoding: $0.fixed, as: UTF8.self) }
        == "r = {\"é\": 1}; from flytekit import Resources\nx = Resources(mem=\"1Gi\")  # ü\n")
  }

  /// A fix can uncover another: `cpu="2M"` becomes `2m`, now below its request, whose limit
  /// the next pass raises. With too few passes the engine stops, says it did not settle, and
  /// leaves the file as the last pass made it.
  @Test func fixesThatUncoverFindingsTakeMorePasses() {
    let text =
      "from flytekit import Resources, task\n"
      + "@task(requests=Resources(cpu=\"1\"), limits=Resources(cpu=\"2M\"))\ndef t(): ...\n"
    let linter = Linter(rules: defaultRules())
    let options = FixOptions(applicability: .unsafe, writes: false)
    let full = linter.fix(
      path: "x.py", bytes: Array(text.utf8), language: .python, options: options)
    #expect(full.fixes?.passes == 2)
    #expect(full.fixes?.converged == true)
    #expect(full.fixes?.applied.map(\.code) == ["RL007", "RL001"])
    #expect(
      full.fixes.map { String(decoding: $0.fixed, as: UTF8.self) }
        == text.replacingOccurrences(of: "\"2M\"", with: "\"1\""))
    let cut = linter.fix(
      path: "x.py", bytes: Array(text.utf8), language: .python, options: options,
      maximumPasses: 1)
    #expect(cut.fixes?.converged == false)
    #expect(
      cut.fixes.map { String(decoding: $0.fixed, as: UTF8.self) }
        == text.replacingOccurrences(of: "\"2M\"", with: "\"2m\""))
  }

  /// A suppressed finding's fix is never applied.
  @Test func suppressedFindingsAreNotFixed() {
    let text =
      "from flytekit import Resources\nx = Resources(mem=\"1gi\")  # noqa: RL004\n"
      + "y = Resources(mem=\"2gi\")\n"
    let result = Self.fix(Array(text.utf8), path: "x.py", rules: rulesOnly("RL004"), .safe)
    #expect(
      result.fixes.map { String(decoding: $0.fixed, as: UTF8.self) }
        == "from flytekit import Resources\nx = Resources(mem=\"1gi\")  # noqa: RL004\n"
        + "y = Resources(mem=\"2Gi\")\n")
  }

  /// Of two overlapping fixes the first is applied; the other waits for the next pass (and
  /// is dropped there when its finding is gone). Fixes that touch different bytes both apply.
  @Test func overlappingFixesApplyOneAtATime() {
    let bytes = Array("abcdef\n".utf8)
    func finding(_ code: String, _ from: Int, _ to: Int, _ text: String) -> Diagnostic {
      let span = SourceSpan(
        start: SourceLocation(line: 1, column: from), end: SourceLocation(line: 1, column: to))
      return Diagnostic(
        file: "x", span: span, code: code, name: code, severity: .error, message: code,
        fix: .replace(span, with: text, title: code, applicability: .safe))
    }
    let (fixed, applied) = FixEngine.apply(
      [finding("B", 2, 5, "X"), finding("A", 1, 3, "Y"), finding("C", 5, 7, "Z")], to: bytes,
      path: "x")
    #expect(String(decoding: fixed, as: UTF8.self) == "YcdZ\n")
    #expect(applied.map(\.code) == ["A", "C"])
    // An edit whose expected text is not in the file is not applied at all.
    var stale = finding("D", 1, 3, "Q")
    stale.fix?.edits[0].expected = "zz"
    #expect(FixEngine.apply([stale], to: bytes, path: "x").applied.isEmpty)
    // Nor is one outside the file.
    #expect(FixEngine.apply([finding("E", 1, 40, "Q")], to: bytes, path: "x").applied.isEmpty)
  }

  /// The rule's spelling guess is checked against the source: `r"1gi"`, an escape or an
  /// implicit concatenation gets no fix, so nothing offers one either.
  @Test func valuesNotSpeltAsTheirTextGetNoFix() {
    let text =
      "from flytekit import Resources\na = Resources(mem=r\"1gi\")\n"
      + "b = Resources(mem=\"1\\x67i\")\nc = Resources(mem=\"1\" \"gi\")\n"
    let result = lint(text, path: "x.py", rules: rulesOnly("RL004"))
    #expect(result.diagnostics.count == 3)
    #expect(result.diagnostics.allSatisfy { $0.fix == nil })
  }

  /// The fixed file replaces the old one atomically and keeps its permission bits; a symbolic
  /// link stays a link to the fixed file; no temporary file is left behind.
  @Test func writesAreAtomicAndKeepPermissions() throws {
    let root = try CLITests.tree(["a.yaml": Array("resources: {limits: {memory: 1gi}}\n".utf8)])
    let file = root + "/a.yaml"
    #expect(chmod(file, 0o640) == 0)
    #expect(symlink("a.yaml", root + "/link.yaml") == 0)
    var linter = Linter(rules: defaultRules())
    linter.fixing = FixOptions(applicability: .safe, writes: true)
    let result = linter.lint(InputFile(path: root + "/link.yaml", language: .yaml))
    #expect(result.fixes?.writeError == nil)
    #expect(Paths.bytesAt(file) == Array("resources: {limits: {memory: 1Gi}}\n".utf8))
    var status = stat()
    #expect(stat(file, &status) == 0)
    #expect(status.st_mode & 0o7777 == 0o640)
    #expect(lstat(root + "/link.yaml", &status) == 0)
    #expect(status.st_mode & S_IFMT == S_IFLNK)
    let left = try FileManager.default.contentsOfDirectory(atPath: root)
    #expect(Set(left) == ["a.yaml", "link.yaml"])
  }

  /// A file with nothing to fix is not written at all: same inode, same modification time.
  @Test func unchangedFilesAreNotWritten() throws {
    let root = try CLITests.tree([
      "a.yaml": Array("resources: {limits: {memory: 1Gi, cpu: 5Gi}}\n".utf8)
    ])
    let file = root + "/a.yaml"
    var before = stat()
    #expect(stat(file, &before) == 0)
    var linter = Linter(rules: defaultRules())
    linter.fixing = FixOptions(applicability: .unsafe, writes: true)
    let result = linter.lint(InputFile(path: file, language: .yaml))
    #expect(result.fixes == nil)
    #expect(!result.diagnostics.isEmpty)
    var after = stat()
    #expect(stat(file, &after) == 0)
    #expect(before.st_ino == after.st_ino)
    #expect(before.st_mtim.tv_sec == after.st_mtim.tv_sec)
    #expect(before.st_mtim.tv_nsec == after.st_mtim.tv_nsec)
  }

  // MARK: - Reporting

  @Test func jsonAndSarifCarryTheFix() throws {
    let result = lint(
      "resources: {limits: {memory: 1gi}}\n", path: "a.yaml", rules: rulesOnly("RL004"))
    let json = JSONReporter.render(result.diagnostics)
    #expect(
      json.contains(
        "\"fix\": {\"applicability\": \"safe\", \"message\": \"Replace \\\"1gi\\\" with "
          + "\\\"1Gi\\\"\", \"edits\": [{\"content\": \"1Gi\", \"location\": {\"line\": 1, "
          + "\"column\": 30}, \"end_location\": {\"line\": 1, \"column\": 33}}]}"))
    let none = lint(
      "resources: {limits: {memory: 4g}}\n", path: "a.yaml", rules: rulesOnly("RL004"))
    #expect(JSONReporter.render(none.diagnostics).contains("\"fix\": null"))
    let sarif = SarifReporter.render(
      result.diagnostics, rules: RuleSet.descriptions, toolVersion: "1.0.0",
      currentDirectory: nil, repositoryRoot: nil)
    let log = try FormatTests.json(sarif)
    let results = try FormatTests.results(log)
    let fixes = try #require(results.first?["fixes"] as? [[String: Any]])
    let change = try #require((fixes.first?["artifactChanges"] as? [[String: Any]])?.first)
    let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
    #expect((replacement["insertedContent"] as? [String: String])?["text"] == "1Gi")
    let region = try #require(replacement["deletedRegion"] as? [String: Int])
    #expect(region == ["startLine": 1, "startColumn": 30, "endLine": 1, "endColumn": 33])
    let file = try FormatTests.write(sarif)
    let validation = try FormatTests.validateSarif([file])
    #expect(validation.status == 0, "\(validation.output)")
  }

  @Test func unifiedDiffMarksAMissingFinalNewline() {
    let diff = UnifiedDiff.render(
      path: "a.yaml", old: Array("a\nb\nc".utf8), new: Array("a\nb\nC".utf8))
    #expect(
      diff
        == "--- a/a.yaml\n+++ b/a.yaml\n@@ -1,3 +1,3 @@\n a\n b\n-c\n\\ No newline at end of file\n"
        + "+C\n\\ No newline at end of file\n")
    #expect(UnifiedDiff.render(path: "a", old: [1], new: [1]).isEmpty)
  }
}

extension Paths {
  static func bytesAt(_ absolutePath: String) -> [UInt8]? {
    FileManager.default.contents(atPath: absolutePath).map { Array($0) }
  }
}

/// `check --fix`, `--diff`, `--fix-only`, `--show-fixes` and `--unsafe-fixes`, end to end.
struct FixCommandTests {
  static let python = Array(
    """
    from flytekit import Resources, task

    @task(requests=Resources(mem='1gi', cpu="500M"), limits=Resources(mem="512m"))
    def train() -> None: ...

    """.utf8)
  static let yaml = Array(
    "resources:\r\n  limits:\r\n    memory: 500mi  # c\r\n  requests: {memory: \"1 Gi\"}\r\n".utf8)
  static let clean = Array("resources: {limits: {memory: 1Gi}}\n".utf8)

  static func contents(_ path: String) -> String {
    String(decoding: Paths.bytesAt(path) ?? [], as: UTF8.self)
  }

  static func runPatch(_ diff: String, in directory: String, strip: Int) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/patch")
    process.arguments = ["-p\(strip)", "--batch", "--silent"]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = Pipe()
    try process.run()
    input.fileHandleForWriting.write(Data(diff.utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    return process.terminationStatus
  }

  @Test func textMarksFixableFindingsAndCountsThem() throws {
    let root = try CLITests.tree(["a.py": Self.python])
    let run = try CLITests.run(["check", "a.py"], in: root)
    #expect(run.status == 1)
    #expect(run.stdout.contains("a.py:3:30: error: [*] memory request \"1gi\""))
    #expect(run.stdout.contains("a.py:3:71: error: memory limit 512m"))
    #expect(
      run.stdout.contains(
        "[*] 2 fixable with the --fix option (1 hidden fix can be enabled with the "
          + "--unsafe-fixes option)."))
    let unsafe = try CLITests.run(["check", "--unsafe-fixes", "a.py"], in: root)
    #expect(unsafe.stdout.contains("a.py:3:71: error: [*] memory limit 512m"))
    #expect(unsafe.stdout.contains("[*] 3 fixable with the --fix option.\n"))
    // Showing fixes writes nothing.
    #expect(Paths.bytesAt(root + "/a.py") == Self.python)
  }

  @Test func fixWritesSafeFixesAndReportsWhatRemains() throws {
    let root = try CLITests.tree(["a.py": Self.python, "b.yaml": Self.yaml, "c.yaml": Self.clean])
    let run = try CLITests.run(["check", "--fix", "--show-fixes", "."], in: root)
    #expect(run.status == 1, "the memory limit 512m remains: \(run.stdout)")
    #expect(
      Self.contents(root + "/a.py").contains(
        "Resources(mem='1Gi', cpu=\"500m\"), limits=Resources(mem=\"512m\")"))
    #expect(
      Self.contents(root + "/b.yaml")
        == "resources:\r\n  limits:\r\n    memory: 500Mi  # c\r\n  requests: {memory: \"1Gi\"}\r\n")
    #expect(Paths.bytesAt(root + "/c.yaml") == Self.clean)
    #expect(run.stdout.contains("Fixes applied:\n- a.py:\n    3:30 RL004 Replace \"1gi\" with"))
    #expect(run.stdout.contains("Fixed 4 problems in 2 files.\n"))
    #expect(!run.stdout.contains("[RL004"), "fixed findings are not reported")
    // With the unsafe fixes too nothing remains, and the run passes.
    let unsafe = try CLITests.run(["check", "--fix", "--unsafe-fixes", "."], in: root)
    #expect(unsafe.status == 0, "\(unsafe.stdout)")
    #expect(Self.contents(root + "/a.py").contains("limits=Resources(mem=\"1Gi\")"))
    // --no-unsafe-fixes after --unsafe-fixes wins.
    let again = try CLITests.run(
      ["check", "--fix", "--unsafe-fixes", "--no-unsafe-fixes", "."], in: root)
    #expect(again.status == 0)
  }

  @Test func diffWritesNothingAndAppliesWithPatch() throws {
    let files = ["a.py": Self.python, "sub/b.yaml": Self.yaml, "c.yaml": Self.clean]
    let root = try CLITests.tree(files)
    let run = try CLITests.run(["check", "--diff", "--unsafe-fixes", "a.py", "sub"], in: root)
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("--- a/a.py\n+++ b/a.py\n@@ "))
    for (path, bytes) in files { #expect(Paths.bytesAt(root + "/" + path) == bytes) }
    #expect(run.stderr.contains("would fix"))
    // The diff applies with the real patch, at -p1 and (headers stripped of a/ and b/) -p0,
    // and gives exactly what --fix writes.
    let fixedRoot = try CLITests.tree(files)
    _ = try CLITests.run(["check", "--fix", "--unsafe-fixes", "a.py", "sub"], in: fixedRoot)
    let plain = run.stdout.replacingOccurrences(of: "--- a/", with: "--- ")
      .replacingOccurrences(of: "+++ b/", with: "+++ ")
    for (diff, strip) in [(run.stdout, 1), (plain, 0)] {
      let copy = try CLITests.tree(files)
      #expect(try Self.runPatch(diff, in: copy, strip: strip) == 0)
      for path in files.keys {
        #expect(
          Paths.bytesAt(copy + "/" + path) == Paths.bytesAt(fixedRoot + "/" + path), "\(path)")
      }
    }
    // Nothing to fix: no output, exit 0.
    let none = try CLITests.run(["check", "--diff", "c.yaml"], in: root)
    #expect(none.status == 0)
    #expect(none.stdout.isEmpty)
  }

  @Test func fixOnlyReportsNothingAndExitsZero() throws {
    let root = try CLITests.tree(["a.py": Self.python])
    let run = try CLITests.run(["check", "--fix-only", "a.py"], in: root)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout == "Fixed 2 problems in 1 file.\n")
    let again = try CLITests.run(["check", "--fix-only", "a.py"], in: root)
    #expect(again.stdout == "No fixes applied.\n")
    #expect(again.status == 0)
  }

  @Test func standardInputIsFixedToStandardOutput() throws {
    let run = try CLITests.run(
      ["check", "--fix", "--stdin-filename", "x.py"],
      stdin: String(decoding: Self.python, as: UTF8.self))
    #expect(run.stdout.contains("Resources(mem='1Gi', cpu=\"500m\")"))
    #expect(run.stderr.contains("x.py:3:71: error: memory limit 512m"))
    #expect(run.status == 1)
  }

  @Test func fixOptionsThatContradictAreUsageErrors() throws {
    let run = try CLITests.run(["check", "--fix", "--statistics", "."])
    #expect(run.status == 2)
  }
}
