/// Builds the product × market cells (worst status per regime), conflicts and their findings.
struct CellBuilder {
  let regimes: RegimeSet
  let listed: [String]
  let expanded: [String]

  /// The cells of single markets before folding: each market's worst status per pack head (a row
  /// of `worst`) and its conflict level. Kept as rows: only the folded cells of the report are
  /// made into `Cell`s, with their dictionaries.
  struct RawCells {
    /// The markets (`expanded`), by position.
    let markets: [String]
    /// Row after row, one status per pack head.
    let worst: [Status]
    let heads: Int
    let conflicts: [ConflictLevel]
    /// For each of the findings' market names (by its number in `NumberedMarkets`), the
    /// positions of the cells it stands for.
    let namePositions: [[Int]]

    /// The statuses of the cell at `position`, one per pack head.
    func row(_ position: Int) -> ArraySlice<Status> { worst[position * heads..<(position + 1) * heads] }

    /// The cell at `position` as a report cell.
    func cell(_ position: Int, market: String, regimes: RegimeSet) -> Cell {
      var status: [String: Status] = [:]
      for (regime, pack) in regimes.packHeads.enumerated() { status[pack.id] = worst[position * heads + regime] }
      return Cell(market: market, status: status, conflict: conflicts[position])
    }
  }

  /// Cells per single market (`raw`) and with groups folded where all members agree (`folded`);
  /// `numbered` holds the findings' market names by number (`conflictFindings` reads them again).
  func cells(_ findings: [Finding]) -> (raw: RawCells, folded: [Cell], numbered: NumberedMarkets) {
    let heads = regimes.packHeads
    let numbered = NumberedMarkets(findings)
    // Each market's cell position (`expanded` holds each market once).
    var positions: [String: Int] = [:]
    positions.reserveCapacity(expanded.count)
    for (position, market) in expanded.enumerated() where positions[market] == nil { positions[market] = position }
    // For each market name of the findings, the positions of the cells it stands for.
    let slots: [[Int]] = numbered.names.map { name in
      var result: [Int] = []
      regimes.forEachCode(of: name) { code in if let position = positions[code] { result.append(position) } }
      return result
    }
    // The worst status per cell position and pack head, read by index (findings are wide).
    var worst = [Status](repeating: .clear, count: expanded.count * heads.count)
    for index in findings.indices where !findings[index].waived {
      guard let regime = heads.firstIndex(where: { $0.id == findings[index].regime }) else { continue }
      let status = findings[index].status
      for number in numbered.numbers(of: index) {
        for slot in slots[number] where status > worst[slot * heads.count + regime] {
          worst[slot * heads.count + regime] = status
        }
      }
    }
    // A cell's statuses are its row of `worst` (one per pack head, whose ids are distinct):
    // conflicts and folding read the rows.
    let raw = RawCells(
      markets: expanded, worst: worst, heads: heads.count,
      conflicts: expanded.indices.map { conflict(worst[$0 * heads.count..<($0 + 1) * heads.count]) },
      namePositions: slots)
    return (raw, fold(raw, positions: positions), numbered)
  }

  /// The conflict level of a cell from its statuses, one per pack head.
  private func conflict(_ row: ArraySlice<Status>) -> ConflictLevel {
    // The exposed jurisdiction, and whether a second one is (no lists: there are a few packs, and
    // this runs for every cell).
    var exposed: String?
    var twoExposed = false
    for (pack, value) in zip(regimes.packHeads, row) where value.isExposed {
      if let first = exposed {
        if first != pack.jurisdiction { twoExposed = true }
      } else {
        exposed = pack.jurisdiction
      }
    }
    if twoExposed { return .conflict }
    guard let exposed else { return .none }
    let undecidedElsewhere = zip(regimes.packHeads, row).contains { pack, value in
      value == .indeterminate && pack.jurisdiction != exposed
    }
    return undecidedElsewhere ? .possible : .none
  }

  /// The cells of each listed market name in turn: a group's cells as one when it has them all
  /// and they agree, else one by one (each cell once, in the order of `expanded`).
  private func fold(_ raw: RawCells, positions: [String: Int]) -> [Cell] {
    var result: [Cell] = []
    var done = [Bool](repeating: false, count: raw.markets.count)
    for name in listed {
      var memberCount = 0
      var members: [Int] = []
      regimes.forEachCode(of: name) { code in
        memberCount += 1
        if let position = positions[code], !done[position] { members.append(position) }
      }
      guard !members.isEmpty else { continue }
      members.sort()
      let first = members[0]
      if memberCount > 1, members.count == memberCount,
        members.allSatisfy({
          raw.row($0).elementsEqual(raw.row(first)) && raw.conflicts[$0] == raw.conflicts[first]
        })
      {
        result.append(raw.cell(first, market: name, regimes: regimes))
      } else {
        result.append(contentsOf: members.map { raw.cell($0, market: raw.markets[$0], regimes: regimes) })
      }
      for position in members { done[position] = true }
    }
    return result
  }

  /// `CONFLICT` and `CONFLICT-POSSIBLE` findings, one per distinct situation over its markets
  /// (`numbered`: the findings' market names, as `cells` numbered them).
  static func conflictFindings(
    _ cells: RawCells, findings: [Finding], numbered: NumberedMarkets, loaded: LoadedProduct, listed: [String],
    regimes: RegimeSet
  ) -> [Finding] {
    var groups: [(key: String, finding: Finding)] = []
    // Cells with the same findings behind the same statuses make the same finding: its group is
    // found again by that signature, without making its message again.
    var bySignature: [[Int]: Int] = [:]
    for position in cells.markets.indices where cells.conflicts[position] != .none {
      let market = cells.markets[position]
      let conflict = cells.conflicts[position]
      // Which of the findings' market names stand for this cell's market (as `cells` found them).
      let covering = cells.namePositions.map { $0.contains(position) }
      let sides = Self.sides(
        statuses: cells.row(position), covering: covering, findings: findings, markets: numbered, regimes: regimes)
      guard !sides.isEmpty else { continue }
      var signature = [conflict == .conflict ? 1 : 0]
      for side in sides { signature += [side.pack, side.status.rank, side.indices.count] + side.indices }
      if let index = bySignature[signature] {
        groups[index].finding.markets.append(market)
        continue
      }
      var finding = conflictFinding(conflict, sides: sides, findings: findings, loaded: loaded, regimes: regimes)
      let key = finding.message + finding.rule
      if let index = groups.firstIndex(where: { $0.key == key }) {
        groups[index].finding.markets.append(market)
        bySignature[signature] = index
      } else {
        finding.markets = [market]
        groups.append((key, finding))
        bySignature[signature] = groups.count - 1
      }
    }
    return groups.map { group in
      var finding = group.finding
      finding.markets = MarketFolding.fold(finding.markets, listed: listed, regimes: regimes)
      finding.fingerprint = Fingerprint.make([finding.rule, finding.product], joining: finding.markets)
      return finding
    }
  }

  /// For each pack head whose status in a cell (`statuses`, one per pack head) is exposed or
  /// undecided: the status and the findings behind it (their positions; `covering` marks the
  /// market names that stand for the cell's market), read in place (a large product has many
  /// findings).
  private static func sides(
    statuses: ArraySlice<Status>, covering: [Bool], findings: [Finding], markets: NumberedMarkets,
    regimes: RegimeSet
  ) -> [(pack: Int, status: Status, indices: [Int])] {
    var sides: [(pack: Int, status: Status, indices: [Int])] = []
    for (position, pack) in regimes.packHeads.enumerated() {
      let status = statuses[statuses.startIndex + position]
      guard status.isExposed || status == .indeterminate else { continue }
      let indices = findings.indices.filter { index in
        !findings[index].waived && findings[index].status == status && findings[index].regime == pack.id
          && markets.any(of: index, in: covering)
      }
      sides.append((position, status, indices))
    }
    return sides
  }

  private static func conflictFinding(
    _ conflict: ConflictLevel, sides: [(pack: Int, status: Status, indices: [Int])], findings: [Finding],
    loaded: LoadedProduct, regimes: RegimeSet
  ) -> Finding {
    var texts: [String] = []
    var instruments: [String] = []
    var seenInstruments = Set<String>()
    var worst = Status.clear
    var bothLicensedOnly = true
    for side in sides {
      let pack = regimes.packHeads[side.pack]
      let status = side.status
      var behind: [String] = []
      var seen = Set<String>()
      for index in side.indices {
        let part = findings[index].part
        let line = "\(findings[index].rule) on \(part.isEmpty ? "the product" : part)"
        if seen.insert(line).inserted { behind.append(line) }
        for instrument in findings[index].instruments where seenInstruments.insert(instrument).inserted {
          instruments.append(instrument)
        }
      }
      let parts = behind
      texts.append(
        "\(pack.id) (\(pack.jurisdiction)) \(status.rawValue): \(parts.prefix(4).joined(separator: ", "))\(parts.count > 4 ? ", and \(parts.count - 4) more" : "")"
      )
      if status.isExposed { worst = max(worst, status) }
      if status == .licenseRequired || status == .prohibited { bothLicensedOnly = false }
    }
    let isConflict = conflict == .conflict
    let message =
      isConflict
      ? "Caught between jurisdictions: " + texts.joined(separator: "; and ")
      : "Possible conflict: one regime is exposed and the other cannot be decided: " + texts.joined(separator: "; ")
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

/// The market names of a product's findings, numbered once: cells, conflicts and links then test a
/// finding's markets by number instead of hashing every name again for every cell.
struct NumberedMarkets {
  /// The distinct names (codes or groups), by number.
  private(set) var names: [String] = []
  /// All findings' name numbers, one finding after another.
  private var numbers: [Int] = []
  /// Where each finding's numbers start in `numbers` (and, last, where they end).
  private var starts: [Int] = [0]

  init(_ findings: [Finding]) {
    var byName: [String: Int] = [:]
    for index in findings.indices {
      // Findings of a product mostly repeat the market list of the one before (often the same
      // array): its numbers are copied instead of looking every name up again.
      if index > 0, findings[index].markets == findings[index - 1].markets {
        // One by one: a slice of `numbers` kept while appending to it would copy the array.
        for position in starts[index - 1]..<starts[index] { numbers.append(numbers[position]) }
        starts.append(numbers.count)
        continue
      }
      for name in findings[index].markets {
        if let number = byName[name] {
          numbers.append(number)
        } else {
          byName[name] = names.count
          numbers.append(names.count)
          names.append(name)
        }
      }
      starts.append(numbers.count)
    }
  }

  /// The name numbers of finding `index`.
  func numbers(of index: Int) -> ArraySlice<Int> { numbers[starts[index]..<starts[index + 1]] }

  /// Whether one of finding `index`'s names is marked in `mask` (indexed by name number).
  func any(of index: Int, in mask: [Bool]) -> Bool {
    numbers(of: index).contains { mask[$0] }
  }
}
