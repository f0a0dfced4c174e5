import Foundation
import Testing

/// End-to-end runs of the built `resourcelint` binary.
struct CLITests {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The binary sits next to the test bundle in the build folder.
  static let binary: String = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("resourcelint").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return Paths.repository + "/.build/debug/resourcelint"
  }()

  /// Runs the binary; `environment` entries are added to (or, as nil, removed from) the test's
  /// own environment. GITHUB_ACTIONS is removed unless given, so that the default format is
  /// `text` even when the suite itself runs in GitHub Actions, and so are NO_COLOR and
  /// FORCE_COLOR, which CI sets for its logs and which would colour the output.
  static func run(
    _ arguments: [String], stdin: String? = nil, in directory: String? = nil,
    environment overrides: [String: String?] = [:]
  ) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? Paths.repository)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    environment["FORCE_COLOR"] = nil
    environment["GITHUB_ACTIONS"] = nil
    for (name, value) in overrides { environment[name] = value }
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh temporary directory holding `files` (relative path → bytes).
  static func tree(_ files: [String: [UInt8]]) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rl-\(UUID().uuidString)")
    for (path, bytes) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    return root.path
  }

  @Test func completionScriptsForEachShell() throws {
    for (shell, marker) in [
      ("bash", "-F _resourcelint"), ("zsh", "#compdef resourcelint"), ("fish", "complete -c"),
    ] {
      let run = try Self.run(["completion", shell])
      #expect(run.status == 0, "\(shell): \(run.stderr)")
      #expect(run.stdout.contains(marker), "\(shell) script lacks \(marker)")
      #expect(run.stdout.contains("stdin-filename"), "\(shell) script lacks check's options")
    }
    let unknown = try Self.run(["completion", "tcsh"])
    #expect(unknown.status == 2 && unknown.stderr.contains("'bash', 'zsh' or 'fish'"))
  }

  @Test func missingPathIsAUsageError() throws {
    let run = try Self.run(["check", "does/not/exist.py"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("does/not/exist.py: no such file or directory"))
  }

  @Test func unknownOptionsAndRulesAreUsageErrors() throws {
    #expect(try Self.run(["check", "--bogus"]).status == 2)
    #expect(try Self.run(["check", "--select", "RL999", "Fixtures/examples"]).status == 2)
    #expect(try Self.run(["explain", "no-such-rule"]).status == 2)
    #expect(try Self.run(["check", "--format", "xml"]).status == 2)
  }

  @Test func quantityJSON() throws {
    let run = try Self.run(["quantity", "--format", "json", "1.5Gi", "1GB"])
    #expect(run.status == 1)
    #expect(
      run.stdout.contains(
        #"{"input": "1.5Gi", "valid": true, "value": "1610612736", "canonical": "1536Mi"}"#))
    #expect(run.stdout.contains(#"{"input": "1GB", "valid": false, "error": "#))
  }

  @Test func quantityReadsStdinVerbatim() throws {
    let run = try Self.run(["quantity", "--format", "json"], stdin: "500m\n 1Gi\n\n2\n")
    #expect(run.stdout.contains(#""input": "500m", "valid": true"#))
    #expect(run.stdout.contains(#""input": " 1Gi", "valid": false"#))
    #expect(run.stdout.contains(#""input": "", "valid": false"#))
    #expect(run.stdout.contains(#""input": "2", "valid": true"#))
  }

  @Test func brokenFilesAreReportedAndTheRestIsChecked() throws {
    let root = try Self.tree([
      "broken.yaml": Array("resources:\n  limits: [1, 2\n".utf8),
      "binary.py": [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02],
      "latin1.yaml": Array("name: caf".utf8) + [0xE9, 0x0A],
      "utf16.py": [0xFF, 0xFE, 0x61, 0x00],
      "good.yaml": Array("worker:\n  resources:\n    requests: {memory: 1GB}\n".utf8),
    ])
    try FileManager.default.createSymbolicLink(
      atPath: root + "/dangling.py", withDestinationPath: root + "/nowhere.py")
    let run = try Self.run(["check", "--format", "concise", ".", "dangling.py"], in: root)
    #expect(run.status == 1)
    for file in ["broken.yaml", "binary.py", "latin1.yaml", "utf16.py", "dangling.py"] {
      #expect(
        run.stdout.contains("\(file):") && run.stdout.contains("[RL000]"),
        "\(file) not reported:\n\(run.stdout)")
    }
    #expect(
      run.stdout.contains("good.yaml:3:24: error: memory request \"1GB\" is not a valid quantity"))
    #expect(run.stdout.contains("binary.py:1:5: error: cannot read file: file contains a NUL byte"))
  }

  @Test func exitCodesFollowFlags() throws {
    let root = try Self.tree([
      "bad.yaml": Array("worker:\n  resources:\n    requests: {memory: 1GB}\n".utf8),
      "warn.yaml": Array("worker:\n  resources:\n    requests: {memory: 2147483648}\n".utf8),
    ])
    #expect(try Self.run(["check", "bad.yaml"], in: root).status == 1)
    #expect(try Self.run(["check", "--exit-zero", "bad.yaml"], in: root).status == 0)
    #expect(try Self.run(["check", "--ignore", "RL004", "bad.yaml"], in: root).status == 0)
    #expect(
      try Self.run(["check", "--severity", "invalid-quantity=warning", "bad.yaml"], in: root).status
        == 0)
    #expect(try Self.run(["check", "warn.yaml"], in: root).status == 0)
    #expect(try Self.run(["check", "--strict", "warn.yaml"], in: root).status == 1)
    #expect(try Self.run(["check", "--select", "RL001", "bad.yaml"], in: root).status == 0)
  }

  @Test func jsonOutputShape() throws {
    let root = try Self.tree([
      "bad.yaml": Array("worker:\n  resources:\n    requests: {memory: 1GB}\n".utf8)
    ])
    let run = try Self.run(["check", "--format", "json", "bad.yaml"], in: root)
    let data = Data(run.stdout.utf8)
    let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(parsed.count == 1)
    let first = try #require(parsed.first)
    #expect(first["file"] as? String == "bad.yaml")
    #expect(first["line"] as? Int == 3)
    #expect(first["column"] as? Int == 24)
    #expect(first["end_line"] as? Int == 3)
    #expect(first["end_column"] as? Int == 27)
    #expect(first["rule"] as? String == "RL004")
    #expect(first["name"] as? String == "invalid-quantity")
    #expect(first["severity"] as? String == "error")
  }

  @Test func textOutputHasSourceAndCaretAndNoColourOffTerminal() throws {
    let root = try Self.tree([
      "bad.yaml": Array("worker:\n  resources:\n    requests: {memory: 1GB}\n".utf8)
    ])
    let run = try Self.run(["check", "bad.yaml"], in: root)
    #expect(
      run.stdout.contains(
        " 3 |     requests: {memory: 1GB}\n   | " + String(repeating: " ", count: 23) + "^^^\n"))
    #expect(run.stdout.contains("Found 1 problem (1 error) in 1 file checked."))
    #expect(!run.stdout.contains("\u{1B}["))
  }

  @Test func stdinFilename() throws {
    let run = try Self.run(
      ["check", "--format", "concise", "--stdin-filename", "flows/x.yaml"],
      stdin: "worker:\n  resources:\n    limits: {memory: 1GB}\n")
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("flows/x.yaml:3:22: error: memory limit \"1GB\""))
  }

  @Test func rulesAndExplain() throws {
    let rules = try Self.run(["rules"])
    #expect(rules.status == 0)
    for code in ["RL000", "RL001", "RL002", "RL003", "RL004"] {
      #expect(rules.stdout.contains(code))
    }
    let explain = try Self.run(["explain", "bare-integer-memory"])
    #expect(explain.status == 0)
    #expect(explain.stdout.contains("RL002 bare-integer-memory"))
    #expect(!explain.stdout.contains("# expect:"))
  }

  @Test func dumpJSONShape() throws {
    let root = try Self.tree([
      "values.yaml": Array(
        "worker:\n  resources:\n    requests: {cpu: \"1\", memory: 2Gi}\n    limits: {nvidia.com/gpu: 1}\n"
          .utf8)
    ])
    let run = try Self.run(["dump", "--format", "json", "values.yaml"], in: root)
    #expect(run.status == 0)
    #expect(
      run.stdout == """
        [
          {"file": "values.yaml", "line": 2, "column": 3, "source": "yaml", "kind": "helm-values", "name": "worker", "requests": {"cpu": "1", "mem": "2Gi", "gpu": null, "ephemeral_storage": null}, "limits": {"cpu": null, "mem": null, "gpu": null, "ephemeral_storage": null, "nvidia.com/gpu": "1"}, "accelerator": null}
        ]

        """)
  }
}

/// `make lint`'s demo: the example project's findings are exactly the recorded ones.
struct ExampleProjectTests {
  @Test func examplesFindExactlyTheRecordedMistakes() throws {
    let run = try CLITests.run(["check", "--format", "concise", "Fixtures/examples"])
    #expect(run.status == 1)
    let expected = try #require(Paths.read("Fixtures/examples.expected"))
    #expect(run.stdout == expected)
  }
}

/// A value holding a line break must not break the one-line-per-finding promise.
struct OneLineMessageTests {
  @Test func lineBreaksInValuesAreEscaped() throws {
    let root = try CLITests.tree([
      "nl.yaml": Array("w:\n  resources:\n    requests: {memory: \"1\\nGi\"}\n".utf8)
    ])
    let run = try CLITests.run(["check", "--format", "concise", "nl.yaml"], in: root)
    #expect(
      run.stdout
        == "nl.yaml:3:24: error: memory request \"1\\nGi\" is not a valid quantity (the API server rejects it) [RL004]\n"
    )
  }
}
