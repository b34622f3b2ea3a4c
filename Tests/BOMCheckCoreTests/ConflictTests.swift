import Testing

@testable import BOMCheckCore

@Suite struct ConflictTests {
  @Test func chineseMagnetsAndAnAscendChipConflictInEveryMarket() throws {
    let parts = magnet() + "  - {ref: U7, manufacturer: Huawei, mpn: Atlas 300T A2}\n"
    let (findings, cells) = try judge(productYAML(assembledIn: "VN", markets: "[US, EU]", parts))
    #expect(summary(findings, rule: "CONFLICT") == ["CONFLICT:prohibited@US,EU"])
    let conflict = try #require(findings.first { $0.rule == "CONFLICT" })
    #expect(conflict.severity == .error)
    #expect(conflict.message.contains("CN-RE-18 on MAG"))
    #expect(conflict.message.contains("US-GP10-ASCEND on U7"))
    #expect(cells.map(\.market) == ["US", "EU"])
    #expect(cells.allSatisfy { $0.conflict == .conflict })
    #expect(cells[0].status == ["cn-rare-earth": .licenseRequired, "us-ai-chips": .prohibited])
  }

  @Test func exposedAndIndeterminateIsAPossibleConflict() throws {
    let parts = magnet() + "  - {ref: ACC, name: AI accelerator card, chip: {designer: Biren, family: BR, model: X9}}\n"
    let (findings, cells) = try judge(productYAML(markets: "[JP]", parts))
    #expect(summary(findings, rule: "CONFLICT-POSSIBLE") == ["CONFLICT-POSSIBLE:indeterminate@JP"])
    #expect(findings.first { $0.rule == "CONFLICT-POSSIBLE" }?.severity == .warning)
    #expect(cells.first?.conflict == .possible)
  }

  @Test func oneRegimeOnlyIsNoConflict() throws {
    let (findings, cells) = try judge(productYAML(markets: "[JP]", magnet()))
    #expect(summary(findings).filter { $0.hasPrefix("CONFLICT") } == [])
    #expect(cells.map(\.market) == ["JP"])
    #expect(cells.first?.status == ["cn-rare-earth": .licenseRequired, "us-ai-chips": .clear])
    #expect(cells.first?.conflict == ConflictLevel.none)
    #expect(cells.first?.findings == findings.map(\.fingerprint))
  }

  @Test func euIsFoldedWhenAllMembersAgree() throws {
    let (findings, cells) = try judge(productYAML(markets: "[EU, US]", magnet()))
    #expect(cells.map(\.market) == ["EU", "US"])
    #expect(findings.first { $0.rule == "CN-RE-18" }?.markets == ["EU", "US"])
  }

  @Test func foldingKeepsMembersWhenOneDiffers() {
    let members = shippedRegimes.codes(for: "EU").sorted()
    #expect(members.count == 27)
    let folded = MarketFolding.fold(Array(members.dropFirst()) + ["US"], listed: ["EU", "US"], regimes: shippedRegimes)
    #expect(folded.count == 27)
    #expect(!folded.contains("EU"))
  }

  @Test func worstStatusWinsInACell() throws {
    let parts = magnet(ref: "M1") + magnet(grade: "N52", ref: "M2")
    let (_, cells) = try judge(productYAML(markets: "[US]", parts))
    #expect(cells.first?.status["cn-rare-earth"] == .licenseRequired)
  }
}

@Suite struct InstrumentStateTests {
  /// Suspended from 2025-06-01 (day 20240) to 2025-12-31 (day 20453).
  let instrument = Instrument(
    id: "X", title: "X", authority: "A", issued: Day("2025-01-01"), effective: Day("2025-02-01"), summary: "",
    elements: [],
    suspensions: [Suspension(by: "Y", from: Day(daysSinceEpoch: 20240), until: Day(daysSinceEpoch: 20453))],
    articles: [], confidence: "high", sources: [], unconfirmed: nil)

  @Test(arguments: [
    ("2025-01-31", "2026-06-30", "not yet in effect (effective 2025-02-01)"),
    ("2025-02-01", "2026-06-30", "in force since 2025-02-01"),
    ("2025-06-01", "2026-06-30", "suspended by Y from 2025-06-01 until 2025-12-31"),
    ("2025-12-31", "2026-06-30", "suspended by Y from 2025-06-01 until 2025-12-31"),
    ("2026-01-01", "2026-06-30", "in force since 2025-02-01"),
    ("2025-12-31", "2025-09-30", "suspended by Y from 2025-06-01 until 2025-12-31"),
    (
      "2026-01-01", "2025-09-30",
      "status unverified since 2026-01-01 (suspension by Y was scheduled to end on 2025-12-31; pack verified through 2025-09-30)"
    ),
  ])
  func statusOnADate(day: String, verified: String, expected: String) throws {
    let state = instrument.state(on: try #require(Day(day)), verifiedThrough: try #require(Day(verified)))
    #expect(state.sentence == expected)
  }
}
