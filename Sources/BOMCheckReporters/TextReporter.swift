public import BOMCheckCore

/// Compiler-style text: `path:line:column: severity: [RULE] message`, continuation lines with
/// details, a market matrix per product, and a closing summary line.
public struct TextReporter: Reporter {
  /// Creates the reporter.
  public init() {}

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    try report.requireFindingsInMemory("text")
    var out: [String] = []
    for diagnostic in report.diagnostics where !options.quiet || diagnostic.severity == .error {
      let place = diagnostic.mark.map { "\(diagnostic.file):\($0.line):\($0.column)" } ?? diagnostic.file
      out.append("\(place): \(label(diagnostic.severity, options)): \(diagnostic.message) [\(diagnostic.code)]")
    }
    for finding in report.findings where !options.quiet || finding.severity == .error {
      out.append(contentsOf: lines(for: finding, options))
    }
    if !options.quiet {
      for product in report.products where !product.cells.isEmpty {
        out.append(contentsOf: MatrixText.lines(for: product, regimes: report.regimes))
      }
    }
    out.append(summaryLine(report))
    out.append(verifiedLine(report))
    return out.joined(separator: "\n") + "\n"
  }

  func lines(for finding: Finding, _ options: RenderOptions) -> [String] {
    let location = finding.location
    let waived = finding.waived ? " (waived)" : ""
    var result = [
      "\(location.file):\(location.line):\(location.column): \(label(finding.severity, options))\(waived): [\(finding.rule)] \(finding.message)"
    ]
    var details = ["product \(finding.product)"]
    if !finding.part.isEmpty { details.append("part \(finding.part)") }
    details.append("markets \(finding.markets.joined(separator: ", "))")
    details.append("status \(finding.status.rawValue), \(finding.confidence.rawValue)")
    result.append("    " + details.joined(separator: "; "))
    if let settle = finding.settle { result.append("    to settle: \(settle)") }
    for note in finding.notes { result.append("    note: \(note)") }
    if let waiver = finding.waiver { result.append("    waiver: \(waiver)") }
    return result
  }

  func label(_ severity: Severity, _ options: RenderOptions) -> String {
    guard options.color else { return severity.rawValue }
    switch severity {
    case .error: return "\u{1B}[1;31merror\u{1B}[0m"
    case .warning: return "\u{1B}[1;33mwarning\u{1B}[0m"
    case .note: return "\u{1B}[1;36mnote\u{1B}[0m"
    }
  }

  /// The closing summary line.
  public func summaryLine(_ report: Report) -> String {
    let counts = report.summary
    func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
    var line =
      "checked \(plural(counts.files, "file")), \(plural(counts.products, "product")), "
      + "\(plural(counts.parts, "part")) as of \(report.asOf): "
      + "\(plural(counts.errors, "error")), \(plural(counts.warnings, "warning")), "
      + "\(plural(counts.notes, "note")), \(plural(counts.conflicts, "conflict"))"
    if counts.waived > 0 { line += ", \(counts.waived) waived" }
    return line
  }

  func verifiedLine(_ report: Report) -> String {
    let packs = report.regimes.map { "\($0.id) verified through \($0.verifiedThrough)" }
    let data = packs.isEmpty ? "" : " Regime data: " + packs.joined(separator: "; ") + "."
    return "Not legal advice.\(data)"
  }
}

/// The per-product market matrix in text.
enum MatrixText {
  static func lines(for product: ProductResult, regimes: [PackSummary]) -> [String] {
    var rows: [[String]] = [["market"] + regimes.map(\.id) + ["conflict"]]
    for cell in product.cells {
      let statuses = regimes.map { cell.status[$0.id]?.rawValue ?? "-" }
      let conflict: String
      switch cell.conflict {
      case .none: conflict = "-"
      case .possible: conflict = "possible"
      case .conflict: conflict = "CONFLICT"
      }
      rows.append([cell.market] + statuses + [conflict])
    }
    let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    let kinds = product.inferredKinds == 1 ? "kind" : "kinds"
    let inferred = product.inferredKinds > 0 ? ", \(product.inferredKinds) \(kinds) inferred from names" : ""
    var out = [
      "\(product.id) (\(product.file), \(product.partCount) part\(product.partCount == 1 ? "" : "s")\(inferred)):"
    ]
    for row in rows {
      let padded = row.enumerated().map { index, text in
        text + String(repeating: " ", count: widths[index] - text.count)
      }
      out.append("    " + padded.joined(separator: "  ").trimmingTrailingSpaces())
    }
    return out
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
