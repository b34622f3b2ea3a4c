import Foundation
import Testing

@testable import BOMCheckCore

/// Runs the checker over the hand-converted real open-hardware BOMs and the example BOMs.
@Suite struct RealBOMTests {
  func report(_ path: String) throws -> Report {
    var request = CheckRequest(
      paths: [path], workingDirectory: packageRoot, asOf: Day(daysSinceEpoch: 20_782), toolVersion: "test")
    request.packLocations = ["Regimes"]
    return try Checker().run(request)
  }

  /// Counts `ref:` entries in a file's text: an independent count of its part nodes.
  func refCount(_ path: String) throws -> Int {
    let text = try String(contentsOfFile: "\(packageRoot)/\(path)", encoding: .utf8)
    return text.split(separator: "\n").filter {
      let trimmed = $0.drop { $0 == " " || $0 == "-" }
      return trimmed.hasPrefix("ref:") || trimmed.hasPrefix("{ref:")
    }.count
  }

  @Test func realBOMFixturesDecodeAndEveryPartIsCounted() throws {
    let fixtures = "Tests/BOMCheckCoreTests/Fixtures/real-boms"
    let result = try report(fixtures)
    #expect(result.diagnostics.filter { $0.severity == .error } == [])
    #expect(result.products.map(\.id) == ["ai-search-and-rescue-drone", "open-robot-actuator-module-v1"])
    #expect(result.products[0].partCount == (try refCount("\(fixtures)/ai-search-and-rescue-drone.yaml")))
    #expect(result.products[1].partCount == (try refCount("\(fixtures)/open-robot-actuator-module-v1.yaml")))
  }

  @Test func realDroneMotorsArePresumedToHoldMagnetsAndTheJetsonIsBelowThresholds() throws {
    let result = try report("Tests/BOMCheckCoreTests/Fixtures/real-boms/ai-search-and-rescue-drone.yaml")
    let rules = Set(result.findings.map(\.rule))
    #expect(rules == ["CN-RE-ASSEMBLY"])
    #expect(result.findings.allSatisfy { $0.confidence == .presumed && $0.status == .advisory })
  }

  @Test func theSharedRealBOMFolderHasNoYAMLAndIsReportedAsEmpty() throws {
    let result = try report("../shared/data/real-boms")
    #expect(result.summary.files == 0)
    #expect(result.products.isEmpty)
  }

  @Test func everyExampleBOMIsValidAndRoundTripsThroughTheReader() throws {
    let result = try report("BOMs")
    #expect(result.diagnostics.filter { $0.severity != .warning || $0.code != "pack.unverified" } == [])
    #expect(result.products.count >= 6)
    let files = try FileManager.default.subpathsOfDirectory(atPath: "\(packageRoot)/BOMs").filter {
      $0.hasSuffix(".yaml")
    }
    #expect(result.summary.files == files.count)
    for file in files {
      let bytes = try #require(FileManager.default.contents(atPath: "\(packageRoot)/BOMs/\(file)"))
      let document = try YAMLReader().read([UInt8](bytes))
      #expect(document.duplicateKeys.isEmpty)
    }
  }
}

@Suite struct MarketOptionTests {
  @Test func theMarketOptionNarrowsOrAddsTheMarketsOfARun() throws {
    var request = CheckRequest(
      paths: ["BOMs/products/hx1-humanoid.yaml"], workingDirectory: packageRoot, asOf: Day(daysSinceEpoch: 20_782),
      toolVersion: "test")
    request.packLocations = ["Regimes"]
    request.extraMarkets = ["DE", "SA"]
    let report = try Checker().run(request)
    #expect(report.products.map { $0.cells.map(\.market) } == [["DE", "SA"]])
    #expect(report.findings.allSatisfy { Set($0.markets).isSubset(of: ["DE", "SA"]) })
  }
}

@Suite struct InferredKindTests {
  @Test func productsSayHowManyKindsWereInferred() throws {
    let yaml = productYAML(
      "  - {ref: M1, name: BLDC motor}\n  - {ref: W1, name: Widget}\n  - ref: S1\n    kind: sensor\n    parts:\n"
        + "      - {ref: R1, name: Rotor arc magnet, material: ferrite}\n")
    let document = try YAMLReader().read(Array(yaml.utf8))
    let bom = try #require(BOMDecoder(codes: sharedCodes).decode(document, file: "t.yaml").0)
    let product = try #require(bom.product)
    let loaded = LoadedProduct(product: product, file: "t.yaml", parts: bom.parts, partCount: 4)
    let (result, _) = Engine(regimes: shippedRegimes, asOf: Day(daysSinceEpoch: 20_782)).evaluate(loaded)
    #expect(result.inferredKinds == 2)
  }
}

@Suite struct IncompleteInputTests {
  @Test func aProductWithInputErrorsNeverReadsClear() throws {
    let yaml = productYAML(markets: "[US]", "  - {ref: W1, name: Widget}\n")
    let document = try YAMLReader().read(Array(yaml.utf8))
    let bom = try #require(BOMDecoder(codes: sharedCodes).decode(document, file: "t.yaml").0)
    var loaded = LoadedProduct(product: try #require(bom.product), file: "t.yaml", parts: bom.parts, partCount: 1)
    let engine = Engine(regimes: shippedRegimes, asOf: Day(daysSinceEpoch: 20_782))
    #expect(engine.evaluate(loaded).0.cells.first?.status.values.allSatisfy { $0 == .clear } == true)
    loaded.inputErrors = 2
    let (result, findings) = engine.evaluate(loaded)
    #expect(result.cells.first?.status == ["cn-rare-earth": .indeterminate, "us-ai-chips": .indeterminate])
    #expect(findings.map(\.rule) == ["INPUT-INCOMPLETE", "INPUT-INCOMPLETE"])
    #expect(findings.allSatisfy { $0.message.contains("2 errors") && $0.confidence == .missing })
  }

  @Test func theCheckerCountsTheErrorsOfTheProductsOwnFile() throws {
    var request = CheckRequest(
      paths: ["Tests/BOMCheckCoreTests/Fixtures/schema-bad"], workingDirectory: packageRoot,
      asOf: Day(daysSinceEpoch: 20_782), toolVersion: "test")
    request.packLocations = ["Regimes"]
    let report = try Checker().run(request)
    #expect(!report.products.isEmpty)
    for product in report.products {
      let statuses = product.cells.flatMap { $0.status.values }
      #expect(!statuses.contains(.clear), "\(product.id) reads clear despite errors in \(product.file)")
    }
  }
}
