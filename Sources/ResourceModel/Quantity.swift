// Kubernetes `resource.Quantity`, exact. Parsing mirrors apimachinery's `ParseQuantity`
// (QuantityParsing.swift); the arithmetic is our own (QuantityArithmetic.swift), because this
// module uses neither Foundation nor floating point.

/// Why a string is not a Kubernetes quantity, with apimachinery's own error texts.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Which of apimachinery's three parse errors Go returns for the text.
  public enum Kind: Sendable, Hashable {
    /// The text does not match the quantity grammar at all (`ErrFormatWrong`): it is empty, or
    /// something other than digits follows the suffix letters (`1GB`, `1 Gi`, `1.5.0`).
    case formatWrong
    /// The number is fine but the suffix is not one Kubernetes knows (`ErrSuffix`): `1K`, `1e`,
    /// `1m1`, `1ki`.
    case suffix
    /// The numeric part cannot be read (`ErrNumeric`). Only the big-number path reports it, when
    /// the number has no digit at all: a bare `Pi` or `Ei` (`Ei`, `.Pi`, `-Pi`), whereas `Gi`
    /// takes the int64 path and is a valid zero.
    case numeric
  }
  /// The error Go would return.
  public var kind: Kind
  /// An error of the given kind.
  public init(_ kind: Kind) { self.kind = kind }

  /// What is wrong, in words for the user (no grammar): `not a quantity (…)`.
  public var description: String {
    switch kind {
    case .formatWrong:
      "not a quantity: a number and an optional unit, such as 500m, 2, 512Mi, 1Gi or 1G"
    case .suffix:
      "unknown unit: Kubernetes knows m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei and exponents (1e3)"
    case .numeric: "no number before the unit"
    }
  }

  /// The apimachinery error Go returns: `ErrFormatWrong`, `ErrSuffix` or `ErrNumeric`.
  public var kubernetesError: String {
    switch kind {
    case .formatWrong: "ErrFormatWrong"
    case .suffix: "ErrSuffix"
    case .numeric: "ErrNumeric"
    }
  }
}

/// A Kubernetes `resource.Quantity`, parsed exactly as apimachinery's `ParseQuantity` does and
/// compared exactly (no floating point): `1Gi` > `1G`, `900m` > `500m`.
///
/// Equality, hashing and ordering use the exact value, not the text: `2 == 2000m`.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The formats Kubernetes remembers from the suffix and reuses when it prints the value.
  public enum Format: String, Sendable, Hashable {
    /// Powers of ten with SI letters: `500m`, `2G`.
    case decimalSI = "DecimalSI"
    /// Powers of 1024: `1536Mi`.
    case binarySI = "BinarySI"
    /// Powers of ten written as an exponent: `12e6`.
    case decimalExponent = "DecimalExponent"
  }

  /// The text as written.
  public let text: String
  /// The format Kubernetes records. A BinarySI value strictly between -1 and 1 becomes DecimalSI.
  public let format: Format
  /// The suffix as written: `""`, `Gi`, `m`, `e3`, `E+17`. It always ends the text, so only
  /// its length is stored: every value of every declaration holds a quantity.
  public var suffix: String {
    String(decoding: text.utf8.suffix(Int(suffixLength)), as: UTF8.self)
  }
  private let suffixLength: UInt32
  /// Kubernetes' canonical `String()` form (`1.5Gi` → `1536Mi`). Like Go, it is the text as
  /// written when the int64 fast path judges it canonical (`089T`, `+2600`, `676.Gi`).
  /// Made on demand: only a few messages show it, and every resource value is parsed.
  public var canonical: String {
    textIsCanonical ? text : QuantityParser.canonicalText(of: value, format: format)
  }
  /// True when `canonical` is the text as written.
  let textIsCanonical: Bool
  /// The exact value after parsing.
  let value: ExactDecimal

  /// What parsing found, without the text: a resource value stores this beside the text it
  /// holds anyway (every value of every declaration is parsed, and kept until its rules run).
  @usableFromInline struct Parsed: Sendable, Hashable {
    /// The exact value's coefficient (`ExactDecimal`'s, when it has at most 19 digits).
    private let mantissa: UInt64
    /// The exponent (low 32 bits), the suffix length (next 16), the suffix's last byte (8),
    /// the format (2), the sign, whether the text is canonical, and two states: not a
    /// quantity, and a parse that did not fit (read again from the text when asked). Two words
    /// and no optional: a value holding a parse is then 56 bytes, and a dense module keeps four
    /// per declaration.
    private let packed: UInt64

    private static let suffixShift: UInt64 = 32
    private static let suffixEndShift: UInt64 = 48
    private static let formatShift: UInt64 = 56
    private static let negative: UInt64 = 1 << 58
    private static let canonical: UInt64 = 1 << 59
    private static let uncached: UInt64 = 1 << 60
    private static let notAQuantity: UInt64 = 1 << 61

    /// The parse of a text that is not a quantity.
    static let none = Parsed(mantissa: 0, packed: notAQuantity)

    private init(mantissa: UInt64, packed: UInt64) {
      self.mantissa = mantissa
      self.packed = packed
    }

    init(_ quantity: Quantity) {
      guard let mantissa = quantity.value.coefficientNumber,
        let exponent = Int32(exactly: quantity.value.exponent),
        quantity.suffixLength < 1 << 16
      else {
        self.init(mantissa: 0, packed: Self.uncached)
        return
      }
      self.init(
        mantissa: mantissa,
        packed: UInt64(UInt32(bitPattern: exponent))
          | UInt64(quantity.suffixLength) << Self.suffixShift
          | UInt64(quantity.suffixLastByte) << Self.suffixEndShift
          | Self.code(of: quantity.format) << Self.formatShift
          | (quantity.value.negative ? Self.negative : 0)
          | (quantity.textIsCanonical ? Self.canonical : 0))
    }

    private static func code(of format: Format) -> UInt64 {
      switch format {
      case .decimalSI: 0
      case .binarySI: 1
      case .decimalExponent: 2
      }
    }

    /// True for a parse that did not fit: its quantity and facts are read again from the text.
    @usableFromInline var isUncached: Bool { packed & Self.uncached != 0 }

    /// The facts of the quantity this parse was made from, without its text; nil for `none`
    /// and for an uncached parse. Read from the words directly: rules ask every value for
    /// its facts, and building `value` for them cost 1 % of a dense module's check.
    @usableFromInline var facts: Facts? {
      guard holdsValue else { return nil }
      return Facts(
        signum: mantissa == 0 ? 0 : (packed & Self.negative != 0 ? -1 : 1), exponent: exponent,
        order: mantissa == 0 ? 0 : ExactDecimal.digitCount(mantissa) + exponent,
        suffixLength: Int(packed >> Self.suffixShift & 0xFFFF),
        suffixLastByte: UInt8(truncatingIfNeeded: packed >> Self.suffixEndShift))
    }

    /// Whether the quantity `lhs` was parsed from is less than `rhs`'s, compared exactly from
    /// the stored coefficients and exponents; nil when either is `none` or uncached.
    @usableFromInline static func isLess(_ lhs: Parsed, _ rhs: Parsed) -> Bool? {
      guard let left = lhs.value, let right = rhs.value else { return nil }
      return ExactDecimal.compare(left, right) < 0
    }

    /// The exact value, without the text; nil for `none` and for an uncached parse.
    private var value: ExactDecimal? {
      guard holdsValue else { return nil }
      return ExactDecimal(
        negative: packed & Self.negative != 0, magnitude: mantissa, exponent: exponent)
    }

    /// True when the words hold the value: the text was a quantity, and its parse fit.
    private var holdsValue: Bool { packed & (Self.notAQuantity | Self.uncached) == 0 }

    /// The exact value's exponent (the low 32 bits).
    private var exponent: Int { Int(Int32(bitPattern: UInt32(packed & 0xFFFF_FFFF))) }

    /// The quantity this parse was made from, given its text; nil for `none`.
    func quantity(text: String) -> Quantity? {
      guard packed & Self.notAQuantity == 0 else { return nil }
      guard let value else { return Quantity(text) }
      let format: Format
      switch packed >> Self.formatShift & 3 {
      case 0: format = .decimalSI
      case 1: format = .binarySI
      default: format = .decimalExponent
      }
      return Quantity(
        text: text, format: format, suffixLength: UInt32(packed >> Self.suffixShift & 0xFFFF),
        textIsCanonical: packed & Self.canonical != 0, value: value)
    }
  }

  var parsed: Parsed { Parsed(self) }

  /// What rules ask of a value's quantity before they need the quantity itself, read from a
  /// value's stored parse without building it (`ResourceValue.quantityFacts`): nearly every
  /// value passes every rule, and building its quantity for each rule that looked was most of
  /// what those rules cost.
  public struct Facts: Sendable, Hashable {
    /// -1, 0 or 1.
    public let signum: Int
    /// The exact value's decimal exponent.
    let exponent: Int
    /// The decimal position just above the leading digit: |value| lies in
    /// [10^(order-1), 10^order); 0 for zero.
    public let order: Int
    /// The suffix's length in bytes, and its last byte (0 without a suffix).
    public let suffixLength: Int
    public let suffixLastByte: UInt8

    /// True when the value has no fractional part (`Quantity.isWholeNumber`).
    public var isWholeNumber: Bool { exponent >= 0 }
    /// True when the value is finer than `1m` (`Quantity.isFinerThanMilli`).
    public var isFinerThanMilli: Bool { exponent < -3 }
  }

  /// The facts of this quantity.
  public var facts: Facts {
    Facts(
      signum: signum, exponent: value.exponent, order: value.order,
      suffixLength: Int(suffixLength), suffixLastByte: suffixLastByte)
  }

  /// The suffix's last byte, the text's own (0 without a suffix).
  private var suffixLastByte: UInt8 { suffixLength > 0 ? text.utf8.last ?? 0 : 0 }

  private init(
    text: String, format: Format, suffixLength: UInt32, textIsCanonical: Bool, value: ExactDecimal
  ) {
    self.text = text
    self.format = format
    self.suffixLength = suffixLength
    self.textIsCanonical = textIsCanonical
    self.value = value
  }

  init(text: String, format: Format, suffix: String, textIsCanonical: Bool, value: ExactDecimal) {
    self.text = text
    self.format = format
    self.suffixLength = UInt32(clamping: suffix.utf8.count)
    self.textIsCanonical = textIsCanonical
    self.value = value
  }

  /// Parses `text` exactly as apimachinery's `resource.ParseQuantity` does. Whitespace is not
  /// trimmed and suffixes are case-sensitive.
  /// - Returns: the quantity, or the error Go would report.
  public static func parse(_ text: String) -> Result<Quantity, QuantityError> {
    QuantityParser.parse(text)
  }

  /// Parses `text`, or returns nil when Kubernetes would reject it.
  public init?(_ text: String) {
    guard case .success(let quantity) = Quantity.parse(text) else { return nil }
    self = quantity
  }

  /// The exact decimal value Kubernetes stores, without exponent or trailing fractional zeros
  /// (`617186800435.2`, `0.000663177`): nano precision rounded up (away from zero), BinarySI
  /// capped at 2^63-1. A value with more than 10,000 trailing zeros is written `<digits>e<n>`.
  public var exactValue: String { value.plainText }
  /// -1, 0 or 1.
  public var signum: Int { value.signum }
  /// True when the value is zero (`0`, `0m`, `Gi`, `-0`).
  public var isZero: Bool { signum == 0 }
  /// True when the value is below zero.
  public var isNegative: Bool { signum < 0 }
  /// True when the value has no fractional part.
  public var isWholeNumber: Bool { value.isInteger }
  /// True when the value is not a whole number of thousandths (finer than `1m`).
  public var isFinerThanMilli: Bool { value.exponent < -3 }
  /// The exact value when it is a whole number that fits in Int64.
  public var int64Value: Int64? {
    guard let magnitude = value.uint64Magnitude else { return nil }
    if value.negative {
      return magnitude <= Int64.min.magnitude ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }
  /// True when `self` is an exact integer multiple of `unit` (hugepages sizes). Zero is a
  /// multiple of any non-zero unit; nothing is a multiple of zero. Signs are ignored.
  public func isMultiple(of unit: Quantity) -> Bool { value.isMultiple(of: unit.value) }
  /// The exact value with thousands separators when it is a whole number (`1,073,741,824`).
  public var groupedValue: String? {
    guard value.isInteger, value.exponent <= ExactDecimal.plainZerosLimit else { return nil }
    let plain = value.plainText
    let sign = value.negative ? "-" : ""
    let digits = Array(plain.utf8.dropFirst(sign.utf8.count))
    var grouped: [UInt8] = []
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(UInt8(ascii: ",")) }
      grouped.append(digit)
    }
    return sign + String(decoding: grouped, as: UTF8.self)
  }
  /// A reading in binary byte units for messages: `1 KiB`, `1.5 GiB`, `512 B`, `0.512 B`.
  ///
  /// Below 1 KiB the exact value is shown in bytes. Otherwise the largest unit up to EiB that
  /// the value reaches is used, with at most two decimals, rounded toward zero.
  public var byteDescription: String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    let magnitude = value.magnitude
    guard ExactDecimal.compareMagnitudes(magnitude, .oneKibi) >= 0,
      magnitude.exponent <= ExactDecimal.plainZerosLimit
    else { return "\(exactValue) B" }
    // hundredths = floor(|value| × 100), then divided by 1024 per unit step (floor of floors
    // is the floor of the whole quotient).
    let hundredthsExponent = magnitude.exponent + 2
    var digits = magnitude.coefficient
    if hundredthsExponent >= 0 {
      digits += repeatElement(0x30, count: hundredthsExponent)
    } else {
      digits.removeLast(min(digits.count, -hundredthsExponent))
    }
    var scaled = DecimalNatural(digits: digits)
    var unit = 0
    var threshold = ExactDecimal.oneKibi
    while unit < units.count - 1, ExactDecimal.compareMagnitudes(magnitude, threshold) >= 0 {
      scaled.divide(by: 1024)
      unit += 1
      var nextUnit = DecimalNatural(1)
      nextUnit.multiply(byPowerOfTwo: 10 * (unit + 1))
      threshold = ExactDecimal(negative: false, digits: nextUnit.digits, exponent: 0)
    }
    let fraction = scaled.divide(by: 100)
    let whole = scaled.isZero ? "0" : String(decoding: scaled.digits, as: UTF8.self)
    var text = (value.negative ? "-" : "") + whole
    if fraction != 0 {
      let twoDigits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
      text += "." + (twoDigits.hasSuffix("0") ? String(twoDigits.dropLast()) : twoDigits)
    }
    return "\(text) \(units[unit])"
  }

  /// Orders by exact value.
  public static func < (lhs: Quantity, rhs: Quantity) -> Bool {
    ExactDecimal.compare(lhs.value, rhs.value) < 0
  }
  /// Equal exact values: `2 == 2000m`, `1.5Gi == 1536Mi`.
  public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value == rhs.value }
  /// Hashes the exact value, consistently with `==`.
  public func hash(into hasher: inout Hasher) { hasher.combine(value) }
  /// The text as written.
  public var description: String { text }
}
