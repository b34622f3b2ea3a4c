/// Builds the product × market cells (worst status per regime), conflicts and their findings.
struct CellBuilder {
  let regimes: RegimeSet
  let listed: [String]
  let expanded: [String]

  /// Cells per single market (`raw`) and with groups folded where all members agree (`folded`).
  func cells(_ findings: [Finding]) -> (raw: [Cell], folded: [Cell]) {
    var worst: [String: [String: Status]] = [:]
    // By index: iterating the findings themselves would copy each one.
    for index in findings.indices where !findings[index].waived {
      let status = findings[index].status
      let regime = findings[index].regime
      for name in findings[index].markets {
        regimes.forEachCode(of: name) { market in
          let current = worst[market]?[regime] ?? .clear
          if status > current { worst[market, default: [:]][regime] = status }
        }
      }
    }
    let raw = expanded.map { market -> Cell in
      var status: [String: Status] = [:]
      for pack in regimes.packHeads { status[pack.id] = worst[market]?[pack.id] ?? .clear }
      return Cell(market: market, status: status, conflict: conflict(status))
    }
    return (raw, fold(raw))
  }

  private func conflict(_ status: [String: Status]) -> ConflictLevel {
    var exposed = Set<String>()
    var undecided = Set<String>()
    for pack in regimes.packHeads {
      let value = status[pack.id] ?? .clear
      if value.isExposed { exposed.insert(pack.jurisdiction) }
      if value == .indeterminate { undecided.insert(pack.jurisdiction) }
    }
    if exposed.count >= 2 { return .conflict }
    if exposed.count == 1, !undecided.subtracting(exposed).isEmpty { return .possible }
    return .none
  }

  private func fold(_ raw: [Cell]) -> [Cell] {
    var result: [Cell] = []
    var done = Set<String>()
    for name in listed {
      let members = regimes.codes(for: name).sorted()
      let cells = raw.filter { members.contains($0.market) && !done.contains($0.market) }
      guard !cells.isEmpty else { continue }
      if members.count > 1, cells.count == members.count,
        cells.allSatisfy({ $0.status == cells[0].status && $0.conflict == cells[0].conflict })
      {
        result.append(Cell(market: name, status: cells[0].status, conflict: cells[0].conflict))
      } else {
        result.append(contentsOf: cells)
      }
      done.formUnion(cells.map(\.market))
    }
    return result
  }

  /// `CONFLICT` and `CONFLICT-POSSIBLE` findings, one per distinct situation over its markets.
  static func conflictFindings(
    _ cells: [Cell], findings: [Finding], loaded: LoadedProduct, listed: [String], regimes: RegimeSet
  ) -> [Finding] {
    var groups: [(key: String, finding: Finding)] = []
    for cell in cells where cell.conflict != .none {
      guard var finding = conflictFinding(cell, findings: findings, loaded: loaded, regimes: regimes) else { continue }
      if let index = groups.firstIndex(where: { $0.key == finding.message + finding.rule }) {
        groups[index].finding.markets.append(cell.market)
      } else {
        finding.markets = [cell.market]
        groups.append((finding.message + finding.rule, finding))
      }
    }
    return groups.map { group in
      var finding = group.finding
      finding.markets = MarketFolding.fold(finding.markets, listed: listed, regimes: regimes)
      finding.fingerprint = Fingerprint.make([finding.rule, finding.product, finding.markets.joined(separator: ",")])
      return finding
    }
  }

  private static func conflictFinding(_ cell: Cell, findings: [Finding], loaded: LoadedProduct, regimes: RegimeSet)
    -> Finding?
  {
    var sides: [String] = []
    var instruments: [String] = []
    var seenInstruments = Set<String>()
    var worst = Status.clear
    var bothLicensedOnly = true
    for pack in regimes.packHeads {
      let status = cell.status[pack.id] ?? .clear
      guard status.isExposed || status == .indeterminate else { continue }
      // What lies behind the cell's status, read in place (a large product has many findings).
      var behind: [String] = []
      var seen = Set<String>()
      for index in findings.indices
      where !findings[index].waived && findings[index].status == status && findings[index].regime == pack.id
        && findings[index].markets.contains(where: { regimes.covers($0, cell.market) })
      {
        let part = findings[index].part
        let line = "\(findings[index].rule) on \(part.isEmpty ? "the product" : part)"
        if seen.insert(line).inserted { behind.append(line) }
        for instrument in findings[index].instruments where seenInstruments.insert(instrument).inserted {
          instruments.append(instrument)
        }
      }
      let parts = behind
      sides.append(
        "\(pack.id) (\(pack.jurisdiction)) \(status.rawValue): \(parts.prefix(4).joined(separator: ", "))\(parts.count > 4 ? ", and \(parts.count - 4) more" : "")"
      )
      if status.isExposed { worst = max(worst, status) }
      if status == .licenseRequired || status == .prohibited { bothLicensedOnly = false }
    }
    guard !sides.isEmpty else { return nil }
    let isConflict = cell.conflict == .conflict
    let message =
      isConflict
      ? "Caught between jurisdictions: " + sides.joined(separator: "; and ")
      : "Possible conflict: one regime is exposed and the other cannot be decided: " + sides.joined(separator: "; ")
    let severity: Severity = isConflict ? (bothLicensedOnly ? .warning : .error) : .warning
    return Finding(
      fingerprint: "", rule: isConflict ? "CONFLICT" : "CONFLICT-POSSIBLE",
      regime: regimes.packHeads.map(\.id).joined(separator: "+"), instruments: ProductRun.unique(instruments),
      status: isConflict ? worst : .indeterminate, severity: severity,
      confidence: isConflict ? .declared : .missing, product: loaded.product.id, part: "", markets: [],
      location: loaded.product.location, message: message,
      settle: isConflict ? nil : "settle the indeterminate findings of this cell", sources: [])
  }
}
