import Foundation

/// Repository paths, found from this file (never `Bundle.module`).
enum Paths {
  /// `<repo>/Tests/LintingTests/Support/Paths.swift` → `<repo>`.
  static let repository: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)
    return parts.joined(separator: "/")
  }()

  static let fixtures = repository + "/Fixtures"

  /// Every file under `directory` (relative to the repository) with one of `extensions`, sorted.
  static func files(under directory: String, extensions: [String] = [".py", ".yaml", ".yml"])
    -> [String]
  {
    let root = repository + "/" + directory
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var result: [String] = []
    while let item = enumerator.nextObject() as? String {
      if extensions.contains(where: { item.hasSuffix($0) }) {
        result.append(directory + "/" + item)
      }
    }
    return result.sorted()
  }

  static func read(_ relativePath: String) -> String? {
    try? String(contentsOfFile: repository + "/" + relativePath, encoding: .utf8)
  }

  static func bytes(_ relativePath: String) -> [UInt8]? {
    FileManager.default.contents(atPath: repository + "/" + relativePath).map { Array($0) }
  }
}
