import Foundation
import Testing

/// The hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit client.
///
/// `scripts/pre-commit-setup.sh` installs pre-commit from PyPI into `.build/precommit/venv`
/// and commits this working tree into `.build/precommit/hook-repo` (pre-commit installs hooks
/// only from commits). A sample repository then uses the README's `.pre-commit-config.yaml`
/// snippet, pointed at that commit: the `language: swift` hook is built in release by pre-commit
/// itself, once per source change (the build is cached in `.build/precommit/home`), and must
/// fail on bad Python and YAML, naming file, line, column and rule, pass on good files, and
/// stay quiet on YAML that declares no resources. `pre-commit try-repo` runs the
/// `resourcelint-system` variant with the binary under test on PATH.
///
/// Set `RESOURCELINT_SKIP_PRE_COMMIT=1` to leave it out of a local run (README, Development);
/// CI always runs it. The `language: python` hook is tested by `make test-dist`.
@Suite(
  .enabled(
    if: ProcessInfo.processInfo.environment["RESOURCELINT_SKIP_PRE_COMMIT"] == nil,
    "RESOURCELINT_SKIP_PRE_COMMIT is set"))
struct PreCommitTests {
  /// The sample repository's files: two with findings, one more under vendor/, which the
  /// sample's .resourcelint.yml excludes, and files without findings.
  static let sampleFiles: [String: String] = [
    "flows/bad.py": """
    from flytekit import Resources, task


    @task(requests=Resources(cpu="1", mem="1GB"))
    def train() -> None: ...

    """,
    "flows/good.py": """
    from flytekit import Resources, task


    @task(requests=Resources(cpu="1", mem="1Gi"), limits=Resources(cpu="2", mem="2Gi"))
    def train() -> None: ...

    """,
    "deploy/bad.yaml": """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      template:
        spec:
          containers:
            - name: api
              image: api:1
              resources:
                requests: {cpu: 500m, memory: 1gi}

    """,
    "deploy/good.yaml": """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      template:
        spec:
          containers:
            - name: api
              image: api:1
              resources:
                requests: {cpu: 500m, memory: 1Gi}
                limits: {cpu: "1", memory: 1Gi}

    """,
    "notes.txt": "memory: 1GB is not checked here: pre-commit passes only Python and YAML.\n",
    ".resourcelint.yml": "exclude: [\"vendor/**\"]\n",
    "vendor/sdk.py": """
    from flytekit import Resources, task


    @task(requests=Resources(mem="1GB"))
    def vendored() -> None: ...

    """,
  ]

  @Test func hooksRunWithTheRealClient() throws {
    let setup = try Subprocess.run(
      "bash", [Paths.repository + "/scripts/pre-commit-setup.sh"], in: Paths.repository)
    try #require(setup.status == 0, "pre-commit-setup.sh failed:\n\(setup.output)")
    let setupLines = setup.output.split(separator: "\n").map(String.init)
    let preCommit = try #require(setupLines.dropLast().last, "\(setup.output)")
    let revision = try #require(setupLines.last, "\(setup.output)")
    let hookRepository = Paths.repository + "/.build/precommit/hook-repo"

    // The sample repository: the README's config, this repository's own workflow example
    // (YAML that declares no resources), and the files above, committed.
    let snippet = try #require(
      Readme.block(after: "<!-- snippet: pre-commit-config-swift -->"),
      "README.md has no pre-commit-config-swift snippet")
    let config = try Self.pointing(snippet, at: hookRepository, revision: revision)
    var files = Self.sampleFiles.mapValues { Array($0.utf8) }
    files[".pre-commit-config.yaml"] = Array(config.utf8)
    let workflow = try #require(Paths.bytes("integrations/github/resourcelint.yml"))
    files[".github/workflows/resourcelint.yml"] = workflow
    let sample = try CLITests.tree(files)
    defer { try? FileManager.default.removeItem(atPath: sample) }
    for arguments in [
      ["init", "--quiet"], ["add", "--all"],
      [
        "-c", "user.name=resourcelint-tests", "-c", "user.email=tests@resourcelint.invalid",
        "-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", "sample",
      ],
    ] {
      let git = try Subprocess.run("git", arguments, in: sample, environment: Self.environment())
      try #require(git.status == 0, "git \(arguments): \(git.output)")
    }

    // What the binary under test reports for the two bad files, in the hook's format.
    let direct = try CLITests.run(
      ["check", "--format", "concise", "flows/bad.py", "deploy/bad.yaml"], in: sample)
    #expect(direct.status == 1)
    let expected = direct.stdout.split(separator: "\n").map(String.init)
    #expect(expected.count == 2, "\(direct.stdout)")
    #expect(
      expected.contains { $0.hasPrefix("flows/bad.py:4:39: error: ") && $0.hasSuffix("[RL004]") },
      "\(direct.stdout)")
    #expect(
      expected.contains {
        $0.hasPrefix("deploy/bad.yaml:11:43: error: ") && $0.hasSuffix("[RL004]")
      },
      "\(direct.stdout)")

    // 1. Every file: the swift hook is built (first run only), fails, and names both findings.
    let all = try Subprocess.run(
      preCommit, ["run", "--all-files", "--color", "never"], in: sample,
      environment: Self.environment())
    #expect(all.status == 1, "\(all.output)")
    #expect(
      all.output.contains("resourcelint (built from source)....") && all.output.contains("Failed"),
      "\(all.output)")
    #expect(all.output.contains("- exit code: 1"), "\(all.output)")
    for line in expected {
      #expect(all.output.contains(line + "\n"), "missing \(line) in:\n\(all.output)")
    }
    for quiet in ["good.py", "good.yaml", ".pre-commit-config.yaml", "workflows", "notes.txt"] {
      #expect(!all.output.contains(quiet), "\(quiet) reported in:\n\(all.output)")
    }

    // 2. Good files pass.
    let good = try Subprocess.run(
      preCommit,
      ["run", "--color", "never", "--files", "flows/good.py", "deploy/good.yaml"],
      in: sample, environment: Self.environment())
    #expect(good.status == 0, "\(good.output)")
    #expect(good.output.contains("Passed") && !good.output.contains("[RL"), "\(good.output)")

    // 2b. A file the sample's .resourcelint.yml excludes is skipped even when pre-commit
    // names it (the hooks pass --force-exclude).
    let excluded = try Subprocess.run(
      preCommit, ["run", "--color", "never", "--files", "vendor/sdk.py", "flows/good.py"],
      in: sample, environment: Self.environment())
    #expect(excluded.status == 0, "\(excluded.output)")
    #expect(!excluded.output.contains("vendor/sdk.py"), "\(excluded.output)")

    // 3. YAML that declares no resources is passed to the hook (Passed, not Skipped) and
    // draws nothing.
    let yaml = try Subprocess.run(
      preCommit,
      [
        "run", "--color", "never", "--files", ".pre-commit-config.yaml",
        ".github/workflows/resourcelint.yml",
      ],
      in: sample, environment: Self.environment())
    #expect(yaml.status == 0, "\(yaml.output)")
    #expect(yaml.output.contains("Passed") && !yaml.output.contains("[RL"), "\(yaml.output)")

    // 4. Other file types are not passed at all.
    let text = try Subprocess.run(
      preCommit, ["run", "--color", "never", "--files", "notes.txt"], in: sample,
      environment: Self.environment())
    #expect(text.status == 0, "\(text.output)")
    #expect(text.output.contains("(no files to check)Skipped"), "\(text.output)")

    // 5. try-repo with the installed-binary variant: the binary under test on PATH.
    let binaryDirectory = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent().path
    let tryRepo = try Subprocess.run(
      preCommit,
      ["try-repo", hookRepository, "resourcelint-system", "--all-files", "--color", "never"],
      in: sample, environment: Self.environment(prependingPath: binaryDirectory))
    #expect(tryRepo.status == 1, "\(tryRepo.output)")
    #expect(tryRepo.output.contains("resourcelint (installed binary)...."), "\(tryRepo.output)")
    for line in expected {
      #expect(tryRepo.output.contains(line + "\n"), "missing \(line) in:\n\(tryRepo.output)")
    }
    #expect(!tryRepo.output.contains("good.py"), "\(tryRepo.output)")
  }

  /// The README's snippet with its placeholder `repo:` and `rev:` values replaced.
  static func pointing(_ snippet: String, at repository: String, revision: String) throws
    -> String
  {
    var replaced = (repo: false, rev: false)
    let lines = snippet.split(separator: "\n", omittingEmptySubsequences: false).map {
      line -> String in
      let trimmed = line.drop { $0 == " " || $0 == "-" }
      let indent = line.prefix(line.count - trimmed.count)
      if trimmed.hasPrefix("repo: ") && !replaced.repo {
        replaced.repo = true
        return indent + "repo: " + repository
      }
      if trimmed.hasPrefix("rev: ") && !replaced.rev {
        replaced.rev = true
        return indent + "rev: " + revision
      }
      return String(line)
    }
    try #require(replaced.repo && replaced.rev, "the snippet has no repo: or rev: line")
    return lines.joined(separator: "\n")
  }

  /// This process's environment without git's and pre-commit's own variables (a test run from
  /// inside a git hook must not act on the outer repository), with pre-commit's cache under
  /// `.build/precommit/home`.
  static func environment(prependingPath directory: String? = nil) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter {
      !$0.key.hasPrefix("GIT_") && !$0.key.hasPrefix("PRE_COMMIT")
    }
    environment["PRE_COMMIT_HOME"] = Paths.repository + "/.build/precommit/home"
    if let directory {
      environment["PATH"] = directory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    }
    return environment
  }
}

/// An external program's exit status and its output (standard output and error, interleaved).
struct CommandResult {
  var status: Int32
  var output: String
}

/// Runs external programs (bash, git, pre-commit, node) for the integration tests.
enum Subprocess {
  /// Runs `program` (a path, or a name looked up on PATH) and waits for it.
  static func run(
    _ program: String, _ arguments: [String], in directory: String,
    environment: [String: String]? = nil
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    if let environment { process.environment = environment }
    // One pipe for both streams, read to the end before waiting, so neither can fill up.
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
  }
}

/// Code blocks of README.md that integration tests use or compare with files.
enum Readme {
  static var text: String { Paths.read("README.md") ?? "" }

  /// The contents of the first fenced code block after `marker`, without the fences.
  static func block(after marker: String) -> String? {
    guard let markerRange = text.range(of: marker) else { return nil }
    var lines = text[markerRange.upperBound...].split(
      separator: "\n", omittingEmptySubsequences: false
    ).dropFirst()
    while let first = lines.first, !first.hasPrefix("```") {
      if !first.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
      lines = lines.dropFirst()
    }
    guard lines.first?.hasPrefix("```") == true else { return nil }
    lines = lines.dropFirst()
    guard let end = lines.firstIndex(where: { $0 == "```" }) else { return nil }
    return lines[..<end].map { $0 + "\n" }.joined()
  }

  /// Every `<!-- snippet: PATH -->` marker whose PATH names a file of the repository.
  static var fileSnippets: [String] {
    let pattern = "<!-- snippet: "
    return text.components(separatedBy: pattern).dropFirst().compactMap { rest in
      guard let end = rest.range(of: " -->") else { return nil }
      let path = String(rest[..<end.lowerBound])
      return path.contains("/") ? path : nil
    }
  }
}
