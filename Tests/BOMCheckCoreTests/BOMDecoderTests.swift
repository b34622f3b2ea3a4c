import Testing

@testable import BOMCheckCore

let sharedCodes = Codes()

/// Decodes `text` as a BOM file and returns its diagnostics as `code@line:column`.
func bomProblems(_ text: String) -> [String] {
  do {
    let document = try YAMLReader().read(Array(text.utf8))
    let (_, diagnostics) = BOMDecoder(codes: sharedCodes).decode(document, file: "t.yaml")
    return diagnostics.sorted().map { "\($0.code)@\($0.mark?.description ?? "-")" }
  } catch {
    return ["\(error.code)@\(error.mark?.description ?? "-")"]
  }
}

/// Decodes `text` and returns the file.
func decodeBOM(_ text: String) throws -> BOMFile? {
  let document = try YAMLReader().read(Array(text.utf8))
  return BOMDecoder(codes: sharedCodes).decode(document, file: "t.yaml").0
}

/// A valid product header followed by `parts`.
func product(_ parts: String, header: String = "") -> String {
  """
  bomcheck: 1
  product:
    id: p1
    assembled_in: DE
    markets: [US, EU]
  \(header)parts:
  \(parts)
  """
}

@Suite struct BOMDecoderTests {
  @Test func aValidProductHasNoProblems() throws {
    let text = product(
      "  - ref: MOT-1\n    name: BLDC motor\n    parts:\n      - {ref: MAG, kind: magnet, material: NdFeB, grade: N42SH, qty: 20, mass_g: 4.1}\n"
    )
    #expect(bomProblems(text) == [])
    let file = try #require(try decodeBOM(text))
    #expect(file.parts[0].kind == .motor)
    #expect(file.parts[0].kindSource == .inferred)
    #expect(file.parts[0].parts[0].qty == 20)
    #expect(file.parts[0].parts[0].location.line == 10)
  }

  @Test(arguments: [
    // wrong type, missing key, unknown key, duplicate key
    (product("  - ref: A\n    qty: many\n"), ["bom.wrong-type@8:10"]),
    (
      product("  - ref: A\n", header: "").replacingOccurrences(of: "markets: [US, EU]", with: "markets: US"),
      ["bom.wrong-type@5:12"]
    ),
    (product("  - name: no ref\n"), ["bom.missing-key@7:5"]),
    (product("  - ref: A\n    composision: {Nd: 30}\n"), ["bom.unknown-key@8:5"]),
    (product("  - ref: A\n    qty: 1\n    qty: 2\n"), ["bom.duplicate-key@9:5"]),
    // unknown country, currency, element, kind, enum value
    (product("  - ref: A\n    origin: XX\n"), ["bom.unknown-country@8:13"]),
    (product("  - ref: A\n    unit_cost: 3 USX\n"), ["bom.unknown-currency@8:16"]),
    (product("  - ref: A\n    composition: {dy: 3}\n"), ["bom.unknown-element@8:19"]),
    (product("  - ref: A\n    kind: motorr\n"), ["bom.unknown-value@8:11"]),
    (product("  - ref: A\n    material: neodymium\n"), ["bom.unknown-value@8:15"]),
    // composition over 100.5, zero or negative quantity or mass
    (product("  - ref: A\n    composition: {Nd: 60, Fe: 41}\n"), ["bom.composition-over-100@8:18"]),
    (product("  - ref: A\n    qty: 0\n"), ["bom.not-positive@8:10"]),
    (product("  - ref: A\n    mass_g: -2\n"), ["bom.not-positive@8:13"]),
    (product("  - ref: A\n    qty: 1.5\n"), ["bom.fractional-qty@8:10"]),
    // duplicate sibling refs
    (product("  - ref: A\n  - ref: A\n"), ["bom.duplicate-ref@8:5"]),
    // (lists of more than 16 parts are checked by hashing, shorter ones pairwise)
    (product((1...20).map { "  - ref: R\($0)\n" }.joined() + "  - ref: R3\n"), ["bom.duplicate-ref@27:5"]),
    (product("  - ref: A\n    parts:\n      - ref: B\n      - ref: C\n      - ref: B\n"), ["bom.duplicate-ref@11:9"]),
    // version, header
    ("bomcheck: 2\nassembly: {id: a}\nparts: [{ref: A}]\n", ["bom.bad-version@1:11"]),
    ("bomcheck: 1\nparts: [{ref: A}]\n", ["bom.missing-key@1:1"]),
    (product("  - ref: A\n    include: x.yaml\n    parts: [{ref: B}]\n"), ["bom.include-and-parts@8:5"]),
    (product("  - ref: A\n").replacingOccurrences(of: "id: p1", with: "id: P1"), ["bom.bad-id@3:7"]),
    (
      product("  - ref: A\n").replacingOccurrences(of: "[US, EU]", with: "[US, us, ZZ, US]"),
      ["bom.unknown-market@5:17", "bom.unknown-market@5:21", "bom.duplicate-market@5:25"]
    ),
    (product("  []\n"), ["bom.empty-parts@7:3"]),
  ])
  func badInputTable(text: String, expected: [String]) {
    #expect(bomProblems(text) == expected)
  }

  @Test func unknownKeysGetADidYouMean() throws {
    let document = try YAMLReader().read(Array(product("  - ref: A\n    composision: {Nd: 3}\n").utf8))
    let message = BOMDecoder(codes: sharedCodes).decode(document, file: "t.yaml").1.first?.message
    #expect(message == "unknown key `composision` in a part; did you mean `composition`?")
  }

  @Test func norwayStaysNorway() throws {
    let text = product("  - ref: A\n    origin: NO\n")
    #expect(bomProblems(text) == [])
    #expect(try decodeBOM(text)?.parts[0].origin == "NO")
  }

  /// Parts L1 ... L`levels`, each nested in the one before.
  private func nestedParts(levels: Int) -> String {
    var parts = "  - ref: L1\n"
    var indent = "    "
    for level in 2...levels {
      parts += "\(indent)parts:\n\(indent)  - ref: L\(level)\n"
      indent += "    "
    }
    return parts
  }

  /// In one file the YAML depth limit (64) is reached before the part depth limit (32); the part
  /// limit is tested across includes in BOMLoaderTests.
  @Test func deepPartsHitTheYAMLDepthLimit() {
    #expect(bomProblems(product(nestedParts(levels: 33))) == ["yaml.too-deep@69:129"])
  }

  /// With the YAML depth limit raised, the decoder's own limit refuses the 33rd part level, at the
  /// list that would hold it.
  @Test func partsDeeperThan32LevelsAreRefusedByTheDecoder() throws {
    let text = product(nestedParts(levels: 33))
    let document = try YAMLReader(limits: YAMLLimits(maxDepth: 100)).read(Array(text.utf8))
    let (file, diagnostics) = BOMDecoder(codes: sharedCodes).decode(document, file: "t.yaml")
    #expect(diagnostics.map { "\($0.code)@\($0.mark?.description ?? "-")" } == ["bom.too-deep@71:131"])
    // The 32 levels above the limit are kept (and counted).
    #expect(file?.parts.reduce(0) { $0 + $1.nodeCount } == 32)
  }

  /// A did-you-mean compares the wrong word with every accepted one; for a very long word that was
  /// quadratic (a 64 KB currency took 20 s, 4 MB minutes). Words too long to be close are now skipped.
  @Test func aVeryLongWrongWordIsRefusedQuicklyWithoutAHint() {
    let long = String(repeating: "x", count: 64 * 1024)
    var problems: [String] = []
    let elapsed = ContinuousClock().measure {
      problems = bomProblems(
        product("  - ref: A\n    unit_cost: 1 \(long)\n    kind: \(long)\n    composition: {? \(long) : 1}\n"))
    }
    #expect(problems == ["bom.unknown-currency@8:16", "bom.unknown-value@9:11", "bom.unknown-element@10:21"])
    #expect(elapsed < .seconds(1))
  }

  @Test func aliasedPartsAreReportedWhereUsed() throws {
    let text = "bomcheck: 1\nassembly: {id: a}\nparts:\n  - &m {ref: M1, name: BLDC motor}\n  - <<: *m\n    ref: M2\n"
    let file = try #require(try decodeBOM(text))
    #expect(file.parts.map(\.ref) == ["M1", "M2"])
    #expect(file.parts[1].location.line == 5)
    #expect(file.parts[1].name == "BLDC motor")
  }

  @Test(arguments: [
    ("Rotor arc magnet", PartKind.magnet), ("Frameless BLDC motor 85 mm", .motor),
    ("Motor driver board", .board), ("Huawei Ascend 910B", .chip), ("Atlas 300T A2 training card", .module),
    ("Digital servo", .servo), ("T-Motor Antigravity 4004 300kV", .motor), ("Motor Shaft", .mechanical),
    ("Motor Pulley", .mechanical), ("Codewheel for Encoder AEDT-9810-Z00", .mechanical),
    ("Encoder Codewheel PWB Mount", .mechanical), ("Fasteners Motor / M3 x 5 Flat Head Screw", .mechanical),
    ("Bearing Motor Shaft and Center Shaft / 8mm x 4mm x 2mm", .mechanical),
    ("Encoder Broadcom AEDT-9810-Z00", .encoder),
    ("Rotor magnet ring, bonded NdFeB", .magnet), ("Frameless motor with hall sensors", .motor),
    ("Full-range speaker", .speaker), ("M3 screw", .mechanical),
  ])
  func kindsAreInferredFromNames(name: String, kind: PartKind) {
    #expect(KindInference.infer(name: name, mpn: nil, manufacturer: nil) == kind)
  }

  /// Parts decoded while the file was parsed are taken only when their positions are those of the
  /// first items of the final list; otherwise the list is decoded afresh.
  @Test func earlyPartsAreUsedOnlyWhenTheyAreTheFirstItems() throws {
    let text = product("  - {ref: A, name: Housing}\n  - {ref: B, name: Housing}\n  - {ref: C, name: Housing}\n")
    let document = try YAMLReader().read(Array(text.utf8))
    guard case .mapping(let pairs) = document.root.content,
      case .sequence(let items) = try #require(pairs.first { $0.key.scalarText == "parts" }).value.content
    else { throw CancellationError() }
    let decoder = BOMDecoder(codes: sharedCodes)
    var marker = Part(
      ref: "EARLY", qty: 1, unit: .pcs, parts: [], location: SourceLocation(file: "t.yaml", line: 1, column: 1))
    marker.name = "Housing"
    let matching = BOMDecoder.EarlyParts(
      marks: [items[0].mark, items[1].mark], parts: [marker, marker], diagnostics: [])
    #expect(decoder.decode(document, file: "t.yaml", early: matching).0?.parts.map(\.ref) == ["EARLY", "EARLY", "C"])
    let elsewhere = BOMDecoder.EarlyParts(marks: [items[1].mark], parts: [marker], diagnostics: [])
    #expect(decoder.decode(document, file: "t.yaml", early: elsewhere).0?.parts.map(\.ref) == ["A", "B", "C"])
    let tooMany = BOMDecoder.EarlyParts(marks: items.map(\.mark) + [items[0].mark], parts: [], diagnostics: [])
    #expect(decoder.decode(document, file: "t.yaml", early: tooMany).0?.parts.map(\.ref) == ["A", "B", "C"])
  }

  /// Texts the byte pre-filter passes over (no word starts like a keyword's) and texts it must not.
  @Test(arguments: [
    ("P555538", PartKind?.none), ("SKF", nil), ("Resistor 10k 0402", nil), ("Connector 8p", nil),
    ("Li-ion pack", .battery), ("Atlas 200 DK", .module), ("PC", .computer), ("hub", .mechanical),
    ("BLDC-MOTORS", .motor), ("e-axle", .motor), ("Ëncoder", nil), ("昇腾 910B module", .module),
  ])
  func thePreFilterNeverHidesAKeyword(text: String, kind: PartKind?) {
    #expect(KindInference.infer(name: text, mpn: nil, manufacturer: nil) == kind)
  }

  @Test func partKeysAndTheirNamesLineUp() {
    #expect(PartKey.allCases.count == BOMDecoder.partKeys.count)
    for key in PartKey.allCases { #expect(PartKey.named(BOMDecoder.partKeys[key.rawValue]) == key) }
    #expect(PartKey.named("mass_g") == .massGrams && PartKey.named("unit_cost") == .unitCost)
    #expect(PartKey.named("refined") == nil && PartKey.named("") == nil && PartKey.named("Ref") == nil)
  }
}
