/// A documented example of a rule: code that must (or must not) trigger it.
///
/// Triggering examples mark the expected findings with the fixture grammar
/// (`# expect: [RL002]` at the end of the line, or `# expect: 14 [RL002]` on the line above).
public struct Example: Sendable {
  public var code: String
  public var language: SourceLanguage
  /// Where the example is written, so a failing example points back into the rule file.
  public var file: String
  public var line: Int

  public init(
    _ code: String, language: SourceLanguage, file: String = #filePath, line: Int = #line
  ) {
    self.code = code
    self.language = language
    self.file = file
    self.line = line
  }
}

/// Everything a rule says about itself: identity, default severity, documentation, examples.
public struct RuleDescription: Sendable {
  /// The stable code, `RL001`.
  public var code: String
  /// The kebab-case name, `limit-below-request`.
  public var name: String
  /// One sentence, no final period.
  public var summary: String
  /// Why it matters: what fails, where, with which message.
  public var rationale: String
  /// How to fix it.
  public var fix: String
  public var defaultSeverity: Severity
  /// How the severity varies by finding, when it does (`error below 1Mi, else warning`).
  public var severityDetail: String?
  /// Opt-in rules are off unless selected.
  public var isOptIn: Bool
  public var triggering: [Example]
  public var nonTriggering: [Example]
  /// Whether `check --fix` can correct its findings, and how safely.
  public var fixAvailability: FixAvailability

  public init(
    code: String, name: String, summary: String, rationale: String, fix: String,
    defaultSeverity: Severity, severityDetail: String? = nil, isOptIn: Bool = false,
    triggering: [Example] = [],
    nonTriggering: [Example] = [], fixAvailability: FixAvailability = .none
  ) {
    self.code = code
    self.name = name
    self.summary = summary
    self.rationale = rationale
    self.fix = fix
    self.defaultSeverity = defaultSeverity
    self.severityDetail = severityDetail
    self.isOptIn = isOptIn
    self.triggering = triggering
    self.nonTriggering = nonTriggering
    self.fixAvailability = fixAvailability
  }
}

/// What a rule may look at besides the declaration it is checking.
public struct RuleContext: Sendable {
  /// Every declaration of the same file, for rules that relate a task to its overrides.
  public var fileDeclarations: [Declaration] {
    didSet { (tasksByName, indicesByOwner) = RuleContext.index(fileDeclarations) }
  }
  /// The platform's limits (`--platform` or the `platform:` config key), if given.
  public var platform: PlatformLimits?
  /// The file's index, by position in `fileDeclarations`: its tasks and container tasks by
  /// name, and declarations by kind and owner, in file order. Rules look a task up once per
  /// declaration, and a scan over the whole file each time made a file with thousands of
  /// overrides take minutes; positions instead of copies keep the index small (a copy of every
  /// task made a dense file's index cost more than its tokens).
  private(set) var tasksByName: TaskNameIndex
  private(set) var indicesByOwner: [DeclarationKind: [String: [Int]]]

  public init(fileDeclarations: [Declaration], platform: PlatformLimits? = nil) {
    self.fileDeclarations = fileDeclarations
    self.platform = platform
    (tasksByName, indicesByOwner) = RuleContext.index(fileDeclarations)
  }

  private static func index(_ declarations: [Declaration]) -> (
    TaskNameIndex, [DeclarationKind: [String: [Int]]]
  ) {
    var owned: [DeclarationKind: [String: [Int]]] = [:]
    declarations.withUnsafeBufferPointer { declarations in
      for index in declarations.indices {
        if let owner = declarations[index].owner {
          owned[declarations[index].kind, default: [:]][owner, default: []].append(index)
        }
      }
    }
    return (TaskNameIndex(declarations), owned)
  }

  /// The task or container task named `name`: one position, `.shared` when several tasks
  /// have the name, nil when none has.
  func taskEntry(named name: String) -> TaskNameIndex.Entry? {
    tasksByName.entry(for: name, in: fileDeclarations)
  }

  /// The declarations of `kind` owned by `owner`, in file order.
  func declarations(_ kind: DeclarationKind, ownedBy owner: String) -> [Declaration] {
    (indicesByOwner[kind]?[owner] ?? []).map { fileDeclarations[$0] }
  }
}

/// The Flyte platform's task resource defaults and limits (flyteadmin `task_resources`, a
/// flytectl attribute file, or inline limits). A zero limit means "no limit" and is dropped.
public struct PlatformLimits: Sendable, Hashable {
  /// Where the limits came from, for messages (`platform.yaml`).
  public var source: String
  public var defaults: ResourceList
  public var limits: ResourceList

  public init(source: String, defaults: ResourceList, limits: ResourceList) {
    self.source = source
    self.defaults = defaults
    self.limits = limits
  }
}

/// A rule is a pure function of declarations: no I/O, no C, no global state.
public protocol Rule: Sendable {
  static var description: RuleDescription { get }
  init()
  func check(_ declaration: Declaration, context: RuleContext) -> [Violation]
}
