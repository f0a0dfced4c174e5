/// What linting one file produced.
public struct FileResult: Sendable {
  public var path: String
  public var declarations: [Declaration]
  public var diagnostics: [Diagnostic]
  /// The text of every line a diagnostic points at, for reporters that show source.
  public var lines: [Int: String]
  /// What fixing the file did, when `check --fix`, `--diff` or `--fix-only` ran over it and a
  /// fix applied; nil otherwise.
  public var fixes: FixRecord?

  public init(
    path: String, declarations: [Declaration], diagnostics: [Diagnostic], lines: [Int: String]
  ) {
    self.path = path
    self.declarations = declarations
    self.diagnostics = diagnostics
    self.lines = lines
  }
}

/// What the fix engine did to one file.
public struct FixRecord: Sendable {
  /// The findings whose fixes were applied, pass by pass, each as reported before its fix.
  public var applied: [Diagnostic]
  /// The file's bytes as read, and after the fixes (equal when none applied).
  public var original: [UInt8]
  public var fixed: [UInt8]
  /// Lint passes that applied fixes.
  public var passes: Int
  /// False when fixes still applied after the last allowed pass: the file may not be final.
  public var converged: Bool
  /// Why the fixed file could not be written, when it could not.
  public var writeError: String?

  public init(
    applied: [Diagnostic], original: [UInt8], fixed: [UInt8], passes: Int, converged: Bool,
    writeError: String? = nil
  ) {
    self.applied = applied
    self.original = original
    self.fixed = fixed
    self.passes = passes
    self.converged = converged
    self.writeError = writeError
  }

  /// True when the fixes changed the file.
  public var changed: Bool { original != fixed }
}
