import Testing

@testable import BOMCheckCore

/// The byte-level fast paths taken for speed must read text exactly as the general code does.
@Suite struct FastPathTests {
  @Test(arguments: [
    ("N42SH", "SH"), ("n42sh", "SH"), ("N52", ""), ("42UH", "UH"), ("N35EH-x", "EH"), ("NEH", "EH"), ("", ""),
    ("Ｎ42SH", "Ｎ"), ("N45ÄH", "ÄH"),
  ])
  func gradeSuffixes(grade: String, suffix: String) {
    #expect(MagnetFacts.suffix(of: grade) == suffix)
  }

  @Test(arguments: [
    "BLDC motor", "Motor driver board, 48 V", ",motor, board", "a,,b", "", ",", ",,", "  ", "Li-ion 3S",
    "Codewheel for Encoder AEDT-9810-Z00", "M3 x 5 / screw", "NdFeB,",
  ])
  func kindTokensOnBytesMatchTheCharacterTokeniser(text: String) {
    #expect(KindInference.asciiTokens(text) == KindInference.generalTokens(text))
  }

  @Test(arguments: ["0.85 USD", "  0.85   USD ", "1", "", "   ", "a b c", "ä ö", "12\u{A0}EUR", "a b ", " a"])
  func twoWordsSplitLikeTheStandardLibrary(text: String) {
    let expected = text.split(separator: " ", omittingEmptySubsequences: true)
    let found = DecodeContext.twoWords(text)
    #expect(found.map { [$0.0, $0.1] } == (expected.count == 2 ? expected : nil))
  }

  /// Money read on bytes gives the amount `Double(_:)` gives, bit for bit, and declines all else.
  @Test func plainMoneyReadsAmountsAsTheStandardLibrary() {
    var generator = SystemRandomNumberGenerator()
    var amounts = [
      "0", "0.0", "007", "0.24", "0.1", "0.3", "1.005", "999999999999999", "99999999999999.9", "0.000000000000001",
      "123456789.012345", "9007199254740993",
    ]
    for _ in 0..<20_000 {
      let whole = String(UInt64.random(in: 0..<1_000_000_000_000, using: &generator))
      let decimals = Int.random(in: 0...12, using: &generator)
      let fraction = String((0..<decimals).map { _ in "0123456789".randomElement(using: &generator) ?? "0" })
      amounts.append(decimals == 0 ? whole : "\(whole).\(fraction)")
    }
    for amount in amounts {
      let text = "\(amount) USD"
      let digits = amount.filter(\.isNumber).count
      guard let plain = DecodeContext.plainMoney(text) else {
        #expect(digits > 15, "\(text) declined")
        continue
      }
      #expect(plain.amount.bitPattern == Double(amount)?.bitPattern, "\(text)")
      #expect(plain.currency == "USD")
    }
    for other in [
      "5. USD", ".5 USD", "1e3 USD", "-1 USD", "+1 USD", "1  USD", " 1 USD", "1 usd", "1 USDT", "1 US", "1.2.3 USD",
      "1,5 EUR", "inf USD", "1 USD ", "1\tUSD", "",
    ] {
      #expect(DecodeContext.plainMoney(other) == nil, "\(other)")
    }
  }

  @Test(arguments: [
    "1", "-1", "+1", "0.5", ".5", "-.inf", ".nan", "", "~", "null", "yes", "No", "off", "1e3", "0x1F", "1_000", "abc",
  ])
  func numbersSkipTheWordTablesWithoutChangingResults(text: String) {
    let expected: ResolvedScalar =
      ["", "~", "null", "Null", "NULL"].contains(text)
      ? .null
      : ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].contains(text)
        ? .bool(true)
        : ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].contains(text) ? .bool(false) : .string("")
    let resolved = resolvedScalar(text: text, style: .plain, tag: nil)
    switch expected {
    case .null, .bool: #expect(resolved == expected)
    default:
      if case .null = resolved { Issue.record("\(text) read as null") }
      if case .bool = resolved { Issue.record("\(text) read as a boolean") }
    }
  }

  @Test(arguments: [
    ("Huawei Ascend 910B", [UInt8]("huaweiascend910b".utf8)), ("A-B_c 1", [UInt8]("abc1".utf8)),
    ("昇腾310P", Array(ChipIdentifier.normalize("昇腾310P").utf8)),
    (
      String(decoding: Array(1...127), as: UTF8.self),
      [UInt8]("0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz".utf8)
    ),
  ])
  func chipTextNormalisesToTheSameBytes(text: String, bytes: [UInt8]) {
    #expect(ChipIdentifier.normalizedBytes(text) == bytes)
    #expect(ChipIdentifier.normalizedBytes(text) == Array(ChipIdentifier.normalize(text).utf8))
  }

  /// Texts passed over as certainly holding no keyword infer no kind.
  @Test func textsPassedOverInferNoKind() {
    var texts = KindInference.table.flatMap { $0.1 }
    texts += texts.map { "Part \($0.uppercased())s, 8 mm" } + texts.map { "x" + $0 }
    texts += ["P614875", "SKF", "M3 screw", "Capacitor 100nF", "a", "A b", "e-axle", "ätlas 200", "Servo", ""]
    var generator = SystemRandomNumberGenerator()
    let letters = Array("abcdeghilmnoprstuvw 0123-,")
    for _ in 0..<5_000 {
      texts.append(String((0..<Int.random(in: 1...12, using: &generator)).map { _ in letters.randomElement()! }))
    }
    var passedOver = 0
    for text in texts where KindInference.certainlyNoKeyword(text) {
      passedOver += 1
      #expect(KindInference.infer(name: text, mpn: nil, manufacturer: nil) == nil, "\(text)")
    }
    #expect(passedOver > 100)
  }

  @Test func codesWithoutHashing() {
    let codes = Codes()
    for code in ["DE", "CN", "US", "XX", "de", "D", "DEU", "", "ÄB"] {
      #expect(codes.isCountry(code) == codes.countries.contains(code), "\(code)")
    }
    for code in ["USD", "EUR", "CNY", "XXX", "usd", "US", "USDT", "", "ÄBC", "ZZZ"] {
      #expect(codes.isCurrency(code) == codes.currencies.contains(code), "\(code)")
    }
    // Every symbol, and every one- or two-letter spelling around them.
    let letters = (65...90).map { String(UnicodeScalar(UInt8($0))) }
    let spellings = letters + letters.flatMap { first in (97...122).map { first + String(UnicodeScalar(UInt8($0))) } }
    for symbol in spellings + ["DY", "dy", "Dyy", "", "Ä", "Dä", "D1"] {
      #expect(codes.isElement(symbol) == codes.elements.contains(symbol), "\(symbol)")
    }
  }
}

/// The cheap `no` pre-check of `all` conditions agrees with the full evaluation.
@Suite struct CertainlyNoTests {
  /// Every leaf condition of the shipped rules.
  func leaves(_ condition: PreparedCondition) -> [PreparedCondition] {
    switch condition {
    case .all(let items), .any(let items): return items.flatMap(leaves)
    case .not(let inner): return leaves(inner)
    default: return [condition]
    }
  }

  @Test func certainlyNoImpliesEvaluatedNo() throws {
    let engine = Engine(regimes: shippedRegimes, asOf: try #require(Day("2026-06-01")))
    let evaluator = engine.evaluator
    let conditions = engine.rules.flatMap { $0.outcomes.flatMap { leaves($0.when) } }
    let slot = try #require(engine.rules.first { $0.rule.id == "CN-RE-18" }?.slot)
    var licensed = [Status?](repeating: nil, count: engine.slotCount)
    licensed[slot] = .licenseRequired
    var decidedEarly = 0
    for endUse in [EndUse.civil, .military] {
      let product = Product(
        id: "p", name: nil, revision: nil, assembledIn: "VN", markets: [], endUse: endUse, endUseDeclared: true,
        unitValue: nil, waivers: [], location: SourceLocation(file: "t", line: 1, column: 1))
      for origin in ["CN", "DE", nil] as [String?] {
        for ancestors in [[nil], ["CN"], ["VN"], ["CN", "CN"], ["VN", "CN"]] as [[String?]] {
          var part = Part(ref: "M", qty: 1, unit: .pcs, parts: [], location: product.location)
          part.origin = origin
          part.refinedIn = origin
          part.kind = .magnet
          part.material = .ndfeb
          part.grade = "N42SH"
          let context = PartContext(part: part, path: "M", ancestorOrigins: ancestors, product: product, chips: [])
          for market in ["US", "CN", "DE", "JP"] {
            for prior in [[], licensed] {
              let input = ConditionEvaluator.Input(context: context, market: market, chipIndex: nil, prior: prior)
              for condition in conditions where evaluator.certainlyNo(condition, input) {
                decidedEarly += 1
                guard case .no = evaluator.evaluate(condition, input) else {
                  Issue.record("certainlyNo but not no: \(condition) for \(origin ?? "nil") in \(market)")
                  continue
                }
              }
            }
          }
        }
      }
    }
    #expect(decidedEarly > 100)
  }
}
