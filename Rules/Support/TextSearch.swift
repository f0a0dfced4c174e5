extension StringProtocol {
  /// True when `needle`'s bytes occur in this text's UTF-8. The rules only look for ASCII words
  /// (`kubernetes.io/`, `ephemeralContainers[`), where bytes and characters agree, and
  /// `String.contains(String)` goes through _StringProcessing at thousands of instructions a call.
  func containsBytes(of needle: StaticString) -> Bool {
    needle.withUTF8Buffer { pattern in
      if let found = utf8.withContiguousStorageIfAvailable({ Self.search(pattern, in: $0) }) {
        return found
      }
      return Array(utf8).withUnsafeBufferPointer { Self.search(pattern, in: $0) }
    }
  }

  private static func search(
    _ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    guard !pattern.isEmpty else { return true }
    guard text.count >= pattern.count else { return false }
    for start in 0...(text.count - pattern.count) where text[start] == pattern[0] {
      var matched = 1
      while matched < pattern.count && text[start + matched] == pattern[matched] { matched += 1 }
      if matched == pattern.count { return true }
    }
    return false
  }
}
