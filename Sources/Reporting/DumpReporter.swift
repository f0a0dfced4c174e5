import ResourceModel

/// `resourcelint dump`: the extracted declarations, normalised.
public enum DumpReporter {
  /// The four flytekit fields are always present (null when unset, `<dynamic>` when a dynamic
  /// part of the list may set them); other keys follow in source order under their own names.
  static func resources(_ list: ResourceList) -> [(String, String?)] {
    let unset = list.isDynamic ? "<dynamic>" : nil
    var pairs: [(String, String?)] = FlytekitResources.fieldOrder.map { key in
      (key.dumpName, list[key].map { $0.value.dumpText } ?? unset)
    }
    for key in list.keys {
      if case .named = key { pairs.append((key.dumpName, list[key]?.value.dumpText)) }
    }
    return pairs
  }

  /// The source text of everything dynamic in a declaration: `requests`/`limits` for a list
  /// with a dynamic part, `requests.mem` for one value, `accelerator`. Empty when all is known.
  static func dynamicSources(_ declaration: Declaration) -> [(String, String)] {
    var pairs: [(String, String)] = []
    for (side, list) in [("requests", declaration.requests), ("limits", declaration.limits)] {
      if let source = list.dynamicSource { pairs.append((side, source.written)) }
      for (key, entry) in list.winningEntries {
        if let written = entry.value.dynamicText {
          pairs.append(("\(side).\(key.dumpName)", written))
        }
      }
    }
    if let accelerator = declaration.accelerator, case .dynamic = accelerator.form {
      pairs.append(("accelerator", accelerator.written))
    }
    return pairs
  }

  public static func json(_ declarations: [Declaration]) -> String {
    JSON.array(
      declarations.map { declaration in
        if declaration.kind.isFlyte2 { return Flyte2DumpReporter.json(declaration) }
        let dynamic = dynamicSources(declaration)
        // Only where something is dynamic, so that fully literal output keeps its shape.
        let dynamicField =
          dynamic.isEmpty
          ? [] : [("dynamic", JSON.object(dynamic.map { ($0.0, JSON.string($0.1)) }))]
        return JSON.object(
          [
            ("file", JSON.string(declaration.file)),
            ("line", String(declaration.location.line)),
            ("column", String(declaration.location.column)),
            ("source", JSON.string(declaration.language.rawValue)),
          ]
            + (declaration.sdk.map { [("sdk", JSON.string($0.rawValue))] } ?? [])
            + [
              ("kind", JSON.string(declaration.kind.rawValue)),
              ("name", JSON.optionalString(declaration.name)),
              (
                "requests",
                JSON.object(
                  resources(declaration.requests).map { ($0.0, JSON.optionalString($0.1)) })
              ),
              (
                "limits",
                JSON.object(resources(declaration.limits).map { ($0.0, JSON.optionalString($0.1)) })
              ),
              ("accelerator", JSON.optionalString(declaration.accelerator?.dumpText)),
            ] + dynamicField)
      }) + "\n"
  }

  /// One line per declaration: `file:line:col: kind name  requests cpu=1 mem=2Gi  limits …`.
  public static func text(_ declarations: [Declaration]) -> String {
    declarations.map { declaration in
      if declaration.kind.isFlyte2 { return Flyte2DumpReporter.text(declaration) }
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
      let dynamic = dynamicSources(declaration)
      if !dynamic.isEmpty {
        line += "  dynamic: " + dynamic.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
      }
      return line + "\n"
    }.joined()
  }
}
