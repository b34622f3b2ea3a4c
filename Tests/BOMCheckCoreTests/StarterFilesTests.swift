import Foundation
import Testing

@testable import BOMCheckCore

/// What `bomcheck init` writes: a configuration valid as written (and with its examples
/// uncommented), and a starter BOM without findings whose modeline points at the schema.
@Suite struct StarterFilesTests {
  func decodeConfig(_ text: String) throws -> (Config, [Diagnostic]) {
    let document = try YAMLReader().read(Array(text.utf8))
    return ConfigDecoder(codes: sharedCodes).decode(document, file: ".bomcheck.yaml")
  }

  func validate(_ config: Config) -> [Diagnostic] {
    let known = sharedCodes.countries.union(MarketGroupNames.known).union(shippedRegimes.groups.keys)
    return ConfigValidator(regimes: shippedRegimes, known: known, asOf: Day(daysSinceEpoch: 20_782))
      .validate(config)
  }

  @Test func theConfigurationLoadsWithoutProblemsAsWritten() throws {
    let (config, diagnostics) = try decodeConfig(StarterFiles.config)
    #expect(diagnostics == [])
    #expect(validate(config) == [])
    #expect(config.failOn == .some(.error))
    #expect(config.markets == [])
    #expect(config.regimes == [])
    #expect(config.licences.isEmpty && config.waivers.isEmpty && config.overrides.isEmpty)
  }

  @Test func theConfigurationMentionsEveryKey() throws {
    for key in ConfigDecoder.topKeys {
      #expect(StarterFiles.config.contains("\n\(key):") || StarterFiles.config.contains("\n# \(key):"), "\(key)")
    }
  }

  /// The commented-out examples are valid once uncommented (they name the shipped packs' rules
  /// and instruments).
  @Test func theCommentedExamplesAreValidWhenUncommented() throws {
    let sections = ["regimes:", "licences:", "waivers:", "regime_overrides:", "  "]
    let uncommented = StarterFiles.config.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      guard line.hasPrefix("# "), sections.contains(where: { line.dropFirst(2).hasPrefix($0) }) else {
        return String(line)
      }
      return String(line.dropFirst(2))
    }.joined(separator: "\n")
    let (config, diagnostics) = try decodeConfig(uncommented)
    #expect(diagnostics == [])
    #expect(config.regimes == ["Regimes", "compliance/local-pack.yaml"])
    #expect(config.licences.map(\.id) == ["MOFCOM-GL-2025-0042"])
    #expect(config.waivers.map(\.rule) == ["US-GP10-PRC"])
    #expect(config.overrides.map(\.instrument) == ["MOFCOM-2025-61"])
    #expect(validate(config).filter { $0.severity == .error } == [])
  }

  @Test func theStarterBOMDecodesAndHasNoFindings() throws {
    let document = try YAMLReader().read(Array(StarterFiles.exampleBOM.utf8))
    let (file, diagnostics) = BOMDecoder(codes: sharedCodes).decode(document, file: StarterFiles.examplePath)
    #expect(diagnostics == [])
    let bom = try #require(file)
    #expect(bom.product?.id == "example-blind-drive")
    #expect(bom.parts.reduce(0) { $0 + $1.nodeCount } == 6)
    #expect(bom.parts.allSatisfy { $0.kindSource == .declared })
    let (findings, cells) = try judge(StarterFiles.exampleBOM, asOf: "2026-11-25")
    #expect(findings.map(\.rule) == [])
    #expect(!cells.isEmpty)
  }

  @Test func theModelinePointsFromTheStarterBOMToTheSchema() {
    let firstLine = StarterFiles.exampleBOM.split(separator: "\n").first.map(String.init)
    #expect(firstLine == "# yaml-language-server: $schema=../bom.schema.json")
    let folders = StarterFiles.examplePath.split(separator: "/").count - 1
    #expect(StarterFiles.modeline.hasSuffix("=" + String(repeating: "../", count: folders) + StarterFiles.schemaPath))
    #expect(
      StarterFiles.files(schema: "{}\n").map(\.path) == [
        ".bomcheck.yaml", "bom.schema.json", "BOMs/example-product.yaml",
      ])
  }
}
