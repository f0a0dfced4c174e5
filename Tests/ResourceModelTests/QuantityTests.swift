import ResourceModel
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - Reference vectors

/// One row of `quantity-vectors.tsv`.
private struct QuantityVector {
  var line: Int
  var input: String
  var valid: Bool
  var value: String
  var canonical: String
  var format: String
}

/// The reference vectors: a copy of `shared/quantity-vectors.tsv` kept in
/// `<repo>/Fixtures/quantity/` so the suite runs from any clone (a test checks the copy is
/// current whenever `../shared` is present). Found from this file's path
/// (`<repo>/Tests/ResourceModelTests/QuantityTests.swift`).
private func vectorsPath(_ file: String = #filePath) -> String {
  var components = file.split(separator: "/", omittingEmptySubsequences: false)
  components.removeLast(3)
  return components.joined(separator: "/") + "/Fixtures/quantity/quantity-vectors.tsv"
}

private func sharedVectorsPath(_ file: String = #filePath) -> String {
  var components = file.split(separator: "/", omittingEmptySubsequences: false)
  components.removeLast(4)
  return components.joined(separator: "/") + "/shared/quantity-vectors.tsv"
}

@Test func vectorsCopyMatchesShared() {
  guard let shared = readFile(sharedVectorsPath()) else { return }
  #expect(
    readFile(vectorsPath()) == shared, "Fixtures/quantity/quantity-vectors.tsv differs from shared/"
  )
}

/// Reads a whole file with the C library, so the tests need no Foundation.
private func readFile(_ path: String) -> String? {
  guard let handle = fopen(path, "rb") else { return nil }
  defer { fclose(handle) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65_536)
  while true {
    let count = fread(&buffer, 1, buffer.count, handle)
    if count <= 0 { break }
    bytes.append(contentsOf: buffer[0..<count])
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// Decodes a JSON string literal (with its quotes), including `\uXXXX` surrogate pairs.
private func decodeJSONString(_ literal: Substring) -> String? {
  let scalars = Array(literal.unicodeScalars)
  guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
  var result = String.UnicodeScalarView()
  var index = 1
  func hex4(at start: Int) -> UInt32? {
    guard start + 4 <= scalars.count - 1 else { return nil }
    var value: UInt32 = 0
    for scalar in scalars[start..<(start + 4)] {
      guard let digit = Int(String(scalar), radix: 16) else { return nil }
      value = value * 16 + UInt32(digit)
    }
    return value
  }
  while index < scalars.count - 1 {
    let scalar = scalars[index]
    guard scalar == "\\" else {
      result.append(scalar)
      index += 1
      continue
    }
    guard index + 1 < scalars.count - 1 else { return nil }
    let escape = scalars[index + 1]
    index += 2
    switch escape {
    case "\"": result.append("\"")
    case "\\": result.append("\\")
    case "/": result.append("/")
    case "b": result.append("\u{8}")
    case "f": result.append("\u{C}")
    case "n": result.append("\n")
    case "r": result.append("\r")
    case "t": result.append("\t")
    case "u":
      guard var code = hex4(at: index) else { return nil }
      index += 4
      if (0xD800..<0xDC00).contains(code), index + 1 < scalars.count - 1,
        scalars[index] == "\\", scalars[index + 1] == "u",
        let low = hex4(at: index + 2), (0xDC00..<0xE000).contains(low)
      {
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        index += 6
      }
      // A lone surrogate becomes U+FFFD, as Go's encoding/json does.
      result.append(Unicode.Scalar(code) ?? "\u{FFFD}")
    default: return nil
    }
  }
  return String(result)
}

/// Parses the TSV: `#` comments, a header, then rows of five tab-separated columns.
private func loadVectors() throws -> [QuantityVector] {
  let path = vectorsPath()
  let text = try #require(readFile(path), "cannot read \(path)")
  var vectors: [QuantityVector] = []
  var sawHeader = false
  for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    if line.isEmpty || line.hasPrefix("#") { continue }
    if !sawHeader {
      #expect(line == "input\tvalid\tvalue\tcanonical\tformat")
      sawHeader = true
      continue
    }
    let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
    try #require(columns.count == 5, "line \(offset + 1): \(columns.count) columns")
    let input = try #require(decodeJSONString(columns[0]), "line \(offset + 1): bad JSON string")
    vectors.append(
      QuantityVector(
        line: offset + 1, input: input, valid: columns[1] == "ok", value: String(columns[2]),
        canonical: String(columns[3]), format: String(columns[4])))
  }
  return vectors
}

@Test func quantityVectorsAgreeWithApimachinery() throws {
  let vectors = try loadVectors()
  #expect(vectors.count == 4000)
  var mismatches: [String] = []
  for vector in vectors {
    let got: String
    switch Quantity.parse(vector.input) {
    case .success(let quantity):
      got = "ok \(quantity.exactValue) \(quantity.canonical) \(quantity.format.rawValue)"
    case .failure(let error):
      got = "error (\(error.kind))"
    }
    let expected =
      vector.valid ? "ok \(vector.value) \(vector.canonical) \(vector.format)" : "error"
    let agrees = vector.valid ? got == expected : got.hasPrefix("error")
    if !agrees {
      mismatches.append(
        "line \(vector.line) \(vector.input.debugDescription): "
          + "expected \(expected), got \(got)")
    }
  }
  let agreeing = vectors.count - mismatches.count
  #expect(
    mismatches.isEmpty,
    """
    \(agreeing)/\(vectors.count) vectors agree; \(mismatches.count) mismatch, first ones:
    \(mismatches.prefix(10).joined(separator: "\n"))
    """)
}

// MARK: - Parsing and canonical form

private func quantity(_ text: String) throws -> Quantity {
  try #require(Quantity(text), "\(text.debugDescription) should parse")
}

@Test(arguments: [
  ("1.5Gi", "1536Mi"), ("0.5", "500m"), ("1e-10", "1e-9"), ("0.30000000000000004", "300000001n"),
  ("1.0e3", "1e3"), ("1E", "1E"), ("0.1Ki", "102400m"), ("8Ei", "9223372036854775807"),
  ("Gi", "0"), ("-Gi", "0"), ("01", "01"), ("+1", "+1"), ("+1.0", "1"), ("1000E", "1e21"),
  ("-0.5", "-500m"), ("2048Mi", "2Gi"), ("1025Mi", "1025Mi"), ("0.5Ki", "512"),
  // 19 digits skip the int64 fast path, so the sign is dropped; 18 digits keep the text.
  ("+9077693820822930509G", "9077693820822930509G"),
  ("+907769382082293050G", "+907769382082293050G"),
  ("9999999999999999999", "9999999999999999999"), ("1.5e-2147483648", "150e2147483646"),
])
func canonicalForm(input: String, canonical: String) throws {
  #expect(try quantity(input).canonical == canonical)
}

@Test func formatsAndSuffixes() throws {
  #expect(try quantity("1e+3").format == .decimalExponent)
  #expect(try quantity("1e+3").suffix == "e+3")
  #expect(try quantity("0.5Gi").format == .binarySI)
  // A BinarySI value strictly between 0 and 1 switches to DecimalSI.
  #expect(try quantity("0.0000001Ki").format == .decimalSI)
  #expect(try quantity("0.0000001Ki").exactValue == "0.0001024")
  #expect(try quantity("12").suffix == "")
}

@Test(arguments: [
  ("1GB", QuantityError.Kind.formatWrong), ("", .formatWrong), (" 1Gi", .formatWrong),
  ("1Gi ", .formatWrong), ("1.5.0", .formatWrong), ("1gi", .formatWrong),
  ("1K", .suffix), ("1e", .suffix), ("1ki", .suffix), ("1m1", .suffix), ("1Gie3", .suffix),
  ("1e99999999999999999999", .suffix),
  ("Ei", .numeric), (".Pi", .numeric), ("-Pi", .numeric),
])
func errorKinds(input: String, kind: QuantityError.Kind) {
  guard case .failure(let error) = Quantity.parse(input) else {
    Issue.record("\(input.debugDescription) should not parse")
    return
  }
  #expect(error.kind == kind)
  #expect(Quantity(input) == nil)
}

@Test func exactValues() throws {
  #expect(try quantity("574.8Gi").exactValue == "617186800435.2")
  #expect(try quantity("1e-99").exactValue == "0.000000001")
  #expect(try quantity("-1e-99").exactValue == "-0.000000001")
  #expect(try quantity("1e99").exactValue == "1" + String(repeating: "0", count: 99))
  #expect(try quantity("-0").exactValue == "0")
  #expect(try quantity("-9Ei").exactValue == "-9223372036854775807")
}

// MARK: - Exact comparison

@Test func comparesExactValues() throws {
  #expect(try quantity("1Gi") > quantity("1G"))
  #expect(try quantity("900m") > quantity("500m"))
  #expect(try quantity("2") == quantity("2000m"))
  #expect(try quantity("1.5Gi") == quantity("1536Mi"))
  #expect(try quantity("1e3") == quantity("1k"))
  #expect(try quantity("-1") < quantity("-500m"))
  #expect(try quantity("-2Gi") < quantity("1m"))
  #expect(try quantity("-0") == quantity("0"))
  #expect(try quantity("1e99") > quantity("9Ei"))
  #expect(try quantity("1n") > quantity("0"))
  #expect(try quantity("100u") < quantity("1m"))
  #expect(try quantity("2") != quantity("2001m"))
  let set: Set<Quantity> = [try quantity("2"), try quantity("2000m"), try quantity("2e0")]
  #expect(set.count == 1)
}

/// Coefficients of up to 19 digits are kept as a number, longer ones as digits: every pair of
/// the two compares exactly, including same-order values of different lengths.
@Test func comparesAcrossCoefficientSizes() throws {
  #expect(try quantity("1.5") < quantity("1.55"))
  #expect(try quantity("1.55") > quantity("1.5"))
  #expect(try quantity("155e-2") == quantity("1.55"))
  #expect(try quantity("1.9") > quantity("1.55"))
  #expect(try !(quantity("1.9") < quantity("1.55")))
  #expect(try quantity("1234567890123456789") < quantity("1234567890123456789.1"))
  #expect(try quantity("9999999999999999999") < quantity("1e19"))
  #expect(try quantity("12345678901234567890123") > quantity("1234567890123456789e4"))
  #expect(try quantity("1234567890123456789e4") < quantity("12345678901234567890123"))
  #expect(try quantity("-12345678901234567890123") < quantity("-1234567890123456789e4"))
  #expect(try quantity("12345678901234567890000") == quantity("1234567890123456789e4"))
  let set: Set<Quantity> = [try quantity("1.50"), try quantity("1.5"), try quantity("15e-1")]
  #expect(set.count == 1)
}

// MARK: - Derived readings

@Test(arguments: [
  ("1Ki", "1 KiB"), ("1.5Gi", "1.5 GiB"), ("2Gi", "2 GiB"), ("512", "512 B"),
  ("1000", "1000 B"), ("0.512", "0.512 B"), ("1G", "953.67 MiB"), ("1023.9", "1023.9 B"),
  ("1025", "1 KiB"), ("1536Ki", "1.5 MiB"), ("-1Ki", "-1 KiB"), ("8Ei", "7.99 EiB"),
  ("0", "0 B"), ("1Pi", "1 PiB"), ("1e30", "867361737988.4 EiB"),
])
func byteDescription(input: String, expected: String) throws {
  #expect(try quantity(input).byteDescription == expected)
}

@Test func groupedValue() throws {
  #expect(try quantity("1Gi").groupedValue == "1,073,741,824")
  #expect(try quantity("999").groupedValue == "999")
  #expect(try quantity("1k").groupedValue == "1,000")
  #expect(try quantity("-1Mi").groupedValue == "-1,048,576")
  #expect(try quantity("0").groupedValue == "0")
  #expect(try quantity("1.5").groupedValue == nil)
}

@Test func multiples() throws {
  #expect(try quantity("4Mi").isMultiple(of: quantity("2Mi")))
  #expect(try !quantity("3Mi").isMultiple(of: quantity("2Mi")))
  #expect(try quantity("1Gi").isMultiple(of: quantity("2Mi")))
  #expect(try quantity("1e99").isMultiple(of: quantity("8")))
  #expect(try !quantity("1e99").isMultiple(of: quantity("3")))
  #expect(try quantity("1500m").isMultiple(of: quantity("500m")))
  #expect(try !quantity("20").isMultiple(of: quantity("100")))
  #expect(try quantity("0").isMultiple(of: quantity("2Mi")))
  #expect(try !quantity("2Mi").isMultiple(of: quantity("0")))
}

@Test func precisionQueries() throws {
  #expect(try quantity("0.0001").isFinerThanMilli)
  #expect(try quantity("0.5m").isFinerThanMilli)
  #expect(try !quantity("500m").isFinerThanMilli)
  #expect(try !quantity("1").isFinerThanMilli)
  #expect(try !quantity("1e99").isFinerThanMilli)
  #expect(try quantity("1Gi").isWholeNumber)
  #expect(try !quantity("1.5").isWholeNumber)
  #expect(try quantity("1500m").isWholeNumber == false)
  #expect(try quantity("2000m").isWholeNumber)
}

@Test func signsAndInt64() throws {
  #expect(try quantity("-1").signum == -1)
  #expect(try quantity("-1").isNegative)
  #expect(try quantity("Gi").isZero)
  #expect(try quantity("1m").signum == 1)
  #expect(try quantity("1Gi").int64Value == 1_073_741_824)
  #expect(try quantity("-5").int64Value == -5)
  #expect(try quantity("9223372036854775807").int64Value == Int64.max)
  #expect(try quantity("9223372036854775808").int64Value == nil)
  #expect(try quantity("1.5").int64Value == nil)
  #expect(try quantity("1e99").int64Value == nil)
}

// MARK: - The parse a value keeps

/// A value keeps its parse packed in two words (`Quantity.Parsed`); what it gives back must be
/// the quantity its text parses to, for every reference vector and for the texts whose numbers
/// do not fit those words (they are read again from the text).
@Test func valuesKeepTheirQuantityExactly() throws {
  let span = SourceSpan(at: SourceLocation(line: 1, column: 1))
  let edges = [
    "12345678901234567890123", "0.00000000000000000001", "-9999999999999999999Ki",
    "1e2147483647", "1e-2147483648", "1E+999999999999", "0", "-0", "+.5Mi", "1Gi", "500m",
  ]
  for text in try loadVectors().map(\.input) + edges {
    let kept = ResourceValue(.string(text), span: span).quantity
    let parsed = Quantity(text)
    #expect(kept?.text == parsed?.text, "\(text.debugDescription)")
    #expect(kept?.exactValue == parsed?.exactValue, "\(text.debugDescription)")
    #expect(kept?.canonical == parsed?.canonical, "\(text.debugDescription)")
    #expect(kept?.format == parsed?.format, "\(text.debugDescription)")
    #expect(kept?.suffix == parsed?.suffix, "\(text.debugDescription)")
    #expect(kept == parsed, "\(text.debugDescription)")
  }
}

/// Rules test a value's facts before building its quantity: read from the stored parse, they
/// are the quantity's own, for every reference vector, the texts that do not fit the parse's
/// words, and values with no quantity.
@Test func valuesGiveTheirQuantityFactsWithoutBuildingIt() throws {
  let span = SourceSpan(at: SourceLocation(line: 1, column: 1))
  let edges = [
    "12345678901234567890123", "0.00000000000000000001", "-9999999999999999999Ki",
    "1e2147483647", "1e-2147483648", "0", "-0", "+.5Mi", "1Gi", "500m", "0.0001", "999n", "Gi",
  ]
  for text in try loadVectors().map(\.input) + edges {
    let value = ResourceValue(.string(text), span: span)
    let facts = value.quantityFacts
    #expect(facts == Quantity(text)?.facts, "\(text.debugDescription)")
    guard let facts, let quantity = Quantity(text) else { continue }
    #expect(facts.signum == quantity.signum, "\(text.debugDescription)")
    #expect(facts.isWholeNumber == quantity.isWholeNumber, "\(text.debugDescription)")
    #expect(facts.isFinerThanMilli == quantity.isFinerThanMilli, "\(text.debugDescription)")
    #expect(facts.suffixLength == quantity.suffix.utf8.count, "\(text.debugDescription)")
    #expect(facts.suffixLastByte == quantity.suffix.utf8.last ?? 0, "\(text.debugDescription)")
  }
  for form: ResourceValue.Form in [.none, .dynamic("n"), .boolean(true), .string("1GB")] {
    #expect(ResourceValue(form, span: span).quantityFacts == nil)
  }
  #expect(try quantity("0.5").facts.order == 0)
  #expect(try quantity("512").facts.order == 3)
}

@Test func valuesCompareLikeTheirQuantities() throws {
  let span = SourceSpan(at: SourceLocation(line: 1, column: 1))
  // Coefficients of 19 digits and more (stored as text, read again when compared), both
  // signs, zero, and equal values written differently.
  let edges = [
    "9999999999999999999", "10000000000000000000", "12345678901234567890123", "-1", "0", "-0",
    "1Gi", "1024Mi", "1G", "1e9", "1000M", "0.5", "500m", "1e-21", "9223372036854775807",
  ]
  let texts = try loadVectors().map(\.input) + edges
  let values = texts.map { ResourceValue(.string($0), span: span) }
  for (index, value) in values.enumerated() {
    // Twenty partners spread over the vectors, the same in every run, and every edge.
    let partners = (1...20).map { (index + $0 * 1_009) % values.count }
    for partner in partners + Array(values.indices.suffix(edges.count)) {
      let expected = value.quantity.flatMap { left in values[partner].quantity.map { left < $0 } }
      #expect(
        value.quantityIsLess(than: values[partner]) == expected,
        "\(texts[index].debugDescription) < \(texts[partner].debugDescription)")
    }
  }
  for form: ResourceValue.Form in [.none, .dynamic("n"), .string("1GB")] {
    #expect(ResourceValue(form, span: span).quantityIsLess(than: values[0]) == nil)
  }
}
