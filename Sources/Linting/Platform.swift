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
    var found = scan.declarations.filter { $0.kind.isPlatformConfig }
    var isInline = false
    if found.isEmpty && scan.declarations.isEmpty {
      // Inline limits have the shape of flyteadmin's `task_resources` section without the key:
      // nest the text under it (one line up, two columns right) and let the scanner read it.
      let nested = YAMLScanner.scan(
        SourceFile(path: source, bytes: nestedUnderTaskResources(bytes)))
      found = nested.declarations.filter { $0.kind == .flyteAdmin }
      isInline = true
    }
    guard found.count <= 1 else {
      throw PlatformError(
        "platform file \(source) holds \(found.count) sets of task resource limits; give one")
    }
    guard let declaration = found.first else {
      throw PlatformError(
        "platform file \(source) has no task resource limits (expected a flyteadmin "
          + "task_resources section, a flytectl attribute file, or `limits: {cpu: \"16\", …}`)")
    }
    let shift = isInline ? (line: 1, column: 2) : (line: 0, column: 0)
    func read(_ list: ResourceList) throws(PlatformError) -> ResourceList {
      var result = ResourceList()
      for var entry in list {
        if case .none = entry.value.form { continue }
        guard let quantity = entry.value.quantity else {
          let start = entry.value.span.start
          throw PlatformError(
            "platform file \(source):\(start.line - shift.line):\(start.column - shift.column): "
              + "\(entry.writtenKey) \(entry.value.pythonRepr) is not a quantity")
        }
        if quantity.isZero { continue }
        if isInline { entry.key = inlineKey(entry.writtenKey) }
        result.append(entry)
      }
      return result
    }
    let limits = try read(declaration.limits)
    guard !limits.isEmpty else {
      throw PlatformError("platform file \(source) sets no (non-zero) task resource limits")
    }
    return PlatformLimits(source: source, defaults: try read(declaration.requests), limits: limits)
  }

  /// `task_resources:` followed by every line of `bytes` indented by two spaces.
  static func nestedUnderTaskResources(_ bytes: [UInt8]) -> [UInt8] {
    var text = bytes
    if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
    var result = Array("task_resources:\n  ".utf8)
    for byte in text {
      result.append(byte)
      if byte == UInt8(ascii: "\n") { result.append(contentsOf: [0x20, 0x20]) }
    }
    return result
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
