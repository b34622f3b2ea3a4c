public import BOMCheckCore

/// Text for `bomcheck explain` and `bomcheck regimes`.
public enum RegimeText {
  /// Rules the engine itself adds across regimes.
  public static let builtInRules: [(id: String, title: String, description: String)] = [
    (
      "CONFLICT", "Both jurisdictions reach the product in a market",
      "Regimes of two different jurisdictions are exposed (licensed, license-required or prohibited) in the same "
        + "product x market cell. Reported once per cell, naming the parts and rules behind each side. Severity "
        + "error when either side is license-required or prohibited, warning when both are only licensed."
    ),
    (
      "INPUT-INCOMPLETE", "The product's BOM has errors, so a regime cannot be decided",
      "The product's file has errors (unknown keys, wrong types, invalid values, includes that cannot be "
        + "followed): what could not be read was not judged. Each regime gets an indeterminate finding so "
        + "that no cell reads clear. Severity warning; the run exits 2 because of the errors themselves."
    ),
    (
      "CONFLICT-POSSIBLE", "One jurisdiction reaches the product, the other cannot be decided",
      "One regime is exposed in a cell and a regime of another jurisdiction is indeterminate there (data "
        + "missing or its legal status unverified). Severity warning."
    ),
  ]

  /// The explanation of one rule, or nil when no pack defines it.
  public static func explain(_ id: String, regimes: RegimeSet, asOf: Day) -> String? {
    if let builtIn = builtInRules.first(where: { $0.id == id }) {
      return "\(builtIn.id): \(builtIn.title)\n\n\(builtIn.description)\n\n\(Disclaimer.text)\n"
    }
    guard let rule = regimes.rules.first(where: { $0.id == id }), let pack = regimes.pack(of: rule) else {
      return nil
    }
    var out = ["\(rule.id): \(rule.title)"]
    out.append("Regime \(pack.id) (\(pack.jurisdiction)), pack verified through \(pack.verifiedThrough)")
    out.append("")
    out.append("What it checks: \(rule.description)")
    out.append("")
    out.append("Outcomes (the first that holds gives the status while the instrument is in force):")
    for outcome in rule.outcomes { out.append("  \(outcome.status.rawValue): \(outcome.message)") }
    out.append("")
    out.append("Instruments, status on \(asOf):")
    for reference in rule.instruments {
      out.append(contentsOf: instrumentLines(reference, regimes: regimes, asOf: asOf))
    }
    out.append("")
    out.append("What to do: \(rule.help)")
    if let settle = rule.settle { out.append("To settle an indeterminate finding: \(settle)") }
    out.append("")
    out.append(Disclaimer.text)
    return out.joined(separator: "\n") + "\n"
  }

  static func instrumentLines(_ reference: String, regimes: RegimeSet, asOf: Day) -> [String] {
    guard let (instrument, pack, article) = regimes.instrument(reference) else {
      return ["  \(reference): not defined in any loaded pack"]
    }
    var lines = ["  \(reference): \(instrument.title)"]
    var dates: [String] = []
    if let issued = instrument.issued { dates.append("issued \(issued)") }
    if let effective = instrument.effective { dates.append("effective \(effective)") }
    let windows = (instrument.articles.first { $0.id == article }?.suspensions ?? []) + instrument.suspensions
    for window in windows { dates.append("suspended by \(window.by) \(window.from) to \(window.until)") }
    lines.append("    \(instrument.authority)\(dates.isEmpty ? "" : "; " + dates.joined(separator: "; "))")
    if let state = regimes.state(of: reference, on: asOf) { lines.append("    status: \(state.sentence)") }
    lines.append("    confidence: \(instrument.confidence)")
    if let unconfirmed = instrument.unconfirmed { lines.append("    unconfirmed: \(unconfirmed)") }
    for id in instrument.sources {
      guard let source = pack.sources.first(where: { $0.id == id }) else { continue }
      let date = source.date.map { " (\($0))" } ?? ""
      lines.append("    source: \(source.title)\(date) \(source.url)")
    }
    return lines
  }

  /// The list of loaded packs with their instruments' status on `asOf`.
  public static func list(_ regimes: RegimeSet, asOf: Day) -> String {
    var out: [String] = []
    for pack in regimes.packs {
      let stale = asOf > pack.verifiedThrough ? " (the evaluation date is after it: later changes are unverified)" : ""
      out.append("\(pack.id) (\(pack.jurisdiction)): \(pack.title)")
      out.append("  file \(pack.file); authority: \(pack.authority)")
      out.append("  verified through \(pack.verifiedThrough)\(stale)")
      out.append("  instruments on \(asOf):")
      for instrument in pack.instruments {
        let state = regimes.state(of: instrument.id, on: asOf)?.sentence ?? "unknown"
        out.append("    \(instrument.id): \(state)")
        for article in instrument.articles {
          let articleState = regimes.state(of: "\(instrument.id) \(article.id)", on: asOf)?.sentence ?? "unknown"
          out.append("      \(article.id): \(articleState)")
        }
      }
      out.append("  rules: \(pack.rules.map(\.id).joined(separator: ", "))")
      for group in pack.groups {
        let date = group.listDate.map { ", list of \($0)" } ?? ""
        let members = regimes.groups[group.id]?.members.count ?? group.members.count
        out.append("  group \(group.id): \(group.name) (\(members) members\(date))")
      }
      if !pack.catalog.isEmpty { out.append("  catalog: \(pack.catalog.count) chips and modules") }
      out.append("")
    }
    out.append(Disclaimer.text)
    return out.joined(separator: "\n") + "\n"
  }
}
