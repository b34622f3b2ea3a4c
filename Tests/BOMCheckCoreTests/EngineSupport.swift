import Foundation
import Testing

@testable import BOMCheckCore

/// The package root, found from this file's path.
let packageRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// The shipped packs, loaded once.
let shippedRegimes: RegimeSet = {
  let (packs, _) = PackLoader(codes: sharedCodes, workingDirectory: packageRoot).load(["Regimes"])
  return RegimeSet(packs: packs)
}()

/// Judges a one-file product written in YAML on `asOf` and returns its findings and cells.
func judge(
  _ yaml: String, asOf: String = "2026-06-01", regimes: RegimeSet = shippedRegimes
) throws -> (findings: [Finding], cells: [Cell]) {
  let document = try YAMLReader().read(Array(yaml.utf8))
  var decoder = BOMDecoder(codes: sharedCodes)
  decoder.marketGroups = MarketGroupNames.known.union(regimes.groups.keys)
  let (file, problems) = decoder.decode(document, file: "t.yaml")
  #expect(problems.filter { $0.severity == .error } == [])
  let bom = try #require(file)
  let product = try #require(bom.product)
  let loaded = LoadedProduct(
    product: product, file: "t.yaml", parts: bom.parts, partCount: bom.parts.reduce(0) { $0 + $1.nodeCount })
  let engine = Engine(regimes: regimes, asOf: try #require(Day(asOf)))
  let (result, findings) = engine.evaluate(loaded)
  return (findings, result.cells)
}

/// A product assembled in `assembledIn`, sold to `markets`, with `parts` (YAML list items).
func productYAML(
  assembledIn: String = "DE", markets: String = "[US, JP, CN]", endUse: String = "civil", _ parts: String
) -> String {
  """
  bomcheck: 1
  product:
    id: t
    assembled_in: \(assembledIn)
    markets: \(markets)
    end_use: \(endUse)
  parts:
  \(parts)
  """
}

/// `RULE:status@markets` for each finding of `rule` (or all when nil), sorted.
func summary(_ findings: [Finding], rule: String? = nil) -> [String] {
  findings.filter { rule == nil || $0.rule == rule }
    .map { "\($0.rule):\($0.status.rawValue)@\($0.markets.joined(separator: ","))" }.sorted()
}
