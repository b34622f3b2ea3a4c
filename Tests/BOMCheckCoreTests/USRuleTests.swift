import Testing

@testable import BOMCheckCore

@Suite struct USRuleTests {
  @Test(arguments: [
    // declared chip fields
    (
      "  - {ref: U1, chip: {designer: Huawei, family: Ascend, model: 910B}}\n", "civil", "2026-06-01",
      ["US-GP10-ASCEND:prohibited@US,JP,CN"]
    ),
    // manufacturer + mpn of a module that carries a 910B
    (
      "  - {ref: U1, manufacturer: Huawei, mpn: Atlas 300T A2}\n", "civil", "2026-06-01",
      ["US-GP10-ASCEND:prohibited@US,JP,CN"]
    ),
    // name text only
    (
      "  - {ref: U1, name: Huawei Ascend 910C accelerator}\n", "civil", "2026-06-01",
      ["US-GP10-ASCEND:prohibited@US,JP,CN"]
    ),
    // bought for technical evaluation
    (
      "  - {ref: U1, chip: {designer: Huawei, family: Ascend, model: 910D}}\n", "evaluation", "2026-06-01",
      ["US-GP10-ASCEND:advisory@US,JP,CN"]
    ),
    // before the guidance
    ("  - {ref: U1, chip: {designer: Huawei, family: Ascend, model: 910B}}\n", "civil", "2025-05-12", []),
    // a 310P is not named
    ("  - {ref: U1, chip: {designer: Huawei, family: Ascend, model: 310P, tpp: 1120}}\n", "civil", "2026-06-01", []),
  ])
  func gp10Ascend(parts: String, endUse: String, asOf: String, expected: [String]) throws {
    let findings = try judge(productYAML(endUse: endUse, parts), asOf: asOf).findings
    #expect(summary(findings, rule: "US-GP10-ASCEND") == expected)
  }

  @Test func matchesSayHowTheyWereMade() throws {
    let findings = try judge(productYAML("  - {ref: U1, manufacturer: Huawei, mpn: Atlas 300T A2}\n")).findings
    let message = try #require(findings.first { $0.rule == "US-GP10-ASCEND" }?.message)
    #expect(message.contains("manufacturer + mpn"))
    #expect(message.contains("huawei-atlas-300t-a2 carries huawei-ascend-910b"))
  }

  @Test(arguments: [
    // PRC designer over the thresholds: prohibited, presumed
    (
      "  - {ref: U1, chip: {designer: Cambricon, family: MLU, model: X1, tpp: 5000}}\n",
      ["US-GP10-PRC:prohibited@US,JP,CN"]
    ),
    // AI accelerator without TPP or ECCN: indeterminate
    (
      "  - {ref: U1, name: AI accelerator card, chip: {designer: Biren, family: BR, model: X9}}\n",
      ["US-GP10-PRC:indeterminate@US,JP,CN"]
    ),
    // Entity-Listed designer below the thresholds: advisory
    (
      "  - {ref: U1, chip: {designer: Huawei, family: Ascend, model: 310P, tpp: 1120}}\n",
      ["US-GP10-PRC:advisory@US,JP,CN"]
    ),
    // 4A090 by declared ECCN
    (
      "  - {ref: U1, eccn: 4A090.a, chip: {designer: Moore Threads, family: MTT, model: S9}}\n",
      ["US-GP10-PRC:prohibited@US,JP,CN"]
    ),
    // not PRC: no GP10-PRC finding
    ("  - {ref: U1, chip: {designer: NVIDIA, family: Jetson, model: Orin NX}}\n", []),
  ])
  func gp10PRC(parts: String, expected: [String]) throws {
    #expect(summary(try judge(productYAML(parts)).findings, rule: "US-GP10-PRC") == expected)
  }

  @Test(arguments: [
    (
      "  - {ref: G1, manufacturer: NVIDIA, mpn: NVIDIA H100 SXM5 80GB}\n", "[US, DE, CN, AE]",
      ["US-3A090:license-required@CN,AE"]
    ),
    (
      "  - {ref: G1, chip: {designer: NVIDIA, family: Hopper, model: X, tpp: 15832}}\n", "[US, VN, IL]",
      ["US-3A090:license-required@VN"]
    ),
    ("  - {ref: G1, chip: {designer: NVIDIA, family: Jetson, model: Orin NX}}\n", "[CN]", []),
    (
      "  - {ref: G1, name: GPU accelerator, chip: {designer: NVIDIA, family: X, model: Y}}\n", "[CN, US]",
      ["US-3A090:indeterminate@CN"]
    ),
  ])
  func ear3A090(parts: String, markets: String, expected: [String]) throws {
    #expect(summary(try judge(productYAML(markets: markets, parts)).findings, rule: "US-3A090") == expected)
  }

  @Test func everyCatalogNameIsMatchedFromText() throws {
    let identifier = ChipIdentifier(regimes: shippedRegimes)
    #expect(!shippedRegimes.catalogOrder.isEmpty)
    for entry in shippedRegimes.catalogOrder {
      for name in entry.names {
        let part = Part(
          ref: "X", name: "Board with \(name) inside", qty: 1, unit: .pcs, parts: [],
          location: SourceLocation(file: "t", line: 1, column: 1))
        let chips = identifier.identify(part)
        let expected = entry.kind == "module" && !entry.carries.isEmpty ? entry.carries.map(\.chip) : [entry.id]
        #expect(chips.compactMap { $0.entry?.id } == expected, "\(entry.id) from name \(name)")
        #expect(chips.allSatisfy { $0.how.hasPrefix("name text") })
      }
    }
  }
}
