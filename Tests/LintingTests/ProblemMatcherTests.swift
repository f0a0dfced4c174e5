import Foundation
import Testing

/// The problem matchers under `integrations/`, run with node's JavaScript regular expressions
/// (the engine VS Code uses; GitHub's runner uses .NET in ECMAScript mode) over real output of
/// the binary, and checked field by field against `--format json` of the same run.
struct ProblemMatcherTests {
  static let githubMatcher = "integrations/github/resourcelint-matcher.json"
  static let vscodeTasks = "integrations/vscode/tasks.json"

  /// Applies every matcher to every line the way the two consumers do and writes, per line,
  /// what each matcher captured. GitHub's runner keeps a captured severity only if it is
  /// error, warning or notice (any case) and drops the line otherwise; an empty one falls back
  /// to the matcher's `severity`, then to error. VS Code reads error, warning/warn and info,
  /// and falls back to the matcher's `severity`, then to error.
  static let script = #"""
    const fs = require('fs');
    const [githubPath, tasksPath, linesPath, outPath] = process.argv.slice(2);
    const github = JSON.parse(fs.readFileSync(githubPath, 'utf8')).problemMatcher;
    const tasks = JSON.parse(fs.readFileSync(tasksPath, 'utf8')).tasks;
    const lines = JSON.parse(fs.readFileSync(linesPath, 'utf8'));
    const pick = (match, index) => (index === undefined ? undefined : match[index]);
    function githubSeverity(captured, fallback) {
      const value = (captured || fallback || 'error').toLowerCase();
      return ['error', 'warning', 'notice'].includes(value) ? value : 'dropped';
    }
    function vscodeSeverity(captured, fallback) {
      const value = (captured || '').toLowerCase();
      if (value === 'error') return 'error';
      if (value === 'warning' || value === 'warn') return 'warning';
      if (value === 'info') return 'info';
      return fallback || 'error';
    }
    function apply(pattern, line) {
      const match = new RegExp(pattern.regexp).exec(line);
      if (!match) return null;
      return {
        file: pick(match, pattern.file), line: pick(match, pattern.line),
        column: pick(match, pattern.column), severity: pick(match, pattern.severity),
        code: pick(match, pattern.code), message: pick(match, pattern.message),
      };
    }
    const results = lines.map((line) => ({
      github: github.flatMap((matcher) => {
        if (matcher.pattern.length !== 1) throw new Error('expected single-line matchers');
        const found = apply(matcher.pattern[0], line);
        if (!found) return [];
        found.owner = matcher.owner;
        found.severity = githubSeverity(found.severity, matcher.severity);
        return [found];
      }),
      vscode: tasks.flatMap((task) => {
        const matcher = task.problemMatcher;
        const found = apply(matcher.pattern, line);
        if (!found) return [];
        found.task = task.label;
        found.severity = vscodeSeverity(found.severity, matcher.severity);
        return [found];
      }),
    }));
    fs.writeFileSync(outPath, JSON.stringify(results));
    """#

  /// One finding as a matcher should see it.
  struct Finding: Equatable, CustomStringConvertible {
    var file: String
    var line: String
    var column: String
    var severity: String
    var code: String
    var message: String

    var description: String { "\(file):\(line):\(column) \(severity) [\(code)] \(message)" }

    init(
      file: String, line: String, column: String, severity: String, code: String, message: String
    ) {
      (self.file, self.line, self.column) = (file, line, column)
      (self.severity, self.code, self.message) = (severity, code, message)
    }

    init?(captured object: [String: Any]) {
      guard let file = object["file"] as? String, let line = object["line"] as? String,
        let column = object["column"] as? String, let severity = object["severity"] as? String,
        let code = object["code"] as? String, let message = object["message"] as? String
      else { return nil }
      self.init(
        file: file, line: line, column: column, severity: severity, code: code, message: message)
    }
  }

  /// What each line's matchers captured: `github` and `vscode`, one entry per matching matcher.
  static func match(_ lines: [String]) throws -> [(github: [Finding], vscode: [Finding])] {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rl-matchers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let scriptURL = work.appendingPathComponent("match.js")
    let linesURL = work.appendingPathComponent("lines.json")
    let outURL = work.appendingPathComponent("out.json")
    try Data(script.utf8).write(to: scriptURL)
    try JSONSerialization.data(withJSONObject: lines).write(to: linesURL)
    let node = try Subprocess.run(
      "node",
      [
        scriptURL.path, Paths.repository + "/" + githubMatcher,
        Paths.repository + "/" + vscodeTasks, linesURL.path, outURL.path,
      ], in: work.path)
    try #require(node.status == 0, "node failed (is node installed?):\n\(node.output)")
    let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: outURL))
    let results = try #require(decoded as? [[String: [[String: Any]]]])
    return results.map { result in
      (
        (result["github"] ?? []).compactMap(Finding.init(captured:)),
        (result["vscode"] ?? []).compactMap(Finding.init(captured:))
      )
    }
  }

  /// The findings of `--format json` for `arguments`, run in `directory`.
  static func jsonFindings(_ arguments: [String], in directory: String) throws -> [Finding] {
    let run = try CLITests.run(["check", "--format", "json"] + arguments, in: directory)
    try #require(run.status == 0 || run.status == 1, "\(run.stderr)")
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    return array.compactMap { object in
      guard let file = object["file"] as? String, let line = object["line"] as? Int,
        let column = object["column"] as? Int, let severity = object["severity"] as? String,
        let code = object["rule"] as? String, let message = object["message"] as? String
      else { return nil }
      return Finding(
        file: file, line: String(line), column: String(column), severity: severity, code: code,
        message: message)
    }
  }

  /// A tree with awkward paths (spaces, brackets, `#`, parentheses, non-ASCII) and messages
  /// that contain `:` and `[`.
  static func trickyTree() throws -> String {
    try CLITests.tree([
      "tricky dir/[draft] task #1 (copy).py": Array(
        """
        from flytekit import Resources, task


        @task(requests=Resources(mem="1GB: [big]", cpu="2"), limits=Resources(gpu="1"))
        def train() -> None: ...

        """.utf8),
      "ünïcode/värden — prod.yaml": Array(
        """
        resources:
          requests:
            cpu: "1[x]: y"
            memory: 2048

        """.utf8),
    ])
  }

  /// The runs checked below: the bundled examples (from the repository root, as
  /// `make lint` runs them) and a tricky tree (from its root, with `.`).
  static func runs(tricky tree: String) -> [(arguments: [String], directory: String)] {
    [(["Fixtures/examples"], Paths.repository), (["."], tree)]
  }

  @Test func matchersReadEveryConciseLine() throws {
    let tree = try Self.trickyTree()
    defer { try? FileManager.default.removeItem(atPath: tree) }
    var severities = Set<String>()
    for (arguments, directory) in Self.runs(tricky: tree) {
      let concise = try CLITests.run(["check", "--format", "concise"] + arguments, in: directory)
      let lines = concise.stdout.split(separator: "\n").map(String.init)
      let expected = try Self.jsonFindings(arguments, in: directory)
      #expect(!expected.isEmpty)
      #expect(lines.count == expected.count, "one line per finding:\n\(concise.stdout)")
      let matched = try Self.match(lines)
      for (index, finding) in expected.enumerated() where index < matched.count {
        severities.insert(finding.severity)
        var forGitHub = finding
        forGitHub.severity = finding.severity == "info" ? "notice" : finding.severity
        #expect(matched[index].github == [forGitHub], "GitHub, line: \(lines[index])")
        #expect(matched[index].vscode.count == 2, "VS Code, line: \(lines[index])")
        for found in matched[index].vscode {
          #expect(found == finding, "VS Code, line: \(lines[index])")
        }
        // VS Code's fileLocation is relative to the workspace folder, where the task runs.
        #expect(FileManager.default.fileExists(atPath: directory + "/" + finding.file))
      }
    }
    #expect(severities == ["error", "warning", "info"], "every severity was exercised")
  }

  /// The default `text` format's first line per finding (it adds the rule name in the
  /// brackets) is matched too; its source and caret lines and the summary are not.
  @Test func matchersReadTheTextFormatHeadlines() throws {
    let tree = try Self.trickyTree()
    defer { try? FileManager.default.removeItem(atPath: tree) }
    for (arguments, directory) in Self.runs(tricky: tree) {
      let text = try CLITests.run(["check", "--no-color"] + arguments, in: directory)
      let lines = text.stdout.split(separator: "\n").map(String.init)
      let matched = try Self.match(lines)
      let found = matched.compactMap { $0.vscode.first }
      let expected = try Self.jsonFindings(arguments, in: directory)
      #expect(found == expected, "\(text.stdout)")
      for (line, result) in zip(lines, matched) where result.vscode.isEmpty {
        #expect(result.github.isEmpty, "GitHub matched a line VS Code did not: \(line)")
      }
    }
  }

  @Test func otherLinesAreNotProblems() throws {
    let lines = [
      "Found 11 problems (9 errors, 1 warning, 1 info) in 11 files checked.",
      "All checks passed (1 file checked).",
      " 17 |       memory: 2048          # meant 2048Mi: this is 2 KiB",
      "    |               ^^^^",
      "::error file=flows/bad.py,line=4,col=39,endLine=4,endColumn=44,title=RL004 "
        + "invalid-quantity::memory request \"1GB\" is not a valid quantity",
      "error: does/not/exist.py: no such file or directory",
      "flows/bad.py:4:39: note: not one of ours [RL004]",
      "flows/bad.py:4:39: error: no code at the end",
    ]
    for (line, result) in zip(lines, try Self.match(lines)) {
      #expect(result.github.isEmpty && result.vscode.isEmpty, "matched: \(line)")
    }
  }

  /// Every VS Code task uses the same matcher, reading paths relative to the workspace folder,
  /// and the GitHub matchers' owners are the ones the README tells to remove.
  @Test func matcherFilesAreConsistent() throws {
    let tasksBytes = try #require(Paths.bytes(Self.vscodeTasks))
    let tasks = try #require(
      try JSONSerialization.jsonObject(with: Data(tasksBytes)) as? [String: Any])
    let list = try #require(tasks["tasks"] as? [[String: Any]])
    #expect(list.count >= 1)
    let matchers = list.compactMap { $0["problemMatcher"] as? NSDictionary }
    #expect(matchers.count == list.count)
    #expect(Set(matchers).count == 1, "the tasks' problem matchers differ")
    let matcher = try #require(matchers.first)
    #expect(matcher["owner"] as? String == "resourcelint")
    #expect(matcher["fileLocation"] as? [String] == ["relative", "${workspaceFolder}"])
    for task in list {
      let arguments = task["args"] as? [String] ?? []
      #expect(task["command"] as? String == "resourcelint")
      #expect(arguments.starts(with: ["check", "--format", "concise"]), "\(arguments)")
    }

    let githubBytes = try #require(Paths.bytes(Self.githubMatcher))
    let github = try #require(
      try JSONSerialization.jsonObject(with: Data(githubBytes)) as? [String: Any])
    let owners = (github["problemMatcher"] as? [[String: Any]] ?? []).compactMap {
      $0["owner"] as? String
    }
    #expect(owners == ["resourcelint", "resourcelint-info"])
  }

  /// The README shows the integration files verbatim, and its problem-matcher steps register
  /// the matcher file that exists here.
  @Test func readmeShowsTheIntegrationFiles() throws {
    let snippets = Readme.fileSnippets
    #expect(snippets.contains("integrations/github/resourcelint.yml"))
    #expect(snippets.contains("integrations/vscode/tasks.json"))
    for path in snippets {
      let file = try #require(Paths.read(path), "\(path) does not exist")
      #expect(Readme.block(after: "<!-- snippet: \(path) -->") == file, "README differs: \(path)")
    }
    let steps = try #require(Readme.block(after: "<!-- snippet: github-problem-matcher -->"))
    #expect(steps.contains("::add-matcher::"))
    #expect(steps.contains(Self.githubMatcher))
    #expect(steps.contains("--format concise"))
    #expect(steps.contains("::remove-matcher owner=resourcelint::"))
    #expect(steps.contains("::remove-matcher owner=resourcelint-info::"))
  }

  /// The commands of the workflow and the README's steps run, with exit 0 or 1 (findings),
  /// never 2 (usage): the options they use exist.
  @Test func workflowCommandsAreValid() throws {
    let workflow = try #require(Paths.read("integrations/github/resourcelint.yml"))
    let action = try #require(Paths.read("action.yml"))
    let steps = Readme.block(after: "<!-- snippet: github-problem-matcher -->") ?? ""
    let commands = (workflow + "\n" + action + "\n" + steps).split(separator: "\n").compactMap {
      line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      let command = trimmed.hasPrefix("run: ") ? String(trimmed.dropFirst(5)) : trimmed
      return command.hasPrefix("resourcelint check ") ? command : nil
    }
    #expect(commands.count >= 3, "\(commands)")
    let tree = try Self.trickyTree()
    defer { try? FileManager.default.removeItem(atPath: tree) }
    let binaryDirectory = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent().path
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = binaryDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    for command in commands {
      let run = try Subprocess.run("bash", ["-c", command], in: tree, environment: environment)
      #expect(run.status == 0 || run.status == 1, "\(command):\n\(run.output)")
    }
  }
}
