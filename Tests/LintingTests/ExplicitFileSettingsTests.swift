import FileIO
import Testing

/// Files named one by one (pre-commit, `--files-from`) get the settings of their own
/// directory's configuration, however they are ordered, and their paths are split as the
/// kernel splits them.
@Suite struct ExplicitFileSettingsTests {
  static let finding = Array(
    "from flytekit import Resources, task\n@task(requests=Resources(mem=\"1GB\"))\ndef t(): ...\n"
      .utf8)

  /// A root with no configuration, a directory whose configuration turns RL004 off for one of
  /// its files, and one whose configuration turns it off for all: named in an order that
  /// leaves each directory and comes back.
  @Test func eachFileGetsItsOwnDirectorysSettings() throws {
    let root = try CLITests.tree([
      "top.py": Self.finding,
      "some/.resourcelint.yml": Array("per-file-ignores:\n  \"quiet.py\": [RL004]\n".utf8),
      "some/quiet.py": Self.finding,
      "some/loud.py": Self.finding,
      "all/.resourcelint.yml": Array("rules:\n  RL004: off\n".utf8),
      "all/one.py": Self.finding,
      "all/two.py": Self.finding,
    ])
    let order = [
      "all/one.py", "some/quiet.py", "some/loud.py", "all/two.py", "top.py", "some/quiet.py",
      "all/one.py", "some/loud.py",
    ]
    let run = try CLITests.run(
      ["check", "--format", "concise", "--files-from", "-"],
      stdin: order.joined(separator: "\n") + "\n", in: root)
    let reported = Set(
      run.stdout.split(separator: "\n").compactMap { line in
        line.contains("[RL004") ? line.split(separator: ":").first.map(String.init) : nil
      })
    #expect(reported == ["some/loud.py", "top.py"], "\(run.stdout)\(run.stderr)")
  }

  @Test func pathsAreSplitAtSlashBytes() {
    #expect(AbsolutePath.components(of: "/a/./b/../c//d/", relativeTo: ["x"]) == ["a", "c", "d"])
    #expect(AbsolutePath.components(of: "a/../../b", relativeTo: ["x", "y"]) == ["x", "b"])
    // A combining mark after `/` starts a new component, as it does for the kernel.
    #expect(
      AbsolutePath.components(of: "dir/\u{301}name/é", relativeTo: [])
        == ["dir", "\u{301}name", "é"])
    #expect(AbsolutePath.components(of: "", relativeTo: ["x"]) == ["x"])
  }
}
