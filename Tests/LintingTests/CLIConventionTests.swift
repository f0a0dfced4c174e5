import Foundation
import Testing

/// ruff's command-line conventions on `check`, end to end through the built binary: short
/// flags, `--silent`, `--output-file`, `--color`, `-V`, `-` for standard input,
/// `--show-settings`, `--show-files`, JSON statistics, and warnings instead of silent nothing.
struct CLIConventionTests {
  static let badYAML = "worker:\n  resources:\n    requests: {memory: 1GB}\n"
  static let badPython = """
    from flytekit import Resources, task

    @task(requests=Resources(cpu="1", mem="1GB"))
    def train():
        ...

    """

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  /// A tree with one error-level finding in `bad.yaml`.
  static func badTree() throws -> String {
    try CLITests.tree(["bad.yaml": bytes(badYAML)])
  }

  static func hasColour(_ text: String) -> Bool { text.contains("\u{1B}[") }

  // MARK: -q, -s

  @Test func quietHasAShortFlag() throws {
    let root = try Self.badTree()
    let long = try CLITests.run(["check", "--quiet", "bad.yaml"], in: root)
    let short = try CLITests.run(["check", "-q", "bad.yaml"], in: root)
    #expect(short.status == 1)
    #expect(short.stdout == long.stdout)
    #expect(short.stdout.contains("bad.yaml:3:24: error:"))
    #expect(!short.stdout.contains("Found 1 problem"))
  }

  @Test func silentPrintsNothingAndKeepsTheExitStatus() throws {
    let root = try Self.badTree()
    for flag in ["-s", "--silent"] {
      let run = try CLITests.run(["check", flag, "bad.yaml"], in: root)
      #expect(run.status == 1)
      #expect(run.stdout.isEmpty && run.stderr.isEmpty, "\(run.stdout)\(run.stderr)")
    }
    // Not even the notes and warnings of standard error, nor an output file.
    let tree = try CLITests.tree(["bad.yaml": Self.bytes(Self.badYAML), "empty/notes.txt": []])
    let noted = try CLITests.run(
      ["check", "-s", "--write-baseline", "b.json", "-o", "out.txt", "bad.yaml"], in: tree)
    #expect(noted.status == 0)
    #expect(noted.stdout.isEmpty && noted.stderr.isEmpty, "\(noted.stderr)")
    #expect(FileManager.default.fileExists(atPath: tree + "/b.json"), "the baseline is written")
    #expect(!FileManager.default.fileExists(atPath: tree + "/out.txt"))
    let warned = try CLITests.run(
      ["check", "-s", "--select", "RL001", "--ignore", "RL001", "empty"], in: tree)
    #expect(warned.status == 0)
    #expect(warned.stdout.isEmpty && warned.stderr.isEmpty, "\(warned.stderr)")
    // Usage errors are still printed.
    let usage = try CLITests.run(["check", "-s", "--select", "RL999", "bad.yaml"], in: root)
    #expect(usage.status == 2)
    #expect(usage.stderr.contains("unknown rule or policy 'RL999'"))
  }

  // MARK: -o / --output-file

  @Test func outputFileReceivesTheReport() throws {
    let root = try Self.badTree()
    let printed = try CLITests.run(["check", "--format", "json", "bad.yaml"], in: root)
    for flag in ["-o", "--output-file"] {
      try Data("an older report\n".utf8).write(to: URL(fileURLWithPath: root + "/report.json"))
      let run = try CLITests.run(
        ["check", "--format", "json", flag, "report.json", "bad.yaml"], in: root)
      #expect(run.status == 1)
      #expect(run.stdout.isEmpty)
      let written = try String(contentsOfFile: root + "/report.json", encoding: .utf8)
      #expect(written == printed.stdout)
    }
    // Written atomically: no temporary file is left beside the report.
    let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
    #expect(names == ["bad.yaml", "report.json"])
  }

  @Test func unwritableOutputFileIsAUsageError() throws {
    let root = try CLITests.tree(["bad.yaml": Self.bytes(Self.badYAML), "a-file": []])
    try FileManager.default.createDirectory(
      atPath: root + "/a-directory", withIntermediateDirectories: false)
    for target in ["no/such/dir/out.txt", "a-directory", "a-file/out.txt"] {
      let run = try CLITests.run(["check", "-o", target, "bad.yaml"], in: root)
      #expect(run.status == 2, "\(target): \(run.stderr)")
      #expect(run.stderr.contains("error: cannot write output file \(target)"), "\(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
  }

  // MARK: --color

  @Test func colourFollowsColorAndTheEnvironment() throws {
    let root = try Self.badTree()
    func coloured(_ arguments: [String], _ environment: [String: String?] = [:]) throws -> Bool {
      let run = try CLITests.run(
        ["check"] + arguments + ["bad.yaml"], in: root, environment: environment)
      #expect(run.status == 1, "\(run.stderr)")
      return Self.hasColour(run.stdout)
    }
    // auto: a pipe is no terminal, unless FORCE_COLOR (non-empty) forces colours, over NO_COLOR.
    #expect(try !coloured([]))
    #expect(try !coloured(["--color", "auto"]))
    #expect(try coloured([], ["FORCE_COLOR": "1"]))
    #expect(try coloured([], ["FORCE_COLOR": "1", "NO_COLOR": "1"]))
    #expect(try !coloured([], ["FORCE_COLOR": ""]))
    // always and never win over the environment.
    #expect(try coloured(["--color", "always"], ["NO_COLOR": "1"]))
    #expect(try !coloured(["--color", "never"], ["FORCE_COLOR": "1"]))
    // --no-color is still --color never.
    #expect(try !coloured(["--no-color"], ["FORCE_COLOR": "1"]))
    #expect(try !coloured(["--no-color", "--color", "never"], ["FORCE_COLOR": "1"]))
    let contradiction = try CLITests.run(
      ["check", "--no-color", "--color", "always", "bad.yaml"], in: root)
    #expect(contradiction.status == 2)
    #expect(contradiction.stderr.contains("--no-color contradicts --color always"))
    #expect(try CLITests.run(["check", "--color", "sometimes", "bad.yaml"], in: root).status == 2)
  }

  @Test func outputFileIsNeverColouredInAutoMode() throws {
    let root = try Self.badTree()
    _ = try CLITests.run(
      ["check", "-o", "auto.txt", "bad.yaml"], in: root, environment: ["FORCE_COLOR": "1"])
    let auto = try String(contentsOfFile: root + "/auto.txt", encoding: .utf8)
    #expect(auto.contains("bad.yaml:3:24: error:"))
    #expect(!Self.hasColour(auto))
    _ = try CLITests.run(["check", "--color", "always", "-o", "always.txt", "bad.yaml"], in: root)
    #expect(Self.hasColour(try String(contentsOfFile: root + "/always.txt", encoding: .utf8)))
  }

  @Test func helpShowsColorAndHidesNoColor() throws {
    let help = try CLITests.run(["check", "--help"])
    #expect(help.stdout.contains("--color <WHEN>"))
    #expect(!help.stdout.contains("--no-color"))
    for option in [
      "-q, --quiet", "-s, --silent", "-o, --output-file <FILE>", "--show-settings",
      "--show-files",
    ] {
      #expect(help.stdout.contains(option), "\(option) is not in the help")
    }
  }

  // MARK: -V

  @Test func shortVersionFlag() throws {
    let short = try CLITests.run(["-V"])
    let long = try CLITests.run(["--version"])
    #expect(short.status == 0 && long.status == 0)
    #expect(short.stdout == long.stdout)
    #expect(short.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
  }

  // MARK: - (standard input)

  @Test func dashReadsStandardInputAsStdinPy() throws {
    let python = try CLITests.run(["check", "--format", "concise", "-"], stdin: Self.badPython)
    #expect(python.status == 1)
    #expect(
      python.stdout.hasPrefix("stdin.py:3:39: error: memory request \"1GB\""), "\(python.stdout)")
    // --stdin-filename names it, and with it its language.
    let yaml = try CLITests.run(
      ["check", "--format", "concise", "-", "--stdin-filename", "x.yaml"], stdin: Self.badYAML)
    #expect(yaml.status == 1)
    #expect(yaml.stdout.hasPrefix("x.yaml:3:24: error: memory request \"1GB\""), "\(yaml.stdout)")
    let text = try CLITests.run(
      ["check", "-"], stdin: Self.badYAML.replacingOccurrences(of: "1GB", with: "1Gi"))
    #expect(text.status == 0)
    #expect(text.stdout.contains("All checks passed (1 file checked)."))
    // `-` beside other paths is ambiguous.
    let mixed = try CLITests.run(["check", "-", "Fixtures/examples"], stdin: "")
    #expect(mixed.status == 2)
    #expect(mixed.stderr.contains("- (standard input) cannot be combined with other paths"))
  }

  @Test func stdinFilenameWarnsAboutIgnoredPaths() throws {
    let run = try CLITests.run(
      ["check", "--format", "concise", "--stdin-filename", "a.yaml", "Fixtures/examples"],
      stdin: Self.badYAML)
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("a.yaml:3:24:"))
    #expect(
      run.stderr.contains(
        "warning: ignoring Fixtures/examples: --stdin-filename checks standard input"))
  }

  // MARK: --show-settings, --show-files

  static let configuredTree: [String: [UInt8]] = [
    ".resourcelint.yml": bytes(
      """
      exclude: ["vendor/**"]
      per-file-ignores:
        "tests/**": [bare-integer-memory]
      rules:
        RL003: error
      select: [RL002, RL003, RL004, ORG001]
      platform:
        limits: {cpu: "16", mem: 64Gi}
      policies:
        - id: ORG001
          message: GPU tasks must stay within 4 GPUs
          max: {gpu: "4"}

      """),
    "flows/train.py": bytes(badPython),
    "tests/test_train.py": bytes(badPython),
    "vendor/lib.py": bytes(badPython),
    "ignored/skip.yaml": bytes(badYAML),
    ".gitignore": bytes("ignored/\n"),
    "docs/readme.md": bytes("# not checked\n"),
    "k8s/pod.yml": bytes(badYAML),
  ]

  @Test func showSettingsPrintsTheResolvedConfiguration() throws {
    let root = try CLITests.tree(Self.configuredTree)
    let run = try CLITests.run(["check", "--show-settings", "tests/test_train.py"], in: root)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == """
        path: tests/test_train.py
        configuration: .resourcelint.yml
        include: default (*.py, *.pyi, *.yaml, *.yml)
        exclude: vendor/**
        per-file-ignores:
          tests/**: RL002
        per-file-ignores here: RL002
        respect-gitignore: true
        force-exclude: false
        platform: inline in .resourcelint.yml
          limits: cpu 16, mem 64Gi
        rules: 2 enabled
          RL003  gpu-without-accelerator  error
          RL004  invalid-quantity         error
        policies: 1 enabled
          ORG001  org001  error  GPU tasks must stay within 4 GPUs

        """)
    // The command line is layered over the file; a directory, or no path, is the directory's.
    let layered = try CLITests.run(
      [
        "check", "--show-settings", "--select", "RL002", "--severity", "RL002=info",
        "--no-respect-gitignore",
      ],
      in: root)
    #expect(layered.status == 0)
    #expect(layered.stdout.hasPrefix("path: . (directory)\nconfiguration: .resourcelint.yml\n"))
    #expect(layered.stdout.contains("respect-gitignore: false\n"))
    #expect(layered.stdout.contains("rules: 1 enabled\n  RL002  bare-integer-memory  info\n"))
    #expect(layered.stdout.contains("policies: 0 enabled\n"))
    #expect(!layered.stdout.contains("per-file-ignores here"))
  }

  /// The README's example of the output is what the binary prints for it.
  @Test func readmeShowSettingsExampleIsCurrent() throws {
    let readme = try #require(Paths.read("README.md"))
    let marker = "--show-settings --select RL002,RL003 tests/test_train.py` prints:\n\n```\n"
    let after = try #require(readme.range(of: marker), "README lost its --show-settings example")
    let rest = readme[after.upperBound...]
    let end = try #require(rest.range(of: "```"))
    let run = try CLITests.run(
      ["check", "--show-settings", "--select", "RL002,RL003", "tests/test_train.py"],
      in: Paths.fixtures + "/cli/config")
    #expect(run.status == 0)
    #expect(run.stdout == String(rest[..<end.lowerBound]))
  }

  @Test func showSettingsWithoutConfiguration() throws {
    let root = try CLITests.tree(["a.py": Self.bytes(Self.badPython)])
    let run = try CLITests.run(["check", "--show-settings", "a.py"], in: root)
    #expect(run.status == 0)
    #expect(run.stdout.contains("configuration: none (defaults)\n"))
    #expect(run.stdout.contains("platform: none\n"))
    #expect(run.stdout.contains("  RL002  bare-integer-memory "))
    #expect(run.stdout.contains("error below 1Mi, else warning\n"))
    #expect(!run.stdout.contains("RL026"), "opt-in rules are off by default")
    let stdin = try CLITests.run(
      ["check", "--show-settings", "--stdin-filename", "new/b.yaml"], in: root)
    #expect(stdin.status == 0)
    #expect(stdin.stdout.hasPrefix("path: new/b.yaml\n"))
  }

  @Test func showSettingsNeedsOneExistingPath() throws {
    let root = try CLITests.tree(Self.configuredTree)
    let two = try CLITests.run(["check", "--show-settings", "flows", "tests"], in: root)
    #expect(two.status == 2)
    #expect(two.stderr.contains("--show-settings takes one path, got 2"))
    let missing = try CLITests.run(["check", "--show-settings", "nope.py"], in: root)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nope.py: no such file or directory"))
    let both = try CLITests.run(["check", "--show-settings", "--show-files"], in: root)
    #expect(both.status == 2)
  }

  @Test func showFilesListsWhatWouldBeChecked() throws {
    let root = try CLITests.tree(Self.configuredTree)
    let run = try CLITests.run(["check", "--show-files"], in: root)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == ".resourcelint.yml\nflows/train.py\nk8s/pod.yml\ntests/test_train.py\n")
    // A directory named on the command line is walked even when .gitignore ignores it.
    let named = try CLITests.run(["check", "--show-files", "ignored", "flows"], in: root)
    #expect(named.stdout == "flows/train.py\nignored/skip.yaml\n")
    let everything = try CLITests.run(
      ["check", "--show-files", "--no-respect-gitignore", "-o", "files.txt"], in: root)
    #expect(everything.status == 0 && everything.stdout.isEmpty)
    let written = try String(contentsOfFile: root + "/files.txt", encoding: .utf8)
    #expect(written.contains("ignored/skip.yaml\n"))
  }

  // MARK: --statistics

  @Test func statisticsAsJSON() throws {
    let root = try CLITests.tree([
      "values.yaml": Self.bytes(
        """
        a:
          resources:
            requests: {memory: 1GB, cpu: 1GB}
        b:
          resources:
            requests: {memory: 2048}
        c:
          resources:
            requests: {memory: 1gi}

        """)
    ])
    let run = try CLITests.run(["check", "--statistics", "--format", "json", "."], in: root)
    #expect(run.status == 1)
    #expect(
      run.stdout == """
        [
          {"code": "RL004", "name": "invalid-quantity", "count": 3},
          {"code": "RL002", "name": "bare-integer-memory", "count": 1}
        ]

        """)
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    #expect(parsed.map { $0["count"] as? Int } == [3, 1])
    let empty = try CLITests.run(
      ["check", "--statistics", "--format", "json", "--select", "RL001", "."], in: root)
    #expect(empty.status == 0)
    #expect(empty.stdout == "[]\n")
  }

  // MARK: No silent nothing

  @Test func missingPathSaysErrorAndExits2() throws {
    let run = try CLITests.run(["check", "does/not/exist.py"])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("error: does/not/exist.py: no such file or directory"))
  }

  @Test func pathsWithoutCheckableFilesWarn() throws {
    let root = try CLITests.tree([
      "docs/readme.md": Self.bytes("# nothing to check\n"),
      "sub/.gitignore": Self.bytes("*.py\n"),
      "sub/a.py": Self.bytes(Self.badPython),
      // A configuration file is YAML, so it is checked too unless excluded.
      "configured/.resourcelint.yml": Self.bytes("exclude: [\"*.py\", \"*.yml\"]\n"),
      "configured/a.py": Self.bytes(Self.badPython),
    ])
    try FileManager.default.createDirectory(
      atPath: root + "/empty", withIntermediateDirectories: false)
    for paths in [["empty"], ["docs"], ["sub/"], ["configured"], ["empty", "docs"]] {
      let run = try CLITests.run(["check"] + paths, in: root)
      #expect(run.status == 0)
      #expect(
        run.stderr == "warning: no files matched \(paths.joined(separator: " "))\n",
        "\(paths): \(run.stderr)")
    }
    // --quiet prints findings only, like ruff's -q.
    #expect(try CLITests.run(["check", "-q", "empty"], in: root).stderr.isEmpty)
    // A file named explicitly is checked whatever .gitignore says: no warning.
    let named = try CLITests.run(["check", "sub/a.py"], in: root)
    #expect(named.status == 1 && named.stderr.isEmpty)
  }

  @Test func selectionsThatEnableNoRuleWarn() throws {
    let root = try CLITests.tree([
      "bad.yaml": Self.bytes(Self.badYAML),
      "off/.resourcelint.yml": Self.bytes("ignore: [ALL]\n"),
      "off/bad.yaml": Self.bytes(Self.badYAML),
    ])
    let cancelled = try CLITests.run(
      ["check", "--select", "RL001", "--ignore", "RL001", "bad.yaml"], in: root)
    #expect(cancelled.status == 0)
    #expect(cancelled.stderr == "warning: no rules are enabled\n")
    let configured = try CLITests.run(["check", "off"], in: root)
    #expect(configured.stderr == "warning: no rules are enabled\n")
    let stdin = try CLITests.run(
      ["check", "--select", "RL004", "--ignore", "invalid-quantity", "-"], stdin: "", in: root)
    #expect(stdin.stderr == "warning: no rules are enabled\n")
    // Some rule runs somewhere: no warning.
    let mixed = try CLITests.run(["check", "."], in: root)
    #expect(mixed.status == 1 && mixed.stderr.isEmpty, "\(mixed.stderr)")
  }
}
