import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The hostile-input catalogue: every input goes through the real binary in a temporary tree,
/// next to a good file with a known finding, and must give a located finding (RL000 at a
/// sensible line and column) or be skipped cleanly — never a crash, a hang, unbounded memory, a
/// file read outside the tree, or a modified file.
///
/// Each run is spawned here rather than through `CLITests.run`, because that gives neither a
/// watchdog nor the child's peak memory: `wait4` reports the child's own `ru_maxrss`, and a run
/// past its time bound is killed with SIGKILL (bounds catch hangs; nothing asserts a timing).
/// Cases run one at a time, so that the 100 MB case does not starve the others of memory.
@Suite(.serialized)
struct HostileInputTests {
  /// Peak memory any run may reach.
  static let memoryLimitKiB = 512 * 1024

  @Test(arguments: HostileCase.catalogue)
  func hostileInput(_ hostile: HostileCase) throws {
    // The tree is `base/tree`; `base/outside` holds a file with a finding that no run may report
    // (symbolic links lead there), and both are watched for modifications.
    var files: [String: [UInt8]] = [
      "tree/good.yaml": Array(HostileCase.goodYAML.utf8),
      "outside/outside.yaml": Array(HostileCase.goodYAML.utf8),
    ]
    for (path, bytes) in hostile.files() { files["tree/" + path] = bytes }
    let base = try CLITests.tree(files)
    defer { Self.remove(base) }
    let root = base + "/tree"
    try hostile.prepare(root)

    var prefix: [String] = []
    if hostile.unprivileged && getuid() == 0 {
      // root reads through `chmod 000`, so the run drops to nobody; the tree must then be
      // world-readable except for the entries the case locked.
      guard let setpriv = Self.unprivilegedPrefix else {
        // Neither unprivileged nor able to drop privileges: this sub-case cannot be observed.
        return
      }
      prefix = setpriv
      Self.makeWorldReadable(base, except: hostile.locked.map { root + "/" + $0 })
    }

    let before = Snapshot(base)
    let run = try Self.spawn(
      prefix + [CLITests.binary, "check", "--format", "concise"] + hostile.options
        + hostile.paths, in: root)
    let after = Snapshot(base)

    #expect(run.signal == nil, "killed by signal \(run.signal ?? 0)\n\(run.stderr)")
    #expect(
      run.maxRSSKiB < Self.memoryLimitKiB, "peak memory \(run.maxRSSKiB / 1024) MiB")
    #expect(before.differences(from: after).isEmpty, "\(before.differences(from: after))")

    let outcome = Outcome(run: run, root: root, files: files)
    if hostile.usageError {
      #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
    } else {
      #expect(run.status == 0 || run.status == 1, "exit \(run.status)\n\(run.stderr)")
      #expect(run.stderr.isEmpty, "\(run.stderr)")
      // The rest of the run went on: the good file's finding is there.
      #expect(
        outcome.findings.contains {
          $0.file == "good.yaml" && $0.line == 3 && $0.column == 24 && $0.code == "RL004"
        }, "good.yaml's finding is missing:\n\(run.stdout.prefix(2000))")
      #expect(!run.stdout.contains("outside.yaml"), "a link out of the tree was followed")
      outcome.expectSensibleLocations()
    }
    try hostile.check(outcome)
  }

  // MARK: Running

  struct SpawnError: Error {
    var code: Int32
  }

  struct Measured {
    var status: Int32
    var signal: Int32?
    var maxRSSKiB: Int
    var stdout: String
    var stderr: String
  }

  /// Runs `arguments` in `directory` with stdin from /dev/null and output to files (no pipe can
  /// fill up) and waits for it; a run that never ends is left to the test runner's own limit.
  /// `sh` changes directory and `exec`s, so the process waited for is the linter itself (or
  /// `setpriv`, which `exec`s it in turn).
  static func spawn(_ arguments: [String], in directory: String) throws -> Measured {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rl-run-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let outPath = scratch + "/stdout"
    let errPath = scratch + "/stderr"

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    environment["GITHUB_ACTIONS"] = nil
    let cArguments = argv.map { strdup($0) } + [nil]
    let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in cArguments + cEnvironment { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, cArguments, cEnvironment)
    guard spawned == 0 else { throw SpawnError(code: spawned) }

    var status: Int32 = 0
    var usage = rusage()
    while true {
      let waited = wait4(pid, &status, 0, &usage)
      if waited == pid || (waited < 0 && errno != EINTR) { break }
    }
    // WIFEXITED / WTERMSIG are macros: the status word is decoded by hand.
    let signal = status & 0x7F
    let read = { (path: String) in
      String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
    return Measured(
      status: signal == 0 ? (status >> 8) & 0xFF : -1, signal: signal == 0 ? nil : signal,
      maxRSSKiB: Int(usage.ru_maxrss), stdout: read(outPath),
      stderr: read(errPath))
  }

  /// `setpriv` arguments that run a command as nobody, or nil when that does not work here
  /// (no util-linux `setpriv`, or the binary not reachable by nobody).
  static let unprivilegedPrefix: [String]? = {
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let setpriv else { return nil }
    let prefix = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    let probe = try? spawn(prefix + [CLITests.binary, "rules"], in: "/")
    return probe?.status == 0 ? prefix : nil
  }()

  static func makeWorldReadable(_ path: String, except locked: [String]) {
    guard !locked.contains(path) else { return }
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      chmod(path, 0o755)
      for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
        makeWorldReadable(path + "/" + name, except: locked)
      }
    case S_IFREG:
      chmod(path, 0o644)
    default:
      break
    }
  }

  /// Removes a tree, giving locked directories their permissions back first. Names are read
  /// as bytes: some are not UTF-8.
  static func remove(_ root: String) {
    func remove(_ path: [CChar]) {
      var info = stat()
      guard lstat(path, &info) == 0 else { return }
      guard info.st_mode & S_IFMT == S_IFDIR else {
        unlink(path)
        return
      }
      chmod(path, 0o755)
      var children: [[CChar]] = []
      if let handle = opendir(path) {
        while let item = readdir(handle) {
          let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
            Array(raw.prefix { $0 != 0 }).map { CChar(bitPattern: $0) }
          }
          if name != [0x2E] && name != [0x2E, 0x2E] {
            children.append(path.dropLast() + [0x2F] + name + [0])
          }
        }
        closedir(handle)
      }
      for child in children { remove(child) }
      rmdir(path)
    }
    remove(Array(root.utf8CString))
  }
}

// MARK: - What a run produced

/// One line of `--format concise` output.
struct Finding {
  var file: String
  var line: Int
  var column: Int
  var severity: String
  var message: String
  var code: String

  /// Parses `path:line:col: severity: message [CODE]`; the path may itself hold colons.
  init?(_ text: String) {
    guard text.hasSuffix("]"), let open = text.range(of: " [", options: .backwards) else {
      return nil
    }
    code = String(text[open.upperBound..<text.index(before: text.endIndex)])
    let head = text[..<open.lowerBound]
    for severity in ["error", "warning", "info"] {
      guard let marker = head.range(of: ": \(severity): ") else { continue }
      let location = head[..<marker.lowerBound].split(
        separator: ":", omittingEmptySubsequences: false)
      guard location.count >= 3, let line = Int(location[location.count - 2]),
        let column = Int(location[location.count - 1])
      else { continue }
      file = location.dropLast(2).joined(separator: ":")
      self.line = line
      self.column = column
      self.severity = severity
      message = String(head[marker.upperBound...])
      return
    }
    return nil
  }
}

struct Outcome {
  var run: HostileInputTests.Measured
  var root: String
  /// The files the tree was made of (`tree/…` relative to the base).
  var files: [String: [UInt8]]

  var findings: [Finding] { run.stdout.split(separator: "\n").compactMap { Finding(String($0)) } }

  func findings(in file: String) -> [Finding] { findings.filter { $0.file == file } }

  /// Every output line is a finding, and every finding in a file of the tree points inside it:
  /// an existing line (lines end at `\n`, `\r\n` or a lone `\r`; a UTF-8 BOM is not a column),
  /// a column at most one past the line's last character. Other paths (FIFOs, links,
  /// directories) are reported at 1:1.
  func expectSensibleLocations(sourceLocation: SourceLocation = #_sourceLocation) {
    for line in run.stdout.split(separator: "\n") {
      #expect(Finding(String(line)) != nil, "not a finding: \(line.prefix(300))")
    }
    var lineLengths: [String: [Int]] = [:]
    for finding in findings {
      let bytes: [UInt8]? =
        files["tree/" + finding.file]
        ?? (finding.file.hasPrefix("big")
          ? FileManager.default.contents(
            atPath: root + "/" + finding.file
          ).map { [UInt8]($0) } : nil)
      guard let bytes else {
        if finding.code == "RL000" {
          #expect(
            finding.line == 1 && finding.column == 1, "\(finding)",
            sourceLocation: sourceLocation)
        }
        continue
      }
      let lengths = lineLengths[finding.file] ?? Self.lineLengths(bytes)
      lineLengths[finding.file] = lengths
      #expect(
        finding.line >= 1 && finding.line <= lengths.count, "line out of range: \(finding)",
        sourceLocation: sourceLocation)
      if finding.line >= 1 && finding.line <= lengths.count {
        #expect(
          finding.column >= 1 && finding.column <= lengths[finding.line - 1] + 1,
          "column out of range (line has \(lengths[finding.line - 1])): \(finding)",
          sourceLocation: sourceLocation)
      }
    }
  }

  /// Characters per line, counted as the linter counts them: every byte that is not a UTF-8
  /// continuation byte starts one.
  static func lineLengths(_ bytes: [UInt8]) -> [Int] {
    var lengths: [Int] = []
    bytes.withUnsafeBufferPointer { buffer in
      var index = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
      var count = 0
      while index < buffer.count {
        let byte = buffer[index]
        if byte == 0x0A || byte == 0x0D {
          if byte == 0x0D && index + 1 < buffer.count && buffer[index + 1] == 0x0A { index += 1 }
          lengths.append(count)
          count = 0
        } else if byte & 0xC0 != 0x80 {
          count += 1
        }
        index += 1
      }
      lengths.append(count)
    }
    return lengths
  }

  /// Exactly one finding at `line:column` with `code` (and `text` in its message) in `file`.
  func expectFinding(
    _ file: String, _ line: Int, _ column: Int, _ code: String, _ text: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let matching = findings(in: file).filter {
      $0.line == line && $0.column == column && $0.code == code
        && (text.isEmpty || $0.message.contains(text))
    }
    #expect(
      matching.count == 1,
      "expected \(file):\(line):\(column) [\(code)] \(text) once, got:\n\(run.stdout.prefix(3000))",
      sourceLocation: sourceLocation)
  }

  /// `file` was skipped or gave nothing.
  func expectClean(_ file: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
      findings(in: file).isEmpty, "\(file) should give nothing:\n\(run.stdout.prefix(3000))",
      sourceLocation: sourceLocation)
  }
}

// MARK: - Files before and after

/// Every entry under a directory, by raw path bytes (names need not be UTF-8), never following
/// symbolic links or opening anything but regular files.
struct Snapshot {
  struct Entry: Equatable {
    var mode: UInt32
    var size: Int
    var modified: Int
    var changed: Int
    var content: Data?
    var target: String?
  }

  var entries: [[UInt8]: Entry] = [:]

  init(_ root: String) {
    var pending: [[UInt8]] = [Array(root.utf8)]
    while let path = pending.popLast() {
      var info = stat()
      let cPath = path.map { CChar(bitPattern: $0) } + [0]
      guard lstat(cPath, &info) == 0 else { continue }
      var entry = Entry(
        mode: info.st_mode, size: Int(info.st_size),
        modified: info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec,
        changed: info.st_ctim.tv_sec * 1_000_000_000 + info.st_ctim.tv_nsec)
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        if let handle = opendir(cPath) {
          while let item = readdir(handle) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [0x2E] && name != [0x2E, 0x2E] { pending.append(path + [0x2F] + name) }
          }
          closedir(handle)
        }
        entry.modified = 0  // listing a directory is fine; its entries are compared one by one
        entry.changed = 0
      case S_IFREG where info.st_size <= 8 << 20:
        let descriptor = open(cPath, O_RDONLY | O_NONBLOCK)
        if descriptor >= 0 {
          entry.content = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            .readDataToEndOfFile()
        }
      case S_IFLNK:
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(cPath, &buffer, buffer.count)
        entry.target = String(
          decoding: buffer.prefix(max(0, count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      default:
        break
      }
      entries[path] = entry
    }
  }

  /// Paths added, removed or changed (content, size, mode, times).
  func differences(from other: Snapshot) -> [String] {
    var result: [String] = []
    for path in Set(entries.keys).union(other.entries.keys)
    where entries[path] != other.entries[path] {
      result.append(String(decoding: path, as: UTF8.self))
    }
    return result.sorted()
  }
}

// MARK: - The catalogue

struct HostileCase: Sendable, CustomTestStringConvertible {
  var name: String
  /// The hostile files (relative to the tree), made when the case runs.
  var files: @Sendable () -> [String: [UInt8]] = { [:] }
  /// Further setup in the tree: FIFOs, links, permissions, a 100 MB file.
  var prepare: @Sendable (_ root: String) throws -> Void = { _ in }
  var paths: [String] = ["."]
  var options: [String] = []
  /// Entries (relative to the tree) the case made unreadable; the run is then unprivileged.
  var locked: [String] = []
  var unprivileged: Bool { !locked.isEmpty }
  /// The run must stop with a usage error (exit 2) instead of linting.
  var usageError = false
  var check: @Sendable (Outcome) throws -> Void

  var testDescription: String { name }

  static let goodYAML = "w:\n  resources:\n    requests: {memory: 1GB}\n"
  static let yamlFinding = "w:\n  resources:\n    requests: {memory: 1GB}\n"
  static let pythonHead = "from flytekit import Resources\n"
  static let pythonFinding = "r = Resources(mem=\"1GB\")\n"

  static var catalogue: [HostileCase] {
    malformed + yaml + python + encodings + patterns + fileSystem + configuration
  }

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}

extension HostileCase {
  /// A realistic manifest: comments, anchors, flow and block collections, quotes, block
  /// scalars, two documents, non-ASCII text.
  static let manifest = """
    # Inference service — café edition
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: inference
      labels: &labels {app: inference, tier: "gpu"}
    spec:
      replicas: 2
      template:
        metadata:
          labels: *labels
        spec:
          containers:
            - name: server
              image: "registry.local/inference:1.4"
              args: ["--port", '8080']
              resources:
                requests: {cpu: 500m, memory: 1gi}
                limits:
                  cpu: "1"
                  memory: 2Gi
            - name: sidecar
              command:
                - /bin/sh
                - -c
                - |
                  echo "ready"; sleep 3600
              resources:
                requests:
                  cpu: 2
                limits:
                  cpu: 1
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: settings}
    data:
      mode: >-
        folded text
        over lines

    """

  static let workflow = #"""
    """Training workflow — résumé."""
    from flytekit import Resources, task, workflow
    from flytekit.extras.accelerators import A100

    MEM = "4Gi"


    @task(
        requests=Resources(cpu="2", mem=MEM),
        limits=Resources(cpu="1", mem="8GB"),  # below the request, and a bad unit
        accelerator=A100,
    )
    def train(path: str) -> str:
        note = f"training {path!r} with {{braces}} and {MEM:>10}"
        return note + '\'' + r"\d+" \
            + b"bytes".decode()


    @workflow
    def wf(path: str = "s3://bucket/data") -> str:
        return train(path=path).with_overrides(requests=Resources(mem="1024"))

    """#

  /// Cut at every byte, and hostile characters inserted every 37th byte.
  static var malformed: [HostileCase] {
    [
      HostileCase(
        name: "YAML manifest truncated at every byte → RL000 or a clean result",
        files: {
          let bytes = HostileCase.bytes(manifest)
          var files: [String: [UInt8]] = [:]
          for cut in 0...bytes.count { files["cut/\(cut).yaml"] = Array(bytes[..<cut]) }
          return files
        },
        check: { outcome in
          // Cuts inside a flow mapping or a quoted scalar are syntax errors; the whole file has
          // its two mistakes.
          #expect(outcome.findings.filter { $0.code == "RL000" }.count > 50)
          let whole = "cut/\(HostileCase.bytes(manifest).count).yaml"
          #expect(outcome.findings(in: whole).map(\.code).sorted() == ["RL001", "RL004"])
        }),
      HostileCase(
        name: "Python workflow truncated at every byte → RL000 or a clean result",
        files: {
          let bytes = HostileCase.bytes(workflow)
          var files: [String: [UInt8]] = [:]
          for cut in 0...bytes.count { files["cut/\(cut).py"] = Array(bytes[..<cut]) }
          return files
        },
        check: { outcome in
          #expect(outcome.findings.filter { $0.code == "RL000" }.count > 50)
        }),
      HostileCase(
        name: "YAML manifest with a hostile character inserted every 37th byte",
        files: {
          let bytes = HostileCase.bytes(manifest)
          let inserts = [
            "[", "{", "]", "}", "\"", "'", ": ", "\t", "&", "*", "!", "|", ">", "%", "@", "`",
            "- ", "? ", "\r", "\u{FEFF}", "\u{85}", "\u{2028}", "#", ",", "\\", "&a *a",
          ]
          var files: [String: [UInt8]] = [:]
          for (n, insert) in inserts.enumerated() {
            for at in stride(from: 0, through: bytes.count, by: 37) {
              files["ins/\(n)-\(at).yaml"] =
                Array(bytes[..<at]) + HostileCase.bytes(insert) + Array(bytes[at...])
            }
          }
          return files
        },
        check: { outcome in
          #expect(outcome.findings.filter { $0.code == "RL000" }.count > 100)
        }),
      HostileCase(
        name: "Python workflow with a hostile token inserted every 37th byte",
        files: {
          let bytes = HostileCase.bytes(workflow)
          let inserts = [
            "(", ")", "[", "]", "{", "}", "\"", "'", "\"\"\"", "'''", "\\", "#", "\t", "f'{",
            "\r", "\u{FEFF}", "lambda", "@", ":", "=", "\n    ", "\\\n", "b'\\", "rf\"{",
          ]
          var files: [String: [UInt8]] = [:]
          for (n, insert) in inserts.enumerated() {
            for at in stride(from: 0, through: bytes.count, by: 37) {
              files["ins/\(n)-\(at).py"] =
                Array(bytes[..<at]) + HostileCase.bytes(insert) + Array(bytes[at...])
            }
          }
          return files
        },
        check: { outcome in
          #expect(outcome.findings.filter { $0.code == "RL000" }.count > 50)
        }),
    ]
  }

  static var yaml: [HostileCase] {
    [
      HostileCase(
        name: "YAML billion laughs (9 levels of 9 aliases) → nothing, aliases never expanded",
        files: {
          var text =
            "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
          for level in 1...9 {
            text +=
              "a\(level): &a\(level) ["
              + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n"
          }
          return ["bomb.yaml": bytes(text + "resources: *a9\n")]
        },
        check: { $0.expectClean("bomb.yaml") }),
      HostileCase(
        name: "YAML merge-key bomb (2^29 paths to one bad value) → that value reported once",
        files: {
          var text = "x0: &x0 {resources: {requests: {memory: 1GB}}}\n"
          for level in 1..<30 {
            text +=
              "x\(level): &x\(level)\n  <<: [*x\(level - 1), *x\(level - 1)]\n"
              + "  a: *x\(level - 1)\n  b: *x\(level - 1)\n"
          }
          return ["merge.yaml": bytes(text)]
        },
        check: { outcome in
          #expect(outcome.findings(in: "merge.yaml").count == 1)
          outcome.expectFinding("merge.yaml", 1, 41, "RL004")
        }),
      // Each deep input sits under a `resources:` key: a file without any of the words a
      // declaration needs is skipped unparsed, which would be a clean result too.
      HostileCase(
        name: "YAML 100,000-deep flow sequence → RL000 nesting too deep, at the 1000th level",
        files: {
          [
            "deep.yaml": bytes(
              "resources: " + String(repeating: "[", count: 100_000)
                + String(repeating: "]", count: 100_000) + "\n")
          ]
        },
        check: { $0.expectFinding("deep.yaml", 1, 1011, "RL000", "nesting too deep") }),
      HostileCase(
        name: "YAML 100,000-deep flow mapping → RL000 nesting too deep, at the 1000th level",
        files: {
          [
            "deep.yaml": bytes(
              "resources: " + String(repeating: "{a: ", count: 100_000) + "1"
                + String(repeating: "}", count: 100_000) + "\n")
          ]
        },
        check: { $0.expectFinding("deep.yaml", 1, 4008, "RL000", "nesting too deep") }),
      HostileCase(
        name: "YAML 100,000-deep block sequence (- - - …) → RL000 nesting too deep",
        files: {
          ["deep.yaml": bytes("resources:\n" + String(repeating: "- ", count: 100_000) + "x\n")]
        },
        check: { $0.expectFinding("deep.yaml", 2, 1999, "RL000", "nesting too deep") }),
      HostileCase(
        name: "YAML 2,000-deep indented block mapping → RL000 nesting too deep",
        files: {
          var text = "resources:\n"
          for depth in 1..<2_000 { text += String(repeating: " ", count: depth) + "a:\n" }
          return ["deep.yaml": bytes(text + String(repeating: " ", count: 2_000) + "b: 1\n")]
        },
        check: { $0.expectFinding("deep.yaml", 1001, 1001, "RL000", "nesting too deep") }),
      HostileCase(
        name: "YAML 100,000 empty documents, then a finding → found at its line",
        files: { ["docs.yaml": bytes(String(repeating: "---\n", count: 100_000) + yamlFinding)] },
        check: { $0.expectFinding("docs.yaml", 100_003, 24, "RL004") }),
      HostileCase(
        name: "YAML tab indentation → RL000 at the tab; a tab inside a flow mapping is fine",
        files: {
          [
            "tab.yaml": bytes("w:\n  resources:\n\trequests: {memory: 1GB}\n"),
            "flowtab.yaml": bytes("w:\n  resources:\n    requests: {memory:\t1GB}\n"),
          ]
        },
        check: { outcome in
          outcome.expectFinding("tab.yaml", 3, 1, "RL000", "cannot start any token")
          outcome.expectFinding("flowtab.yaml", 3, 24, "RL004")
        }),
      HostileCase(
        name: "Huge quantities in YAML (1e999999999, 10,000 digits, 9223372036854775808Ei)",
        files: {
          [
            "huge.yaml": bytes(
              "w:\n  resources:\n    requests: {memory: 1e999999999, cpu: "
                + String(repeating: "9", count: 10_000)
                + "}\n    limits: {memory: 9223372036854775808Ei, cpu: \"1e-999999999\"}\n")
          ]
        },
        check: { outcome in
          outcome.expectFinding("huge.yaml", 3, 42, "RL007")
          outcome.expectFinding("huge.yaml", 4, 22, "RL001")
          outcome.expectFinding("huge.yaml", 4, 50, "RL008")
        }),
      HostileCase(
        name: "A 1 MB line in YAML with findings before and after it on that line",
        files: {
          [
            "long.yaml": bytes(
              "w:\n  resources:\n    requests: {memory: 1GB, x: \""
                + String(repeating: "a", count: 1 << 20) + "\", cpu: 1k}\n")
          ]
        },
        check: { outcome in
          outcome.expectFinding("long.yaml", 3, 24, "RL004")
          outcome.expectFinding("long.yaml", 3, 1_048_617, "RL007")
        }),
      HostileCase(
        name: "A 100 MB YAML file (comment lines) with a finding at its end → found, bounded",
        prepare: { root in
          let line = bytes("# " + String(repeating: "x", count: 97) + "\n")
          var chunk: [UInt8] = []
          for _ in 0..<10_486 { chunk += line }  // 1 MiB of comment lines
          _ = FileManager.default.createFile(atPath: root + "/big.yaml", contents: nil)
          let out = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/big.yaml"))
          for _ in 0..<100 { out.write(Data(chunk)) }
          out.write(Data(bytes(yamlFinding)))
          try out.close()
        },
        check: { $0.expectFinding("big.yaml", 1_048_603, 24, "RL004") }),
    ]
  }

  static var python: [HostileCase] {
    let deep = 100_000
    return [
      HostileCase(
        name: "Python 100,000-deep parentheses, then a finding → found",
        files: {
          [
            "deep.py": bytes(
              pythonHead + "x = " + String(repeating: "(", count: deep)
                + String(repeating: ")", count: deep) + "\n" + pythonFinding)
          ]
        },
        check: { $0.expectFinding("deep.py", 3, 19, "RL004") }),
      HostileCase(
        name: "Python 100,000 unclosed brackets in a Resources call → RL000 never closed",
        files: {
          [
            "deep.py": bytes(
              pythonHead + "x = Resources(cpu=" + String(repeating: "[", count: deep) + "\n")
          ]
        },
        check: { $0.expectFinding("deep.py", 2, 100_018, "RL000", "was never closed") }),
      HostileCase(
        name: "Python 100,000-deep lists, unary minus, `not`, dicts and sums inside calls",
        files: {
          [
            "lists.py": bytes(
              pythonHead + "x = Resources(cpu=" + String(repeating: "[", count: deep)
                + String(repeating: "]", count: deep) + ")\n" + pythonFinding),
            "unary.py": bytes(
              pythonHead + "x = " + String(repeating: "-", count: deep) + "1\n" + pythonFinding),
            "not.py": bytes(
              pythonHead + "x = " + String(repeating: "not ", count: deep) + "1\n"
                + pythonFinding),
            "dict.py": bytes(
              pythonHead + "x = Resources(mem=" + String(repeating: "{1:", count: deep) + "1"
                + String(repeating: "}", count: deep) + ")\n" + pythonFinding),
            "sum.py": bytes(
              pythonHead + "x = Resources(mem=" + String(repeating: "1+", count: deep) + "1)\n"
                + pythonFinding),
            "lambda.py": bytes(
              pythonHead + "x = " + String(repeating: "lambda: ", count: deep)
                + "Resources(mem=\"1GB\")\n" + pythonFinding),
          ]
        },
        check: { outcome in
          for file in ["lists.py", "unary.py", "not.py", "dict.py", "sum.py", "lambda.py"] {
            outcome.expectFinding(file, 3, 19, "RL004")
          }
          outcome.expectFinding("lists.py", 2, 19, "RL015")
          outcome.expectFinding("lambda.py", 2, 800_019, "RL004")
        }),
      HostileCase(
        name: "Python chain of 10,000 with_overrides calls on one line → each found, linear",
        files: {
          [
            "chain.py": bytes(
              pythonHead + "x = t"
                + String(
                  repeating: ".with_overrides(requests=Resources(mem=\"1GB\"))", count: 10_000)
                + "\n" + pythonFinding)
          ]
        },
        check: { outcome in
          #expect(outcome.findings(in: "chain.py").count == 10_001)
          outcome.expectFinding("chain.py", 3, 19, "RL004")
        }),
      HostileCase(
        name: "Python unterminated string and triple-quoted string → RL000 where they start",
        files: {
          [
            "string.py": bytes(pythonHead + pythonFinding + "x = \"abc\n"),
            "triple.py": bytes(pythonHead + pythonFinding + "x = \"\"\"abc\n\n"),
            "swallow.py": bytes(pythonHead + "x = '''abc\n" + pythonFinding),
          ]
        },
        check: { outcome in
          outcome.expectFinding("string.py", 2, 19, "RL004")
          outcome.expectFinding("string.py", 3, 5, "RL000", "unterminated string literal")
          outcome.expectFinding("triple.py", 2, 19, "RL004")
          outcome.expectFinding("triple.py", 3, 5, "RL000", "unterminated triple-quoted")
          // The string swallows the call: text in strings is never a declaration.
          #expect(outcome.findings(in: "swallow.py").map(\.code) == ["RL000"])
        }),
      HostileCase(
        name: "Python 200-deep nested f-strings → RL000, bounded",
        files: {
          [
            "fstring.py": bytes(
              pythonHead + "x = " + String(repeating: "f\"{", count: 200) + "1"
                + String(repeating: "}\"", count: 200) + "\n" + pythonFinding)
          ]
        },
        check: { outcome in
          outcome.expectFinding("fstring.py", 2, 156, "RL000", "f-string nesting is too deep")
          outcome.expectFinding("fstring.py", 3, 19, "RL004")
        }),
      HostileCase(
        name:
          "Huge quantities in Python (1e999999999, 10,000 digits, 9223372036854775808Ei, 1e999999)",
        files: {
          [
            "huge.py": bytes(
              pythonHead + "r = Resources(mem=\"1e999999999\", cpu=\""
                + String(repeating: "9", count: 10_000) + "\")\n"
                + "q = Resources(mem=\"9223372036854775808Ei\", cpu="
                + String(repeating: "9", count: 10_000) + ", gpu=1e999999)\n")
          ]
        },
        check: { outcome in
          outcome.expectFinding("huge.py", 2, 38, "RL007")
          outcome.expectFinding("huge.py", 3, 10_054, "RL004", "\"inf\"")
        }),
      HostileCase(
        name: "A 1 MB line in Python with a finding after it on that line → right column",
        files: {
          [
            "long.py": bytes(
              pythonHead + "x = \"" + String(repeating: "a", count: 1 << 20)
                + "\"; r = Resources(mem=\"1GB\")\n")
          ]
        },
        check: { $0.expectFinding("long.py", 2, 1_048_603, "RL004") }),
      HostileCase(
        name: "Code is never executed: os.system in Python, !!python/object/apply in YAML",
        files: {
          [
            "run.py": bytes(
              "import os\nos.system(\"touch pwned\")\n" + pythonHead
                + "r = Resources(mem=__import__(\"os\").system(\"touch pwned2\"))\n"),
            "run.yaml": bytes(
              "a: !!python/object/apply:os.system [\"touch pwned3\"]\nw:\n  resources:\n"
                + "    requests: {memory: !!python/object/apply:os.system [\"touch pwned4\"]}\n"),
          ]
        },
        check: { outcome in
          // The snapshot comparison already fails on any new file; say why here too.
          for marker in ["pwned", "pwned2", "pwned3", "pwned4"] {
            #expect(!FileManager.default.fileExists(atPath: outcome.root + "/" + marker))
          }
        }),
      HostileCase(
        name: "Empty .py and .yaml files → clean",
        files: { ["empty.py": [], "empty.yaml": []] },
        check: { outcome in
          outcome.expectClean("empty.py")
          outcome.expectClean("empty.yaml")
        }),
    ]
  }

  static var encodings: [HostileCase] {
    [
      HostileCase(
        name: "NUL bytes in YAML and Python → RL000 at the NUL",
        files: {
          [
            "nul.yaml": bytes("w:\n  resources:\n    requests: {memory: 1G") + [0] + bytes("B}\n"),
            "nul.py": bytes(pythonHead + "x = 1") + [0] + bytes("\n" + pythonFinding),
          ]
        },
        check: { outcome in
          outcome.expectFinding("nul.yaml", 3, 26, "RL000", "NUL byte")
          outcome.expectFinding("nul.py", 2, 6, "RL000", "NUL byte")
        }),
      HostileCase(
        name: "Invalid UTF-8 (0xFF, Latin-1, overlong, surrogate, cut short) → RL000 at the byte",
        files: {
          [
            "ff.py": bytes(pythonHead + "x = \"") + [0xFF, 0xFE] + bytes("\"\n" + pythonFinding),
            "latin1.yaml": bytes("name: caf") + [0xE9] + bytes("\n" + yamlFinding),
            "overlong.py": bytes("x = \"") + [0xC0, 0xAF] + bytes("\"\n"),
            "surrogate.yaml": bytes("a: ") + [0xED, 0xA0, 0x80] + bytes("\n"),
            "cut.yaml": bytes("a: ") + [0xE2, 0x82],
          ]
        },
        check: { outcome in
          outcome.expectFinding("ff.py", 2, 6, "RL000", "invalid UTF-8 byte 0xFF")
          outcome.expectFinding("latin1.yaml", 1, 10, "RL000", "UTF-8")
          outcome.expectFinding("overlong.py", 1, 6, "RL000", "UTF-8")
          outcome.expectFinding("surrogate.yaml", 1, 4, "RL000", "UTF-8")
          outcome.expectFinding("cut.yaml", 1, 4, "RL000", "truncated UTF-8")
        }),
      HostileCase(
        name: "UTF-16 with BOM, little- and big-endian → RL000 at 1:1",
        files: {
          var little: [UInt8] = [0xFF, 0xFE]
          var big: [UInt8] = [0xFE, 0xFF]
          for unit in yamlFinding.utf16 {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
          }
          return ["le.yaml": little, "be.py": big]
        },
        check: { outcome in
          outcome.expectFinding("le.yaml", 1, 1, "RL000", "UTF-16")
          outcome.expectFinding("be.py", 1, 1, "RL000", "UTF-16")
        }),
      HostileCase(
        name: "UTF-8 BOM with a finding on line 1 → the BOM is not a column",
        files: {
          [
            "bom.yaml": [0xEF, 0xBB, 0xBF] + bytes("resources: {requests: {memory: 1GB}}\n"),
            "bom.py": [0xEF, 0xBB, 0xBF]
              + bytes("import flytekit; r = flytekit.Resources(mem=\"1GB\")\n"),
            "bom3.yaml": [0xEF, 0xBB, 0xBF] + bytes(yamlFinding),
          ]
        },
        check: { outcome in
          outcome.expectFinding("bom.yaml", 1, 32, "RL004")
          outcome.expectFinding("bom.py", 1, 45, "RL004")
          outcome.expectFinding("bom3.yaml", 3, 24, "RL004")
        }),
      HostileCase(
        name: "CRLF and lone CR line endings → findings at the right lines",
        files: {
          let lines = ["w:", "  resources:", "", "    requests: {memory: 1GB}", ""]
          let python = [String(pythonHead.dropLast()), "", "r = Resources(mem=\"1GB\")", ""]
          return [
            "crlf.yaml": bytes(lines.joined(separator: "\r\n")),
            "cr.yaml": bytes(lines.joined(separator: "\r")),
            "crlf.py": bytes(python.joined(separator: "\r\n")),
            "cr.py": bytes(python.joined(separator: "\r")),
            "mixed.yaml": bytes("w:\r\n  resources:\r\r\n\n    requests: {memory: 1GB}\r"),
          ]
        },
        check: { outcome in
          outcome.expectFinding("crlf.yaml", 4, 24, "RL004")
          outcome.expectFinding("cr.yaml", 4, 24, "RL004")
          outcome.expectFinding("crlf.py", 3, 19, "RL004")
          outcome.expectFinding("cr.py", 3, 19, "RL004")
          outcome.expectFinding("mixed.yaml", 5, 24, "RL004")
        }),
    ]
  }

  /// Inputs that make each PCRE2 pattern of the scanners (`grep -rn 'Pattern(' Sources`)
  /// backtrack or retry as much as it can; every match is bounded by the match limit, and the
  /// declaration after the hostile text must still be found.
  static var patterns: [HostileCase] {
    [
      HostileCase(
        name: "callSites: `Resources` followed by 1 MB of blanks (regression: match limit hit)",
        files: {
          [
            "spaces.py": bytes(
              pythonHead + "x = Resources" + String(repeating: " ", count: 1 << 20) + "\n"
                + pythonFinding),
            "blank-lines.py": bytes(
              pythonHead
                + String(repeating: String(repeating: " ", count: 100_000) + "\n", count: 20)
                + pythonFinding),
            "cr.py": bytes(
              pythonHead + "x = Resources" + String(repeating: " \r", count: 300_000) + "1\n"
                + pythonFinding),
          ]
        },
        check: { outcome in
          outcome.expectFinding("spaces.py", 3, 19, "RL004")
          outcome.expectFinding("blank-lines.py", 22, 19, "RL004")
          outcome.expectFinding("cr.py", 300_003, 19, "RL004")
        }),
      HostileCase(
        name: "callSites: 300,000 backslash continuations after a name, and glued names",
        files: {
          [
            "continued.py": bytes(
              pythonHead + "x = Resources" + String(repeating: " \\\n", count: 300_000) + "1\n"
                + pythonFinding),
            "glued.py": bytes(
              pythonHead + String(repeating: "Resources", count: 100_000) + "(\n"
                + pythonFinding),
            "many.py": bytes(
              pythonHead + String(repeating: "Resources ", count: 200_000) + "\n"
                + pythonFinding),
          ]
        },
        check: { outcome in
          outcome.expectFinding("continued.py", 300_003, 19, "RL004")
          outcome.expectFinding("glued.py", 3, 19, "RL004")
          outcome.expectFinding("glued.py", 2, 900_001, "RL000", "was never closed")
          outcome.expectFinding("many.py", 3, 19, "RL004")
        }),
      HostileCase(
        name: "decorators and prefilter: 1,000 lines of 1,000 `@`, 200,000 near-miss words",
        files: {
          [
            "at.py": bytes(
              pythonHead
                + String(repeating: String(repeating: "@", count: 1_000) + "\n", count: 1_000)
                + pythonFinding),
            "indented-at.py": bytes(
              pythonHead
                + String(
                  repeating: String(repeating: " \t\u{0C}", count: 10_000) + "@x\n", count: 30)
                + pythonFinding),
            "near.py": bytes(
              String(repeating: "Resource", count: 200_000) + "\n" + pythonHead + pythonFinding),
          ]
        },
        check: { outcome in
          outcome.expectFinding("at.py", 1_002, 19, "RL004")
          outcome.expectFinding("indented-at.py", 32, 19, "RL004")
          outcome.expectFinding("near.py", 3, 19, "RL004")
        }),
    ]
  }

  static var fileSystem: [HostileCase] {
    [
      HostileCase(
        name: "A directory named x.py (walked and named) → its files are linted",
        files: { ["x.py/inner.yaml": bytes(yamlFinding)] },
        paths: [".", "x.py"],
        check: { outcome in
          outcome.expectFinding("x.py/inner.yaml", 3, 24, "RL004")
          outcome.expectClean("x.py")
        }),
      HostileCase(
        name: "A FIFO named on the command line → RL000 not a regular file, no blocking",
        prepare: { root in mkfifo(root + "/fifo.py", 0o644) },
        paths: [".", "fifo.py"],
        check: { $0.expectFinding("fifo.py", 1, 1, "RL000", "not a regular file") }),
      HostileCase(
        name: "FIFOs inside a walked tree (and as .resourcelint.yml, .gitignore) → skipped",
        prepare: { root in
          mkdir(root + "/sub", 0o755)
          mkfifo(root + "/sub/pipe.yaml", 0o644)
          mkfifo(root + "/pipe.py", 0o644)
          mkfifo(root + "/sub/.resourcelint.yml", 0o644)
          mkfifo(root + "/sub/.gitignore", 0o644)
        },
        check: { outcome in
          outcome.expectClean("sub/pipe.yaml")
          outcome.expectClean("pipe.py")
        }),
      HostileCase(
        name: "A character device behind a link named on the command line → RL000, no reading",
        prepare: { root in symlink("/dev/zero", root + "/zero.yaml") },
        paths: [".", "zero.yaml"],
        check: { $0.expectFinding("zero.yaml", 1, 1, "RL000", "not a regular file") }),
      HostileCase(
        name: "A symbolic link loop → RL000 when named, skipped in a walk",
        prepare: { root in
          symlink("loop2.py", root + "/loop1.py")
          symlink("loop1.py", root + "/loop2.py")
          symlink(".", root + "/self")
        },
        paths: [".", "loop1.py"],
        check: { outcome in
          outcome.expectFinding("loop1.py", 1, 1, "RL000", "symbolic link loop")
          outcome.expectClean("loop2.py")
          #expect(!outcome.run.stdout.contains("self/"))
        }),
      HostileCase(
        name: "A dangling symbolic link → RL000 when named, skipped in a walk",
        prepare: { root in
          symlink("nowhere.yaml", root + "/dangling.yaml")
          symlink("nowhere.py", root + "/dangling.py")
        },
        paths: [".", "dangling.yaml"],
        check: { outcome in
          outcome.expectFinding("dangling.yaml", 1, 1, "RL000", "dangling symbolic link")
          outcome.expectClean("dangling.py")
        }),
      HostileCase(
        name: "Symbolic links out of the tree (file and directory) → not followed in a walk",
        prepare: { root in
          symlink("../outside/outside.yaml", root + "/link.yaml")
          symlink("../outside", root + "/linkdir")
          symlink("/", root + "/slash")
        },
        check: { outcome in
          outcome.expectClean("link.yaml")
          #expect(!outcome.run.stdout.contains("linkdir"))
          #expect(!outcome.run.stdout.contains("slash"))
        }),
      HostileCase(
        name: "An unreadable file (walked and named) → RL000 Permission denied, once",
        files: { ["secret.yaml": bytes(yamlFinding)] },
        prepare: { root in chmod(root + "/secret.yaml", 0) },
        paths: [".", "secret.yaml"],
        locked: ["secret.yaml"],
        check: { outcome in
          outcome.expectFinding("secret.yaml", 1, 1, "RL000", "Permission denied")
        }),
      HostileCase(
        name: "An unreadable directory (walked and named) → RL000 Permission denied, once",
        files: { ["locked/in.yaml": bytes(yamlFinding)] },
        prepare: { root in chmod(root + "/locked", 0) },
        paths: [".", "locked"],
        locked: ["locked"],
        check: { outcome in
          outcome.expectFinding("locked", 1, 1, "RL000", "Permission denied")
          outcome.expectClean("locked/in.yaml")
        }),
      HostileCase(
        name: "A file and a directory whose names are not UTF-8 → RL000, not silently skipped",
        prepare: { root in
          let content = bytes(yamlFinding)
          for name: [UInt8] in [bytes("bad") + [0xFF] + bytes(".yaml"), bytes("dir") + [0xFE]] {
            let path = (bytes(root + "/") + name).map { CChar(bitPattern: $0) } + [0]
            if name.last == 0xFE {
              mkdir(path, 0o755)
            } else {
              let descriptor = open(path, O_WRONLY | O_CREAT, 0o644)
              _ = content.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
              close(descriptor)
            }
          }
        },
        check: { outcome in
          outcome.expectFinding("bad\u{FFFD}.yaml", 1, 1, "RL000", "not valid UTF-8")
          outcome.expectFinding("dir\u{FFFD}", 1, 1, "RL000", "not valid UTF-8")
        }),
      HostileCase(
        name: "A file name with a line break → one escaped output line per finding",
        files: {
          ["new\nline.yaml": bytes(yamlFinding), "esc\u{1B}[31m.yaml": bytes(yamlFinding)]
        },
        check: { outcome in
          outcome.expectFinding("new\\nline.yaml", 3, 24, "RL004")
          outcome.expectFinding("esc\\x1b[31m.yaml", 3, 24, "RL004")
        }),
    ]
  }

  static var configuration: [HostileCase] {
    func broken(_ name: String, _ content: [UInt8], _ location: String, _ text: String)
      -> HostileCase
    {
      HostileCase(
        name: name, files: { [".resourcelint.yml": content] }, usageError: true,
        check: { outcome in
          #expect(
            outcome.run.stderr.contains(".resourcelint.yml:\(location): \(text)"),
            "\(outcome.run.stderr)")
          #expect(outcome.run.stdout.isEmpty)
        })
    }
    return [
      broken(
        "Broken .resourcelint.yml (unclosed flow sequence) → exit 2 with file:line:col",
        bytes("select: [RL001, RL002\nignore: x\n"), "2:7", "invalid YAML"),
      broken(
        "Broken .resourcelint.yml (tab indentation) → exit 2 with file:line:col",
        bytes("select: [RL001]\n\texclude: x\n"), "2:1", "invalid YAML"),
      broken(
        "Broken .resourcelint.yml (NUL byte) → exit 2 with file:line:col",
        bytes("a: ") + [0] + bytes("\n"), "1:4", "file contains a NUL byte"),
      broken(
        "Broken .resourcelint.yml (100,000-deep nesting) → exit 2 with file:line:col",
        bytes(String(repeating: "[", count: 100_000)), "1:1001", "invalid YAML"),
      broken(
        "Broken .resourcelint.yml (an alias inside its own anchor) → exit 2 with file:line:col",
        bytes("x: &a [*a]\n"), "1:1", "unknown key 'x'"),
    ]
  }
}
