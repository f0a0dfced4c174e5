import Foundation
import Testing

/// `check` and `dump` take their path operands out of the command line before ArgumentParser
/// reads it (`PathOperands`), and read more from `--files-from`.
@Suite struct PathOperandTests {
  /// The options `PathOperands.valueOptions` must list: those ArgumentParser itself describes as
  /// taking a value, for each command whose operands are paths.
  @Test(arguments: ["check", "dump"])
  func theValueOptionTableMatchesTheParser(_ command: String) throws {
    let run = try CLITests.run([command, "--experimental-dump-help"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let arguments = try #require(
      (object["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
    var spellings: [String] = []
    for argument in arguments where argument["kind"] as? String == "option" {
      for name in argument["names"] as? [[String: Any]] ?? [] {
        guard let text = name["name"] as? String else { continue }
        spellings.append(name["kind"] as? String == "short" ? "-" + text : "--" + text)
      }
    }
    // The table lives in the executable, which tests cannot import: read its source.
    let source = try #require(Paths.read("Sources/resourcelint/PathOperands.swift"))
    for spelling in spellings {
      #expect(
        source.contains("\"\(spelling)\""), "\(command) \(spelling) missing from valueOptions")
    }
  }

  static func tree() throws -> String {
    try CLITests.tree([
      "a.py": Array(
        "from flytekit import Resources, task\n@task(requests=Resources(mem=\"1GB\"))\ndef t(): ...\n"
          .utf8),
      "b.yaml": Array("w:\n  resources:\n    requests: {memory: 1gi}\n".utf8),
      "c.py": Array("x = 1\n".utf8),
    ])
  }

  @Test func pathsMayStandBetweenOptionsAndTheirValues() throws {
    let root = try Self.tree()
    let run = try CLITests.run(
      [
        "check", "a.py", "--format", "concise", "b.yaml", "--select", "RL004", "-o", "out.txt",
        "c.py",
      ],
      in: root)
    #expect(run.status == 1, "\(run.stderr)")
    let written = try String(contentsOfFile: root + "/out.txt", encoding: .utf8)
    #expect(written.contains("a.py:2:30:") && written.contains("b.yaml:3:24:"))
    // The default subcommand takes them the same way.
    let implicit = try CLITests.run(["--format=concise", "a.py", "-q"], in: root)
    #expect(implicit.stdout.hasPrefix("a.py:2:30: error:"))
  }

  @Test func everythingAfterADoubleDashIsAPath() throws {
    let root = try CLITests.tree([
      "-q.py": Array("from flytekit import Resources\nR = Resources(mem=\"1GB\")\n".utf8)
    ])
    let run = try CLITests.run(["check", "--format", "concise", "--", "-q.py"], in: root)
    #expect(run.stdout.hasPrefix("-q.py:2:"), "\(run.stdout)\(run.stderr)")
  }

  @Test func filesFromReadsLinesOrNulSeparatedPaths() throws {
    let root = try Self.tree()
    try Data("a.py\r\n\nb.yaml\n".utf8).write(to: URL(fileURLWithPath: root + "/list.txt"))
    try Data("a.py\0b.yaml\0".utf8).write(to: URL(fileURLWithPath: root + "/list.nul"))
    for list in ["list.txt", "list.nul"] {
      let run = try CLITests.run(["check", "--format", "concise", "--files-from", list], in: root)
      let files = run.stdout.split(separator: "\n").map { $0.prefix { $0 != ":" } }
      #expect(Set(files) == ["a.py", "b.yaml"], "\(list): \(run.stdout)\(run.stderr)")
    }
    let piped = try CLITests.run(
      ["check", "--format", "concise", "--files-from", "-", "c.py"], stdin: "a.py\n", in: root)
    #expect(piped.stdout.hasPrefix("a.py:2:30:"), "\(piped.stderr)")
    let missing = try CLITests.run(["check", "--files-from", "nope.txt"], in: root)
    #expect(missing.status == 2 && missing.stderr.contains("--files-from nope.txt:"))
    let both = try CLITests.run(["check", "--files-from", "-", "-"], stdin: "", in: root)
    #expect(both.status == 2 && both.stderr.contains("cannot be used together"))
  }

  @Test func thousandsOfPathsGiveWhatTheirDirectoryGives() throws {
    var files: [String: [UInt8]] = [:]
    for index in 0..<8_000 {
      files["d/f\(index).py"] = Array(
        (index % 1_000 == 0
          ? "from flytekit import Resources\nR = Resources(mem=\"1GB\")\n" : "x = \(index)\n").utf8)
    }
    let root = try CLITests.tree(files)
    let named = try CLITests.run(
      ["check", "--format", "concise"] + files.keys.sorted(), in: root)
    let walked = try CLITests.run(["check", "--format", "concise", "d"], in: root)
    #expect(named.status == 1 && walked.status == 1)
    #expect(named.stdout.split(separator: "\n").count == 8)
    #expect(Set(named.stdout.split(separator: "\n")) == Set(walked.stdout.split(separator: "\n")))
  }

  @Test func aMistypedCommandIsAMissingPathWithAHint() throws {
    let root = try Self.tree()
    let typo = try CLITests.run(["chek"], in: root)
    #expect(typo.status == 2)
    #expect(
      typo.stderr == "error: chek: no such file or directory (did you mean the check command?)\n")
    let missing = try CLITests.run(["nosuch.py"], in: root)
    #expect(missing.stderr == "error: nosuch.py: no such file or directory\n")
  }
}
