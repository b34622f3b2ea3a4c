/// Checks a configuration against the loaded packs, and reports licences and waivers that expire.
struct ConfigValidator {
  let regimes: RegimeSet
  let known: Set<String>
  let asOf: Day

  private func diagnostic(_ code: String, _ severity: Severity, _ location: SourceLocation, _ message: String)
    -> Diagnostic
  {
    Diagnostic(
      code: code, severity: severity, file: location.file, mark: Mark(line: location.line, column: location.column),
      message: message)
  }

  func validate(_ config: Config) -> [Diagnostic] {
    var result: [Diagnostic] = []
    let file = config.file ?? ".bomcheck.yaml"
    for (index, market) in config.markets.enumerated() where !known.contains(market) {
      result.append(
        Diagnostic(
          code: "config.unknown-market", severity: .error, file: file,
          mark: index < config.marketMarks.count ? config.marketMarks[index] : nil,
          message: "unknown market `\(market)` in `markets`"))
    }
    for licence in config.licences { result += validate(licence) }
    for override in config.overrides where regimes.instrument(override.instrument) == nil {
      result.append(
        Diagnostic(
          code: "config.unknown-instrument", severity: .error, file: file, mark: override.mark,
          message: "regime override names unknown instrument `\(override.instrument)`"))
    }
    return result
  }

  private func validate(_ licence: Licence) -> [Diagnostic] {
    var result: [Diagnostic] = []
    guard let pack = regimes.packs.first(where: { $0.id == licence.regime }) else {
      let ids = regimes.packs.map(\.id).joined(separator: ", ")
      return [
        diagnostic(
          "config.unknown-regime", .error, licence.location,
          "licence \(licence.id) names unknown regime `\(licence.regime)`; loaded: \(ids)")
      ]
    }
    for instrument in licence.instruments where !pack.instruments.contains(where: { $0.id == instrument }) {
      result.append(
        diagnostic(
          "config.unknown-instrument", .error, licence.location,
          "licence \(licence.id) names `\(instrument)`, not an instrument of \(pack.id)"))
    }
    for market in licence.markets where !known.contains(market) {
      result.append(
        diagnostic(
          "config.unknown-market", .error, licence.location, "licence \(licence.id) names unknown market `\(market)`"))
    }
    if licence.validUntil < asOf {
      result.append(
        diagnostic(
          "config.licence-expired", .warning, licence.location,
          "licence \(licence.id) expired on \(licence.validUntil); findings it covered are license-required again"))
    } else if licence.validUntil <= asOf.adding(days: 60), licence.validFrom <= asOf {
      result.append(
        diagnostic(
          "config.licence-expiring", .warning, licence.location,
          "licence \(licence.id) ends on \(licence.validUntil), within 60 days of \(asOf): renew it"))
    }
    return result
  }

  /// Unknown rules, expired waivers and waivers that match none of `findings` (stale).
  func waiverDiagnostics(_ waivers: [WaiverSpec], findings: [Finding]) -> [Diagnostic] {
    let matched = waivers.filter { waiver in findings.contains { PolicyApplier.matches(waiver, $0) } }
    return waiverDiagnostics(waivers, matched: Set(matched))
  }

  /// Unknown rules, expired waivers and waivers not in `matched` (stale).
  func waiverDiagnostics(_ waivers: [WaiverSpec], matched: Set<WaiverSpec>) -> [Diagnostic] {
    let rules = Set(regimes.rules.map(\.id)).union(["CONFLICT", "CONFLICT-POSSIBLE", "INPUT-INCOMPLETE"])
    var result: [Diagnostic] = []
    for waiver in waivers {
      if !rules.contains(waiver.rule) {
        result.append(
          diagnostic("waiver.unknown-rule", .error, waiver.location, "waiver names unknown rule `\(waiver.rule)`"))
        continue
      }
      for market in waiver.markets where !known.contains(market) {
        result.append(
          diagnostic("waiver.unknown-market", .error, waiver.location, "waiver names unknown market `\(market)`"))
      }
      if !matched.contains(waiver) {
        let part = waiver.part.map { " part \($0)" } ?? ""
        result.append(
          diagnostic(
            "waiver.stale", .warning, waiver.location,
            "waiver for \(waiver.rule) on \(waiver.product ?? "?")\(part) matches no finding; remove it"))
      } else if waiver.expires < asOf {
        result.append(
          diagnostic(
            "waiver.expired", .warning, waiver.location,
            "waiver for \(waiver.rule) expired on \(waiver.expires) and no longer applies"))
      }
    }
    return result
  }
}
