// A faithful re-implementation of apimachinery's `ParseQuantity` (pkg/api/resource/quantity.go)
// and of `Quantity.String()`. It follows the Go code step by step, including its quirks:
// the int64 fast path that keeps the original text as the canonical string, the `int32`
// arithmetic on exponents, and the inf.Dec slow path that rounds to nano and caps BinarySI.

/// The pieces apimachinery's `parseQuantityString` splits a quantity into.
struct QuantityParts {
  var positive = true
  /// The signed number as written (`-1.5`, `.`), or `0` when the text is only a sign and zeros.
  var number: ArraySlice<UInt8> = []
  /// The integer digits without leading zeros, or `0` when there are none.
  var integerDigits: ArraySlice<UInt8> = []
  /// The digits after the point, as written.
  var fractionDigits: ArraySlice<UInt8> = []
  /// Everything after the number: `Gi`, `e+3`, `m1`.
  var suffix: ArraySlice<UInt8> = []
}

enum QuantityParser {
  /// What a suffix stands for: `Gi` is (2, 30, BinarySI), `m` is (10, -3, DecimalSI).
  typealias SuffixMeaning = (base: Int, exponent: Int32, format: Quantity.Format)

  private static let zeroText: [UInt8] = [0x30]
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
  static func split(_ text: [UInt8]) -> QuantityParts? {
    var parts = QuantityParts()
    let end = text.count
    var position = 0
    if position < end, text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
      parts.positive = text[0] == UInt8(ascii: "+")
      position += 1
    }
    while position < end, text[position] == UInt8(ascii: "0") { position += 1 }
    if position == end {
      parts.integerDigits = zeroText[...]
      parts.number = zeroText[...]
      return parts
    }

    var index = position
    while index < end, isDigit(text[index]) { index += 1 }
    parts.integerDigits = text[position..<index]
    if index == end {
      parts.number = text[0..<end]
      return parts
    }
    position = index
    if parts.integerDigits.isEmpty { parts.integerDigits = zeroText[...] }

    if text[position] == UInt8(ascii: ".") {
      position += 1
      index = position
      while index < end, isDigit(text[index]) { index += 1 }
      parts.fractionDigits = text[position..<index]
      if index == end {
        parts.number = text[0..<end]
        return parts
      }
      position = index
    }
    parts.number = text[0..<position]

    let suffixStart = position
    while position < end, isSuffixLetter(text[position]) { position += 1 }
    if position < end, text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
      position += 1
    }
    while position < end, isDigit(text[position]) { position += 1 }
    guard position == end else { return nil }
    parts.suffix = text[suffixStart..<end]
    return parts
  }

  /// Go's `strconv.ParseInt(text, 10, 64)`: an optional sign, then at least one digit, in range.
  static func parseInt64(_ text: ArraySlice<UInt8>) -> Int64? {
    var digits = text
    var negative = false
    if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty else { return nil }
    var magnitude: UInt64 = 0
    for byte in digits {
      guard isDigit(byte) else { return nil }
      let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
      guard !overflow1, !overflow2 else { return nil }
      magnitude = sum
    }
    if negative {
      guard magnitude <= Int64.min.magnitude else { return nil }
      return magnitude == Int64.min.magnitude ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }

  /// `quantitySuffixer.interpret`: the base (10 or 2), the exponent and the format of a suffix.
  /// An `e`/`E` exponent is read as an int64 and then truncated to int32, as Go does.
  static func interpret(_ suffix: ArraySlice<UInt8>) -> SuffixMeaning? {
    switch String(decoding: suffix, as: UTF8.self) {
    case "": return (10, 0, .decimalSI)
    case "n": return (10, -9, .decimalSI)
    case "u": return (10, -6, .decimalSI)
    case "m": return (10, -3, .decimalSI)
    case "k": return (10, 3, .decimalSI)
    case "M": return (10, 6, .decimalSI)
    case "G": return (10, 9, .decimalSI)
    case "T": return (10, 12, .decimalSI)
    case "P": return (10, 15, .decimalSI)
    case "E": return (10, 18, .decimalSI)
    case "Ki": return (2, 10, .binarySI)
    case "Mi": return (2, 20, .binarySI)
    case "Gi": return (2, 30, .binarySI)
    case "Ti": return (2, 40, .binarySI)
    case "Pi": return (2, 50, .binarySI)
    case "Ei": return (2, 60, .binarySI)
    default: break
    }
    guard suffix.count > 1, let first = suffix.first,
      first == UInt8(ascii: "e") || first == UInt8(ascii: "E"),
      let exponent = parseInt64(suffix.dropFirst())
    else { return nil }
    return (10, Int32(truncatingIfNeeded: exponent), .decimalExponent)
  }

  /// `ParseQuantity`.
  static func parse(_ text: String) -> Result<Quantity, QuantityError> {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return .failure(QuantityError(.formatWrong)) }
    if text == "0" {
      return .success(
        Quantity(text: text, format: .decimalSI, suffix: "", canonical: "0", value: .zero))
    }
    guard let parts = split(bytes) else { return .failure(QuantityError(.formatWrong)) }
    guard let (base, exponent, format) = interpret(parts.suffix) else {
      return .failure(QuantityError(.suffix))
    }
    let suffix = String(decoding: parts.suffix, as: UTF8.self)

    // Go first tries to hold the value in an int64 (`precision` estimates the spare digits).
    var precision: Int
    var scale: Int32 = 0
    switch format {
    case .decimalExponent, .decimalSI:
      scale = exponent
      precision = Self.maxInt64Factors - (parts.integerDigits.count + parts.fractionDigits.count)
    case .binarySI:
      if exponent >= 0 && parts.fractionDigits.isEmpty {
        // Go computes exponent*3/10 in float32; for 10…60 that is exact, so integers agree.
        precision = 15 - parts.integerDigits.count - Int(exponent) * 3 / 10 - 1
      } else {
        precision = -1
      }
    }
    if precision >= 0 {
      scale = scale &- Int32(truncatingIfNeeded: parts.fractionDigits.count)
      if scale >= -9 {
        let shifted = parts.integerDigits + parts.fractionDigits
        // At most 18 digits reach here, so this cannot fail; Go still checks.
        guard let unscaled = parseInt64(shifted) else { return .failure(QuantityError(.numeric)) }
        let multiplier: Int64 = format == .binarySI ? 1 << Int64(exponent) : 1
        let (product, overflow) = unscaled.multipliedReportingOverflow(by: multiplier)
        if !overflow {
          let value = ExactDecimal(
            negative: !parts.positive, digits: Array(String(product).utf8), exponent: Int(scale))
          // Go keeps the text as written when it believes the text is already canonical.
          let keepsText: Bool
          switch format {
          case .binarySI:
            keepsText = exponent % 10 == 0 && unscaled & 0x07 != 0
          case .decimalSI, .decimalExponent:
            keepsText =
              scale % 3 == 0 && !shifted.reversed().starts(with: [0x30, 0x30, 0x30])
              && shifted.first != UInt8(ascii: "0")
          }
          let canonical = keepsText ? text : canonicalText(of: value, format: format)
          return .success(
            Quantity(text: text, format: format, suffix: suffix, canonical: canonical, value: value)
          )
        }
      }
    }
    return slowPath(text, parts, base: base, exponent: exponent, format: format, suffix: suffix)
  }

  /// The inf.Dec path: exact arithmetic, rounding up to nano, the BinarySI cap.
  private static func slowPath(
    _ text: String, _ parts: QuantityParts, base: Int, exponent: Int32, format: Quantity.Format,
    suffix: String
  ) -> Result<Quantity, QuantityError> {
    // inf.Dec's SetString: a sign, digits and one point; it fails when there is no digit
    // at all (`Ei`, `.Pi`), which Go reports as a numeric error.
    var negative = false
    var digits: [UInt8] = []
    var fractionCount = 0
    var seenPoint = false
    for byte in parts.number {
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
    let canonical = canonicalText(of: value, format: finalFormat)
    return .success(
      Quantity(text: text, format: finalFormat, suffix: suffix, canonical: canonical, value: value))
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
