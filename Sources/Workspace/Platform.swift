import FileIO
import LibYAML
import ResourceModel
import SourceText
import YAMLScanner

/// Why a platform file (`--platform FILE`) cannot be used; the command line exits with 2.
public struct PlatformError: Error, Sendable, CustomStringConvertible {
  public var description: String

  init(_ description: String) { self.description = description }
}

/// Reads the Flyte platform's task resource defaults and limits for RL021.
///
/// Three shapes are accepted, all read with the YAML scanner: a flyteadmin config
/// (`task_resources: {defaults, limits}`), a flytectl task resource attribute file, or inline
/// limits (`limits: {cpu: "16", mem: "64Gi", gpu: "8"}` with optional `defaults:`), where both
/// flytekit names (`mem`, `ephemeral_storage`) and Kubernetes names (`memory`,
/// `ephemeral-storage`) work. A zero means "no limit" (or "no default") and is dropped.
public enum Platform {
  /// Reads and parses the platform file at `path`.
  public static func load(path: String) throws(PlatformError) -> PlatformLimits {
    switch FileSystem.contents(of: path) {
    case .success(let bytes): return try parse(bytes, source: path)
    case .failure(let error): throw PlatformError("platform file \(path): \(error.description)")
    }
  }

  /// Parses platform limits from `bytes`; `source` names them in messages.
  public static func parse(_ bytes: [UInt8], source: String) throws(PlatformError)
    -> PlatformLimits
  {
    if let problem = TextCheck.problem(in: bytes) {
      throw PlatformError("platform file \(source): \(problem.message)")
    }
    let scan = YAMLScanner.scan(SourceFile(path: source, bytes: bytes))
    if let problem = scan.problems.first {
      let start = problem.span.start
      throw PlatformError(
        "platform file \(source):\(start.line):\(start.column): \(problem.message)")
    }
    let found = scan.declarations.filter { $0.kind.isPlatformConfig }
    guard found.count <= 1 else {
      throw PlatformError(
        "platform file \(source) holds \(found.count) sets of task resource limits; give one")
    }
    if let declaration = found.first {
      return try limits(declaration.requests, declaration.limits, source: source)
    }
    // Inline limits: a top-level mapping with `limits` and optionally `defaults`.
    let stream = YAMLStream.parse(bytes)
    guard scan.declarations.isEmpty, let root = stream.documents.first?.root,
      stream[stream.resolved(root)].kind == .mapping,
      stream.value(forKey: "limits", in: stream.resolved(root)) != nil
    else {
      throw PlatformError(
        "platform file \(source) has no task resource limits (expected a flyteadmin "
          + "task_resources section, a flytectl attribute file, or `limits: {cpu: \"16\", …}`)")
    }
    return try inline(
      stream.resolved(root), in: stream, file: SourceFile(path: source, bytes: bytes))
  }

  /// Reads inline platform limits from a `{limits, defaults}` mapping of an already parsed
  /// file (a platform file, or the `platform:` key of a configuration file).
  public static func inline(_ mapping: YAMLNodeID, in stream: YAMLStream, file: SourceFile)
    throws(PlatformError) -> PlatformLimits
  {
    let sections = YAMLScanner.defaultsAndLimits(
      of: mapping, in: stream, file: file, key: inlineKey)
    return try limits(sections.defaults, sections.limits, source: file.path)
  }

  /// Keeps the non-zero entries; a value that is not a quantity is an error at its position.
  private static func limits(_ defaults: ResourceList, _ limits: ResourceList, source: String)
    throws(PlatformError) -> PlatformLimits
  {
    func read(_ list: ResourceList) throws(PlatformError) -> ResourceList {
      var result = ResourceList()
      for entry in list {
        if case .none = entry.value.form { continue }
        guard let quantity = entry.value.quantity else {
          let start = entry.value.span.start
          throw PlatformError(
            "platform file \(source):\(start.line):\(start.column): "
              + "\(entry.writtenKey) \(entry.value.pythonRepr) is not a quantity")
        }
        if !quantity.isZero { result.append(entry) }
      }
      return result
    }
    let nonZeroLimits = try read(limits)
    guard !nonZeroLimits.isEmpty else {
      throw PlatformError("platform file \(source) sets no (non-zero) task resource limits")
    }
    return PlatformLimits(source: source, defaults: try read(defaults), limits: nonZeroLimits)
  }

  /// Inline limits accept flytekit, Kubernetes and flyteadmin spellings.
  static func inlineKey(_ written: String) -> ResourceKey {
    switch written {
    case "mem", "memory": .memory
    case "ephemeral_storage", "ephemeral-storage", "ephemeralStorage": .ephemeralStorage
    default: ResourceKey(flyteAdminKey: written)
    }
  }
}
