import ResourceModel

/// `resourcelint dump`: the extracted declarations, normalised.
public enum DumpReporter {
  /// The four flytekit fields are always present (null when unset); other keys follow in
  /// source order under their own names.
  static func resources(_ list: ResourceList) -> [(String, String?)] {
    var pairs: [(String, String?)] = FlytekitResources.fieldOrder.map { key in
      (key.dumpName, list[key]?.value.dumpText)
    }
    for key in list.keys {
      if case .named = key { pairs.append((key.dumpName, list[key]?.value.dumpText)) }
    }
    return pairs
  }

  public static func json(_ declarations: [Declaration]) -> String {
    JSON.array(
      declarations.map { declaration in
        JSON.object([
          ("file", JSON.string(declaration.file)),
          ("line", String(declaration.location.line)),
          ("column", String(declaration.location.column)),
          ("source", JSON.string(declaration.language.rawValue)),
          ("kind", JSON.string(declaration.kind.rawValue)),
          ("name", JSON.optionalString(declaration.name)),
          (
            "requests",
            JSON.object(resources(declaration.requests).map { ($0.0, JSON.optionalString($0.1)) })
          ),
          (
            "limits",
            JSON.object(resources(declaration.limits).map { ($0.0, JSON.optionalString($0.1)) })
          ),
          ("accelerator", JSON.optionalString(declaration.accelerator?.dumpText)),
        ])
      }) + "\n"
  }

  /// One line per declaration: `file:line:col: kind name  requests cpu=1 mem=2Gi  limits …`.
  public static func text(_ declarations: [Declaration]) -> String {
    declarations.map { declaration in
      var line = "\(declaration.file):\(declaration.location.line):\(declaration.location.column): "
      line += declaration.kind.rawValue
      if let name = declaration.name { line += " \(name)" }
      for (title, list) in [("requests", declaration.requests), ("limits", declaration.limits)] {
        let set = resources(list).compactMap { name, value in value.map { "\(name)=\($0)" } }
        line += "  \(title): " + (set.isEmpty ? "-" : set.joined(separator: " "))
      }
      if let accelerator = declaration.accelerator {
        line += "  accelerator: \(accelerator.dumpText)"
      }
      return line + "\n"
    }.joined()
  }
}
