import Dispatch
import ResourceModel
import Rules
import SourceText

/// Why a rule selection could not be applied.
public struct SelectionError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// The rules that run, each with its effective severity. Built from the registry plus the
/// user's `--select`, `--ignore` and `--severity` choices.
public struct RuleSet: Sendable {
  public struct Entry: Sendable {
    public var rule: any Rule
    public var description: RuleDescription
    /// nil keeps the per-finding or default severity of the rule.
    public var severityOverride: Severity?
  }

  public private(set) var entries: [Entry]
  /// What `diagnostics` needs of each entry. An `Entry` carries the rule's whole documentation
  /// (texts, examples), and copying it for every declaration and rule retained and released
  /// each of those strings and arrays; codes and names are small strings, copied for free.
  private var checks: [Check] = []

  private struct Check {
    var rule: any Rule
    var code: String
    var name: String
    var severity: Severity?
    var defaultSeverity: Severity

    init(_ entry: Entry) {
      rule = entry.rule
      code = entry.description.code
      name = entry.description.name
      severity = entry.severityOverride
      defaultSeverity = entry.description.defaultSeverity
    }
  }
  /// The engine-reported rules (`EngineReportedRules`) that run, by code, at their severity.
  private var engineSeverities: [String: Severity] = [:]

  /// The severity `rule`, one of `EngineReportedRules`, reports at; nil when it does not run.
  public func severity(of rule: RuleDescription) -> Severity? { engineSeverities[rule.code] }

  /// True when the rule with this code runs (engine-reported rules included).
  public func isEnabled(_ code: String) -> Bool {
    engineSeverities[code] != nil || entries.contains { $0.description.code == code }
  }

  /// True when no rule runs at all, engine-reported ones included (`--select RL001 --ignore
  /// RL001`): a run would check nothing.
  public var isEmpty: Bool { entries.isEmpty && engineSeverities.isEmpty }

  /// Every rule that runs, in code order, with the severity it reports at when that is fixed
  /// (by the rule's default or a `rules:`/`--severity` choice); nil when the rule's own
  /// severity, which may depend on the finding, applies.
  public var enabledRules: [(description: RuleDescription, severity: Severity?)] {
    var enabled: [(description: RuleDescription, severity: Severity?)] = entries.map {
      ($0.description, $0.severityOverride)
    }
    for rule in EngineReportedRules.all {
      if let severity = engineSeverities[rule.code] { enabled.append((rule, severity)) }
    }
    return enabled.sorted { $0.description.code < $1.description.code }
  }

  /// Every registered rule's description, in code order.
  public static let descriptions: [RuleDescription] =
    allRules.map { $0.description }.sorted { $0.code < $1.code }

  /// The position in `descriptions` of each rule, under its code (upper case) and its name
  /// (lower case): every `# noqa` and `ignore[...]` code of a file is looked up here.
  private static let positions: [String: Int] = {
    var positions: [String: Int] = [:]
    for (position, rule) in descriptions.enumerated() {
      positions[rule.code] = position
      positions[rule.name] = position
    }
    return positions
  }()

  /// Finds a rule by code (`RL002`, any case) or name (`bare-integer-memory`, any case).
  public static func description(named name: String) -> RuleDescription? {
    guard let position = positions[name.uppercased()] ?? positions[name.lowercased()] else {
      return nil
    }
    return descriptions[position]
  }

  /// - Parameters:
  ///   - select: if non-empty, only these rules run (opt-in rules included); `ALL` selects all.
  ///   - ignore: rules that never run.
  ///   - severities: per-rule severity overrides; `nil` as a value turns the rule off.
  ///   - only: for fixtures, exactly these rules.
  public init(
    select: [String] = [], ignore: [String] = [], severities: [String: RuleLevel] = [:]
  ) throws(SelectionError) {
    func resolve(_ names: [String]) throws(SelectionError) -> Set<String> {
      var codes = Set<String>()
      for name in names {
        if name.uppercased() == "ALL" {
          codes.formUnion(RuleSet.descriptions.map(\.code))
        } else if let found = RuleSet.description(named: name) {
          codes.insert(found.code)
        } else {
          throw SelectionError(
            description:
              "unknown rule '\(name)'\(RuleSet.hint(forUnknown: name)) (see `resourcelint rules`)")
        }
      }
      return codes
    }
    let selected = try resolve(select)
    let ignored = try resolve(ignore)
    var overrides: [String: RuleLevel] = [:]
    for (name, severity) in severities {
      guard let found = RuleSet.description(named: name) else {
        throw SelectionError(
          description:
            "unknown rule '\(name)'\(RuleSet.hint(forUnknown: name)) (see `resourcelint rules`)")
      }
      overrides[found.code] = severity
    }

    entries = []
    for ruleType in allRules {
      let description = ruleType.description
      let code = description.code
      var enabled = selected.isEmpty ? !description.isOptIn : selected.contains(code)
      if ignored.contains(code) { enabled = false }
      var severity: Severity? = nil
      if let override = overrides[code] {
        if let level = override.severity { severity = level } else { enabled = false }
      }
      guard enabled else { continue }
      if EngineReportedRules.contains(code) {
        engineSeverities[code] = severity ?? description.defaultSeverity
      } else {
        entries.append(
          Entry(rule: ruleType.init(), description: description, severityOverride: severity))
      }
    }
    checks = entries.map(Check.init)
  }

  /// Runs every rule over every declaration of one file. `source`, the file's text, lets
  /// findings on shared values quote the argument each user passes them through.
  public func diagnostics(
    for declarations: [Declaration], file: String, platform: PlatformLimits? = nil,
    source: SourceFile? = nil
  ) -> [Diagnostic] {
    let context = RuleContext(fileDeclarations: declarations, platform: platform)
    let runs = violations(of: declarations, context: context)
    // Sized once: a dense module's thousands of findings would otherwise be copied at each
    // doubling, the old array and the new one both alive at the run's peak.
    var findings = FileFindings(source: source, expected: runs.reduce(0) { $0 + $1.count })
    for found in runs.joined() {
      let check = checks[found.check]
      let violation = found.violation
      let declaration = declarations[found.declaration]
      let diagnostic = Diagnostic(
        file: file, span: violation.span, code: check.code, name: check.name,
        severity: check.severity ?? violation.severity ?? check.defaultSeverity,
        message: violation.message, fix: violation.fix)
      findings.add(diagnostic, checking: declaration) {
        LogicalPlace.of(violation.span, checking: declaration, in: declarations)
      }
    }
    return findings.diagnostics
  }

  /// A violation with the declaration (its index) and the check (index in `checks`) that found it.
  private typealias Found = (declaration: Int, check: Int, violation: Violation)

  /// Declarations checked by one task at a time: a file with fewer is checked on the calling
  /// thread. Rules are pure functions of a declaration and the file's context, so a large file
  /// (thousands of tasks in one module) is split into runs checked on every core, and their
  /// findings are put back in order.
  static let declarationsPerTask = 4096

  /// Every rule's violations over `declarations`, in declaration then rule order, in runs
  /// (read through, not joined into one more array).
  private func violations(of declarations: [Declaration], context: RuleContext) -> [[Found]] {
    let checks = checks
    @Sendable func check(_ range: Range<Int>) -> [Found] {
      var found: [Found] = []
      for position in range {
        let declaration = declarations[position]
        // By index: copying a check copies its rule existential, for every declaration.
        for index in checks.indices {
          for violation in checks[index].rule.check(declaration, context: context) {
            found.append((position, index, violation))
          }
        }
      }
      return found
    }
    let perTask = RuleSet.declarationsPerTask
    guard declarations.count > perTask else { return [check(declarations.indices)] }
    let tasks = (declarations.count + perTask - 1) / perTask
    let slots = UnsafeMutableBufferPointer<[Found]>.allocate(capacity: tasks)
    slots.initialize(repeating: [])
    defer { slots.deinitialize().deallocate() }
    nonisolated(unsafe) let shared = slots
    DispatchQueue.concurrentPerform(iterations: tasks) { task in
      // Each slot is written by exactly one task and read only after all have finished.
      let start = task * perTask
      shared[task] = check(start..<min(start + perTask, declarations.count))
    }
    return Array(slots)
  }
}
