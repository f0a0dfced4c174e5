import Foundation
import Linting
import Reporting
import ResourceModel
import Testing
import Workspace

/// SARIF locations relative to the repository root (`%SRCROOT%`), whatever subdirectory the
/// run starts in, and each rule's `helpUri` pointing at its section of docs/rules.md.
struct SarifTests {
  /// A temporary copy of FormatTests' sample tree made a git repository (`git init`).
  static func repository() throws -> String {
    let root = try CLITests.tree(FormatTests.sampleTree)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "init", "--quiet", root]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "git init failed")
    // getcwd in the child reports the physical path, which is what the log names.
    return URL(fileURLWithPath: root).resolvingSymlinksInPath().path
  }

  /// Each result's artifact location and fingerprint, plus the log's `%SRCROOT%` base.
  static func locations(_ sarif: String) throws -> (
    results: [[String: String]], fingerprints: [String], base: String?
  ) {
    let log = try FormatTests.json(sarif)
    let runs = try #require(log["runs"] as? [[String: Any]])
    let bases = runs[0]["originalUriBaseIds"] as? [String: [String: String]]
    let results = try FormatTests.results(log)
    return (
      try results.map { try #require(FormatTests.artifact($0)) },
      results.compactMap(FormatTests.fingerprint), bases?["%SRCROOT%"]?["uri"]
    )
  }

  static func render(_ file: String, currentDirectory: String?, root: String?) throws -> (
    artifact: [String: String], base: String?
  ) {
    let sarif = SarifReporter.render(
      [FormatTests.diagnostic(file: file)], rules: RuleSet.descriptions, toolVersion: "1.0.0",
      currentDirectory: currentDirectory, repositoryRoot: root)
    let found = try locations(sarif)
    return (try #require(found.results.first), found.base)
  }

  // MARK: - Repository root

  /// From the root and from two subdirectories, with paths spelt relative or absolute, the log
  /// names the same root-relative URIs, base and fingerprints.
  @Test func urisAreTheSameFromAnySubdirectory() throws {
    let root = try Self.repository()
    try FileManager.default.createDirectory(
      atPath: root + "/k8s/deep/er", withIntermediateDirectories: true)
    let runs: [(directory: String, arguments: [String])] = [
      (root, ["."]),
      (root, ["k8s", "flows/train.py"]),
      (root + "/k8s", [".", "../flows"]),
      (root + "/k8s/deep/er", ["../..", root + "/flows/train.py"]),
    ]
    var seen: [(results: [[String: String]], fingerprints: [String], base: String?)] = []
    // Findings come in the order of the paths as given, which differ between runs: compare
    // each run's (location, fingerprint) pairs in one order.
    func pairs(_ found: (results: [[String: String]], fingerprints: [String], base: String?))
      -> [String]
    {
      zip(found.results, found.fingerprints).map { artifact, fingerprint in
        "\(artifact["uri"] ?? "-") \(artifact["uriBaseId"] ?? "-") \(fingerprint)"
      }.sorted()
    }
    for (directory, arguments) in runs {
      let run = try CLITests.run(["check", "--format", "sarif"] + arguments, in: directory)
      #expect(run.status == 1, "\(run.stderr)")
      seen.append(try Self.locations(run.stdout))
    }
    let first = try #require(seen.first)
    #expect(first.base == "file://" + root + "/")
    #expect(
      Set(first.results) == [
        ["uri": "k8s/app.yaml", "uriBaseId": "%SRCROOT%"],
        ["uri": "flows/train.py", "uriBaseId": "%SRCROOT%"],
      ])
    #expect(first.fingerprints.count == first.results.count)
    #expect(first.results.count == 5)
    for (index, other) in seen.enumerated().dropFirst() {
      #expect(pairs(other) == pairs(first), "run \(index) differs: \(runs[index])")
      #expect(other.base == first.base)
    }
  }

  /// A `.git` file (a worktree's or a submodule's) marks the root as a directory does, and the
  /// nearest one wins: a submodule's files are relative to the submodule.
  @Test func aGitFileMarksTheRootAndTheNearestWins() throws {
    let root = try Self.repository()
    let module = root + "/vendor/module"
    try FileManager.default.createDirectory(
      atPath: module + "/config", withIntermediateDirectories: true)
    try "gitdir: ../../.git/modules/module\n".write(
      toFile: module + "/.git", atomically: true, encoding: .utf8)
    try "x:\n  resources:\n    requests: {memory: 1GB}\n".write(
      toFile: module + "/config/values.yaml", atomically: true, encoding: .utf8)

    #expect(RepositoryRoot.containing(module + "/config") == module)
    #expect(RepositoryRoot.containing(module) == module)
    #expect(RepositoryRoot.containing(root + "/vendor") == root)
    #expect(RepositoryRoot.containing(root + "/k8s/../vendor/./") == root)

    let run = try CLITests.run(
      ["check", "--format", "sarif", "values.yaml"], in: module + "/config")
    let found = try Self.locations(run.stdout)
    #expect(found.base == "file://" + module + "/")
    #expect(Set(found.results) == [["uri": "config/values.yaml", "uriBaseId": "%SRCROOT%"]])
  }

  /// Without any `.git` above it, the current directory is the root (as before).
  @Test func withoutGitTheCurrentDirectoryIsTheRoot() throws {
    let plain = URL(fileURLWithPath: try CLITests.tree(FormatTests.sampleTree))
      .resolvingSymlinksInPath().path
    #expect(RepositoryRoot.containing(plain + "/k8s") == plain + "/k8s")
    let run = try CLITests.run(["check", "--format", "sarif", "app.yaml"], in: plain + "/k8s")
    let found = try Self.locations(run.stdout)
    #expect(found.base == "file://" + plain + "/k8s/")
    #expect(Set(found.results) == [["uri": "app.yaml", "uriBaseId": "%SRCROOT%"]])
  }

  /// A file outside the repository keeps an absolute `file:` URI without a base, and the log is
  /// still valid against the official schema.
  @Test func pathsOutsideTheRootStayAbsoluteAndValid() throws {
    let root = try Self.repository()
    let outside = root + "-outside"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    try "x:\n  resources:\n    requests: {memory: 1GB}\n".write(
      toFile: outside + "/values file.yaml", atomically: true, encoding: .utf8)
    let name = outside.split(separator: "/").last.map(String.init) ?? ""
    let run = try CLITests.run(
      ["check", "--format", "sarif", "app.yaml", "../../\(name)/values file.yaml"],
      in: root + "/k8s")
    #expect(run.status == 1, "\(run.stderr)")
    let found = try Self.locations(run.stdout)
    #expect(
      Set(found.results) == [
        ["uri": "k8s/app.yaml", "uriBaseId": "%SRCROOT%"],
        ["uri": "file://" + outside + "/values%20file.yaml"],
      ])
    let validation = try FormatTests.validateSarif([FormatTests.write(run.stdout)])
    #expect(validation.status == 0, "\(validation.output)")
  }

  /// The reporter itself, given the root: relative paths start at the current directory, `..`
  /// is folded before the root is removed, the base is a percent-encoded URI ending in `/`.
  @Test func reporterMakesPathsRelativeToTheRootItIsGiven() throws {
    let cases: [(file: String, uri: String, relative: Bool)] = [
      ("a.yaml", "sub/a.yaml", true),
      ("./x/../b.yaml", "sub/b.yaml", true),
      ("../c.yaml", "c.yaml", true),
      ("../../elsewhere/d.yaml", "file:///elsewhere/d.yaml", false),
      ("/my repo/sub/e f.yaml", "sub/e%20f.yaml", true),
      ("/my repo/../my repo2/g.yaml", "file:///my%20repo2/g.yaml", false),
    ]
    for (file, uri, relative) in cases {
      let (artifact, base) = try Self.render(
        file, currentDirectory: "/my repo/sub", root: "/my repo")
      let expected = relative ? ["uri": uri, "uriBaseId": "%SRCROOT%"] : ["uri": uri]
      #expect(artifact == expected, "\(file)")
      #expect(base == "file:///my%20repo/")
    }
    // The root may be spelt with a final `/`, `.` or `..`.
    #expect(
      try Self.render("a.yaml", currentDirectory: "/r/sub", root: "/r/sub/../").base
        == "file:///r/")
    #expect(try Self.render("/a.yaml", currentDirectory: "/", root: "/").base == "file:///")
    // Without a root, paths stay as given and no base is claimed.
    let none = try Self.render("./k8s/app.yaml", currentDirectory: "/r", root: nil)
    #expect(none.artifact == ["uri": "k8s/app.yaml", "uriBaseId": "%SRCROOT%"])
    #expect(none.base == nil)
  }

  // MARK: - helpUri

  /// Every rule of the catalog links to its own section of docs/rules.md.
  @Test func helpUriLinksEveryRuleToItsSection() throws {
    let run = try CLITests.run(["check", "--format", "sarif", "Fixtures/examples/k8s/rbac.yaml"])
    let log = try FormatTests.json(run.stdout)
    let driver = try #require(
      ((log["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"]
        as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.count == RuleSet.descriptions.count)
    for rule in rules {
      let code = try #require(rule["id"] as? String)
      #expect(rule["helpUri"] as? String == RuleDocumentation.url(for: code))
      #expect(
        rule["helpUri"] as? String
          == "https://github.com/resourcelint/resourcelint/blob/main/docs/rules.md#"
          + code.lowercased())
    }
    // And the anchors exist: each is a section heading of the committed page.
    let page = try #require(Paths.read("docs/rules.md"))
    for description in RuleSet.descriptions {
      #expect(page.contains("\n## \(description.code)\n"))
    }
  }
}
