// libFuzzer target: `Quantity.parse` and the invariants of parsed quantities.
// Built by Fuzz/fuzz.sh with `swiftc -sanitize=fuzzer,address -parse-as-library`.
import ResourceModel

/// Stops the run with a message libFuzzer records next to the reproducer.
func violated(_ message: String) -> Never {
  preconditionFailure("quantity invariant: \(message)")
}

/// Checks what must hold for every quantity that parses: its canonical text and exact value
/// parse back to the same value, and the derived descriptions can be computed.
func checkRoundTrip(_ quantity: Quantity) {
  guard case .success(let canonical) = Quantity.parse(quantity.canonical) else {
    violated("canonical \(quantity.canonical) of \(quantity.text) does not parse")
  }
  if canonical != quantity || canonical.hashValue != quantity.hashValue {
    violated("canonical \(quantity.canonical) differs from \(quantity.text)")
  }
  if canonical.canonical != quantity.canonical {
    violated("canonical of \(quantity.canonical) is \(canonical.canonical)")
  }
  guard case .success(let exact) = Quantity.parse(quantity.exactValue) else {
    violated("exact value \(quantity.exactValue) of \(quantity.text) does not parse")
  }
  if exact != quantity {
    violated("exact value \(quantity.exactValue) differs from \(quantity.text)")
  }
  if quantity.isZero != (quantity.signum == 0) || quantity.isNegative != (quantity.signum < 0) {
    violated("signum of \(quantity.text)")
  }
  if let whole = quantity.int64Value, Quantity(String(whole)) != quantity {
    violated("int64Value \(whole) of \(quantity.text)")
  }
  _ = quantity.byteDescription
  _ = quantity.groupedValue
  _ = quantity.isFinerThanMilli
}

/// Exactly one of `<`, `==`, `>` holds, and equal values hash alike.
func checkOrder(_ a: Quantity, _ b: Quantity) {
  let less = a < b
  let equal = a == b
  let greater = b < a
  if (less ? 1 : 0) + (equal ? 1 : 0) + (greater ? 1 : 0) != 1 {
    violated("order of \(a.text) and \(b.text): < \(less), == \(equal), > \(greater)")
  }
  if equal && a.hashValue != b.hashValue { violated("hash of \(a.text) and \(b.text)") }
  if equal != (a.signum == b.signum && a.exactValue == b.exactValue) {
    violated("== of \(a.text) and \(b.text) disagrees with their exact values")
  }
  _ = a.isMultiple(of: b)
}

/// The input is one or two quantities separated by a newline.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuantity(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let parts = bytes.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false)
  var parsed: [Quantity] = []
  for part in parts {
    let text = String(decoding: part, as: UTF8.self)
    if case .success(let quantity) = Quantity.parse(text) {
      checkRoundTrip(quantity)
      parsed.append(quantity)
    }
  }
  if parsed.count == 2 {
    checkOrder(parsed[0], parsed[1])
    checkOrder(parsed[1], parsed[0])
  }
  return 0
}
