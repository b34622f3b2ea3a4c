public import BOMCheckCore
import Foundation

/// The JSON report, schema `bomcheck-report/1` (cli-and-output.md); keys sorted, stable bytes.
public struct JSONReporter: Reporter {
  /// Creates the reporter.
  public init() {}

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(JSONReport(report))
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

struct JSONReport: Encodable {
  struct Tool: Encodable {
    let name = "bomcheck"
    let version: String
  }

  struct Regime: Encodable {
    let id: String
    let jurisdiction: String
    let title: String
    let verified_through: String
  }

  struct CellJSON: Encodable {
    let market: String
    let status: [String: String]
    let conflict: String
  }

  struct ProductJSON: Encodable {
    let id: String
    let name: String?
    let file: String
    let line: Int
    let part_count: Int
    let cells: [CellJSON]
  }

  struct FindingJSON: Encodable {
    let fingerprint: String
    let rule: String
    let regime: String
    let instruments: [String]
    let status: String
    let severity: String
    let confidence: String
    let product: String
    let part: String
    let markets: [String]
    let file: String
    let line: Int
    let column: Int
    let message: String
    let settle: String?
    let sources: [String]
    let notes: [String]
    let waived: Bool
    let waiver: String?
  }

  struct DiagnosticJSON: Encodable {
    let code: String
    let severity: String
    let file: String
    let line: Int?
    let column: Int?
    let message: String
  }

  struct SummaryJSON: Encodable {
    let files, products, parts, errors, warnings, notes, conflicts, waived: Int
  }

  let schema = "bomcheck-report/1"
  let tool: Tool
  let as_of: String
  let regimes: [Regime]
  let products: [ProductJSON]
  let findings: [FindingJSON]
  let diagnostics: [DiagnosticJSON]
  let summary: SummaryJSON
  let disclaimer = Disclaimer.text

  init(_ report: Report) {
    tool = Tool(version: report.toolVersion)
    as_of = report.asOf.description
    regimes = report.regimes.map {
      Regime(
        id: $0.id, jurisdiction: $0.jurisdiction, title: $0.title, verified_through: $0.verifiedThrough.description)
    }
    products = report.products.map { product in
      ProductJSON(
        id: product.id, name: product.name, file: product.file, line: product.location.line,
        part_count: product.partCount,
        cells: product.cells.map { cell in
          CellJSON(
            market: cell.market, status: cell.status.mapValues(\.rawValue),
            conflict: cell.conflict.rawValue)
        })
    }
    findings = report.findings.map { finding in
      FindingJSON(
        fingerprint: finding.fingerprint, rule: finding.rule, regime: finding.regime,
        instruments: finding.instruments, status: finding.status.rawValue,
        severity: finding.severity.rawValue, confidence: finding.confidence.rawValue,
        product: finding.product, part: finding.part, markets: finding.markets,
        file: finding.location.file, line: finding.location.line, column: finding.location.column,
        message: finding.message, settle: finding.settle, sources: finding.sources,
        notes: finding.notes, waived: finding.waived, waiver: finding.waiver)
    }
    diagnostics = report.diagnostics.map {
      DiagnosticJSON(
        code: $0.code, severity: $0.severity.rawValue, file: $0.file, line: $0.mark?.line,
        column: $0.mark?.column, message: $0.message)
    }
    let counts = report.summary
    summary = SummaryJSON(
      files: counts.files, products: counts.products, parts: counts.parts, errors: counts.errors,
      warnings: counts.warnings, notes: counts.notes, conflicts: counts.conflicts, waived: counts.waived)
  }
}
