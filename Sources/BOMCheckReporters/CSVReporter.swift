public import BOMCheckCore

/// CSV: one row per product × market × regime, with the cell's status, conflict and the rules
/// behind it (RFC 4180 quoting, CRLF line ends).
public struct CSVReporter: Reporter {
  /// Creates the reporter.
  public init() {}

  static let header = [
    "as_of", "product", "product_name", "file", "part_count", "market", "regime", "jurisdiction", "status",
    "conflict", "rules", "waived_rules",
  ]

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    try report.requireFindingsInMemory("CSV")
    var rows = [Self.header]
    let byFingerprint = Dictionary(
      report.findings.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
    for product in report.products {
      for cell in product.cells {
        let inCell = cell.findings.compactMap { byFingerprint[$0] }
        for regime in report.regimes {
          let mine = inCell.filter { $0.regime == regime.id }
          rows.append([
            report.asOf.description, product.id, product.name ?? "", product.file, String(product.partCount),
            cell.market, regime.id, regime.jurisdiction, (cell.status[regime.id] ?? .clear).rawValue,
            cell.conflict.rawValue, unique(mine.filter { !$0.waived }.map(\.rule)),
            unique(mine.filter(\.waived).map(\.rule)),
          ])
        }
      }
    }
    return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }

  private func unique(_ rules: [String]) -> String {
    var seen = Set<String>()
    return rules.filter { seen.insert($0).inserted }.joined(separator: " ")
  }

  /// Quotes a field when it holds a comma, quote, CR or LF; a leading `=`, `+`, `-` or `@` is
  /// prefixed with `'` so spreadsheets do not run it as a formula.
  static func field(_ value: String) -> String {
    var text = value
    if let first = text.first, "=+-@".contains(first) { text = "'" + text }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
