// A faithful re-implementation of apimachinery's `ParseQuantity` (pkg/api/resource/quantity.go)
// and of `Quantity.String()`. It follows the Go code step by step, including its quirks:
// the int64 fast path that keeps the original text as the canonical string, the `int32`
// arithmetic on exponents, and the inf.Dec slow path that rounds to nano and caps BinarySI.

/// The pieces apimachinery's `parseQuantityString` splits a quantity into, as byte ranges of
/// the text.
struct QuantityParts {
  var positive = true
  /// True when the text is only a sign and zeros: Go's number is then `0`.
  var isZero = false
  /// The signed number as written (`-1.5`, `.`, or empty for a bare suffix such as `Gi`).
  var number: Range<Int> = 0..<0
  /// The integer digits without leading zeros; empty where Go uses `0` (there are none).
  var integerDigits: Range<Int> = 0..<0
  /// The digits after the point, as written.
  var fractionDigits: Range<Int> = 0..<0
  /// Everything after the number: `Gi`, `e+3`, `m1`.
  var suffix: Range<Int> = 0..<0
}

enum QuantityParser {
  /// What a suffix stands for: `Gi` is (2, 30, BinarySI), `m` is (10, -3, DecimalSI).
  typealias SuffixMeaning = (base: Int, exponent: Int32, format: Quantity.Format)
  /// The text's UTF-8 bytes. Parsing runs once per resource value in every scanned file, so it
  /// reads the string's own storage instead of copying it into arrays and substrings.
  typealias Bytes = UnsafeBufferPointer<UInt8>

  /// apimachinery's `maxInt64Factors`: numbers with more digits skip the int64 fast path.
  /// (Some copies of math.go in circulation say 19; the reference vectors confirm 18.)
  static let maxInt64Factors = 18

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// The letters Go's scanner lets into a suffix: `eEinumkKMGTP`.
  private static func isSuffixLetter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "i"), UInt8(ascii: "n"),
      UInt8(ascii: "u"), UInt8(ascii: "m"), UInt8(ascii: "k"), UInt8(ascii: "K"),
      UInt8(ascii: "M"), UInt8(ascii: "G"), UInt8(ascii: "T"), UInt8(ascii: "P"):
      true
    default: false
    }
  }

  /// `parseQuantityString`: splits without judging the suffix. Returns nil exactly where Go
  /// returns `ErrFormatWrong`: something other than digits follows the suffix letters and sign.
  static func split(_ text: Bytes) -> QuantityParts? {
    var parts = QuantityParts()
    let end = text.count
    var position = 0
    if position < end, text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
      parts.positive = text[0] == UInt8(ascii: "+")
      position += 1
    }
    while position < end, text[position] == UInt8(ascii: "0") { position += 1 }
    if position == end {
      parts.isZero = true
      return parts
    }

    var index = position
    while index < end, isDigit(text[index]) { index += 1 }
    parts.integerDigits = position..<index
    if index == end {
      parts.number = 0..<end
      return parts
    }
    position = index

    if text[position] == UInt8(ascii: ".") {
      position += 1
      index = position
      while index < end, isDigit(text[index]) { index += 1 }
      parts.fractionDigits = position..<index
      if index == end {
        parts.number = 0..<end
        return parts
      }
      position = index
    }
    parts.number = 0..<position

    let suffixStart = position
    while position < end, isSuffixLetter(text[position]) { position += 1 }
    if position < end, text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
      position += 1
    }
    while position < end, isDigit(text[position]) { position += 1 }
    guard position == end else { return nil }
    parts.suffix = suffixStart..<end
    return parts
  }

  /// Go's `strconv.ParseInt(text, 10, 64)`: an optional sign, then at least one digit, in range.
  static func parseInt64(_ text: Bytes, _ range: Range<Int>) -> Int64? {
    var position = range.lowerBound
    var negative = false
    if position < range.upperBound,
      text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+")
    {
      negative = text[position] == UInt8(ascii: "-")
      position += 1
    }
    guard position < range.upperBound else { return nil }
    var magnitude: UInt64 = 0
    while position < range.upperBound {
      let byte = text[position]
      guard isDigit(byte) else { return nil }
      let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
      guard !overflow1, !overflow2 else { return nil }
      magnitude = sum
      position += 1
    }
    if negative {
      guard magnitude <= Int64.min.magnitude else { return nil }
      return magnitude == Int64.min.magnitude ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }

  /// `quantitySuffixer.interpret`: the base (10 or 2), the exponent and the format of a suffix,
  /// with the suffix as a string. An `e`/`E` exponent is read as an int64 and then truncated to
  /// int32, as Go does.
  static func interpret(_ text: Bytes, _ suffix: Range<Int>) -> (SuffixMeaning, String)? {
    let first = suffix.isEmpty ? 0 : text[suffix.lowerBound]
    switch suffix.count {
    case 0: return ((10, 0, .decimalSI), "")
    case 1:
      switch first {
      case UInt8(ascii: "n"): return ((10, -9, .decimalSI), "n")
      case UInt8(ascii: "u"): return ((10, -6, .decimalSI), "u")
      case UInt8(ascii: "m"): return ((10, -3, .decimalSI), "m")
      case UInt8(ascii: "k"): return ((10, 3, .decimalSI), "k")
      case UInt8(ascii: "M"): return ((10, 6, .decimalSI), "M")
      case UInt8(ascii: "G"): return ((10, 9, .decimalSI), "G")
      case UInt8(ascii: "T"): return ((10, 12, .decimalSI), "T")
      case UInt8(ascii: "P"): return ((10, 15, .decimalSI), "P")
      case UInt8(ascii: "E"): return ((10, 18, .decimalSI), "E")
      default: return nil
      }
    case 2 where text[suffix.lowerBound + 1] == UInt8(ascii: "i"):
      switch first {
      case UInt8(ascii: "K"): return ((2, 10, .binarySI), "Ki")
      case UInt8(ascii: "M"): return ((2, 20, .binarySI), "Mi")
      case UInt8(ascii: "G"): return ((2, 30, .binarySI), "Gi")
      case UInt8(ascii: "T"): return ((2, 40, .binarySI), "Ti")
      case UInt8(ascii: "P"): return ((2, 50, .binarySI), "Pi")
      case UInt8(ascii: "E"): return ((2, 60, .binarySI), "Ei")
      default: break
      }
    default: break
    }
    guard suffix.count > 1, first == UInt8(ascii: "e") || first == UInt8(ascii: "E"),
      let exponent = parseInt64(text, suffix.lowerBound + 1..<suffix.upperBound)
    else { return nil }
    let written = String(decoding: UnsafeBufferPointer(rebasing: text[suffix]), as: UTF8.self)
    return ((10, Int32(truncatingIfNeeded: exponent), .decimalExponent), written)
  }

  /// `ParseQuantity`.
  static func parse(_ text: String) -> Result<Quantity, QuantityError> {
    if let result = text.utf8.withContiguousStorageIfAvailable({ parse(text, $0) }) {
      return result
    }
    return Array(text.utf8).withUnsafeBufferPointer { parse(text, $0) }
  }

  private static func parse(_ text: String, _ bytes: Bytes) -> Result<Quantity, QuantityError> {
    guard !bytes.isEmpty else { return .failure(QuantityError(.formatWrong)) }
    if bytes.count == 1 && bytes[0] == UInt8(ascii: "0") {
      return .success(
        Quantity(text: text, format: .decimalSI, suffix: "", textIsCanonical: true, value: .zero))
    }
    guard let parts = split(bytes) else { return .failure(QuantityError(.formatWrong)) }
    guard let ((base, exponent, format), suffix) = interpret(bytes, parts.suffix) else {
      return .failure(QuantityError(.suffix))
    }
    // Go writes `0` for missing integer digits, so they count as one.
    let integerCount = parts.integerDigits.isEmpty ? 1 : parts.integerDigits.count
    let fractionCount = parts.fractionDigits.count

    // Go first tries to hold the value in an int64 (`precision` estimates the spare digits).
    var precision: Int
    var scale: Int32 = 0
    switch format {
    case .decimalExponent, .decimalSI:
      scale = exponent
      precision = Self.maxInt64Factors - (integerCount + fractionCount)
    case .binarySI:
      if exponent >= 0 && fractionCount == 0 {
        // Go computes exponent*3/10 in float32; for 10…60 that is exact, so integers agree.
        precision = 15 - integerCount - Int(exponent) * 3 / 10 - 1
      } else {
        precision = -1
      }
    }
    if precision >= 0 {
      scale = scale &- Int32(truncatingIfNeeded: fractionCount)
      if scale >= -9 {
        // The integer digits (or Go's `0`) then the fraction digits, read as one int64. At most
        // 18 digits reach here, so this cannot overflow; Go still checks.
        var unscaled: UInt64 = 0
        var trailingZeros = 0
        var overflow = false
        func append(_ digit: UInt8) {
          let (times10, overflow1) = unscaled.multipliedReportingOverflow(by: 10)
          let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit &- 0x30))
          overflow = overflow || overflow1 || overflow2
          unscaled = sum
          trailingZeros = digit == UInt8(ascii: "0") ? trailingZeros + 1 : 0
        }
        if parts.integerDigits.isEmpty { append(UInt8(ascii: "0")) }
        for index in parts.integerDigits { append(bytes[index]) }
        for index in parts.fractionDigits { append(bytes[index]) }
        guard !overflow, unscaled <= UInt64(Int64.max) else {
          return .failure(QuantityError(.numeric))
        }
        let multiplier: UInt64 = format == .binarySI ? 1 << UInt64(exponent) : 1
        let (product, productOverflow) = unscaled.multipliedReportingOverflow(by: multiplier)
        if !productOverflow && product <= UInt64(Int64.max) {
          let value = ExactDecimal(
            negative: !parts.positive, magnitude: product, exponent: Int(scale))
          // Go keeps the text as written when it believes the text is already canonical.
          let keepsText: Bool
          switch format {
          case .binarySI:
            keepsText = exponent % 10 == 0 && unscaled & 0x07 != 0
          case .decimalSI, .decimalExponent:
            // The digits end in fewer than three zeros and do not start with Go's `0`.
            keepsText = scale % 3 == 0 && trailingZeros < 3 && !parts.integerDigits.isEmpty
          }
          return .success(
            Quantity(
              text: text, format: format, suffix: suffix, textIsCanonical: keepsText, value: value))
        }
      }
    }
    return slowPath(
      text, bytes, parts, base: base, exponent: exponent, format: format, suffix: suffix)
  }

  /// The inf.Dec path: exact arithmetic, rounding up to nano, the BinarySI cap.
  private static func slowPath(
    _ text: String, _ bytes: Bytes, _ parts: QuantityParts, base: Int, exponent: Int32,
    format: Quantity.Format, suffix: String
  ) -> Result<Quantity, QuantityError> {
    // inf.Dec's SetString: a sign, digits and one point; it fails when there is no digit
    // at all (`Ei`, `.Pi`), which Go reports as a numeric error.
    var negative = false
    var digits: [UInt8] = []
    var fractionCount = 0
    var seenPoint = false
    let number = parts.isZero ? [UInt8(ascii: "0")] : Array(bytes[parts.number])
    for byte in number {
      switch byte {
      case UInt8(ascii: "-"): negative = true
      case UInt8(ascii: "+"): break
      case UInt8(ascii: "."): seenPoint = true
      default:
        digits.append(byte)
        if seenPoint { fractionCount += 1 }
      }
    }
    guard !digits.isEmpty else { return .failure(QuantityError(.numeric)) }

    let valueExponent: Int
    if base == 10 {
      // inf.Dec keeps an int32 scale (the negated exponent); Go adds to it with wrap-around.
      let infScale = Int32(truncatingIfNeeded: fractionCount) &+ (0 &- exponent)
      valueExponent = -Int(infScale)
    } else {
      var natural = DecimalNatural(digits: digits)
      natural.multiply(byPowerOfTwo: Int(exponent))
      digits = natural.digits
      valueExponent = -fractionCount
    }
    var value = ExactDecimal(negative: negative, digits: digits, exponent: valueExponent)
      .roundedUpToNano()
    var finalFormat = format
    if format == .binarySI {
      if ExactDecimal.compareMagnitudes(value, .maxInt64) > 0 {
        value = ExactDecimal(
          negative: value.negative, digits: ExactDecimal.maxInt64.coefficient, exponent: 0)
      }
      // A BinarySI value strictly between 0 and 1 in magnitude becomes DecimalSI.
      if !value.isZero && value.order <= 0 { finalFormat = .decimalSI }
    }
    return .success(
      Quantity(
        text: text, format: finalFormat, suffix: suffix, textIsCanonical: false, value: value))
  }

  /// `CanonicalizeBytes`: the largest suffix that loses nothing and leaves no fraction.
  static func canonicalText(of value: ExactDecimal, format: Quantity.Format) -> String {
    guard !value.isZero else { return "0" }
    guard format == .binarySI else { return decimalCanonical(of: value, format: format) }
    // BinarySI falls back to DecimalSI below 1024 in magnitude and for fractional values.
    guard ExactDecimal.compareMagnitudes(value, .oneKibi) >= 0, value.isInteger,
      var amount = value.uint64Magnitude
    else { return decimalCanonical(of: value, format: .decimalSI) }
    var power = 0
    while amount >= 1024 && amount % 1024 == 0 {
      amount /= 1024
      power += 1
    }
    let suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
    let suffix = power < suffixes.count ? suffixes[power] : ""
    return (value.negative ? "-" : "") + String(amount) + suffix
  }

  /// The base-10 canonical form: the exponent is lowered to a multiple of three.
  private static func decimalCanonical(of value: ExactDecimal, format: Quantity.Format) -> String {
    let exponent = value.exponent
    let exponent3 = exponent >= 0 ? exponent / 3 * 3 : -((2 - exponent) / 3) * 3
    let digits =
      String(decoding: value.coefficient, as: UTF8.self)
      + String(repeating: "0", count: exponent - exponent3)
    let suffix: String
    switch (format, exponent3) {
    case (.decimalSI, -9): suffix = "n"
    case (.decimalSI, -6): suffix = "u"
    case (.decimalSI, -3): suffix = "m"
    case (_, 0): suffix = ""
    case (.decimalSI, 3): suffix = "k"
    case (.decimalSI, 6): suffix = "M"
    case (.decimalSI, 9): suffix = "G"
    case (.decimalSI, 12): suffix = "T"
    case (.decimalSI, 15): suffix = "P"
    case (.decimalSI, 18): suffix = "E"
    // DecimalSI has no suffix past E: current apimachinery falls back to exponent notation.
    default: suffix = "e\(exponent3)"
    }
    return (value.negative ? "-" : "") + digits + suffix
  }
}
