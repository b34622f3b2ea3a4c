public import BOMCheckCore

/// The per-market exposure report as one self-contained HTML file: inline CSS, no scripts, no
/// network; readable when printed; every status shown with a symbol and text, never colour alone.
public struct HTMLReporter: Reporter {
  /// Creates the reporter.
  public init() {}

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    try report.requireFindingsInMemory("HTML")
    var page = HTMLPage()
    page.open(report)
    page.summary(report)
    page.matrix(report)
    // Each product's findings by position, grouped once (not one pass over all findings per product).
    let byProduct = Dictionary(grouping: report.findings.indices) { report.findings[$0].product }
    for product in report.products {
      page.product(product, findings: (byProduct[product.id] ?? []).map { report.findings[$0] }, report: report)
    }
    page.inputProblems(report)
    page.instruments(report)
    page.close(report)
    return page.text
  }
}

/// Builds the page text.
struct HTMLPage {
  var text = ""

  mutating func line(_ html: String) {
    text += html
    text += "\n"
  }

  mutating func open(_ report: Report) {
    line("<!DOCTYPE html>")
    line("<html lang=\"en\">")
    line("<head>")
    line("<meta charset=\"utf-8\">")
    line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    line("<title>Export-control exposure report, \(HTML.escape(report.asOf.description))</title>")
    line("<style>\(HTMLStyle.css)</style>")
    line("</head>")
    line("<body>")
    line("<header>")
    line("<h1>Export-control exposure report</h1>")
    let packs = report.regimes.map { "\($0.id) (\($0.jurisdiction)) verified through \($0.verifiedThrough)" }
    line(
      "<p class=\"meta\">As of <strong>\(HTML.escape(report.asOf.description))</strong> · bomcheck "
        + "\(HTML.escape(report.toolVersion)) · packs: \(HTML.escape(packs.joined(separator: "; ")))</p>")
    line("<p class=\"disclaimer\"><strong>Not legal advice.</strong> \(HTML.escape(Disclaimer.text))</p>")
    line("</header>")
  }

  mutating func summary(_ report: Report) {
    let counts = report.summary
    line("<section class=\"summary\">")
    line(
      "<p>\(counts.products) products, \(counts.parts) parts in \(counts.files) files: "
        + "<strong>\(counts.errors) errors</strong>, \(counts.warnings) warnings, \(counts.notes) notes, "
        + "<strong>\(counts.conflicts) cells in conflict or possible conflict</strong>"
        + (counts.waived > 0 ? ", \(counts.waived) waived findings" : "") + ".</p>")
    line("<table class=\"legend\"><caption>Legend</caption><tr>")
    for status in Status.allCases.reversed() {
      line(
        "<td>\(HTML.badge(status, regime: nil)) = \(HTML.code(status))</td><td>\(HTML.escape(HTML.meaning(status)))</td>"
      )
    }
    line("</tr><tr><td><span class=\"conflict-mark\">⚡ CONFLICT</span></td><td>both jurisdictions exposed</td>")
    line(
      "<td><span class=\"possible-mark\">◐ possible</span></td><td>one exposed, the other undecided</td></tr></table>")
    line("</section>")
  }

  /// The products × markets matrix: a column per market any product lists, two badges per cell.
  mutating func matrix(_ report: Report) {
    var markets: [String] = []
    for product in report.products {
      for cell in product.cells where !markets.contains(cell.market) { markets.append(cell.market) }
    }
    let regimes = report.regimes
    line("<section class=\"matrix\">")
    line("<h2>Products × markets</h2>")
    line(
      "<p class=\"hint\">Each cell shows "
        + regimes.map { "\(HTML.escape($0.jurisdiction)) = \(HTML.escape($0.id))" }.joined(separator: ", ")
        + ". A dash: the product is not sold there.</p>")
    line("<div class=\"scroll\"><table class=\"grid\">")
    line(
      "<thead><tr><th class=\"product\">Product</th>" + markets.map { "<th>\(HTML.escape($0))</th>" }.joined()
        + "</tr></thead>")
    line("<tbody>")
    for product in report.products {
      var row =
        "<tr><th class=\"product\"><a href=\"#p-\(HTML.anchor(product.id))\">\(HTML.escape(product.id))</a></th>"
      for market in markets {
        guard let cell = product.cells.first(where: { $0.market == market }) else {
          row += "<td class=\"none\">—</td>"
          continue
        }
        let badges = regimes.map { HTML.compactBadge(cell.status[$0.id] ?? .clear, regime: $0.jurisdiction) }
          .joined(separator: "<br>")
        switch cell.conflict {
        case .conflict:
          row +=
            "<td class=\"cell conflict\" title=\"conflict\">\(badges)<br><span class=\"conflict-mark\">⚡ CONFL.</span></td>"
        case .possible:
          row +=
            "<td class=\"cell possible\" title=\"possible conflict\">\(badges)<br><span class=\"possible-mark\">◐ poss.</span></td>"
        case .none: row += "<td class=\"cell\">\(badges)</td>"
        }
      }
      line(row + "</tr>")
    }
    line("</tbody></table></div>")
    line("</section>")
  }

  mutating func product(_ product: ProductResult, findings own: [Finding], report: Report) {
    // Errors first, then warnings and notes; waived ones last; report order within each.
    let findings = own.enumerated().sorted { left, right in
      let l = (left.element.waived ? 1 : 0, -left.element.severity.rank, left.offset)
      let r = (right.element.waived ? 1 : 0, -right.element.severity.rank, right.offset)
      return l < r
    }.map(\.element)
    line("<section class=\"product\" id=\"p-\(HTML.anchor(product.id))\">")
    let name = product.name.map { " · \(HTML.escape($0))" } ?? ""
    line("<h2>\(HTML.escape(product.id))\(name)</h2>")
    line(
      "<p class=\"meta\">\(HTML.escape(product.file)) · \(product.partCount) parts read (\(product.inferredKinds) kinds inferred from names) · markets "
        + HTML.escape(product.cells.map(\.market).joined(separator: ", ")) + "</p>")
    line("<table class=\"cells\"><thead><tr><th>Market</th>")
    line(report.regimes.map { "<th>\(HTML.escape($0.id))</th>" }.joined() + "<th>Conflict</th></tr></thead><tbody>")
    for cell in product.cells {
      let statuses = report.regimes.map { "<td>\(HTML.badge(cell.status[$0.id] ?? .clear, regime: nil))</td>" }.joined()
      let conflict: String
      switch cell.conflict {
      case .conflict: conflict = "<span class=\"conflict-mark\">⚡ CONFLICT</span>"
      case .possible: conflict = "<span class=\"possible-mark\">◐ possible</span>"
      case .none: conflict = "—"
      }
      line("<tr><th>\(HTML.escape(cell.market))</th>\(statuses)<td>\(conflict)</td></tr>")
    }
    line("</tbody></table>")
    if findings.isEmpty {
      line("<p>No findings: every part was read and judged, and nothing applies in these markets on this date.</p>")
    } else {
      line("<h3>Findings</h3>")
      line("<ol class=\"findings\">")
      for finding in findings { self.finding(finding, report: report) }
      line("</ol>")
    }
    line("</section>")
  }

  mutating func finding(_ finding: Finding, report: Report) {
    let waived = finding.waived ? " waived" : ""
    line("<li class=\"finding \(finding.severity.rawValue)\(waived)\">")
    line(
      "<p class=\"head\">\(HTML.badge(finding.status, regime: nil)) <strong>\(HTML.escape(finding.rule))</strong> · "
        + "\(HTML.escape(finding.severity.rawValue)) · \(HTML.escape(finding.confidence.rawValue))"
        + (finding.waived ? " · <strong>WAIVED</strong>" : "") + "</p>")
    line("<p>\(HTML.escape(finding.message))</p>")
    var facts: [(String, String)] = []
    if !finding.part.isEmpty {
      facts.append(("Part", finding.part + (finding.supplier.map { " (supplier \($0))" } ?? "")))
    }
    facts.append(("Markets", finding.markets.joined(separator: ", ")))
    facts.append(("Where", finding.location.description))
    let bases = finding.instruments.map { id -> String in
      let status = report.instruments.first { $0.id == id || id.hasPrefix($0.id + " ") }?.status
      return status.map { "\(id): \($0)" } ?? id
    }
    facts.append(("Legal basis", bases.joined(separator: "; ")))
    if let settle = finding.settle { facts.append(("To settle", settle)) }
    for note in finding.notes { facts.append(("Note", note)) }
    if let waiver = finding.waiver { facts.append(("Waiver", waiver)) }
    line("<dl>" + facts.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd>" }.joined() + "</dl>")
    if !finding.sources.isEmpty {
      line(
        "<p class=\"sources\">Sources: "
          + finding.sources.map { "<a href=\"\(HTML.escape($0))\">\(HTML.escape(HTML.shortURL($0)))</a>" }
          .joined(separator: " · ") + "</p>")
    }
    line("</li>")
  }

  mutating func inputProblems(_ report: Report) {
    guard !report.diagnostics.isEmpty else { return }
    line("<section class=\"diagnostics\"><h2>Input problems</h2><ul>")
    for diagnostic in report.diagnostics {
      line("<li class=\"\(diagnostic.severity.rawValue)\"><code>\(HTML.escape(diagnostic.description))</code></li>")
    }
    line("</ul></section>")
  }

  mutating func instruments(_ report: Report) {
    line(
      "<section class=\"instruments\"><h2>Instruments and their status on \(HTML.escape(report.asOf.description))</h2>")
    for pack in report.regimes {
      line(
        "<h3>\(HTML.escape(pack.id)) · \(HTML.escape(pack.title)) · verified through \(HTML.escape(pack.verifiedThrough.description))</h3>"
      )
      line(
        "<table class=\"instruments\"><thead><tr><th>Instrument</th><th>Status</th><th>Confidence</th><th>Sources</th></tr></thead><tbody>"
      )
      for instrument in report.instruments where instrument.pack == pack.id {
        let sources = instrument.sources.map { source in
          "<a href=\"\(HTML.escape(source.url))\">\(HTML.escape(source.title))</a>"
            + (source.date.map { " (\(HTML.escape($0)))" } ?? "")
        }.joined(separator: "<br>")
        let unconfirmed = instrument.unconfirmed.map { "<br><em>Unconfirmed: \(HTML.escape($0))</em>" } ?? ""
        line(
          "<tr><td><strong>\(HTML.escape(instrument.id))</strong><br>\(HTML.escape(instrument.title))</td>"
            + "<td>\(HTML.escape(instrument.status))</td><td>\(HTML.escape(instrument.confidence))\(unconfirmed)</td>"
            + "<td class=\"sources\">\(sources)</td></tr>")
      }
      line("</tbody></table>")
    }
    line("</section>")
  }

  mutating func close(_ report: Report) {
    line("<footer><p><strong>Not legal advice.</strong> \(HTML.escape(Disclaimer.text)) ")
    let packs = report.regimes.map { "\($0.id) verified through \($0.verifiedThrough)" }.joined(separator: "; ")
    line("Regime data: \(HTML.escape(packs)). Report as of \(HTML.escape(report.asOf.description)).</p></footer>")
    line("</body>")
    line("</html>")
  }
}

/// HTML helpers: escaping and status badges.
enum HTML {
  /// Escapes text for element content and attribute values.
  static func escape(_ text: String) -> String {
    // On bytes: the five characters are ASCII, and a quote is escaped even when a combining mark
    // follows it (a character-by-character pass would see one grapheme and leave the quote bare).
    guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 16)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "&"): out += "&amp;".utf8
      case UInt8(ascii: "<"): out += "&lt;".utf8
      case UInt8(ascii: ">"): out += "&gt;".utf8
      case UInt8(ascii: "\""): out += "&quot;".utf8
      case UInt8(ascii: "'"): out += "&#39;".utf8
      default: out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A fragment id made of letters, digits and `-`.
  static func anchor(_ text: String) -> String {
    String(text.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
  }

  /// A status with its symbol and text; the class only adds colour.
  static func badge(_ status: Status, regime: String?) -> String {
    let prefix = regime.map { "\(escape($0)) " } ?? ""
    return "<span class=\"badge s-\(status.rawValue)\">\(prefix)\(symbol(status)) \(short(status))</span>"
  }

  /// A short badge for the matrix: jurisdiction, symbol and a two-letter code (see the legend).
  static func compactBadge(_ status: Status, regime: String) -> String {
    "<span class=\"badge s-\(status.rawValue)\" title=\"\(escape(regime)) \(status.rawValue)\">"
      + "\(escape(regime)) \(symbol(status))\u{00A0}\(code(status))</span>"
  }

  /// Two-letter codes used in the matrix.
  static func code(_ status: Status) -> String {
    switch status {
    case .prohibited: return "PR"
    case .licenseRequired: return "LR"
    case .indeterminate: return "UN"
    case .licensed: return "LI"
    case .advisory: return "AD"
    case .clear: return "OK"
    }
  }

  static func symbol(_ status: Status) -> String {
    switch status {
    case .prohibited: return "⛔"
    case .licenseRequired: return "●"
    case .indeterminate: return "?"
    case .licensed: return "◆"
    case .advisory: return "i"
    case .clear: return "✓"
    }
  }

  static func short(_ status: Status) -> String {
    switch status {
    case .prohibited: return "prohibited"
    case .licenseRequired: return "licence req."
    case .indeterminate: return "undecided"
    case .licensed: return "licensed"
    case .advisory: return "advisory"
    case .clear: return "clear"
    }
  }

  static func meaning(_ status: Status) -> String {
    switch status {
    case .prohibited: return "denied in principle / use banned"
    case .licenseRequired: return "a licence is needed and none is held"
    case .indeterminate: return "cannot decide: data missing or legal status unverified"
    case .licensed: return "needed, and a held licence covers it"
    case .advisory: return "worth knowing, no licence needed"
    case .clear: return "nothing applies"
    }
  }

  /// The host and path of a URL, shortened for display.
  static func shortURL(_ url: String) -> String {
    var text = url
    for prefix in ["https://", "http://", "www."] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
    return text.count > 60 ? String(text.prefix(57)) + "…" : text
  }
}
