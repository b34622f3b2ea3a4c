import Testing

@testable import BOMCheckCore

/// Judges `yaml` with `policy` on `asOf`.
func judge(_ yaml: String, asOf: String, policy: Policy) throws -> [Finding] {
  let document = try YAMLReader().read(Array(yaml.utf8))
  var decoder = BOMDecoder(codes: sharedCodes)
  decoder.marketGroups = MarketGroupNames.known.union(shippedRegimes.groups.keys)
  let bom = try #require(decoder.decode(document, file: "t.yaml").0)
  let product = try #require(bom.product)
  let loaded = LoadedProduct(product: product, file: "t.yaml", parts: bom.parts, partCount: 1)
  return Engine(regimes: shippedRegimes, asOf: try #require(Day(asOf))).evaluate(loaded, policy: policy).1
}

let here = SourceLocation(file: ".bomcheck.yaml", line: 5, column: 5)

func licence(
  markets: [String], from: String = "2025-12-02", until: String = "2026-12-01", exporter: String? = "Ningbo Yunsheng"
)
  -> Licence
{
  Licence(
    id: "GL-1", regime: "cn-rare-earth", instruments: ["MOFCOM-2025-18"], kind: "general", exporter: exporter,
    products: [], markets: markets, validFrom: Day(from) ?? Day(daysSinceEpoch: 0),
    validUntil: Day(until) ?? Day(daysSinceEpoch: 0), location: here)
}

let supplierMagnet =
  "  - {ref: MAG, kind: magnet, material: NdFeB, grade: N48SH, origin: CN, manufacturer: Ningbo Yunsheng Co.}\n"

@Suite struct LicenceTests {
  @Test(arguments: [
    ("2025-12-02", ["CN-RE-18:licensed@US,JP"]),  // first valid day
    ("2026-12-01", ["CN-RE-18:licensed@US,JP"]),  // last valid day
    ("2026-12-02", ["CN-RE-18:license-required@US,JP"]),  // expired the day before
    ("2025-12-01", ["CN-RE-18:license-required@US,JP"]),  // not yet valid
  ])
  func validityBoundaries(asOf: String, expected: [String]) throws {
    let findings = try judge(
      productYAML(markets: "[US, JP]", supplierMagnet), asOf: asOf,
      policy: Policy(licences: [licence(markets: ["US", "JP"])]))
    #expect(summary(findings, rule: "CN-RE-18") == expected)
  }

  @Test func expiredLicenceSaysSo() throws {
    let findings = try judge(
      productYAML(markets: "[US]", supplierMagnet), asOf: "2026-12-02",
      policy: Policy(licences: [licence(markets: ["US"])]))
    #expect(findings.first { $0.rule == "CN-RE-18" }?.notes.contains("licence GL-1 expired on 2026-12-01") == true)
  }

  @Test func partialMarketCoverageSplitsTheFinding() throws {
    let findings = try judge(
      productYAML(markets: "[US, EU, JP]", supplierMagnet), asOf: "2026-06-01",
      policy: Policy(licences: [licence(markets: ["EU", "JP"])]))
    #expect(summary(findings, rule: "CN-RE-18") == ["CN-RE-18:license-required@US", "CN-RE-18:licensed@EU,JP"])
    let licensed = try #require(findings.first { $0.status == .licensed })
    #expect(licensed.severity == .note)
    #expect(Set(findings.filter { $0.rule == "CN-RE-18" }.map(\.fingerprint)).count == 2)
  }

  @Test func anotherExporterIsNotCovered() throws {
    let findings = try judge(
      productYAML(markets: "[US]", supplierMagnet), asOf: "2026-06-01",
      policy: Policy(licences: [licence(markets: ["US"], exporter: "JL Mag")]))
    #expect(summary(findings, rule: "CN-RE-18") == ["CN-RE-18:license-required@US"])
  }

  @Test func licensedOnBothSidesIsAWarningConflict() throws {
    let parts = supplierMagnet + "  - {ref: G1, manufacturer: NVIDIA, mpn: NVIDIA H100 SXM5}\n"
    let us = Licence(
      id: "BIS-1", regime: "us-ai-chips", instruments: ["EAR-3A090"], kind: "individual", exporter: nil, products: [],
      markets: ["CN"], validFrom: Day(daysSinceEpoch: 0), validUntil: Day(daysSinceEpoch: 30_000), location: here)
    let findings = try judge(
      productYAML(markets: "[CN]", parts), asOf: "2026-06-01", policy: Policy(licences: [licence(markets: ["CN"]), us]))
    let conflict = try #require(findings.first { $0.rule == "CONFLICT" })
    #expect(conflict.severity == .warning)
    #expect(conflict.status == .licensed)
  }
}

func waiver(rule: String = "CN-RE-18", part: String? = "MAG", markets: [String] = [], expires: String = "2027-01-31")
  -> WaiverSpec
{
  WaiverSpec(
    rule: rule, product: "t", part: part, markets: markets, reason: "Replaced in rev C", approvedBy: "jane@example.com",
    expires: Day(expires) ?? Day(daysSinceEpoch: 0), location: here)
}

@Suite struct WaiverTests {
  @Test func waivedFindingsAreReportedButDoNotGate() throws {
    let findings = try judge(
      productYAML(markets: "[US]", magnet()), asOf: "2026-06-01", policy: Policy(waivers: [waiver()]))
    let finding = try #require(findings.first { $0.rule == "CN-RE-18" })
    #expect(finding.waived)
    #expect(finding.waiver == "Replaced in rev C (approved by jane@example.com, expires 2027-01-31)")
    let report = Report(
      toolVersion: "t", asOf: Day(daysSinceEpoch: 0), regimes: [], products: [], findings: findings, diagnostics: [],
      fileCount: 1)
    #expect(report.failingFindings(atOrAbove: .error) == 0)
    #expect(report.summary.waived == 1)
  }

  @Test(arguments: [("2027-01-31", true), ("2027-02-01", false)])
  func expiredWaiversStopApplying(asOf: String, waived: Bool) throws {
    let findings = try judge(productYAML(markets: "[US]", magnet()), asOf: asOf, policy: Policy(waivers: [waiver()]))
    let finding = try #require(findings.first { $0.rule == "CN-RE-18" })
    #expect(finding.waived == waived)
    #expect(finding.notes.contains { $0.contains("expired on 2027-01-31") } == !waived)
  }

  @Test func waiverForSomeMarketsSplitsTheFinding() throws {
    let findings = try judge(
      productYAML(markets: "[US, JP, CN]", magnet()), asOf: "2026-06-01",
      policy: Policy(waivers: [waiver(markets: ["CN"])]))
    let pieces = findings.filter { $0.rule == "CN-RE-18" }
    #expect(pieces.map { "\($0.markets.joined(separator: ","))=\($0.waived)" }.sorted() == ["CN=true", "US,JP=false"])
  }

  @Test func staleAndExpiredWaiversAreWarned() throws {
    let findings = try judge(productYAML(markets: "[US]", magnet()), asOf: "2027-03-01", policy: Policy())
    let validator = ConfigValidator(regimes: shippedRegimes, known: ["US"], asOf: try #require(Day("2027-03-01")))
    let problems = validator.waiverDiagnostics(
      [waiver(part: "NOPE"), waiver(), waiver(rule: "NO-SUCH-RULE")], findings: findings)
    #expect(problems.map(\.code) == ["waiver.stale", "waiver.expired", "waiver.unknown-rule"])
    #expect(problems.allSatisfy { $0.mark == Mark(line: 5, column: 5) })
  }
}

@Suite struct ConfigTests {
  func decode(_ text: String) throws -> (Config, [String]) {
    let (config, problems) = ConfigDecoder(codes: sharedCodes).decode(
      try YAMLReader().read(Array(text.utf8)), file: "c.yaml")
    return (config, problems.map { "\($0.code)@\($0.mark?.description ?? "-")" })
  }

  @Test func aFullConfigDecodes() throws {
    let (config, problems) = try decode(
      """
      bomcheck: 1
      markets: [US, EU]
      fail_on: warning
      regimes: [Regimes, local/acme.yaml]
      licences:
        - {id: L1, regime: cn-rare-earth, instruments: [MOFCOM-2025-18], kind: general, exporter: X, markets: [DE], valid_from: 2025-12-02, valid_until: 2026-12-01}
      waivers:
        - {rule: US-GP10-PRC, product: p, part: U7, reason: r, approved_by: a, expires: 2027-01-31}
      regime_overrides:
        - {instrument: MOFCOM-2025-61, status: in-force, from: 2026-11-10, note: counsel}
      """)
    #expect(problems == [])
    #expect(config.markets == ["US", "EU"])
    #expect(config.failOn == .some(.warning))
    #expect(config.regimes == ["Regimes", "local/acme.yaml"])
    #expect(config.licences.map(\.id) == ["L1"])
    #expect(config.waivers.map(\.part) == ["U7"])
    #expect(config.overrides.map(\.status) == [.inForce])
  }

  @Test(arguments: [
    ("bomcheck: 1\nfail_on: sometimes\n", ["config.unknown-value@2:10"]),
    (
      "bomcheck: 1\nwaivers:\n  - {rule: X, product: p, approved_by: a, expires: 2027-01-01}\n",
      ["config.missing-key@3:5"]
    ),
    (
      "bomcheck: 1\nwaivers:\n  - {rule: X, product: p, reason: r, approved_by: a, expires: soon}\n",
      ["config.bad-date@3:63"]
    ),
    ("bomcheck: 1\nlicence: []\n", ["config.unknown-key@2:1"]),
    (
      "bomcheck: 1\nlicences:\n  - {id: L, regime: r, instruments: [], markets: [], valid_from: 2026-01-02, valid_until: 2026-01-01}\n",
      ["config.bad-date@3:91"]
    ),
  ])
  func badConfigsAreLocated(text: String, expected: [String]) throws {
    #expect(try decode(text).1 == expected)
  }
}

@Suite struct FingerprintTests {
  @Test func findingsKeepTheirFingerprintWhenUnrelatedLinesMove() throws {
    let before = productYAML(markets: "[US]", magnet() + "  - {ref: U7, manufacturer: Huawei, mpn: Atlas 300T A2}\n")
    let after = productYAML(
      markets: "[US]",
      "  # a new comment and a new unrelated part above\n  - {ref: R1, name: Resistor 10k}\n"
        + "  - {ref: U7, manufacturer: Huawei, mpn: Atlas 300T A2}\n\n\n" + magnet())
    let first = try judge(before).findings
    let second = try judge(after).findings
    #expect(!first.isEmpty)
    #expect(Set(first.map(\.fingerprint)) == Set(second.map(\.fingerprint)))
    #expect(Set(first.map(\.location.line)) != Set(second.map(\.location.line)))
  }

  @Test func aJoinedListHashesAsTheListJoinedWithCommas() {
    let cases: [([String], [String])] = [
      (["CN-RE-18", "robot-arm", "J1/M1"], ["US", "EU", "VN"]), (["CONFLICT", "robot-arm"], ["US"]),
      (["CN-RE-18", "p", ""], []), ([], ["US", "JP"]), ([], []), (["é", "日本"], ["a,b", ""]),
    ]
    for (fields, list) in cases {
      #expect(Fingerprint.make(fields, joining: list) == Fingerprint.make(fields + [list.joined(separator: ",")]))
    }
    #expect(Fingerprint.make(["a", "b"], joining: nil) == Fingerprint.make(["a", "b"]))
  }
}

@Suite struct LocalPackTests {
  @Test func aLocalPackAddsRulesAndCatalogEntriesToAShippedPack() throws {
    let local = """
      bomcheck_pack: 1
      id: acme-local
      extends: us-ai-chips
      sources:
        - {id: acme, title: "ACME export desk memo", url: "https://intranet.example/memo-7"}
      catalog:
        - {id: acme-npu-x1, kind: chip, designer: Huawei, designer_country: CN, family: ACME, model: X1, tpp: 6000,
           names: ["ACME NPU X1"], sources: [acme]}
      rules:
        - id: ACME-EL-REVIEW
          title: "ACME policy: Entity-Listed designers need review"
          instruments: [EAR-ENTITY-LIST]
          outcomes:
            - {when: entity_listed_designer, status: advisory, message: "Export desk review required"}
      """
    let (pack, problems) = PackDecoder(codes: sharedCodes).decode(
      try YAMLReader().read(Array(local.utf8)), file: "l.yaml")
    #expect(problems == [])
    var us = try #require(shippedRegimes.packs.first { $0.id == "us-ai-chips" })
    us.merge(try #require(pack))
    let regimes = RegimeSet(packs: shippedRegimes.packs.map { $0.id == us.id ? us : $0 })
    let findings = try judge(productYAML("  - {ref: U1, name: ACME NPU X1 module}\n"), regimes: regimes).findings
    #expect(summary(findings, rule: "US-GP10-PRC") == ["US-GP10-PRC:prohibited@US,JP,CN"])
    #expect(summary(findings, rule: "ACME-EL-REVIEW") == ["ACME-EL-REVIEW:advisory@US,JP,CN"])
    #expect(findings.first { $0.rule == "ACME-EL-REVIEW" }?.regime == "us-ai-chips")
  }
}

@Suite struct ConfigValidationTests {
  @Test func unknownMarketsAndInstrumentsAreLocated() throws {
    let text = "bomcheck: 1\nmarkets: [US, XX]\nregime_overrides:\n  - {instrument: NOPE, status: in-force}\n"
    let (config, problems) = ConfigDecoder(codes: sharedCodes).decode(
      try YAMLReader().read(Array(text.utf8)), file: "c.yaml")
    #expect(problems.isEmpty)
    let validator = ConfigValidator(
      regimes: shippedRegimes, known: sharedCodes.countries.union(shippedRegimes.groups.keys),
      asOf: Day(daysSinceEpoch: 20_782))
    let located = validator.validate(config).map { "\($0.code)@\($0.mark?.description ?? "-")" }
    #expect(located == ["config.unknown-market@2:15", "config.unknown-instrument@4:5"])
  }
}
