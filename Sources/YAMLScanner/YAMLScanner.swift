import LibYAML
import ResourceModel
import SourceText

/// Finds resource declarations in YAML files: Kubernetes workloads (CRDs included), volume
/// claims, ResourceQuotas and LimitRanges, Helm values, Flyte admin and propeller
/// configuration, flytectl attribute files and Flyte IDL task specs.
///
/// It never judges a value; it records each one exactly as written (plain or quoted, with its
/// span). libyaml does no type resolution, and neither does this scanner: `cpu: 1` is the plain
/// scalar `1`, `cpu: "1"` the string `1`, and `on` stays the text `on`. Only null is resolved
/// (untagged plain `~`, `null`, `Null`, `NULL` or nothing), because an unset value is not a
/// value at all.
///
/// Files that are YAML but declare no compute resources (RBAC rules, CRD schemas, CI
/// workflows, docker-compose files) give nothing. Helm chart templates are not YAML until they
/// are rendered, so they are skipped quietly.
public enum YAMLScanner {
  /// How many levels of YAML-in-a-ConfigMap are read (a ConfigMap inside a ConfigMap is rare
  /// but must not recurse without end).
  static let maxEmbedding = 2

  /// Words one of which every YAML declaration's key contains: `ontainer` for container lists
  /// (`containers`, `initContainers`, `sidecarContainers`, …) and Argo's `container`, `sidecars`,
  /// `resources` (also `task_resources`), and the attribute files' top-level `defaults` and
  /// `limits` (also a LimitRange's `limits`). flytepropeller's defaults are found by their own
  /// keys, and a ResourceQuota, whose `hard` is too common a word, by its kind. YAML built from
  /// other files (ConfigMap data) is in the same bytes. Argo's
  /// `script` key is searched apart (`mayHaveScriptKey`): as a plain word it is found in
  /// `description`, one of the commonest keys of all, and would send most settings files to
  /// the parser for nothing.
  public static let prefilterWords = [
    "ontainer", "sidecars", "resources", "defaults", "limits", "default-cpus", "default-memory",
    "ResourceQuota",
  ]
  static let prefilter = LiteralSet(prefilterWords)

  /// False when no declaration can be in the file: none of the words any declaration's key needs
  /// occurs, and no double-quoted escape could spell one (`\x`, `\u`, `\U` write any letter,
  /// and an escaped line break joins two halves of a word; other escapes write no letter).
  ///
  /// The engine skips such files without parsing them, so a broken YAML file that could not
  /// declare anything anyway gives no RL000; invalid UTF-8, NUL bytes and UTF-16 are still found
  /// by the engine's text check, which every file passes through.
  public static func mayDeclare(_ bytes: UnsafeRawBufferPointer) -> Bool {
    prefilter.occurs(in: bytes) || mayDeclareBeyondWords(bytes)
  }

  /// What `mayDeclare` adds to a literal search of `prefilterWords`: a `script` key, or an
  /// escape that could spell any word.
  public static func mayDeclareBeyondWords(_ bytes: UnsafeRawBufferPointer) -> Bool {
    mayHaveScriptKey(bytes) || mayHideWords(bytes)
  }

  /// True when `script` occurs where a key named `script` could start: not right after an
  /// ASCII letter, digit or `_` (as in `description` or `javascript`), which would make it the
  /// tail of a longer plain or quoted word. A byte above 0x7F does not count as a letter, since
  /// libyaml also breaks lines at NEL, LS and PS.
  static func mayHaveScriptKey(_ bytes: UnsafeRawBufferPointer) -> Bool {
    ByteSearch.occurs(scriptWord, anchor: 4, in: bytes) { start in
      guard start > 0 else { return true }
      let before = bytes[start - 1]
      let isWordByte =
        (before >= 0x61 && before <= 0x7A) || (before >= 0x41 && before <= 0x5A)
        || (before >= 0x30 && before <= 0x39) || before == 0x5F
      return !isWordByte
    }
  }
  private static let scriptWord = Array("script".utf8)

  /// True when a double-quoted escape could spell a word of `prefilterWords`.
  public static func mayHideWords(_ bytes: UnsafeRawBufferPointer) -> Bool {
    ByteSearch.occurs(UInt8(ascii: "\\"), followedBy: Array("xuU\n\r".utf8), in: bytes)
  }

  /// Reads a `{defaults: {…}, limits: {…}}` mapping of `stream`, parsed from `file`, exactly as
  /// declarations are read (values as written, with their spans). Inline platform limits have
  /// this shape without any key that would make them a declaration.
  public static func defaultsAndLimits(
    of mapping: YAMLNodeID, in stream: YAMLStream, file: SourceFile,
    key makeKey: (String) -> ResourceKey
  ) -> (defaults: ResourceList, limits: ResourceList) {
    let walker = DocumentWalker(
      stream: stream, bytes: file.bytes, locator: Locator(file: file), embedding: 0)
    return (
      walker.mapEntries(stream.value(forKey: "defaults", in: mapping), makeKey),
      walker.mapEntries(stream.value(forKey: "limits", in: mapping), makeKey)
    )
  }

  /// Scans one YAML file.
  /// - Parameter file: the file's bytes; `file.path` is copied into every declaration.
  /// - Returns: the declarations found, and a problem if (part of) the file could not be parsed.
  /// - Parameter collectingComments: also return the file's comments (`ScanResult.comments`),
  ///   read from the same parse.
  public static func scan(_ file: SourceFile, collectingComments: Bool = false) -> ScanResult {
    let hasTemplateDirective = containsTemplateDirective(file.bytes[...])
    if hasTemplateDirective && isUnderTemplatesDirectory(file.path) {
      return ScanResult()
    }
    var result = ScanResult()
    let stream = scanBuffer(
      file.bytes, locator: Locator(file: file), origin: nil, embedding: 0, into: &result)
    if collectingComments {
      result.comments = comments(in: file.bytes, scalars: stream.scalarByteRanges)
    }
    // A chart template outside `templates/` that is not valid YAML is still a template.
    if hasTemplateDirective && !result.problems.isEmpty {
      return ScanResult()
    }
    result.declarations = sortedBySource(result.declarations)
    return result
  }

  /// Parses `bytes` and scans every document, appending to `result`.
  /// - Parameter origin: for embedded YAML, the ConfigMap data key it came from.
  @discardableResult
  static func scanBuffer(
    _ bytes: [UInt8], locator: Locator, origin: String?, embedding: Int,
    into result: inout ScanResult
  ) -> YAMLStream {
    let stream = YAMLStream.parse(bytes)
    var walker = DocumentWalker(
      stream: stream, bytes: bytes, locator: locator, embedding: embedding)
    for document in stream.documents {
      walker.scanDocument(root: document.root)
    }
    result.declarations.append(contentsOf: walker.declarations)
    result.problems.append(contentsOf: walker.problems)
    if let error = stream.error {
      if origin != nil && containsTemplateDirective(bytes[...]) { return stream }
      result.problems.append(problem(for: error, locator: locator, origin: origin))
    }
    return stream
  }

  static func problem(for error: YAMLError, locator: Locator, origin: String?) -> ScanProblem {
    var message: String
    switch error.kind {
    case .reader: message = "YAML text error: " + error.problem
    case .scanner, .parser: message = "YAML syntax error: " + error.problem
    case .depth: message = "YAML nesting too deep: " + error.problem
    case .memory: message = "YAML parser error: " + error.problem
    }
    if let context = error.context {
      message += " (" + context
      if let contextMark = error.contextMark {
        let location = locator.locationOfAnyMark(contextMark)
        message += " at line \(location.line), column \(location.column)"
      }
      message += ")"
    }
    if let origin { message += " in embedded YAML '\(origin)'" }
    return ScanProblem(message, at: SourceSpan(at: locator.locationOfAnyMark(error.mark)))
  }

  /// True when the bytes contain `{{`, the start of a Go template directive.
  static func containsTemplateDirective(_ bytes: ArraySlice<UInt8>) -> Bool {
    let brace = UInt8(ascii: "{")
    return bytes.withUnsafeBufferPointer { buffer in
      // Any two adjacent bytes include one at an odd index, so only those need a first look.
      var index = 1
      while index < buffer.count {
        if buffer[index] == brace
          && (buffer[index - 1] == brace
            || (index + 1 < buffer.count && buffer[index + 1] == brace))
        {
          return true
        }
        index += 2
      }
      return false
    }
  }

  static func isUnderTemplatesDirectory(_ path: String) -> Bool {
    let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
    return components.dropLast().contains("templates")
  }

  static func sortedBySource(_ declarations: [Declaration]) -> [Declaration] {
    // Declarations mostly come in source order already, and a stable sort keeps that order.
    if zip(declarations, declarations.dropFirst()).allSatisfy({ !($1.location < $0.location) }) {
      return declarations
    }
    return declarations.enumerated().sorted { lhs, rhs in
      if lhs.element.location != rhs.element.location {
        return lhs.element.location < rhs.element.location
      }
      return lhs.offset < rhs.offset
    }.map(\.element)
  }
}
