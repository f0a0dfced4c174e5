import ResourceModel
import Testing

@testable import PythonScanner

@Suite struct ValueTests {
  func form(_ source: String, prefix: String = "") -> ResourceValue.Form? {
    parseValue(source, prefix: prefix)?.form
  }

  @Test(arguments: [
    (#""2Gi""#, "2Gi"), (#"'2Gi'"#, "2Gi"), (#"'''2Gi'''"#, "2Gi"), (#""""2Gi""""#, "2Gi"),
    (#"u"2Gi""#, "2Gi"), (#"r"\d""#, #"\d"#), (#"R'\n'"#, #"\n"#), (#""a\tb""#, "a\tb"),
    (#""\x41\101\u00e9\U0001F600""#, "AAé😀"), (#""it\'s""#, "it's"), (#""\q""#, #"\q"#),
    (#""1" "Gi""#, "1Gi"), ("(\"1\"\n \"Gi\")", "1Gi"), (#"f"2Gi""#, "2Gi"),
    (#"f"{{2}}Gi""#, "{2}Gi"),
    (#"rf"\d{{x}}""#, #"\d{x}"#), (#""" "" "#, ""), ("'''a\nb'''", "a\nb"), ("\"a\\\nb\"", "ab"),
    (#""é""#, "é"),
    // Verbatim bytes, then the first byte that is not its own value.
    (#""Gi\x41""#, "GiA"), ("'''a\r\nb\rc'''", "a\nb\nc"), (#"f"x{{y}}z""#, "x{y}z"),
    (#""2Gi\\""#, #"2Gi\"#),
  ])
  func strings(_ source: String, _ expected: String) {
    #expect(form(source) == .string(expected), "\(source)")
  }

  /// Tuples of constants that are tuples of constants grow exponentially; a value holds at
  /// most `maxValueNodes` values, and what is beyond them is dynamic (unknown), not dropped.
  @Test func valuesThroughNestedConstantsAreBounded() throws {
    let items = { (name: String) in
      "(" + Array(repeating: name, count: 40).joined(separator: ", ") + ")"
    }
    let prefix = "A = \"1\"\nB = \(items("A"))\nC = \(items("B"))\nD = \(items("C"))\n"
    let value = try #require(parseValue(items("D"), prefix: prefix))
    var count = 0
    var dynamic = 0
    func visit(_ value: ResourceValue) {
      count += 1
      if value.isDynamic { dynamic += 1 }
      if case .sequence(let items, _) = value.form { items.forEach(visit) }
    }
    visit(value)
    #expect(count <= ScanContext.maxValueNodes + 40 * 4)
    #expect(dynamic > 0)
    // A small tuple through constants is read whole.
    let pair = try #require(parseValue("(A, A)", prefix: "A = \"1\"\n"))
    guard case .sequence(let both, isList: false) = pair.form else {
      Issue.record("not a tuple: \(pair.form)")
      return
    }
    #expect(both.map(\.form) == [.string("1"), .string("1")])
  }

  @Test func dynamicAndOtherStrings() {
    #expect(form(#"f"{n}Gi""#) == .dynamic(#"f"{n}Gi""#))
    #expect(form(#""1" f"{n}""#) == .dynamic(#""1" f"{n}""#))
    #expect(form(#"b"2Gi""#) == .other(#"b"2Gi""#))
    #expect(form(#"rb"2Gi""#) == .other(#"rb"2Gi""#))
  }

  @Test(arguments: [
    ("1024", "1024"), ("1_024", "1024"), ("0x10", "16"), ("0o17", "15"), ("0b101", "5"),
    ("0", "0"), ("00", "0"), ("-1", "-1"), ("+2", "2"), ("- 3", "-3"), ("-0", "0"), ("--1", "1"),
    ("0xFFFFFFFFFFFFFFFFFFFF", "1208925819614629174706175"),
    ("123456789012345678901234567890", "123456789012345678901234567890"),
  ])
  func integers(_ source: String, _ expected: String) {
    #expect(form(source) == .integer(expected), "\(source)")
  }

  @Test(arguments: [
    ("0.5", "0.5"), ("2.0", "2.0"), ("2.", "2.0"), (".5", "0.5"), ("1e-5", "1e-05"),
    ("1e20", "1e+20"), ("1e-3", "0.001"), ("0.0001", "0.0001"), ("1e16", "1e+16"),
    ("1e15", "1000000000000000.0"), ("123456789.125", "123456789.125"), ("1_000.5", "1000.5"),
    ("1.5e300", "1.5e+300"), ("1e400", "inf"), ("-0.5", "-0.5"), ("0.0", "0.0"), ("-0.0", "-0.0"),
    ("1.25E-7", "1.25e-07"), ("12345678901234567.0", "1.2345678901234568e+16"),
    ("0.30000000000000004", "0.30000000000000004"), ("5e-324", "5e-324"), ("1e100", "1e+100"),
    ("2.5e-5", "2.5e-05"), ("9999999999999998.0", "9999999999999998.0"),
  ])
  func floats(_ source: String, _ expected: String) {
    #expect(form(source) == .float(expected), "\(source)")
  }

  @Test func constantsAndContainers() {
    #expect(form("True") == .boolean(true))
    #expect(form("False") == .boolean(false))
    #expect(form("None") == ResourceValue.Form.none)
    #expect(form("1j") == .other("1j"))
    #expect(form("...") == .other("..."))
    guard case .sequence(let items, let isList)? = form(#"("1", 2)"#) else {
      Issue.record("expected a tuple")
      return
    }
    #expect(!isList)
    #expect(items.map(\.form) == [.string("1"), .integer("2")])
    guard case .sequence(let listItems, true)? = form(#"["1", 2.5,]"#) else {
      Issue.record("expected a list")
      return
    }
    #expect(listItems.map(\.form) == [.string("1"), .float("2.5")])
    #expect(form(#"{"cpu": "1"}"#) == .other(#"{"cpu": "1"}"#))
    #expect(form("{1, 2}") == .other("{1, 2}"))
    #expect(form("foo(1)") == .other("foo(1)"))
  }

  @Test func dynamicExpressions() {
    for source in [
      "n", "a.b", "a[0]", "1 + 1", "n * 2", "-n", "not x", "lambda: 1", "[x for x in y]",
      "(x for x in y)", "a if b else c", "x := 1", "await f", "~1",
    ] {
      // The source text comes along, for `dump`.
      #expect(form(source) == .dynamic(source), "\(source)")
    }
  }

  @Test func spansCoverTheLiteralAsWritten() throws {
    let value = try #require(parseValue(#"  r"2Gi"  "#))
    #expect(value.span.start == SourceLocation(line: 1, column: 7))
    #expect(value.span.end == SourceLocation(line: 1, column: 13))
    let concatenated = try #require(parseValue("\"1\" \\\n  \"Gi\""))
    #expect(concatenated.span.start == SourceLocation(line: 1, column: 5))
    #expect(concatenated.span.end == SourceLocation(line: 2, column: 7))
  }

  @Test func constantsResolveWithinTheFile() throws {
    let value = try #require(parseValue("MEM", prefix: "MEM = \"2Gi\"\n"))
    #expect(value.form == .string("2Gi"))
    #expect(value.span.start == SourceLocation(line: 1, column: 7))
    let chained = try #require(parseValue("B", prefix: "A: str = '1'\nB = A\n"))
    #expect(chained.form == .string("1"))
    #expect(chained.span.start == SourceLocation(line: 1, column: 10))
    let reassigned = try #require(parseValue("M", prefix: "M = '1'\nM = '2'\n"))
    #expect(reassigned.form == .dynamic("M"))
    #expect(reassigned.span.start == SourceLocation(line: 3, column: 5))
    let augmented = try #require(parseValue("M", prefix: "M = 1\nM += 1\n"))
    #expect(augmented.form == .dynamic("M"))
    let computed = try #require(parseValue("M", prefix: "M = '1' + 'Gi'\n"))
    #expect(computed.form == .dynamic("M"))
    #expect(computed.span.start == SourceLocation(line: 2, column: 5))
  }
}
