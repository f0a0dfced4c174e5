/// The language a file is linted as, decided by its extension.
public enum FileLanguage: Sendable {
  case python
  case yaml

  public init?(path: String) {
    if path.hasSuffix(".py") || path.hasSuffix(".pyi") {
      self = .python
    } else if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
      self = .yaml
    } else {
      return nil
    }
  }
}
