import ResourceModel

/// A positive cpu value finer than 1m, read in millicores without floating point.
struct ValueMillicores {
  /// The exact value in millicores: `300.000001` for `0.300000001`.
  var exact: String
  /// Whole millicores, rounded up as the scheduler and kubelet do (`MilliValue()`): `301`.
  var roundedUp: String
  /// Whole millicores, rounded to the nearest and at least 1: `300`. Likely what was meant.
  var nearest: String

  /// Nil unless `quantity` is positive and not a whole number of millicores.
  init?(_ quantity: Quantity) {
    guard quantity.signum > 0, quantity.isFinerThanMilli else { return nil }
    let parts = quantity.exactValue.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    let fraction = Array(parts[1])
    let milliDigits = Self.trimmed(String(parts[0]) + String(fraction.prefix(3)))
    let rest = String(fraction.dropFirst(3))
    exact = "\(milliDigits).\(rest)"
    roundedUp = Self.incremented(milliDigits)
    let roundsUp = (rest.first ?? "0") >= "5" || milliDigits == "0"
    nearest = roundsUp ? roundedUp : milliDigits
  }

  /// Without leading zeros, keeping at least one digit.
  private static func trimmed(_ digits: String) -> String {
    let kept = digits.drop { $0 == "0" }
    return kept.isEmpty ? "0" : String(kept)
  }

  /// A decimal digit string plus one.
  private static func incremented(_ digits: String) -> String {
    var result: [Character] = []
    var carry = true
    for digit in digits.reversed() {
      guard carry, let value = digit.wholeNumberValue else {
        result.append(digit)
        continue
      }
      carry = value == 9
      result.append(Character(String((value + 1) % 10)))
    }
    if carry { result.append("1") }
    return String(result.reversed())
  }
}
