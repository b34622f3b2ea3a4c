public import BOMCheckCore
import Foundation

/// SARIF 2.1.0 for GitHub code scanning: rules with descriptions and help, relative URIs,
/// `partialFingerprints`, markets in `properties`; waived findings are left out.
public struct SARIFReporter: Reporter {
  /// Creates the reporter.
  public init() {}

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    try report.requireFindingsInMemory("SARIF")
    let rules = RuleInfo.all(report.rules)
    let findings = report.findings.filter { !$0.waived }
    var descriptors = rules.map { rule in
      SARIF.Rule(
        id: rule.id, name: rule.id.replacingOccurrences(of: "-", with: ""),
        shortDescription: .init(text: rule.title), fullDescription: .init(text: rule.description),
        help: .init(text: rule.help, markdown: "**\(rule.title)**\n\n\(rule.description)\n\n\(rule.help)"),
        defaultConfiguration: .init(level: "error"), properties: .init(tags: ["export-control", rule.regime]))
    }
    for code in Set(report.diagnostics.map(\.code)).sorted() where !descriptors.contains(where: { $0.id == code }) {
      descriptors.append(
        SARIF.Rule(
          id: code, name: code.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: "-", with: ""),
          shortDescription: .init(text: "Input problem: \(code)"),
          fullDescription: .init(text: "bomcheck could not read or validate this input (\(code))."),
          help: .init(
            text: "Fix the input at the reported position; bomcheck exits 2 while such errors remain.", markdown: nil),
          defaultConfiguration: .init(level: "error"), properties: .init(tags: ["input"])))
    }
    let index = Dictionary(uniqueKeysWithValues: descriptors.enumerated().map { ($1.id, $0) })
    var results = findings.map { finding in
      SARIF.Result(
        ruleId: finding.rule, ruleIndex: index[finding.rule] ?? 0, level: Self.level(finding.severity),
        message: .init(text: Self.text(finding)),
        locations: [
          SARIF.location(finding.location.file, line: finding.location.line, column: finding.location.column)
        ],
        partialFingerprints: ["bomcheckFindingHash/v1": finding.fingerprint],
        properties: .init(
          markets: finding.markets, product: finding.product, part: finding.part, status: finding.status.rawValue,
          confidence: finding.confidence.rawValue, regime: finding.regime, instruments: finding.instruments))
    }
    results += report.diagnostics.map { diagnostic in
      SARIF.Result(
        ruleId: diagnostic.code, ruleIndex: index[diagnostic.code] ?? 0, level: Self.level(diagnostic.severity),
        message: .init(text: diagnostic.message),
        locations: [SARIF.location(diagnostic.file, line: diagnostic.mark?.line, column: diagnostic.mark?.column)],
        partialFingerprints: [
          "bomcheckFindingHash/v1": Fingerprint.make([diagnostic.code, diagnostic.file, diagnostic.message])
        ],
        properties: nil)
    }
    let log = SARIF.Log(runs: [
      SARIF.Run(
        tool: .init(
          driver: .init(
            name: "bomcheck", version: report.toolVersion, semanticVersion: report.toolVersion, rules: descriptors)),
        results: results,
        properties: .init(
          asOf: report.asOf.description, disclaimer: Disclaimer.text,
          regimes: report.regimes.map { "\($0.id) verified through \($0.verifiedThrough)" }))
    ])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(log), as: UTF8.self) + "\n"
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .note: return "note"
    }
  }

  static func text(_ finding: Finding) -> String {
    var text = "[\(finding.rule)] \(finding.message) Product \(finding.product)"
    if !finding.part.isEmpty { text += ", part \(finding.part)" }
    text +=
      "; markets \(finding.markets.joined(separator: ", ")); \(finding.status.rawValue), \(finding.confidence.rawValue)."
    if let settle = finding.settle { text += " To settle: \(settle)." }
    return text
  }

}

/// A rule's metadata for SARIF and reports.
public struct RuleInfo: Sendable {
  public var id: String
  public var title: String
  public var description: String
  public var help: String
  public var regime: String

  /// The rules of the loaded packs plus the built-in conflict rules.
  public static func all(_ rules: [Rule]) -> [RuleInfo] {
    rules.map {
      RuleInfo(id: $0.id, title: $0.title, description: $0.description, help: $0.help, regime: $0.pack)
    }
      + RegimeText.builtInRules.map {
        RuleInfo(
          id: $0.id, title: $0.title, description: $0.description,
          help: "Resolve the findings behind each side, or record a licence or waiver for them.", regime: "conflict")
      }
  }
}

/// SARIF 2.1.0 structures (only what bomcheck writes).
enum SARIF {
  struct Log: Encodable {
    let version = "2.1.0"
    let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    let runs: [Run]
    enum CodingKeys: String, CodingKey { case version, schema = "$schema", runs }
  }
  struct Run: Encodable {
    let tool: Tool
    let results: [Result]
    let properties: RunProperties
  }
  struct RunProperties: Encodable {
    let asOf: String
    let disclaimer: String
    let regimes: [String]
  }
  struct Tool: Encodable { let driver: Driver }
  struct Driver: Encodable {
    let name: String
    let version: String
    let semanticVersion: String
    let rules: [Rule]
  }
  struct Text: Encodable { let text: String }
  struct Help: Encodable {
    let text: String
    let markdown: String?
  }
  struct Configuration: Encodable { let level: String }
  struct RuleProperties: Encodable { let tags: [String] }
  struct Rule: Encodable {
    let id: String
    let name: String
    let shortDescription: Text
    let fullDescription: Text
    let help: Help
    let defaultConfiguration: Configuration
    let properties: RuleProperties
  }
  struct ResultProperties: Encodable {
    let markets: [String]
    let product: String
    let part: String
    let status: String
    let confidence: String
    let regime: String
    let instruments: [String]
  }
  struct Result: Encodable {
    let ruleId: String
    let ruleIndex: Int
    let level: String
    let message: Text
    let locations: [Location]
    let partialFingerprints: [String: String]
    let properties: ResultProperties?
  }
  struct Location: Encodable { let physicalLocation: PhysicalLocation }
  struct PhysicalLocation: Encodable {
    let artifactLocation: ArtifactLocation
    let region: Region?
  }
  struct ArtifactLocation: Encodable { let uri: String }
  struct Region: Encodable {
    let startLine: Int
    let startColumn: Int
  }

  static func location(_ file: String, line: Int?, column: Int?) -> Location {
    let region = line.map { Region(startLine: max(1, $0), startColumn: max(1, column ?? 1)) }
    let encoded = file.split(separator: "/").map {
      $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
    }
    .joined(separator: "/")
    let uri = file.hasPrefix("/") ? "file:///" + encoded : encoded
    return Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri), region: region))
  }
}
