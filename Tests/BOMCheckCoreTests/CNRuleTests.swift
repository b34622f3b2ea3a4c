import Testing

@testable import BOMCheckCore

/// A bare magnet made in `origin`.
func magnet(
  origin: String = "CN", material: String = "NdFeB", grade: String? = "N42SH", composition: String? = nil,
  refined: String? = nil, ref: String = "MAG"
) -> String {
  var text = "  - ref: \(ref)\n    kind: magnet\n    material: \(material)\n    origin: \(origin)\n"
  if let grade { text += "    grade: \(grade)\n" }
  if let composition { text += "    composition: \(composition)\n" }
  if let refined { text += "    refined_in: \(refined)\n" }
  return text
}

@Suite struct CNRuleTests {
  @Test(arguments: [
    // declared Dy leaves China: licence in every market
    (
      magnet(grade: nil, composition: "{Nd: 28, Dy: 3, Fe: 68, B: 1}"), "2026-06-01",
      ["CN-RE-18:license-required@US,JP,CN"]
    ),
    // SH grade without composition: presumed Dy/Tb
    (magnet(), "2026-06-01", ["CN-RE-18:license-required@US,JP,CN"]),
    // SmCo is Sm
    (magnet(material: "SmCo", grade: "YXG-28"), "2026-06-01", ["CN-RE-18:license-required@US,JP,CN"]),
    // plain grade: advisory
    (magnet(grade: "N52"), "2026-06-01", ["CN-RE-18:advisory@US,JP,CN"]),
    // declared Dy 0, Tb 0 clears the SH grade
    (magnet(composition: "{Nd: 30, Dy: 0, Tb: 0, Fe: 69, B: 1}"), "2026-06-01", []),
    // NdFeB without grade or composition: indeterminate
    (magnet(grade: nil), "2026-06-01", ["CN-RE-18:indeterminate@US,JP,CN"]),
    // ferrite: nothing
    (magnet(material: "ferrite", grade: "Y30"), "2026-06-01", []),
    // made in Japan: not No. 18's export
    (magnet(origin: "JP", refined: "JP"), "2026-06-01", []),
    // before No. 18 took effect
    (magnet(), "2025-04-03", []),
    // first day of No. 18
    (magnet(), "2025-04-04", ["CN-RE-18:license-required@US,JP,CN"]),
  ])
  func cnRE18(parts: String, asOf: String, expected: [String]) throws {
    #expect(summary(try judge(productYAML(parts), asOf: asOf).findings, rule: "CN-RE-18") == expected)
  }

  @Test func magnetWithoutMaterialIsIndeterminate() throws {
    let parts = "  - ref: MAG\n    kind: magnet\n    origin: CN\n"
    let findings = try judge(productYAML(parts)).findings
    #expect(summary(findings, rule: "CN-RE-18") == ["CN-RE-18:indeterminate@US,JP,CN"])
    #expect(findings.first { $0.rule == "CN-RE-18" }?.confidence == .missing)
    #expect(findings.first { $0.rule == "CN-RE-18" }?.settle?.contains("material") == true)
  }

  @Test func unknownParentOriginIsPresumedOutsideChina() throws {
    let parts = "  - ref: MOT\n    kind: motor\n    parts:\n  " + magnet().replacingOccurrences(of: "\n", with: "\n  ")
    let findings = try judge(productYAML(parts)).findings
    let finding = try #require(findings.first { $0.rule == "CN-RE-18" })
    #expect(finding.status == .licenseRequired)
    #expect(finding.confidence == .presumed)
    #expect(finding.part == "MOT/MAG")
  }

  @Test func magnetInsideAChineseRotorIsAnAssemblyAdvisory() throws {
    let parts = """
        - ref: MOT
          kind: motor
          origin: CN
          parts:
            - ref: ROT
              name: Rotor
              origin: CN
              parts:
                - {ref: MAG, kind: magnet, material: SmCo, grade: YXG-30, origin: CN}
      """
    let findings = try judge(productYAML(assembledIn: "JP", parts)).findings
    #expect(summary(findings, rule: "CN-RE-18") == [])
    #expect(summary(findings, rule: "CN-RE-ASSEMBLY") == ["CN-RE-ASSEMBLY:advisory@US,JP,CN"])
  }

  @Test func productAssembledInChinaIsAnAssemblyOutsideChinaOnly() throws {
    let findings = try judge(productYAML(assembledIn: "CN", magnet())).findings
    #expect(summary(findings, rule: "CN-RE-18") == [])
    #expect(summary(findings, rule: "CN-RE-ASSEMBLY") == ["CN-RE-ASSEMBLY:advisory@US,JP"])
  }

  @Test(arguments: [("CN", "CN-RE-ASSEMBLY:advisory@US,JP,CN"), ("unknown", "CN-RE-ASSEMBLY:advisory@US,JP,CN")])
  func motorWithoutSubPartsIsPresumedToHoldMagnets(origin: String, expected: String) throws {
    let parts = "  - ref: M1\n    name: BLDC motor 57 mm\n    origin: \(origin)\n"
    let findings = try judge(productYAML(parts)).findings
    #expect(summary(findings, rule: "CN-RE-ASSEMBLY") == [expected])
    let finding = try #require(findings.first { $0.rule == "CN-RE-ASSEMBLY" })
    #expect(finding.confidence == .presumed)
    #expect(finding.notes.contains { $0.contains("inferred") })
  }

  @Test(arguments: [
    ("2025-11-07", []),  // not yet effective (effective 2025-11-08)
    ("2025-11-10", ["CN-RE-57:advisory@US,JP,CN"]),  // inside the suspension window
    ("2026-06-17", ["CN-RE-57:advisory@US,JP,CN"]),  // still inside, on verified_through
    ("2026-11-10", ["CN-RE-57:advisory@US,JP,CN"]),  // last day of the window
    ("2026-11-11", ["CN-RE-57:indeterminate@US,JP,CN"]),  // after it, past verified_through: unverified
  ])
  func cnRE57FollowsTheSuspension(asOf: String, expected: [String]) throws {
    let parts = magnet(grade: "N45", composition: "{Nd: 29, Ho: 1.5, Fe: 68.5, B: 1}")
    #expect(summary(try judge(productYAML(parts), asOf: asOf).findings, rule: "CN-RE-57") == expected)
  }

  @Test func overridePinsAnUnverifiedInstrument() throws {
    var regimes = shippedRegimes
    regimes.overrides = [
      RegimeOverride(instrument: "MOFCOM-2025-57", status: .inForce, from: Day("2026-11-11"), note: "test")
    ]
    let parts = magnet(grade: "N45", composition: "{Nd: 29, Ho: 1.5, Fe: 68.5, B: 1}")
    let findings = try judge(productYAML(parts), asOf: "2026-11-25", regimes: regimes).findings
    #expect(summary(findings, rule: "CN-RE-57") == ["CN-RE-57:license-required@US,JP,CN"])
    #expect(findings.first { $0.rule == "CN-RE-57" }?.message.contains("regime override") == true)
  }

  @Test(arguments: [
    ("JP", "CN", "2026-01-01", ["CN-RE-61:advisory@US,JP,CN"]),
    ("JP", "unknown", "2026-01-01", ["CN-RE-61:advisory@US,JP,CN"]),
    ("JP", "JP", "2026-01-01", []),
    ("CN", "CN", "2026-01-01", []),
    ("JP", "CN", "2026-11-25", ["CN-RE-61:indeterminate@US,JP,CN"]),
    ("JP", "CN", "2025-10-01", []),
  ])
  func cnRE61(origin: String, refined: String, asOf: String, expected: [String]) throws {
    let findings = try judge(productYAML(magnet(origin: origin, refined: refined)), asOf: asOf).findings
    #expect(summary(findings, rule: "CN-RE-61") == expected)
    if refined == "unknown", let finding = findings.first(where: { $0.rule == "CN-RE-61" }) {
      #expect(finding.confidence == .presumed)
    }
  }

  @Test func unknownOriginOfAControlledMagnet() throws {
    let findings = try judge(productYAML(magnet(origin: "unknown"))).findings
    #expect(summary(findings, rule: "CN-RE-ORIGIN") == ["CN-RE-ORIGIN:indeterminate@US,JP,CN"])
    #expect(summary(findings, rule: "CN-RE-18") == [])
  }

  @Test(arguments: [
    ("military", "2026-06-01", ["CN-MIL-JP:prohibited@JP", "CN-MIL-US:prohibited@US"]),
    ("military", "2025-12-01", ["CN-MIL-US:prohibited@US"]),  // MOFCOM-2026-1 not yet in force
    ("civil", "2026-06-01", []),
  ])
  func militaryEndUse(endUse: String, asOf: String, expected: [String]) throws {
    let findings = try judge(productYAML(endUse: endUse, magnet()), asOf: asOf).findings
    #expect(summary(findings.filter { $0.rule.hasPrefix("CN-MIL") }) == expected)
  }
}
