/// What one string token evaluates to, as far as a static reader can tell.
enum StringPiece {
  /// A `str` whose value is known (escapes decoded, raw strings kept raw).
  case text(String)
  /// A `bytes` literal.
  case bytes
  /// An f-string with replacement fields: its value is only known at run time.
  case formatted
  /// An unterminated literal.
  case invalid
}

/// Decoding of Python literals into the values `str()` would show.
enum PythonLiterals {
  /// Decodes the string token `bytes[start..<end]` (prefix and quotes included).
  static func decodeString(_ b: UnsafeBufferPointer<UInt8>, _ token: Token) -> StringPiece {
    if token.flags & StringFlags.unterminated != 0 { return .invalid }
    var quoteAt = token.start
    var raw = false
    var isBytes = false
    var formatted = false
    while quoteAt < token.end && b[quoteAt] != 0x22 && b[quoteAt] != 0x27 {
      switch b[quoteAt] | 0x20 {
      case 0x72: raw = true
      case 0x62: isBytes = true
      case 0x66, 0x74: formatted = true
      default: break
      }
      quoteAt += 1
    }
    if isBytes { return .bytes }
    if formatted && token.flags & StringFlags.hasPlaceholders != 0 { return .formatted }
    let quote = quoteAt < token.end ? b[quoteAt] : 0x22
    let triple = token.end - quoteAt >= 6 && b[quoteAt + 1] == quote && b[quoteAt + 2] == quote
    let quoteLength = triple ? 3 : 1
    let contentStart = quoteAt + quoteLength
    let contentEnd = token.end - quoteLength
    guard contentStart <= contentEnd else { return .text("") }
    // Up to the first byte that is not its own value (an escape, a line break, a doubled brace),
    // the contents are the bytes as written; most literals hold none and need no copy (which
    // was 2 % of a dense module's check).
    var i = contentStart
    while i < contentEnd {
      let c = b[i]
      if c == 0x5C || c == 0x0D || (formatted && (c == 0x7B || c == 0x7D)) { break }
      i += 1
    }
    let verbatim = UnsafeBufferPointer(rebasing: b[contentStart..<i])
    if i == contentEnd { return .text(String(decoding: verbatim, as: UTF8.self)) }
    var out = Array(verbatim)
    out.reserveCapacity(contentEnd - contentStart)
    while i < contentEnd {
      let c = b[i]
      if formatted && (c == 0x7B || c == 0x7D) && i + 1 < contentEnd && b[i + 1] == c {
        out.append(c)
        i += 2
        continue
      }
      if c == 0x0D {
        // Python reads every line break inside a literal as "\n".
        out.append(0x0A)
        i += (i + 1 < contentEnd && b[i + 1] == 0x0A) ? 2 : 1
        continue
      }
      guard c == 0x5C && i + 1 < contentEnd else {
        out.append(c)
        i += 1
        continue
      }
      if raw {
        out.append(c)
        out.append(b[i + 1])
        i += 2
        continue
      }
      i = decodeEscape(b, at: i, end: contentEnd, into: &out)
    }
    return .text(String(decoding: out, as: UTF8.self))
  }

  /// Decodes the escape sequence starting at the backslash at `i`; returns the next offset.
  private static func decodeEscape(
    _ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, into out: inout [UInt8]
  ) -> Int {
    let e = b[i + 1]
    switch e {
    case 0x0A: return i + 2
    case 0x0D: return (i + 2 < end && b[i + 2] == 0x0A) ? i + 3 : i + 2
    case 0x5C, 0x27, 0x22:
      out.append(e)
      return i + 2
    case 0x61: out.append(0x07)
    case 0x62: out.append(0x08)
    case 0x66: out.append(0x0C)
    case 0x6E: out.append(0x0A)
    case 0x72: out.append(0x0D)
    case 0x74: out.append(0x09)
    case 0x76: out.append(0x0B)
    case 0x30...0x37:
      var value: UInt32 = 0
      var j = i + 1
      while j < end && j < i + 4 && b[j] >= 0x30 && b[j] <= 0x37 {
        value = value * 8 + UInt32(b[j] - 0x30)
        j += 1
      }
      appendScalar(value, to: &out)
      return j
    case 0x78, 0x75, 0x55:
      let digits = e == 0x78 ? 2 : (e == 0x75 ? 4 : 8)
      var value: UInt32 = 0
      var j = i + 2
      while j < end && j < i + 2 + digits, let digit = hexValue(b[j]) {
        value = value &* 16 &+ UInt32(digit)
        j += 1
      }
      if j - (i + 2) != digits {
        // Python rejects a truncated escape; keep the text as written.
        out.append(contentsOf: b[i..<j])
        return j
      }
      appendScalar(value, to: &out)
      return j
    default:
      // Unknown escapes (and `\N{…}`, whose names need Unicode's tables) stay as written.
      out.append(0x5C)
      out.append(e)
    }
    return i + 2
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }

  private static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
    out.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  /// What a number literal is: `str()` of its value.
  enum Number {
    case integer(String)
    case float(String)
    /// An imaginary literal, or an integer too large to convert here.
    case other
  }

  /// Python refuses to convert integers with more digits than this to `str` (3.11+).
  static let maxIntegerDigits = 4300

  static func number(_ b: UnsafeBufferPointer<UInt8>, _ token: Token) -> Number {
    var text: [UInt8] = []
    text.reserveCapacity(token.end - token.start)
    for index in token.start..<token.end where b[index] != 0x5F { text.append(b[index]) }
    guard let last = text.last else { return .other }
    if last | 0x20 == 0x6A { return .other }
    if text.count >= 2 && text[0] == 0x30 {
      switch text[1] | 0x20 {
      case 0x78: return radixInteger(text.dropFirst(2), radix: 16)
      case 0x6F: return radixInteger(text.dropFirst(2), radix: 8)
      case 0x62: return radixInteger(text.dropFirst(2), radix: 2)
      default: break
      }
    }
    if text.contains(where: { $0 == 0x2E || $0 | 0x20 == 0x65 }) {
      return .float(floatRepr(String(decoding: text, as: UTF8.self)))
    }
    var firstNonZero = 0
    while firstNonZero < text.count - 1 && text[firstNonZero] == 0x30 { firstNonZero += 1 }
    let digits = text[firstNonZero...]
    if digits.count > maxIntegerDigits { return .other }
    return .integer(String(decoding: digits, as: UTF8.self))
  }

  /// Converts digits in `radix` to decimal with a small base-10⁹ bignum.
  private static func radixInteger(_ digits: ArraySlice<UInt8>, radix: UInt64) -> Number {
    if digits.isEmpty { return .other }
    // Each digit adds at most 4 bits; 4300 decimal digits are about 14,300 bits.
    if digits.count * (radix == 16 ? 4 : (radix == 8 ? 3 : 1)) > 14_000 { return .other }
    var limbs: [UInt64] = [0]  // little-endian, base 1e9
    let base: UInt64 = 1_000_000_000
    for byte in digits {
      guard let digit = hexValue(byte), UInt64(digit) < radix else { return .other }
      var carry = UInt64(digit)
      for index in limbs.indices {
        let value = limbs[index] * radix + carry
        limbs[index] = value % base
        carry = value / base
      }
      if carry > 0 { limbs.append(carry) }
    }
    var result = String(limbs[limbs.count - 1])
    for limb in limbs.dropLast().reversed() {
      let part = String(limb)
      result += String(repeating: "0", count: 9 - part.count) + part
    }
    return .integer(result)
  }

  /// `repr()`/`str()` of the Python float written as `literal` (underscores removed).
  static func floatRepr(_ literal: String) -> String {
    var text = literal
    if text.hasPrefix(".") { text = "0" + text }
    if let dot = text.firstIndex(of: "."),
      text.index(after: dot) == text.endIndex
        || !(text[text.index(after: dot)].isNumber)
    {
      text.insert("0", at: text.index(after: dot))
    }
    guard let value = Double(text) else { return literal }
    return formatDouble(value)
  }

  /// Python's `repr` of a double: shortest round-trip digits, fixed notation for decimal
  /// exponents in [-4, 16), otherwise scientific with at least two exponent digits.
  static func formatDouble(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
    let (digits, pointPosition) = shortestDigits(abs(value))
    let sign = value < 0 ? "-" : ""
    let exponent = pointPosition - 1
    if pointPosition <= -4 || pointPosition > 16 {
      var mantissa = String(digits.first ?? "0")
      if digits.count > 1 { mantissa += "." + digits.dropFirst() }
      let magnitude = String(abs(exponent))
      let padded = magnitude.count < 2 ? "0" + magnitude : magnitude
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + padded
    }
    if pointPosition <= 0 {
      return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
    }
    if pointPosition >= digits.count {
      return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
    }
    let split = digits.index(digits.startIndex, offsetBy: pointPosition)
    return sign + digits[..<split] + "." + digits[split...]
  }

  /// The shortest round-trip decimal digits of a positive finite double and the position of the
  /// decimal point relative to them (value = 0.d₁d₂… × 10^position), read from Swift's own
  /// shortest representation.
  private static func shortestDigits(_ value: Double) -> (String, Int) {
    let description = value.description  // e.g. "1e-05", "0.001", "1.5e+20", "123.25"
    var mantissa = Substring(description)
    var exponent = 0
    if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = description[..<e]
      exponent = Int(description[description.index(after: e)...]) ?? 0
    }
    var digits = ""
    var pointPosition = 0
    var seenPoint = false
    for character in mantissa {
      if character == "." {
        seenPoint = true
      } else {
        digits.append(character)
        if !seenPoint { pointPosition += 1 }
      }
    }
    while digits.first == "0" {
      digits.removeFirst()
      pointPosition -= 1
    }
    while digits.count > 1 && digits.last == "0" { digits.removeLast() }
    if digits.isEmpty { return ("0", 1) }
    return (digits, pointPosition + exponent)
  }
}
