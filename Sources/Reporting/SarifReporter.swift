import ResourceModel

/// SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI dashboards ingest.
///
/// One run with the full rule catalog as `tool.driver.rules` (so a viewer can show each rule's
/// documentation), one result per finding with its exact region, and a
/// `partialFingerprints["resourcelint/v1"]` hashed from the finding's logical place — file,
/// declaration, resource key and side, rule — so code scanning recognises a finding as the same
/// one after lines are inserted above it. A finding on a shared value lists the constructs
/// that use it as `relatedLocations`, which the fingerprint does not depend on. Paths inside
/// the repository are relative to its root under `%SRCROOT%`, which `originalUriBaseIds` maps
/// to the root, so a log is the same from any subdirectory and code scanning finds the files;
/// paths outside it are absolute `file:` URIs. Each rule's `helpUri` is its section of
/// docs/rules.md.
public enum SarifReporter {
  /// The schema the output is valid against (its `$id`).
  public static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
  /// The fingerprint's name; bump the version whenever the logical place format changes.
  public static let fingerprintName = "resourcelint/v1"

  /// - Parameters:
  ///   - diagnostics: the findings, in report order.
  ///   - rules: the rule catalog, indexed by `ruleIndex`.
  ///   - toolVersion: the running resourcelint's version.
  ///   - currentDirectory: the absolute directory relative diagnostic paths start from.
  ///   - repositoryRoot: the absolute directory URIs are relative to (`%SRCROOT%`), found by the
  ///     caller (`RepositoryRoot.containing`): a reporter reads no file system. nil, or a
  ///     relative path with no current directory, leaves relative paths as they are and, for
  ///     nil, omits `originalUriBaseIds`.
  public static func render(
    _ diagnostics: [Diagnostic], rules: [RuleDescription], toolVersion: String,
    currentDirectory: String?, repositoryRoot: String?
  ) -> String {
    var ruleIndex: [String: Int] = [:]
    for (index, rule) in rules.enumerated() { ruleIndex[rule.code] = index }
    let keys = LogicalPlace.occurrenceKeys(diagnostics)

    let results = zip(diagnostics, keys).map { diagnostic, key -> String in
      let path = rootRelativePath(
        diagnostic.file, currentDirectory: currentDirectory, repositoryRoot: repositoryRoot)
      var fields: [(String, String)] = [("ruleId", JSON.string(diagnostic.code))]
      if let index = ruleIndex[diagnostic.code] { fields.append(("ruleIndex", String(index))) }
      fields += [
        ("level", JSON.string(level(diagnostic.severity))),
        ("message", JSON.object([("text", JSON.string(diagnostic.message))])),
        ("locations", "[" + location(path: path, span: diagnostic.span) + "]"),
        (
          "partialFingerprints",
          JSON.object([(fingerprintName, JSON.string(fingerprint(path: path, key: key)))])
        ),
      ]
      if !diagnostic.related.isEmpty {
        // §3.27.22: each related location has an `id` unique within the result, and a message.
        let related = diagnostic.related.enumerated().map { index, related in
          let target = rootRelativePath(
            related.file, currentDirectory: currentDirectory, repositoryRoot: repositoryRoot)
          return location(
            path: target, span: related.span,
            extra: [
              ("id", String(index + 1)),
              ("message", JSON.object([("text", JSON.string(related.message))])),
            ])
        }
        fields.append(("relatedLocations", "[" + related.joined(separator: ", ") + "]"))
      }
      if let fix = diagnostic.fix {
        fields.append(("fixes", "[" + fixObject(fix, path: path) + "]"))
      }
      if let place = diagnostic.logicalPlace {
        fields.append(("properties", JSON.object([("logicalPlace", JSON.string(place))])))
      }
      return JSON.object(fields)
    }

    let driver: [(String, String)] = [
      ("name", JSON.string("resourcelint")),
      ("fullName", JSON.string("resourcelint \(toolVersion)")),
      ("version", JSON.string(toolVersion)),
      ("semanticVersion", JSON.string(toolVersion)),
      ("rules", JSON.array(rules.map(ruleObject))),
    ]
    var run: [(String, String)] = [("tool", JSON.object([("driver", JSON.object(driver))]))]
    if let root = absoluteDirectory(repositoryRoot) {
      // SARIF §3.14.14: the base is an absolute URI ending in `/`, so that the relative
      // references resolve below it rather than replacing its last segment.
      let base = root == "/" ? root : root + "/"
      run.append(
        (
          "originalUriBaseIds",
          JSON.object([
            ("%SRCROOT%", JSON.object([("uri", JSON.string("file://" + percentEncoded(base)))]))
          ])
        ))
    }
    run += [
      ("columnKind", JSON.string("unicodeCodePoints")),
      ("results", JSON.array(results)),
    ]
    let log = JSON.object([
      ("$schema", JSON.string(schemaURI)),
      ("version", JSON.string("2.1.0")),
      ("runs", "[\n    " + JSON.object(run) + "\n  ]"),
    ])
    return log + "\n"
  }

  /// SARIF's level for a severity: `info` is a `note`.
  public static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  private static func ruleObject(_ rule: RuleDescription) -> String {
    let helpText = rule.rationale + "\n\nHow to fix: " + rule.fix
    var configuration: [(String, String)] = [
      ("level", JSON.string(level(rule.defaultSeverity)))
    ]
    if rule.isOptIn { configuration.append(("enabled", "false")) }
    return JSON.object([
      ("id", JSON.string(rule.code)),
      ("name", JSON.string(rule.name)),
      ("shortDescription", JSON.object([("text", JSON.string(rule.summary))])),
      ("fullDescription", JSON.object([("text", JSON.string(rule.rationale))])),
      (
        "help",
        JSON.object([
          ("text", JSON.string(helpText)),
          ("markdown", JSON.string(RuleReporter.explain(rule))),
        ])
      ),
      ("helpUri", JSON.string(RuleDocumentation.url(for: rule.code))),
      ("defaultConfiguration", JSON.object(configuration)),
      (
        "properties",
        JSON.object([
          ("tags", "[" + JSON.string(rule.name) + "]"),
          ("severityDetail", JSON.optionalString(RuleReporter.severityText(rule))),
        ])
      ),
    ])
  }

  /// A finding's path as written in the log: relative to `repositoryRoot` when it lies inside
  /// it, else absolute; `.` and `dir/..` folded first, so that `..` cannot climb out of the root
  /// unnoticed. Relative paths start from `currentDirectory`; without a root, or without a
  /// current directory to resolve them, they stay relative, as given.
  static func rootRelativePath(
    _ file: String, currentDirectory: String?, repositoryRoot: String?
  ) -> String {
    guard let root = absoluteDirectory(repositoryRoot) else {
      return LogicalPlace.portablePath(file, currentDirectory: nil)
    }
    var path = file
    if !path.hasPrefix("/") {
      guard let current = absoluteDirectory(currentDirectory) else {
        return LogicalPlace.portablePath(file, currentDirectory: nil)
      }
      path = current + "/" + path
    }
    let absolute = LogicalPlace.portablePath(path, currentDirectory: nil)
    return LogicalPlace.portablePath(absolute, currentDirectory: root)
  }

  /// `directory` folded to `/a/b` (no `.`, `..` or final `/`), or nil unless it is absolute.
  private static func absoluteDirectory(_ directory: String?) -> String? {
    guard let directory, directory.hasPrefix("/") else { return nil }
    return LogicalPlace.portablePath(directory, currentDirectory: nil)
  }

  /// A `fix` (§3.55): the rule's title as its description, one artifact change with a
  /// replacement per edit (an insertion has an empty deleted region). The applicability is a
  /// property: SARIF has no word for it.
  private static func fixObject(_ fix: Fix, path: String) -> String {
    let replacements = fix.edits.map { edit in
      let start = edit.span.start
      let end = edit.span.end < start ? start : edit.span.end
      let region = JSON.object([
        ("startLine", String(max(1, start.line))), ("startColumn", String(max(1, start.column))),
        ("endLine", String(max(1, end.line))), ("endColumn", String(max(1, end.column))),
      ])
      return JSON.object([
        ("deletedRegion", region),
        ("insertedContent", JSON.object([("text", JSON.string(edit.replacement))])),
      ])
    }
    let change = JSON.object([
      ("artifactLocation", artifactLocation(path)),
      ("replacements", "[" + replacements.joined(separator: ", ") + "]"),
    ])
    return JSON.object([
      ("description", JSON.object([("text", JSON.string(fix.title))])),
      ("artifactChanges", "[" + change + "]"),
      ("properties", JSON.object([("applicability", JSON.string(fix.applicability.rawValue))])),
    ])
  }

  /// An `artifactLocation`: a `file:` URI for an absolute path, else relative to `%SRCROOT%`.
  private static func artifactLocation(_ path: String) -> String {
    if path.hasPrefix("/") {
      return JSON.object([("uri", JSON.string("file://" + percentEncoded(path)))])
    }
    return JSON.object([
      ("uri", JSON.string(percentEncoded(path))), ("uriBaseId", JSON.string("%SRCROOT%")),
    ])
  }

  /// A `location` object; `extra` members (a related location's `id` and `message`) come
  /// before its `physicalLocation`.
  private static func location(
    path: String, span: SourceSpan, extra: [(String, String)] = []
  ) -> String {
    let start = span.start
    // SARIF's endColumn is exclusive, like our spans; a region must not end before it starts.
    var end = span.end
    if end < start || end.line < 1 || end.column < 1 {
      end = SourceLocation(line: start.line, column: start.column + 1)
    }
    let region = JSON.object([
      ("startLine", String(max(1, start.line))), ("startColumn", String(max(1, start.column))),
      ("endLine", String(max(1, end.line))), ("endColumn", String(max(1, end.column))),
    ])
    return JSON.object(
      extra + [
        (
          "physicalLocation",
          JSON.object([("artifactLocation", artifactLocation(path)), ("region", region)])
        )
      ])
  }

  /// A path as a URI reference: unreserved characters and `/` stay, everything else (spaces,
  /// `%`, `#`, `?`, `:`, non-ASCII) is percent-encoded byte by byte.
  static func percentEncoded(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF")
    var out = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
      }
    }
    return out
  }

  /// 64-bit FNV-1a of the file and occurrence key, as 16 hex digits: stable across runs,
  /// machines and Swift versions (unlike `Hasher`, which is seeded per process).
  static func fingerprint(path: String, key: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in path.utf8 + [0] + key.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
