import Foundation
import Testing

@testable import BOMCheckCore

/// The folder of inputs that once crashed (or hung) the fuzz target: one file per finding, named
/// after what it broke. `Scripts/fuzz` also uses them as seeds.
private let fuzzFixtures = packageRoot + "/Tests/BOMCheckCoreTests/Fixtures/fuzz"

/// The file names in ``fuzzFixtures``, sorted.
private func fuzzFixtureNames() -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: fuzzFixtures)) ?? []).sorted()
}

/// What the fuzz target (`Fuzz/BOMFuzz.swift`) does with one input: read it, decode it as a BOM,
/// a configuration and a pack, judge the product (an assembly is judged as a product sold to US,
/// CN, EU and JP) and validate the configuration and waivers. Returns every diagnostic and finding
/// message.
private func runLikeTheFuzzTarget(_ bytes: [UInt8]) -> (diagnostics: [Diagnostic], messages: [String]) {
  let document: YAMLDocument
  do {
    document = try YAMLReader().read(bytes)
  } catch {
    return ([error.diagnostic(file: "fuzz.yaml")], [])
  }
  var decoder = BOMDecoder(codes: sharedCodes)
  decoder.marketGroups = MarketGroupNames.known.union(shippedRegimes.groups.keys)
  let (file, bomDiagnostics) = decoder.decode(document, file: "fuzz.yaml")
  let (config, configDiagnostics) = ConfigDecoder(codes: sharedCodes).decode(document, file: "fuzz.yaml")
  let packDiagnostics = PackDecoder(codes: sharedCodes).decode(document, file: "fuzz.yaml").1
  let diagnostics = bomDiagnostics + configDiagnostics + packDiagnostics
  guard let file else { return (diagnostics, []) }
  let product: Product
  switch file.header {
  case .product(let own):
    product = own
  case .assembly(let assembly):
    product = Product(
      id: assembly.id, name: assembly.name, revision: nil, assembledIn: nil,
      markets: ["US", "CN", "EU", "JP"].map { ($0, assembly.location) }, endUse: .civil, endUseDeclared: false,
      unitValue: nil, waivers: [], location: assembly.location)
  }
  let loaded = LoadedProduct(
    product: product, file: file.path, parts: file.parts, partCount: file.parts.reduce(0) { $0 + $1.nodeCount })
  let engine = Engine(regimes: shippedRegimes, asOf: Day(daysSinceEpoch: 20_605))
  let policy = Policy(licences: config.licences, waivers: config.waivers)
  let (_, findings) = engine.evaluate(loaded, extraMarkets: config.markets, policy: policy)
  let validator = ConfigValidator(
    regimes: shippedRegimes, known: Checker(codes: sharedCodes).knownMarkets(shippedRegimes), asOf: engine.asOf)
  let validation =
    validator.validate(config) + validator.waiverDiagnostics(config.waivers + product.waivers, findings: findings)
  return (diagnostics + validation, findings.map(\.message))
}

@Suite struct FuzzRegressionTests {
  @Test func everyFuzzFindingIsKeptAsAFixture() {
    #expect(fuzzFixtureNames().count >= 3)
  }

  /// Every kept input runs through the whole pipeline without trapping, and every diagnostic it
  /// gets is located (a mark is 1-based).
  @Test(arguments: fuzzFixtureNames())
  func aFuzzFindingNoLongerCrashes(name: String) throws {
    let bytes = try #require(FileManager.default.contents(atPath: fuzzFixtures + "/" + name))
    let (diagnostics, _) = runLikeTheFuzzTarget([UInt8](bytes))
    for diagnostic in diagnostics {
      #expect((diagnostic.mark?.line ?? 1) >= 1 && (diagnostic.mark?.column ?? 1) >= 1, "\(diagnostic)")
    }
  }

  /// `tpp: 1e19` trapped converting the number to `Int` for the finding's message
  /// (`BOMDecoder.format`); numbers beyond `Int` are now written with their exponent.
  @Test(arguments: [("tpp-beyond-int.yaml", "TPP 1e+19"), ("density-beyond-int.yaml", "density 1e+300")])
  func numbersBeyondIntAreWrittenWithTheirExponent(name: String, text: String) throws {
    let bytes = try #require(FileManager.default.contents(atPath: fuzzFixtures + "/" + name))
    let (diagnostics, messages) = runLikeTheFuzzTarget([UInt8](bytes))
    #expect(messages.contains { $0.contains(text) }, "\(messages)")
    #expect(!diagnostics.contains { $0.code.hasPrefix("bom.") })
  }

  /// `tpp: -1e19` is an error, but the part is still judged, and its TPP was formatted (and trapped)
  /// before the rule found it below the thresholds.
  @Test func aNegativeTPPBeyondIntIsAnErrorAndNoTrap() throws {
    let bytes = try #require(FileManager.default.contents(atPath: fuzzFixtures + "/tpp-negative-beyond-int.yaml"))
    let (diagnostics, _) = runLikeTheFuzzTarget([UInt8](bytes))
    #expect(diagnostics.filter { $0.code.hasPrefix("bom.") }.map(\.code) == ["bom.not-positive"])
  }

  @Test(arguments: [
    (1e19, "1e+19"), (-1e19, "-1e+19"), (9.2e18, "9200000000000000000"), (1e300, "1e+300"), (4.0, "4"),
    (4.125, "4.13"), (-0.0, "0"), (Double.infinity, "inf"), (Double.nan, "nan"),
  ])
  func formatNeverTraps(value: Double, expected: String) {
    #expect(BOMDecoder.format(value) == expected)
  }
}
