public import BOMCheckCore

/// A Markdown report for pull-request comments: the matrix, then errors (new ones first when a
/// baseline is given), then warnings and notes folded away.
public struct MarkdownReporter: Reporter {
  /// Fingerprints of findings in the baseline report (`--baseline`); nil when there is none.
  let baseline: Set<String>?

  /// Creates the reporter.
  public init(baseline: Set<String>? = nil) {
    self.baseline = baseline
  }

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    try report.requireFindingsInMemory("Markdown")
    var out = ["## bomcheck: export-control exposure as of \(report.asOf)", ""]
    out.append(TextReporter().summaryLine(report) + ".")
    out.append("")
    out.append(contentsOf: matrix(report))
    let active = report.findings.filter { !$0.waived }
    let errors = active.filter { $0.severity == .error }
    if let baseline {
      let fresh = errors.filter { !baseline.contains($0.fingerprint) }
      out.append(contentsOf: section("New errors (not in the baseline)", fresh, open: true))
      out.append(
        contentsOf: section(
          "Errors already in the baseline", errors.filter { baseline.contains($0.fingerprint) }, open: false))
    } else {
      out.append(contentsOf: section("Errors", errors, open: true))
    }
    let inputErrors = report.diagnostics.filter { $0.severity == .error }
    if !inputErrors.isEmpty {
      out.append("### Input errors (could not check)")
      out.append("")
      out.append(contentsOf: inputErrors.map { "- `\(MD.code($0.description))`" })
      out.append("")
    }
    out.append(contentsOf: section("Warnings", active.filter { $0.severity == .warning }, open: false))
    out.append(contentsOf: section("Notes", active.filter { $0.severity == .note }, open: false))
    out.append(contentsOf: section("Waived", report.findings.filter(\.waived), open: false))
    let packs = report.regimes.map { "\($0.id) verified through \($0.verifiedThrough)" }.joined(separator: "; ")
    out.append("---")
    out.append("*\(MD.text(Disclaimer.text)) Packs: \(packs).*")
    return out.joined(separator: "\n") + "\n"
  }

  private func matrix(_ report: Report) -> [String] {
    let regimes = report.regimes.map(\.id)
    var out = ["| product | market | " + regimes.joined(separator: " | ") + " | conflict |"]
    out.append("|---|---|" + String(repeating: "---|", count: regimes.count) + "---|")
    for product in report.products {
      for cell in product.cells {
        let statuses = regimes.map { MarkdownStatus.label(cell.status[$0] ?? .clear) }
        let conflict: String
        switch cell.conflict {
        case .none: conflict = ""
        case .possible: conflict = "⚠️ possible"
        case .conflict: conflict = "⛔ **CONFLICT**"
        }
        out.append("| `\(product.id)` | \(cell.market) | " + statuses.joined(separator: " | ") + " | \(conflict) |")
      }
    }
    out.append("")
    return out
  }

  private func section(_ title: String, _ findings: [Finding], open: Bool) -> [String] {
    guard !findings.isEmpty else { return [] }
    var out =
      open
      ? ["### \(title) (\(findings.count))", ""] : ["<details><summary>\(title) (\(findings.count))</summary>", ""]
    for finding in findings {
      let part = finding.part.isEmpty ? "" : " `\(MD.code(finding.part))`"
      out.append(
        "- **\(finding.rule)** `\(finding.product)`\(part) in \(finding.markets.joined(separator: ", ")): "
          + "\(MD.text(finding.message)) ([\(MD.text(finding.location.description))](\(MD.link(finding.location.file))#L\(finding.location.line)))"
      )
      if let settle = finding.settle { out.append("  - to settle: \(MD.text(settle))") }
      if let waiver = finding.waiver { out.append("  - waived: \(MD.text(waiver))") }
    }
    out.append("")
    if !open { out.append("</details>"); out.append("") }
    return out
  }
}

/// Status labels with a symbol, so a status never depends on colour alone.
public enum MarkdownStatus {
  /// `⛔ prohibited`, `🔴 license-required`, `🟡 indeterminate`, `🔵 licensed`, `ℹ️ advisory`, `✅ clear`.
  public static func label(_ status: Status) -> String {
    switch status {
    case .prohibited: return "⛔ prohibited"
    case .licenseRequired: return "🔴 license-required"
    case .indeterminate: return "🟡 indeterminate"
    case .licensed: return "🔵 licensed"
    case .advisory: return "ℹ️ advisory"
    case .clear: return "✅ clear"
    }
  }
}

/// Markdown escaping.
enum MD {
  /// Text with Markdown and HTML specials escaped.
  static func text(_ value: String) -> String {
    var out = ""
    for character in value {
      switch character {
      case "\\", "`", "*", "_", "[", "]", "|", "#", "<", ">": out += "\\\(character)"
      case "\n": out += " "
      default: out.append(character)
      }
    }
    return out
  }

  /// Text inside a code span (backticks removed).
  static func code(_ value: String) -> String { value.replacingOccurrences(of: "`", with: "'") }

  /// A relative link target.
  static func link(_ path: String) -> String {
    path.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ")", with: "%29")
  }
}
