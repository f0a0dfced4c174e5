import Foundation
import Testing

/// The cheap prefilters (the engine's byte search, the Python scanner's candidate filter) only
/// skip work: `check --no-prefilter`, which scans every file fully, must report exactly the same
/// findings, over the fixtures and over generated trees where the words are everywhere.
struct PrefilterEquivalenceTests {
  /// `check --format json` of `paths` in `directory`, with the prefilters and without.
  static func bothModes(_ paths: [String], in directory: String? = nil) throws -> (
    filtered: CLITests.Run, unfiltered: CLITests.Run
  ) {
    let arguments = ["check", "--exit-zero", "--format", "json"]
    let filtered = try CLITests.run(arguments + paths, in: directory)
    let unfiltered = try CLITests.run(arguments + ["--no-prefilter"] + paths, in: directory)
    return (filtered, unfiltered)
  }

  /// How many findings a JSON report holds (so that an empty comparison cannot pass unseen).
  static func findings(_ json: String) throws -> Int {
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
    return (parsed as? [Any])?.count ?? 0
  }

  @Test func fixturesGiveTheSameFindingsWithoutPrefilters() throws {
    let runs = try Self.bothModes(["Fixtures"])
    #expect(runs.filtered.status == 0, "\(runs.filtered.stderr)")
    #expect(runs.unfiltered.status == 0, "\(runs.unfiltered.stderr)")
    #expect(try Self.findings(runs.filtered.stdout) > 100)
    #expect(runs.unfiltered.stdout == runs.filtered.stdout)
  }

  /// The bench's mention-heavy Python generator and YAML-heavy generator, small: most Python
  /// files mention `Resources` in text or look-alike calls, some declare; most YAML files have
  /// a `resources` key that declares nothing (RBAC rules, CRD schemas, chart templates).
  @Test func generatedTreesGiveTheSameFindingsWithoutPrefilters() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rl-prefilter-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let scripts = Paths.repository + "/scripts/bench/"
    try Self.python([scripts + "gen_mentions.py", root + "/mentions", "400", "7"])
    try Self.python([scripts + "gen_yaml.py", root + "/infra", "400", "20", "7"])
    try FileManager.default.createDirectory(
      atPath: root + "/.git", withIntermediateDirectories: true)
    let runs = try Self.bothModes(["."], in: root)
    #expect(runs.filtered.status == 0, "\(runs.filtered.stderr)")
    #expect(runs.unfiltered.status == 0, "\(runs.unfiltered.stderr)")
    #expect(try Self.findings(runs.filtered.stdout) >= 5)
    #expect(runs.unfiltered.stdout == runs.filtered.stdout)
  }

  /// The flag really turns the prefilters off: a broken file that cannot declare anything is
  /// skipped unread with them, and parsed (so an RL000) without them.
  @Test func noPrefilterScansFilesThePrefilterSkips() throws {
    let root = try CLITests.tree([
      ".git/HEAD": [], "a.py": Array("x = \"unterminated\n".utf8),
      "b.yaml": Array("a: [b\n".utf8),
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let runs = try Self.bothModes(["."], in: root)
    #expect(try Self.findings(runs.filtered.stdout) == 0)
    #expect(try Self.findings(runs.unfiltered.stdout) == 2)
  }

  @Test func noPrefilterIsNotInTheHelp() throws {
    let help = try CLITests.run(["check", "--help"])
    #expect(help.status == 0)
    #expect(!help.stdout.contains("prefilter"))
  }

  static func python(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 \(arguments.joined(separator: " "))")
  }
}
