import FileIO

/// One file to lint.
public struct InputFile: Sendable, Hashable {
  public var path: String
  public var language: FileLanguage
  /// The settings of its configuration (`.resourcelint.yml`), when they differ from the
  /// linter's own; nil lints it with the linter's rules.
  public var settings: LintSettings?

  public init(path: String, language: FileLanguage, settings: LintSettings? = nil) {
    self.path = path
    self.language = language
    self.settings = settings
  }

  public static func == (lhs: InputFile, rhs: InputFile) -> Bool {
    lhs.path == rhs.path && lhs.language == rhs.language
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(path)
    hasher.combine(language)
  }
}
