import Testing

@testable import PythonScanner

@Suite struct TokenizerTests {
  @Test(arguments: [
    #"'a'"#, #""a""#, #"'''a'''"#, #""""a""""#, #"r'\d'"#, #"R"\d""#, #"b'x'"#, #"B"x""#,
    #"u'x'"#, #"U"x""#, #"rb'x'"#, #"bR'x'"#, #"Rb"x""#, #"br"x""#, #"f'x'"#, #"F"x""#,
    #"fr'x'"#, #"rF"x""#, #"Rf'''x'''"#, #"t'x'"#, #"'it\'s'"#, #""say \"hi\"""#,
    #"'''a 'quoted' "x" ''b'' '''"#, "'''multi\nline'''", #"r'\''"#, #"'\\'"#,
  ])
  func stringForms(_ literal: String) {
    #expect(tokenTexts(literal + " + 1") == ["S:\(literal)", "O:+", "#:1", "NL"])
  }

  @Test func fStringsWithNestedQuotesAndFields() {
    let cases = [
      #"f"{x["key"]}""#,
      #"f'{x['key']}'"#,
      #"f"{'a' + "b"}""#,
      #"f"{f"{f'{1}'}"}""#,
      #"f"{x:>{width}.{precision}}""#,
      #"f"{x!r:>10}""#,
      #"f"{{literal}} {x}""#,
      #"f"{ {'a': 1}['a'] }""#,
      #"f"{x = }""#,
      #"f"{a if b else c}""#,
      #"f'''{x}\n{y!s}'''"#,
      #"rf"\{x}""#,
    ]
    for literal in cases {
      #expect(tokenTexts(literal + " , y") == ["S:\(literal)", "O:,", "N:y", "NL"], "\(literal)")
    }
  }

  @Test func fStringFieldMaySpanLines() {
    let source = "x = f\"{\n  a\n}\" + 1\n"
    #expect(tokenTexts(source) == ["N:x", "O:=", "S:f\"{\n  a\n}\"", "O:+", "#:1", "NL"])
  }

  @Test func commentsProduceNoTokens() {
    #expect(
      tokenTexts("x = 1  # Resources(cpu='1')\n# full line\ny") == [
        "N:x", "O:=", "#:1", "NL", "N:y", "NL",
      ])
  }

  @Test func blankLinesProduceNoNewline() {
    #expect(tokenTexts("\n\n  \n# c\nx\n\n") == ["N:x", "NL"])
  }

  @Test func explicitLineJoining() {
    #expect(
      tokenTexts("x = 1 + \\\n    2\ny") == ["N:x", "O:=", "#:1", "O:+", "#:2", "NL", "N:y", "NL"])
    #expect(tokenTexts("x = \\\r\n 2") == ["N:x", "O:=", "#:2", "NL"])
  }

  @Test func implicitJoiningInsideBrackets() {
    #expect(
      tokenTexts("f(\n  a,\n  # c\n  b,\n)\nz") == [
        "N:f", "O:(", "N:a", "O:,", "N:b", "O:,", "O:)", "NL", "N:z", "NL",
      ])
  }

  @Test(arguments: [
    "0", "1_024", "0x1F", "0XdeadBEEF", "0o17", "0O7_7", "0b1010", "0B1_0", "1.5", "1.", ".5",
    "1e5", "1E-5", "1.5e+10", "1_000.000_1", "1j", "1.5J", "1e5j", "00",
  ])
  func numbers(_ literal: String) {
    #expect(tokenTexts("(" + literal + ")") == ["O:(", "#:\(literal)", "O:)", "NL"])
  }

  @Test func operatorsLongestMatch() {
    #expect(
      tokenTexts("a **= b // c -> d := e != f ... == g") == [
        "N:a", "O:**=", "N:b", "O://", "N:c", "O:->", "N:d", "O::=", "N:e", "O:!=", "N:f", "O:...",
        "O:==", "N:g", "NL",
      ])
  }

  @Test func keywordsAreFlagged() {
    let stream = PythonTokenizer.tokenize(Array("lambda x: None if True else False".utf8))
    let flags = stream.tokens.filter { $0.kind == .name }.map(\.flags)
    #expect(
      flags == [
        Keyword.lambda, 0, Keyword.noneValue, Keyword.if, Keyword.trueValue, Keyword.else,
        Keyword.falseValue,
      ])
  }

  /// Every keyword is recognised whether eight bytes or fewer remain after its start (a name
  /// is read in one load or byte by byte), and names that only resemble one are not.
  @Test func everyKeywordIsFlaggedWhereverItEnds() {
    let keywords = [
      "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
      "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
      "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
      "try", "while", "with", "yield",
    ]
    func code(_ source: String) -> UInt8? {
      PythonTokenizer.tokenize(Array(source.utf8)).tokens.first { $0.kind == .name }?.flags
    }
    let codes = keywords.map { code($0 + " + long_name_after") }
    #expect(keywords.map { code($0) } == codes)
    #expect(!codes.contains(0) && Set(codes).count == keywords.count)
    let lookalikes = ["Nonesuch", "defs", "iff", "Def", "async_", "continue1", "lambda_", "i", "x"]
    #expect(lookalikes.map { code($0 + " + long_name_after") }.allSatisfy { $0 == 0 })
    #expect(lookalikes.map { code($0) }.allSatisfy { $0 == 0 })
  }

  @Test func unicodeIdentifiersAndPrefixLookalikes() {
    #expect(
      tokenTexts("größe = rb + fr + bu'x'") == [
        "N:größe", "O:=", "N:rb", "O:+", "N:fr", "O:+", "N:bu", "S:'x'", "NL",
      ])
  }

  @Test func logicalLinesRecordIndentation() {
    let stream = PythonTokenizer.tokenize(Array("a = 1\nif a:\n    b = (\n1)\n\tc\n".utf8))
    #expect(stream.lines.map(\.indent) == [0, 0, 4, 1])
  }

  @Test func bracketPartners() {
    let stream = PythonTokenizer.tokenize(Array("f(a[1], {b: (c)})".utf8))
    let texts = stream.tokens.map {
      $0.kind == .op ? String(UnicodeScalar(UInt8($0.op & 0xFF))) : "_"
    }
    #expect(texts.firstIndex(of: "(") == 1)
    #expect(stream.partner[1] == stream.tokens.count - 3)  // before NEWLINE and ENDMARKER
    #expect(stream.problems.isEmpty)
  }

  @Test func crOnlyLineEndingsAndBOM() {
    #expect(
      tokenTexts("\u{FEFF}a = 1\rb = 2\r") == [
        "N:a", "O:=", "#:1", "NL", "N:b", "O:=", "#:2", "NL",
      ])
  }

  @Test func unterminatedStrings() {
    let single = PythonTokenizer.tokenize(Array("x = 'abc\ny = 1\n".utf8))
    #expect(single.problems.map(\.message) == ["unterminated string literal"])
    #expect(single.problems.first?.start == 4)
    // The next line is still tokenized.
    #expect(single.tokens.contains { $0.kind == .number })

    let triple = PythonTokenizer.tokenize(Array("x = 1\ny = '''abc\n\nz".utf8))
    #expect(triple.problems.map(\.message) == ["unterminated triple-quoted string literal"])
    #expect(triple.problems.first?.start == 10)

    let fstring = PythonTokenizer.tokenize(Array("x = f'{a'\n".utf8))
    #expect(fstring.problems.map(\.message) == ["unterminated string literal"])
  }

  @Test func unbalancedBrackets() {
    let extra = PythonTokenizer.tokenize(Array("x = 1)\n".utf8))
    #expect(extra.problems.map(\.message) == ["unmatched ')'"])
    #expect(extra.problems.first?.start == 5)

    let open = PythonTokenizer.tokenize(Array("x = f(1,\n  [2\n".utf8))
    #expect(open.problems.map(\.message) == ["'[' was never closed"])
    #expect(open.problems.first?.start == 11)

    let mismatch = PythonTokenizer.tokenize(Array("x = (1]\n".utf8))
    #expect(
      mismatch.problems.map(\.message) == [
        "closing parenthesis ']' does not match opening parenthesis '('"
      ])
  }
}
