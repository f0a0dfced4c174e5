/// Names where a finding sits in terms that survive edits elsewhere in the file.
///
/// Line numbers change whenever someone adds an import; the declaring construct (its kind, the
/// task, object or container name, its owner), the resource key and whether it is a request or
/// a limit do not. Baselines match findings by this place and SARIF fingerprints hash it, so a
/// finding stays "the same finding" while the code around it moves.
public enum LogicalPlace {
  /// The place of a finding a rule reported while checking `declaration`: the declaration
  /// plus the entry (requests/limits key, argument, accelerator, container) whose value or key
  /// span is the finding's span. Rules that relate declarations (a task and its overrides) may
  /// point into another declaration of the file, so those are searched next.
  public static func of(
    _ span: SourceSpan, checking declaration: Declaration, in file: [Declaration]
  ) -> String {
    if let target = target(of: span, in: declaration) {
      return describe(declaration) + " > " + target
    }
    // A finding about the declaration as a whole (RL026, RL027, RL020) sits at its start;
    // searching the other declarations for it would make such files quadratic.
    if span.start == declaration.location { return describe(declaration) }
    for other in file where other.location != declaration.location || other != declaration {
      if let target = target(of: span, in: other) {
        return describe(declaration) + " > " + describe(other) + " > " + target
      }
    }
    return describe(declaration)
  }

  /// The place of a finding that belongs to the file rather than to a declaration (RL000 parse
  /// errors, RL028 unused suppressions): the text of its line, which moves with it, and the
  /// message with every number blanked out, since parse errors quote other lines' numbers.
  public static func fileLevel(lineText: String?, message: String) -> String {
    var digitsBlanked = ""
    var previousWasDigit = false
    for character in message {
      if character.isASCII && character.isNumber {
        if !previousWasDigit { digitsBlanked.append("#") }
        previousWasDigit = true
      } else {
        digitsBlanked.append(character)
        previousWasDigit = false
      }
    }
    let line = (lineText ?? "").trimmingBlanks()
    return line.isEmpty ? "file > \(digitsBlanked)" : "file > `\(line)` > \(digitsBlanked)"
  }

  /// `task train`, `k8s-container server at spec.template.spec.containers`,
  /// `pod-template of train container primary`.
  public static func describe(_ declaration: Declaration) -> String {
    var text = declaration.kind.rawValue
    if let name = declaration.name, !name.isEmpty { text += " " + name }
    if let owner = declaration.owner, owner != declaration.name { text += " of " + owner }
    if let container = declaration.container, container != declaration.name {
      text += " container " + container
    }
    if let path = declaration.path {
      // A named container is found by its name; list positions would shift when one is added.
      text += " at " + (declaration.name == nil ? path : path.removingListIndices())
    }
    return text
  }

  private static func target(of span: SourceSpan, in declaration: Declaration) -> String? {
    let lists: [(String, ResourceList?)] = [
      ("requests", declaration.requests), ("limits", declaration.limits),
      ("fields", declaration.resourceFields),
    ]
    // Exact spans first: a value inside a tuple must not be taken for the whole tuple.
    for exact in [true, false] {
      func hits(_ candidate: SourceSpan) -> Bool {
        exact ? candidate == span : candidate.contains(span)
      }
      for (side, list) in lists {
        for entry in list?.entries ?? [] where hits(entry.value.span) || hits(entry.keySpan) {
          return "\(side).\(entry.writtenKey)"
        }
      }
      if let accelerator = declaration.accelerator, hits(accelerator.span) { return "accelerator" }
      for argument in declaration.arguments
      where hits(argument.span) || argument.value.map({ hits($0.span) }) == true {
        return "argument \(argument.name)"
      }
      for container in declaration.templateContainers ?? [] where hits(container.span) {
        return "template container \(container.name ?? "?")"
      }
    }
    return nil
  }

  /// One key per diagnostic, in the given order: `RL001 > task train > limits.cpu`, with `#2`,
  /// `#3`… appended when the same rule reports the same place of the same file again, so that
  /// identical findings still get distinct keys (counted in report order, which inserted lines
  /// do not change).
  public static func occurrenceKeys(_ diagnostics: [Diagnostic]) -> [String] {
    var seen: [String: Int] = [:]
    return diagnostics.map { diagnostic in
      let key =
        diagnostic.code + " > " + (diagnostic.logicalPlace ?? "line \(diagnostic.span.start.line)")
      let count = (seen[diagnostic.file + "\u{0}" + key] ?? 0) + 1
      seen[diagnostic.file + "\u{0}" + key] = count
      return count == 1 ? key : "\(key) #\(count)"
    }
  }

  /// `path` as a relative POSIX path from `currentDirectory` where it lies below it, with `.`
  /// components and `dir/..` pairs removed: `./k8s//app.yaml` and `/repo/k8s/app.yaml` (run in
  /// `/repo`) both become `k8s/app.yaml`. Other absolute paths stay absolute.
  public static func portablePath(_ path: String, currentDirectory: String?) -> String {
    var absolute = path.hasPrefix("/")
    var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    if absolute, let currentDirectory {
      let base = currentDirectory.split(separator: "/").map(String.init)
      if components.count > base.count && Array(components.prefix(base.count)) == base {
        components.removeFirst(base.count)
        absolute = false
      }
    }
    var kept: [String] = []
    for component in components {
      switch component {
      case ".": continue
      case "..":
        if let last = kept.last, last != ".." {
          kept.removeLast()
        } else if !absolute {
          kept.append(component)
        }
      default: kept.append(component)
      }
    }
    let joined = kept.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }
}

extension String {
  /// `spec.containers[0].resources` → `spec.containers.resources`.
  fileprivate func removingListIndices() -> String {
    var out = ""
    var inIndex = false
    for character in self {
      if character == "[" {
        inIndex = true
      } else if character == "]" {
        inIndex = false
      } else if !inIndex {
        out.append(character)
      }
    }
    return out
  }
}
