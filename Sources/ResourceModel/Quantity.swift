// STUB — replaced by the exact implementation. Public API is final.

/// Why a string is not a Kubernetes quantity, with apimachinery's own error texts.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// The text does not match the quantity grammar at all.
    case formatWrong
    /// The number is fine but the suffix is not one Kubernetes knows.
    case suffix
    /// The numeric part cannot be read.
    case numeric
  }
  public var kind: Kind
  public init(_ kind: Kind) { self.kind = kind }

  public var description: String {
    switch kind {
    case .formatWrong:
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    case .suffix: "unable to parse quantity's suffix"
    case .numeric: "unable to parse numeric part of quantity"
    }
  }
}

/// A Kubernetes `resource.Quantity`, parsed exactly as apimachinery's `ParseQuantity` does and
/// compared exactly (no floating point): `1Gi` > `1G`, `900m` > `500m`.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
  public enum Format: String, Sendable, Hashable {
    case decimalSI = "DecimalSI"
    case binarySI = "BinarySI"
    case decimalExponent = "DecimalExponent"
  }

  /// The text as written.
  public let text: String
  public let format: Format
  /// The suffix as written: `""`, `Gi`, `m`, `e3`, `E+17`.
  public let suffix: String

  public static func parse(_ text: String) -> Result<Quantity, QuantityError> {
    .failure(QuantityError(.formatWrong))
  }

  public init?(_ text: String) {
    guard case .success(let quantity) = Quantity.parse(text) else { return nil }
    self = quantity
  }

  /// Kubernetes' canonical `String()` form (`1.5Gi` → `1536Mi`).
  public var canonical: String { text }
  /// The exact decimal value Kubernetes stores: nano precision, rounded up; BinarySI capped at 2^63-1.
  public var exactValue: String { "0" }
  /// -1, 0 or 1.
  public var signum: Int { 0 }
  public var isZero: Bool { signum == 0 }
  public var isNegative: Bool { signum < 0 }
  /// True when the value has no fractional part.
  public var isWholeNumber: Bool { true }
  /// True when the value is not a whole number of thousandths (finer than `1m`).
  public var isFinerThanMilli: Bool { false }
  /// The exact value when it is a whole number that fits in Int64.
  public var int64Value: Int64? { nil }
  /// True when `self` is an exact integer multiple of `unit` (hugepages sizes).
  public func isMultiple(of unit: Quantity) -> Bool { false }
  /// The exact value with thousands separators when it is a whole number (`1,073,741,824`).
  public var groupedValue: String? { nil }
  /// A reading in binary byte units for messages: `1 KiB`, `1.5 GiB`, `512 B`, `0.512 B`.
  public var byteDescription: String { exactValue + " B" }

  public static func < (lhs: Quantity, rhs: Quantity) -> Bool { false }
  public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.text == rhs.text }
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }
  public var description: String { text }
}
