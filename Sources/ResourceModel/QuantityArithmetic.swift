// Exact arithmetic behind `Quantity`. The module may use neither Foundation nor floating point,
// and quantities such as `1e99` do not fit any machine integer, so the little arithmetic the
// parser needs lives here: a natural number in base 10^9 limbs, and an exact signed decimal.

/// A natural number stored in base 10^9 limbs, least significant limb first.
///
/// Base 10^9 makes the conversions to and from decimal text linear, and a limb times any
/// `UInt32` still fits a `UInt64`.
struct DecimalNatural: Sendable, Hashable {
  private static let base: UInt64 = 1_000_000_000
  private static let digitsPerLimb = 9

  /// Little-endian limbs, each below 10^9, with no zero limb at the top (zero has no limbs).
  private(set) var limbs: [UInt32] = []

  init() {}

  init(_ value: UInt64) {
    var rest = value
    while rest > 0 {
      limbs.append(UInt32(rest % Self.base))
      rest /= Self.base
    }
  }

  /// Reads ASCII decimal digits, most significant first. The caller passes digits only.
  init(digits: [UInt8]) {
    var end = digits.count
    while end > 0 {
      let start = max(0, end - Self.digitsPerLimb)
      var limb: UInt32 = 0
      for index in start..<end {
        limb = limb * 10 + UInt32(digits[index] &- 0x30)
      }
      limbs.append(limb)
      end = start
    }
    trim()
  }

  var isZero: Bool { limbs.isEmpty }

  /// The decimal digits, most significant first; `[]` for zero.
  var digits: [UInt8] {
    guard let top = limbs.last else { return [] }
    var result = Array(String(top).utf8)
    for limb in limbs.dropLast().reversed() {
      let text = Array(String(limb).utf8)
      result.append(contentsOf: repeatElement(0x30, count: Self.digitsPerLimb - text.count))
      result.append(contentsOf: text)
    }
    return result
  }

  mutating func multiply(by factor: UInt32) {
    guard factor != 1 else { return }
    var carry: UInt64 = 0
    for index in limbs.indices {
      let product = UInt64(limbs[index]) * UInt64(factor) + carry
      limbs[index] = UInt32(product % Self.base)
      carry = product / Self.base
    }
    while carry > 0 {
      limbs.append(UInt32(carry % Self.base))
      carry /= Self.base
    }
    trim()
  }

  /// Multiplies by 2^exponent, 2^30 at a time so that every step fits a `UInt32` factor.
  mutating func multiply(byPowerOfTwo exponent: Int) {
    var remaining = exponent
    while remaining > 0 {
      let step = min(remaining, 30)
      multiply(by: UInt32(1) << UInt32(step))
      remaining -= step
    }
  }

  mutating func add(_ addend: UInt32) {
    var carry = UInt64(addend)
    var index = 0
    while carry > 0 {
      if index == limbs.count { limbs.append(0) }
      let sum = UInt64(limbs[index]) + carry
      limbs[index] = UInt32(sum % Self.base)
      carry = sum / Self.base
      index += 1
    }
  }

  /// Divides in place, rounding down, and returns the remainder.
  @discardableResult
  mutating func divide(by divisor: UInt32) -> UInt32 {
    var remainder: UInt64 = 0
    for index in limbs.indices.reversed() {
      let current = remainder * Self.base + UInt64(limbs[index])
      limbs[index] = UInt32(current / UInt64(divisor))
      remainder = current % UInt64(divisor)
    }
    trim()
    return UInt32(remainder)
  }

  /// Subtracts a number that is not larger than `self`; a larger one leaves zero.
  mutating func subtract(_ other: DecimalNatural) {
    guard Self.compare(self, other) > 0 else {
      limbs = []
      return
    }
    var borrow: Int64 = 0
    for index in limbs.indices {
      let subtrahend = index < other.limbs.count ? Int64(other.limbs[index]) : 0
      var difference = Int64(limbs[index]) - subtrahend - borrow
      borrow = 0
      if difference < 0 {
        difference += Int64(Self.base)
        borrow = 1
      }
      limbs[index] = UInt32(difference)
    }
    trim()
  }

  /// -1, 0 or 1 as `lhs` is smaller than, equal to or larger than `rhs`.
  static func compare(_ lhs: DecimalNatural, _ rhs: DecimalNatural) -> Int {
    if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count ? -1 : 1 }
    for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
      return lhs.limbs[index] < rhs.limbs[index] ? -1 : 1
    }
    return 0
  }

  private mutating func trim() {
    while limbs.last == 0 { limbs.removeLast() }
  }
}

/// An exact decimal number, `±coefficient × 10^exponent`, kept normalized so that equal values
/// have equal representations: no leading or trailing zeros in the coefficient, and zero is
/// always `+"" × 10^0`. Synthesized `==` and `hash` are therefore value equality.
struct ExactDecimal: Sendable, Hashable {
  /// Beyond this many zeros the plain decimal text would be absurdly long (`1e2000000000`), so
  /// `plainText` switches to `<digits>e<exponent>`. No real quantity comes near it.
  static let plainZerosLimit = 10_000

  static let zero = ExactDecimal(negative: false, digits: [], exponent: 0)
  /// 2^63-1, where Kubernetes caps BinarySI quantities.
  static let maxInt64 = ExactDecimal(
    negative: false, digits: Array("\(Int64.max)".utf8), exponent: 0)
  static let oneKibi = ExactDecimal(negative: false, digits: Array("1024".utf8), exponent: 0)

  /// The coefficient, without leading or trailing zeros: up to 19 digits (every real quantity)
  /// as a number, which a resource value stores and rebuilds for every rule that asks, more as
  /// ASCII digits. Zero is `.number(0)`. Each value has one representation, so the synthesized
  /// `==` and `hash` stay value equality.
  private enum Coefficient: Sendable, Hashable {
    case number(UInt64)
    case digits(String)
  }
  /// The most digits stored as a number: every 19-digit number fits a `UInt64`.
  private static let maxNumberDigits = 19

  private let stored: Coefficient
  let exponent: Int
  /// Last: the flag then packs after the words instead of padding a word of its own.
  let negative: Bool

  /// The digits as an array, for the rarely used arithmetic.
  var coefficient: [UInt8] { Array(digitText.utf8) }
  var coefficientCount: Int {
    switch stored {
    case .number(let number): Self.digitCount(number)
    case .digits(let digits): digits.utf8.count
    }
  }

  /// The coefficient as a number, when it has at most 19 digits (zero for zero).
  var coefficientNumber: UInt64? {
    if case .number(let number) = stored { return number }
    return nil
  }

  /// The coefficient's ASCII digits; empty for zero.
  var digitText: String {
    switch stored {
    case .number(0): ""
    case .number(let number): String(number)
    case .digits(let digits): digits
    }
  }

  /// Normalizes `±digits × 10^exponent`; `digits` may carry leading and trailing zeros.
  init(negative: Bool, digits: [UInt8], exponent: Int) {
    guard let first = digits.firstIndex(where: { $0 != 0x30 }),
      let last = digits.lastIndex(where: { $0 != 0x30 })
    else {
      (stored, self.exponent, self.negative) = (.number(0), 0, false)
      return
    }
    self.negative = negative
    self.exponent = exponent + (digits.count - 1 - last)
    if last - first < Self.maxNumberDigits {
      var number: UInt64 = 0
      for digit in digits[first...last] { number = number * 10 + UInt64(digit &- 0x30) }
      self.stored = .number(number)
    } else {
      self.stored = .digits(String(decoding: digits[first...last], as: UTF8.self))
    }
  }

  /// `±magnitude × 10^exponent`, normalized, straight from a machine integer (the parser's
  /// fast path, and a resource value's stored parse) without going through text.
  init(negative: Bool, magnitude: UInt64, exponent: Int) {
    guard magnitude != 0 else {
      (stored, self.exponent, self.negative) = (.number(0), 0, false)
      return
    }
    var rest = magnitude
    var shift = 0
    while rest % 10 == 0 {
      rest /= 10
      shift += 1
    }
    self.stored = .number(rest)
    self.negative = negative
    self.exponent = exponent + shift
  }

  /// How many decimal digits `number` has; 0 for zero.
  static func digitCount(_ number: UInt64) -> Int {
    var count = 0
    var rest = number
    while rest > 0 {
      rest /= 10
      count += 1
    }
    return count
  }

  init(_ value: Int64) {
    self.init(negative: value < 0, digits: Array(String(value.magnitude).utf8), exponent: 0)
  }

  var isZero: Bool { stored == .number(0) }
  var signum: Int { isZero ? 0 : (negative ? -1 : 1) }
  /// The decimal position just above the leading digit: |value| lies in [10^(order-1), 10^order).
  var order: Int { coefficientCount + exponent }
  var isInteger: Bool { exponent >= 0 }
  var magnitude: ExactDecimal {
    negative ? ExactDecimal(negative: false, digits: coefficient, exponent: exponent) : self
  }

  /// The magnitude as a `UInt64` when it is a whole number that fits.
  var uint64Magnitude: UInt64? {
    guard isInteger, order <= 20 else { return nil }
    var result: UInt64 = 0
    switch stored {
    case .number(let number): result = number
    case .digits(let digits):
      for digit in digits.utf8 {
        let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit &- 0x30))
        if overflow1 || overflow2 { return nil }
        result = sum
      }
    }
    for _ in 0..<exponent {
      let (times10, overflow) = result.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      result = times10
    }
    return result
  }

  /// The plain decimal text (`-1536`, `0.000663177`), or `<digits>e<exponent>` when the plain
  /// form would need more than `plainZerosLimit` zeros.
  var plainText: String {
    guard !isZero else { return "0" }
    let sign = negative ? "-" : ""
    let digits = digitText
    let coefficient = self.coefficient
    if exponent > Self.plainZerosLimit { return "\(sign)\(digits)e\(exponent)" }
    if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
    let fractionLength = -exponent
    if coefficient.count > fractionLength {
      let split = coefficient.count - fractionLength
      let whole = String(decoding: coefficient[..<split], as: UTF8.self)
      let fraction = String(decoding: coefficient[split...], as: UTF8.self)
      return "\(sign)\(whole).\(fraction)"
    }
    let zeros = String(repeating: "0", count: fractionLength - coefficient.count)
    return "\(sign)0.\(zeros)\(digits)"
  }

  /// Compares absolute values: -1, 0 or 1.
  static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
    if lhs.isZero || rhs.isZero { return (lhs.isZero ? 0 : 1) - (rhs.isZero ? 0 : 1) }
    if lhs.order != rhs.order { return lhs.order < rhs.order ? -1 : 1 }
    if case .number(let left) = lhs.stored, case .number(let right) = rhs.stored {
      // Same order and at most 19 digits each: padding the shorter one with zeros to the
      // longer one's length lines the digits up and still fits.
      let (leftCount, rightCount) = (Self.digitCount(left), Self.digitCount(right))
      var (leftPadded, rightPadded) = (left, right)
      for _ in leftCount..<max(leftCount, rightCount) { leftPadded *= 10 }
      for _ in rightCount..<max(leftCount, rightCount) { rightPadded *= 10 }
      return leftPadded == rightPadded ? 0 : (leftPadded < rightPadded ? -1 : 1)
    }
    // Same order: the digit strings line up from the left. Neither ends in a zero, so when one
    // is a prefix of the other the longer one is larger.
    for (left, right) in zip(lhs.digitText.utf8, rhs.digitText.utf8) where left != right {
      return left < right ? -1 : 1
    }
    let (leftCount, rightCount) = (lhs.coefficientCount, rhs.coefficientCount)
    if leftCount == rightCount { return 0 }
    return leftCount < rightCount ? -1 : 1
  }

  /// Compares signed values: -1, 0 or 1.
  static func compare(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
    if lhs.signum != rhs.signum { return lhs.signum < rhs.signum ? -1 : 1 }
    let magnitudes = compareMagnitudes(lhs, rhs)
    return lhs.negative ? -magnitudes : magnitudes
  }

  /// Rounds away from zero to a multiple of 10^-9, as `ParseQuantity` does with `inf.RoundUp`:
  /// a non-zero request never becomes zero.
  func roundedUpToNano() -> ExactDecimal {
    let nano = -9
    guard !isZero, exponent < nano else { return self }
    let dropped = nano - exponent
    // The coefficient ends in a non-zero digit, so something non-zero is always dropped.
    let coefficient = self.coefficient
    guard dropped < coefficient.count else {
      return ExactDecimal(negative: negative, digits: [0x31], exponent: nano)
    }
    var kept = Array(coefficient[..<(coefficient.count - dropped)])
    var index = kept.count - 1
    while index >= 0, kept[index] == 0x39 {
      kept[index] = 0x30
      index -= 1
    }
    if index >= 0 { kept[index] += 1 } else { kept.insert(0x31, at: 0) }
    return ExactDecimal(negative: negative, digits: kept, exponent: nano)
  }

  /// Whether `self` is an integer multiple of `unit` (both non-zero; signs ignored).
  func isMultiple(of unit: ExactDecimal) -> Bool {
    guard !unit.isZero else { return false }
    guard !isZero else { return true }
    // A normalized coefficient is not divisible by 10, so a value with the smaller exponent
    // cannot be a multiple of one with a larger exponent.
    guard exponent >= unit.exponent else { return false }
    // Is unit.coefficient a divisor of coefficient × 10^shift? Writing the divisor as
    // 2^a · 5^b · r, factors of ten beyond max(a, b) change nothing, and a and b are below
    // 4 × its digit count, so the shift can be capped and the numbers stay small.
    let shift = min(exponent - unit.exponent, 4 * unit.coefficientCount)
    let dividend = coefficient + repeatElement(0x30, count: shift)
    guard dividend.count >= unit.coefficientCount else { return false }
    if let divisor = unit.uint64Magnitude {
      // The usual case (hugepage sizes): a remainder below the divisor times 10 fits 128 bits.
      var remainder: UInt64 = 0
      for digit in dividend {
        let (high, low) = remainder.multipliedFullWidth(by: 10)
        let (sum, carry) = low.addingReportingOverflow(UInt64(digit &- 0x30))
        remainder = divisor.dividingFullWidth((high + (carry ? 1 : 0), sum)).remainder
      }
      return remainder == 0
    }
    let divisor = DecimalNatural(digits: unit.coefficient)
    var remainder = DecimalNatural()
    for digit in dividend {
      remainder.multiply(by: 10)
      remainder.add(UInt32(digit &- 0x30))
      while DecimalNatural.compare(remainder, divisor) >= 0 { remainder.subtract(divisor) }
    }
    return remainder.isZero
  }
}
