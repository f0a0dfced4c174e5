import Dispatch
import FileIO
import PythonScanner
import ResourceModel
import Rules
import SourceText
import YAMLScanner

/// Scans files and runs the rules over them: files in, diagnostics out.
public struct Linter: Sendable {
  public var rules: RuleSet
  /// Platform limits that RL021 compares against, when given.
  public var platform: PlatformLimits?
  /// Organisation policies from the configuration, run after the rules.
  public var policies: [Policy]
  /// Prefixes of other linters' codes that suppression comments may name.
  public var external: [String] = []
  /// Whether results keep each file's declarations (`dump` needs them; `check` does not, and
  /// dropping them keeps memory bounded by the largest file instead of growing with the tree).
  public var keepsDeclarations = true
  /// Set by `check --fix`, `--diff` and `--fix-only`: files read from disk are fixed (see
  /// `fix(path:bytes:language:options:)`); nil only lints.
  public var fixing: FixOptions?
  /// Whether the cheap byte prefilters (the engine's and the scanners') may skip a file
  /// before scanning it. False scans every file fully: the hidden `check --no-prefilter`, with
  /// which a test shows that the prefilters change no finding.
  public var usesPrefilters = true

  public init(rules: RuleSet, platform: PlatformLimits? = nil, policies: [Policy] = []) {
    self.rules = rules
    self.platform = platform
    self.policies = policies
  }

  /// True when neither a rule nor a policy runs.
  public var checksNothing: Bool { rules.isEmpty && policies.isEmpty }

  /// A linter with a file's own settings (its `.resourcelint.yml`).
  public init(_ settings: LintSettings) {
    self.init(rules: settings.rules, platform: settings.platform, policies: settings.policies)
    external = settings.external
  }

  /// `resourcelint`, without which a file has no suppression comment (see `FileSuppressions`),
  /// so no RL028 either. One pass over a file finds it and the scanner's prefilter words: for
  /// YAML either kind makes the file matter; for Python the two groups are told apart, as a
  /// directive alone makes a file matter (for its comments) but not worth scanning.
  static let yamlWords = LiteralSet(YAMLScanner.prefilterWords + ["resourcelint"])
  static let pythonWords = LiteralSet(groups: [PythonScanner.prefilterWords, ["resourcelint"]])
  static let declarationWords = LiteralSet.Groups.group(0)
  static let directiveWords = LiteralSet.Groups.group(1)
  /// The fewest declarations of a file released on another thread after its rules ran.
  static let declarationsReleasedApart = 10_000

  /// Why the scanners cannot work at all (a candidate pattern that does not compile, a bug of
  /// this build), or nil. The command checks it before linting, so such a build stops with an
  /// error instead of finding nothing.
  public static var scannerSetupProblem: String? {
    do {
      try PythonScanner.verifyPatterns()
      return nil
    } catch {
      return "internal error: \(error)"
    }
  }

  /// Lints one file already in memory (used for `--stdin-filename`, tests and examples).
  ///
  /// Every file's text is checked (UTF-8, NUL, UTF-16), then a literal prefilter decides whether
  /// the scanner may find anything. Most files of a tree fail it and cost no more than these two
  /// passes over their bytes: no line index, no parse, no rule.
  public func lint(path: String, bytes: [UInt8], language: FileLanguage) -> FileResult {
    bytes.withUnsafeBytes { lint(path: path, raw: $0, language: language) { bytes } }
  }

  /// The text check and prefilter over `raw`; only a file that passes them is given an array of
  /// its own (`owned`: the caller's array, or a copy of a reused read buffer).
  private func lint(
    path: String, raw: UnsafeRawBufferPointer, language: FileLanguage, owned: () -> [UInt8]
  ) -> FileResult {
    let textProblem = TextCheck.problem(in: raw)
    // Python's prefilter runs here, once (it includes a PCRE2 search); the scanner is told its
    // answer instead of asking again, and whether the file names `resourcelint` is learnt in
    // the same pass as its declaration words.
    var pythonMayDeclare = true
    var namesDirective: Bool?
    if textProblem == nil, usesPrefilters {
      if language == .python {
        // The search stops at the first declaration word. A file the scanner then reads gets
        // its comments from the tokenizer, so whether it names a directive needs no search
        // through the rest of its bytes (a 41 MiB module's: 0.08 s before its scan could start,
        // 3 % of its check).
        let (found, searched) = Self.pythonWords.groups(in: raw, until: Self.declarationWords)
        pythonMayDeclare =
          found.contains(Self.declarationWords)
          && PythonScanner.mayDeclare(givenDeclarationWord: raw)
        if !pythonMayDeclare {
          namesDirective =
            found.contains(Self.directiveWords)
            || Self.pythonWords.groups(in: UnsafeRawBufferPointer(rebasing: raw[searched...]))
              .contains(Self.directiveWords)
        }
      }
      if !mayMatter(
        raw, language, pythonMayDeclare: pythonMayDeclare, namesDirective: namesDirective)
      {
        return FileResult(path: path, declarations: [], diagnostics: [], lines: [:])
      }
    }
    return scanAndCheck(
      path: path, bytes: owned(), language: language, textProblem: textProblem,
      pythonMayDeclare: pythonMayDeclare, namesDirective: namesDirective)
  }

  /// `namesDirective`: whether the file contains `resourcelint`, when a prefilter pass found out.
  private func scanAndCheck(
    path: String, bytes: [UInt8], language: FileLanguage,
    textProblem: (offset: Int, message: String)?, pythonMayDeclare: Bool,
    namesDirective: Bool? = nil
  ) -> FileResult {
    let file = SourceFile(path: path, bytes: bytes)
    if let problem = textProblem {
      let location = file.location(ofByte: problem.offset)
      return result(
        file: file, declarations: [],
        parseErrors: [
          ScanProblem("cannot read file: \(problem.message)", at: SourceSpan(at: location))
        ])
    }
    // Comments are only needed where a suppression may be: the YAML scanner then reads them
    // from the stream it parses anyway. The Python tokenizer always keeps them, so a file it
    // read is searched for a directive word only when a comment looks like a directive (the
    // search reads every byte of a file that names no `resourcelint`).
    func mentionsDirectiveWord() -> Bool {
      file.bytes.withUnsafeBytes { bytes in
        namesDirective.map { $0 || FileSuppressions.mentionsNoqa(bytes) }
          ?? FileSuppressions.mayContainDirective(bytes)
      }
    }
    var scan: ScanResult
    let needsComments: Bool
    switch language {
    case .python:
      scan = pythonMayDeclare ? PythonScanner.scan(file, usingPrefilter: false) : ScanResult()
      needsComments =
        (scan.comments.map { FileSuppressions.mayHoldDirective($0, in: file.bytes) } ?? true)
        && mentionsDirectiveWord()
    case .yaml:
      needsComments = mentionsDirectiveWord()
      scan = YAMLScanner.scan(file, collectingComments: needsComments)
    }
    var comments: [Range<Int>] = []
    if needsComments {
      // A file the scanner skipped (its prefilter, a chart template) is read for them alone.
      switch language {
      case .python: comments = scan.comments ?? PythonScanner.comments(in: file)
      case .yaml: comments = scan.comments ?? YAMLScanner.comments(in: file)
      }
    }
    // Handed over, not shared: `result` lets go of the declarations once its rules have run.
    let declarations = scan.declarations
    scan.declarations = []
    return result(
      file: file, declarations: declarations, parseErrors: scan.problems, comments: comments)
  }

  /// False when scanning the file cannot give a finding: its scanner's prefilter rejects it and
  /// it has no suppression comment (the only other source of findings).
  private func mayMatter(
    _ bytes: UnsafeRawBufferPointer, _ language: FileLanguage, pythonMayDeclare: Bool,
    namesDirective: Bool?
  ) -> Bool {
    let matters: Bool
    switch language {
    case .python:
      // A file no pass has looked at yet (`--no-prefilter`) may hold a directive.
      matters = pythonMayDeclare || (namesDirective ?? true)
    case .yaml:
      matters = Self.yamlWords.occurs(in: bytes) || YAMLScanner.mayDeclareBeyondWords(bytes)
    }
    // `# noqa: RL002` is a suppression too; too short for the literal set, it is searched apart.
    return matters || FileSuppressions.mentionsNoqa(bytes)
  }

  /// Reads and lints one file from disk. A file that cannot be read is an RL000 finding.
  public func lint(_ input: InputFile) -> FileResult {
    lint(input, reading: nil)
  }

  /// `lint(_:)` reading the file into `buffer`, when given.
  public func lint(_ input: InputFile, reading buffer: ReadBuffer?) -> FileResult {
    if let settings = input.settings {
      var own = input
      own.settings = nil
      var linter = Linter(settings)
      linter.keepsDeclarations = keepsDeclarations
      linter.fixing = fixing
      linter.usesPrefilters = usesPrefilters
      return linter.lint(own, reading: buffer)
    }
    if let fixing {
      // Fixing keeps the bytes as read (edits are placed in them), so no shared buffer.
      switch FileSystem.contents(of: input.path) {
      case .success(let bytes):
        return fix(path: input.path, bytes: bytes, language: input.language, options: fixing)
      case .failure(let error):
        return unreadable(input.path, reason: error.description)
      }
    }
    if let raw = buffer?.read(input.path) {
      return lint(path: input.path, raw: raw, language: input.language) { Array(raw) }
    }
    switch FileSystem.contents(of: input.path) {
    case .success(let bytes):
      return lint(path: input.path, bytes: bytes, language: input.language)
    case .failure(let error):
      return unreadable(input.path, reason: error.description)
    }
  }

  /// An RL000 finding for a path that could not be opened at all.
  public func unreadable(_ path: String, reason: String) -> FileResult {
    let file = SourceFile(path: path, bytes: [])
    return result(
      file: file, declarations: [],
      parseErrors: [
        ScanProblem(
          "cannot read file: \(reason)", at: SourceSpan(at: SourceLocation(line: 1, column: 1)))
      ])
  }

  /// Lints many files in parallel across all cores. Each worker reads, scans and checks one file
  /// at a time, so memory stays bounded by the largest file, not the tree.
  public func lint(_ inputs: [InputFile]) -> [FileResult] {
    let count = inputs.count
    guard count > 0 else { return [] }
    let slots = UnsafeMutableBufferPointer<FileResult?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer { slots.deallocate() }
    nonisolated(unsafe) let shared = slots
    let linter = self
    DispatchQueue.concurrentPerform(iterations: count) { index in
      // Each slot is written by exactly one iteration and read only after all have finished.
      shared[index] = linter.lint(inputs[index])
    }
    return slots.compactMap { $0 }
  }

  /// The file's findings. `declarations` is consumed: they are most of a large file's memory,
  /// and nothing after the rules and policies reads them (unless they are kept for the result),
  /// so they are gone before the findings are filtered, sorted and reported.
  private func result(
    file: SourceFile, declarations: consuming [Declaration], parseErrors: [ScanProblem],
    comments: [Range<Int>] = []
  ) -> FileResult {
    var diagnostics = rules.diagnostics(
      for: declarations, file: file.path, platform: platform, source: file)
    let parseError = EngineReportedRules.parseError
    if let severity = rules.severity(of: parseError) {
      for problem in parseErrors {
        diagnostics.append(
          Diagnostic(
            file: file.path, span: problem.span, code: parseError.code, name: parseError.name,
            severity: severity, message: problem.message))
      }
    }
    for policy in policies {
      diagnostics += policy.diagnostics(for: declarations, file: file.path, source: file)
    }
    let kept = keepsDeclarations ? declarations : []
    let released = consume declarations
    if released.count >= Self.declarationsReleasedApart {
      // Letting go of a dense module's 400,000 declarations took 0.2 s on the thread that
      // still filters, sorts and reports the findings: another thread does it meanwhile.
      DispatchQueue.global().async { withExtendedLifetime(released) {} }
    }
    let suppressions =
      comments.isEmpty
      ? FileSuppressions()
      : FileSuppressions(
        file, comments: comments,
        names: FileSuppressions.Names(policies: policies, external: external))
    diagnostics = applySuppressions(suppressions, to: diagnostics, file: file.path)
    // Suppressed findings are gone, so their fixes are never applied; a fix that does not fit
    // the text it was made for is dropped here, before any reporter offers it.
    diagnostics = FixEngine.validated(diagnostics, in: file)
    // Findings of the file itself (RL000, RL028) are placed by the text of their line.
    for index in diagnostics.indices where diagnostics[index].logicalPlace == nil {
      diagnostics[index].logicalPlace = LogicalPlace.fileLevel(
        lineText: file.text(ofLine: diagnostics[index].span.start.line),
        message: diagnostics[index].message)
    }
    diagnostics.sort(by: Diagnostic.inReportOrder)
    var lines: [Int: String] = [:]
    for diagnostic in diagnostics where lines[diagnostic.span.start.line] == nil {
      lines[diagnostic.span.start.line] = file.text(ofLine: diagnostic.span.start.line)
    }
    return FileResult(
      path: file.path, declarations: kept,
      diagnostics: diagnostics, lines: lines)
  }

  /// Drops suppressed findings and reports, when RL028 and RL029 run, suppressions that
  /// silenced nothing and suppression comments that are misspelt or name no rule.
  private func applySuppressions(
    _ suppressions: FileSuppressions, to diagnostics: [Diagnostic], file: String
  ) -> [Diagnostic] {
    if suppressions.ignoresFile { return [] }
    var kept: [Diagnostic] = []
    var used = Set<String>()  // "line:index:code" of each suppression entry that silenced something
    if suppressions.byLine.isEmpty {
      kept = diagnostics
    } else {
      for diagnostic in diagnostics {
        let line = diagnostic.span.start.line
        let matching = (suppressions.byLine[line] ?? []).enumerated().filter {
          $0.element.silences(diagnostic.code)
        }
        if matching.isEmpty {
          kept.append(diagnostic)
        } else {
          for (index, _) in matching { used.insert("\(line):\(index):\(diagnostic.code)") }
          used.formUnion(matching.map { "\(line):\($0.offset):*" })
        }
      }
    }
    let invalidSuppression = EngineReportedRules.invalidSuppression
    if let severity = rules.severity(of: invalidSuppression) {
      for problem in suppressions.problems {
        kept.append(
          Diagnostic(
            file: file, span: problem.span, code: invalidSuppression.code,
            name: invalidSuppression.name, severity: severity, message: problem.message))
      }
    }
    let unusedSuppression = EngineReportedRules.unusedSuppression
    guard let severity = rules.severity(of: unusedSuppression) else { return kept }
    for (line, list) in suppressions.byLine {
      for (index, suppression) in list.enumerated() {
        var messages: [String] = []
        if let codes = suppression.codes {
          for code in codes
          where (rules.isEnabled(code) || policies.contains { $0.id == code })
            && !used.contains("\(line):\(index):\(code)")
          {
            let name =
              RuleSet.description(named: code)?.name ?? policies.first { $0.id == code }?.name
              ?? code
            messages.append("unused suppression: \(code) (\(name)) reports nothing on this line")
          }
        } else if suppression.style == .resourcelint && !used.contains("\(line):\(index):*") {
          messages.append("unused suppression: no rule reports anything on this line")
        }
        for message in messages {
          kept.append(
            Diagnostic(
              file: file, span: suppression.span, code: unusedSuppression.code,
              name: unusedSuppression.name, severity: severity, message: message))
        }
      }
    }
    return kept
  }
}
