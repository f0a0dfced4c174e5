import Linting
import ResourceModel
import Workspace

/// What the editor may set for the server, in `initializationOptions` or
/// `workspace/didChangeConfiguration` (under a `resourcelint` key or at the top):
/// `{"select": ["RL001"], "ignore": "RL003,RL011", "severity": {"RL003": "error"},
/// "config": "/path/to/.resourcelint.yml"}`. They mean what `check`'s options of the same
/// names mean, layered over each document's nearest configuration the same way.
public struct ClientSettings: Sendable, Equatable {
  public var select: [String] = []
  public var ignore: [String] = []
  public var severities: [String: String] = [:]
  /// `--config`: one configuration for every document instead of the nearest one.
  public var config: String?

  public init() {}

  /// The settings in `value`, and a description of each part that could not be read (the
  /// rest still applies).
  public static func read(_ value: JSONValue?) -> (settings: ClientSettings, problems: [String]) {
    var settings = ClientSettings()
    var problems: [String] = []
    guard var object = value?.objectValue else { return (settings, problems) }
    if let nested = object["resourcelint"] {
      guard let inner = nested.objectValue else {
        return (settings, ["settings: resourcelint is not an object"])
      }
      object = inner
    }
    func list(_ key: String) -> [String] {
      switch object[key] {
      case .none, .some(.null): return []
      // An empty Lua table reaches us as `{}`: an empty list.
      case .some(.object(let members)) where members.isEmpty: return []
      case .some(.string(let text)): return RuleSet.names(inList: text)
      case .some(.array(let items)):
        let names = items.compactMap(\.stringValue)
        if names.count != items.count { problems.append("settings: \(key) holds a non-string") }
        return names.flatMap { RuleSet.names(inList: $0) }
      default:
        problems.append("settings: \(key) is neither a string nor a list of strings")
        return []
      }
    }
    settings.select = list("select")
    settings.ignore = list("ignore")
    switch object["severity"] {
    case .none, .some(.null): break
    case .some(.object(let members)):
      for (rule, level) in members {
        if let level = level.stringValue {
          settings.severities[rule] = level
        } else {
          problems.append("settings: severity of \(rule) is not a string")
        }
      }
    case .some(.array(let items)):
      for item in items {
        let parts = (item.stringValue ?? "").split(separator: "=", maxSplits: 1).map(String.init)
        if parts.count == 2 {
          settings.severities[parts[0]] = parts[1]
        } else {
          problems.append("settings: severity entries are RULE=LEVEL")
        }
      }
    default: problems.append("settings: severity is not an object of RULE: LEVEL")
    }
    switch object["config"] {
    case .none, .some(.null): break
    case .some(.string(let path)) where !path.isEmpty: settings.config = path
    case .some(.string): break
    default: problems.append("settings: config is not a path")
    }
    return (settings, problems)
  }

  /// The command-line layer these settings make, with a description of each severity that
  /// names no level (left out).
  func commandLineRules() -> (rules: CommandLineRules, problems: [String]) {
    var levels: [String: RuleLevel] = [:]
    var problems: [String] = []
    for (rule, level) in severities.sorted(by: { $0.key < $1.key }) {
      if let known = RuleLevel(rawValue: level) {
        levels[rule] = known
      } else {
        let hint = DidYouMean.hint(level, among: RuleLevel.allCases.map(\.rawValue))
        problems.append("settings: unknown severity '\(level)' for \(rule)\(hint)")
      }
    }
    return (CommandLineRules(select: select, ignore: ignore, severities: levels), problems)
  }
}
