import ResourceModel
import SourceText
import Testing

@testable import PythonScanner

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sanity checks over `Fixtures/scanner/python/` (the expected dumps are reviewed separately).
@Suite struct FixtureScanTests {
  static let directory = repositoryRoot + "/Fixtures/scanner/python"

  static func load(_ name: String) -> SourceFile? {
    loadRepositoryFile("Fixtures/scanner/python/" + name)
  }

  static let expectedCounts: [(String, Int)] = [
    ("task_decorators.py", 7), ("aliases_and_imports.py", 4), ("module_constants.py", 4),
    ("with_overrides.py", 4), ("container_task.py", 3), ("plugin_configs.py", 11),
    ("resource_spec.py", 3), ("conditional.py", 6), ("pod_template.py", 4),
    ("accelerators.py", 9), ("string_forms.py", 3), ("not_flytekit.py", 0),
    ("strings_and_comments.py", 0), ("dynamic_values.py", 24),
    ("flyte2_environments.py", 12), ("flyte2_not_flyte.py", 0), ("flyte2_mixed_sdks.py", 4),
  ]

  @Test(arguments: expectedCounts)
  func scansCleanly(_ name: String, _ count: Int) throws {
    let file = try #require(Self.load(name), "missing fixture \(name)")
    let result = PythonScanner.scan(file)
    #expect(result.problems.isEmpty)
    #expect(result.declarations.count == count, "\(result.declarations.map(summary))")
    #expect(result.declarations.allSatisfy { $0.file == file.path && $0.language == .python })
  }

  @Test func everyFixtureIsCovered() throws {
    let names = Set(Self.expectedCounts.map(\.0))
    guard let dir = opendir(Self.directory) else {
      Issue.record("cannot open \(Self.directory)")
      return
    }
    defer { closedir(dir) }
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasSuffix(".py") { #expect(names.contains(name), "\(name) has no expectation") }
    }
  }

  @Test func moduleConstantsFixture() throws {
    let file = try #require(Self.load("module_constants.py"))
    let found = PythonScanner.scan(file).declarations
    #expect(
      found.map(summary) == [
        "resources UNUSED 9:10 req[cpu=3] lim[]",
        "pod-template primary 16:27 req[] lim[nvidia.com/gpu=1] owner=mixed",
        "task from_constants 26:1 req[cpu=2 mem=2Gi] lim[cpu=4] acc=nvidia-tesla-a100:1g.5gb",
        "task mixed 31:1 req[mem=2Gi cpu=<dynamic>] lim[mem=8Gi]",
      ])
  }

  @Test func stringFormsFixture() throws {
    let file = try #require(Self.load("string_forms.py"))
    let found = PythonScanner.scan(file).declarations
    #expect(
      found.map(summary) == [
        "task strings 4:1 req[cpu=1 mem=2Gi gpu=1 ephemeral_storage=10Gi] "
          + "lim[cpu=2 mem=4Gi gpu=<dynamic> ephemeral_storage=b\"20Gi\"]",
        "task numbers 17:1 req[cpu=1000 mem=1024 gpu=1.0 ephemeral_storage=1e-05] lim[]",
        "task constants 22:1 req[cpu=-1 mem=None gpu=False] lim[]",
      ])
  }
}
