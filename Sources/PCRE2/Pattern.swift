internal import CPCRE2

/// Why a pattern could not be compiled.
public struct PatternError: Error, Sendable, CustomStringConvertible {
  public var pattern: String
  public var offset: Int
  public var message: String

  public var description: String { "invalid pattern \(pattern) at offset \(offset): \(message)" }
}

/// A PCRE2 pattern compiled once (with JIT where available) and shared by every thread.
///
/// `@unchecked Sendable` is sound: after compilation the code and its JIT machine code are
/// read-only, and PCRE2 documents them as safe to use from several threads at once. Per-match
/// state (match data, match context) is created per call and never shared.
public final class Pattern: @unchecked Sendable {
  /// Stops runaway backtracking: no match in a linted file may take more steps than this.
  public static let matchLimit: UInt32 = 1_000_000

  public let source: String
  private let code: OpaquePointer
  public let isJITCompiled: Bool

  /// Compiles `source`. Patterns match bytes (no UTF mode), so invalid UTF-8 in a subject can
  /// neither fail a match nor trigger PCRE2's per-call UTF re-validation.
  public init(_ source: String, multiline: Bool = true) throws(PatternError) {
    self.source = source
    let bytes = Array(source.utf8)
    var errorCode: Int32 = 0
    var errorOffset = 0
    let options: UInt32 = multiline ? PCRE2_MULTILINE : 0
    guard
      let compiled = pcre2_compile_8(bytes, bytes.count, options, &errorCode, &errorOffset, nil)
    else {
      throw PatternError(
        pattern: source, offset: errorOffset, message: Pattern.message(for: errorCode))
    }
    code = compiled
    isJITCompiled = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
  }

  deinit { pcre2_code_free_8(code) }

  /// Byte ranges of every non-overlapping match in `subject`, in order.
  ///
  /// A match that exceeds the match limit ends the search: the ranges found so far are returned
  /// and `complete` is false, so that the caller can say the search was cut short.
  public func matches(in subject: UnsafeRawBufferPointer) -> (ranges: [Range<Int>], complete: Bool)
  {
    matches(in: subject, range: 0..<subject.count)
  }

  /// `matches(in:)` within `range` of `subject`: a match starts at or after its start and ends
  /// at or before its end, and lookbehinds still see the bytes before it.
  public func matches(
    in subject: UnsafeRawBufferPointer, range: Range<Int>, limit: Int = Int.max
  ) -> (ranges: [Range<Int>], complete: Bool) {
    guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else {
      return ([], false)
    }
    defer { pcre2_match_data_free_8(matchData) }
    let context = pcre2_match_context_create_8(nil)
    defer { pcre2_match_context_free_8(context) }
    pcre2_set_match_limit_8(context, Pattern.matchLimit)

    let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self)
    let empty: [UInt8] = [0]
    var ranges: [Range<Int>] = []
    var start = max(0, range.lowerBound)
    let length = min(subject.count, range.upperBound)
    return empty.withUnsafeBufferPointer { fallback in
      let pointer = base ?? fallback.baseAddress
      while start <= length {
        var result = pcre2_match_8(code, pointer, length, start, 0, matchData, context)
        if result == PCRE2_ERROR_JIT_STACKLIMIT {
          result = pcre2_match_8(code, pointer, length, start, PCRE2_NO_JIT, matchData, context)
        }
        if result == PCRE2_ERROR_NOMATCH { return (ranges, true) }
        if result < 0 { return (ranges, false) }
        guard let vector = pcre2_get_ovector_pointer_8(matchData) else { return (ranges, false) }
        let lower = vector[0]
        let upper = vector[1]
        ranges.append(lower..<upper)
        if ranges.count >= limit { return (ranges, true) }
        start = upper > lower ? upper : upper + 1
      }
      return (ranges, true)
    }
  }

  /// Whether `subject` contains a match: nil when the search could not tell (the match limit,
  /// a PCRE2 error), for callers that must then assume the worse answer.
  public func hasMatch(in subject: UnsafeRawBufferPointer) -> Bool? {
    let found = matches(in: subject, range: 0..<subject.count, limit: 1)
    if !found.ranges.isEmpty { return true }
    return found.complete ? false : nil
  }

  /// Whether `subject` contains at least one match.
  public func firstMatch(in subject: UnsafeRawBufferPointer) -> Range<Int>? {
    guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else { return nil }
    defer { pcre2_match_data_free_8(matchData) }
    let context = pcre2_match_context_create_8(nil)
    defer { pcre2_match_context_free_8(context) }
    pcre2_set_match_limit_8(context, Pattern.matchLimit)
    let empty: [UInt8] = [0]
    return empty.withUnsafeBufferPointer { fallback -> Range<Int>? in
      let pointer = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? fallback.baseAddress
      var result = pcre2_match_8(code, pointer, subject.count, 0, 0, matchData, context)
      if result == PCRE2_ERROR_JIT_STACKLIMIT {
        result = pcre2_match_8(code, pointer, subject.count, 0, PCRE2_NO_JIT, matchData, context)
      }
      guard result > 0, let vector = pcre2_get_ovector_pointer_8(matchData) else { return nil }
      return vector[0]..<vector[1]
    }
  }

  public func matches(in bytes: [UInt8]) -> [Range<Int>] {
    bytes.withUnsafeBytes { matches(in: $0).ranges }
  }

  public func firstMatch(in bytes: [UInt8]) -> Range<Int>? {
    bytes.withUnsafeBytes { firstMatch(in: $0) }
  }

  private static func message(for errorCode: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
    guard length > 0 else { return "error \(errorCode)" }
    return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
  }
}
