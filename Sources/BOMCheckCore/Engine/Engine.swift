/// Judges products: every rule of every pack on every part, in every market, on one date.
///
/// A class: each product's run holds the engine, and sharing one reference is cheaper than
/// copying (and retaining) the regimes and rules it holds for every product.
public final class Engine: Sendable {
  /// The loaded packs.
  public let regimes: RegimeSet
  /// The evaluation date.
  public let asOf: Day
  let rules: [PreparedRule]
  /// How many rules later rules ask about (`PreparedRule.slot`).
  let slotCount: Int
  /// Whether any rule may apply to a part, by `ruleIndex(hasChip:magnetLike:)` (a part no rule
  /// can meet is not judged; asked for every part).
  let anyRuleApplies: [Bool]
  let marketSets: [Set<String>]
  /// Condition evaluation with the catalog prepared once for the run.
  let evaluator: ConditionEvaluator

  /// Prepares an engine: rule states on `asOf` and the market sets rules look at.
  public init(regimes: RegimeSet, asOf: Day) {
    self.regimes = regimes
    self.asOf = asOf
    let slots = PreparedRule.slots(regimes.rules)
    slotCount = slots.count
    rules = regimes.rules.compactMap { rule in
      guard let first = rule.instruments.first, let state = regimes.state(of: first, on: asOf) else { return nil }
      switch state {
      case .notYetEffective, .overridden(status: .repealed, _, _): return nil
      default: return PreparedRule(rule, state: state, regimes: regimes, slots: slots)
      }
    }
    let prepared = rules
    anyRuleApplies = (0..<4).map { index in
      prepared.contains { $0.mayApply(hasChip: index & 2 != 0, magnetLike: index & 1 != 0, hasPrior: false) }
    }
    var sets: [Set<String>] = [["CN"]]
    for rule in rules.map(\.rule) {
      for outcome in rule.outcomes {
        Engine.collectMarkets(outcome.when, into: &sets, regimes: regimes)
      }
    }
    marketSets = sets
    evaluator = ConditionEvaluator(
      regimes: regimes, magnets: MagnetFacts(grades: regimes.magnetGrades), identifier: ChipIdentifier(regimes: regimes)
    )
  }

  private static func collectMarkets(_ condition: Condition, into sets: inout [Set<String>], regimes: RegimeSet) {
    switch condition {
    case .all(let items), .any(let items):
      for item in items { collectMarkets(item, into: &sets, regimes: regimes) }
    case .not(let inner): collectMarkets(inner, into: &sets, regimes: regimes)
    case .market(let names):
      sets.append(names.reduce(into: Set<String>()) { $0.formUnion(regimes.codes(for: $1)) })
    default: break
    }
  }

  /// The position in `anyRuleApplies` for a part's facts.
  static func ruleIndex(hasChip: Bool, magnetLike: Bool) -> Int { (hasChip ? 2 : 0) + (magnetLike ? 1 : 0) }

  /// The markets a product is judged in: its own and the extra ones, groups expanded, in order.
  public func markets(for product: Product, extra: [String]) -> (listed: [String], expanded: [String]) {
    var listed: [String] = []
    for market in product.markets.map(\.code) + extra where !listed.contains(market) { listed.append(market) }
    var expanded: [String] = []
    for market in listed {
      for code in regimes.codes(for: market).sorted() where !expanded.contains(code) { expanded.append(code) }
    }
    return (listed, expanded)
  }

  /// Judges one product.
  public func evaluate(_ loaded: LoadedProduct, extraMarkets: [String] = [], policy: Policy = Policy())
    -> (ProductResult, [Finding])
  {
    let (listed, expanded) = markets(for: loaded.product, extra: extraMarkets)
    var run = ProductRun(engine: self, product: loaded.product, markets: expanded)
    run.walk(loaded.parts, path: "", origins: [loaded.product.assembledIn])
    return conclude(run.findings(listed: listed), loaded, listed: listed, expanded: expanded, policy: policy)
  }

  /// `evaluate`, with a large product's top-level parts walked in ranges, by up to `jobs`
  /// concurrent tasks (their results are put back in part order, so the findings are the same as
  /// `evaluate`'s).
  public func evaluate(_ loaded: LoadedProduct, extraMarkets: [String] = [], policy: Policy = Policy(), jobs: Int)
    async -> (ProductResult, [Finding])
  {
    let chunks = Self.chunks(loaded.parts, total: loaded.partCount, jobs: jobs)
    guard chunks.count > 1 else { return evaluate(loaded, extraMarkets: extraMarkets, policy: policy) }
    let (listed, expanded) = markets(for: loaded.product, extra: extraMarkets)
    let base = ProductRun(engine: self, product: loaded.product, markets: expanded)
    let pieces = await parallelMap(chunks, jobs: jobs) { range in
      var piece = base
      piece.walk(Array(loaded.parts[range]), path: "", origins: [loaded.product.assembledIn])
      return piece.findings(listed: listed)
    }
    return conclude(pieces.flatMap { $0 }, loaded, listed: listed, expanded: expanded, policy: policy)
  }

  /// Rearranges `items` so that item `i` is the one that was at `order[i]` (`order` a permutation
  /// of the indices), following each cycle of the permutation and moving each item once (not
  /// copying it: findings are wide).
  static func permute<Item>(_ items: inout [Item], by order: [Int]) {
    precondition(order.count == items.count, "a permutation of the items")
    var placed = [Bool](repeating: false, count: items.count)
    items.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for start in buffer.indices where !placed[start] {
        let first = (base + start).move()
        var current = start
        while order[current] != start {
          (base + current).moveInitialize(from: base + order[current], count: 1)
          placed[current] = true
          current = order[current]
        }
        (base + current).initialize(to: first)
        placed[current] = true
      }
    }
  }

  /// Ranges of top-level parts with about equal numbers of part nodes, at most 16,384 and about
  /// four ranges per worker (with one worker too: each range's judged parts are let go once its
  /// findings are made); one range for products below 16,384 parts.
  static func chunks(_ parts: [Part], total: Int, jobs: Int) -> [Range<Int>] {
    guard total >= 16_384, parts.count > 1 else { return [parts.indices] }
    let target = max(1, min(16_384, total / (max(1, jobs) * 4)))
    var ranges: [Range<Int>] = []
    var start = 0
    var nodes = 0
    for index in parts.indices {
      nodes += 1 + Part.nodeCount(parts[index].parts)
      if nodes >= target {
        ranges.append(start..<index + 1)
        start = index + 1
        nodes = 0
      }
    }
    if start < parts.count { ranges.append(start..<parts.count) }
    return ranges
  }

  /// Findings, licences, waivers and cells of a walked product.
  private func conclude(
    _ raw: [Finding], _ loaded: LoadedProduct, listed: [String], expanded: [String], policy: Policy
  ) -> (ProductResult, [Finding]) {
    // Only the licences and waivers that can name this product (all its findings are its own):
    // the others would be matched against every finding for nothing.
    let id = loaded.product.id
    var productPolicy = policy
    productPolicy.licences = policy.licences.filter { $0.products.isEmpty || $0.products.contains(id) }
    productPolicy.waivers = (policy.waivers + loaded.product.waivers).filter { ($0.product ?? id) == id }
    let applier = PolicyApplier(policy: productPolicy, regimes: regimes, asOf: asOf, listed: listed)
    var findings = applier.applyWaivers(applier.applyLicences(raw))
    findings += incompleteInput(loaded, listed: listed)
    let cells = CellBuilder(regimes: regimes, listed: listed, expanded: expanded).cells(findings)
    findings += applier.applyWaivers(
      CellBuilder.conflictFindings(
        cells.raw, findings: findings, numbered: cells.numbered, loaded: loaded, listed: listed, regimes: regimes))
    // Sorted through indices: findings are wide, and moving indices is cheaper than moving them.
    // (Through a buffer pointer: findings compared are read in place, not copied.) The order is
    // then applied in place, by swaps, not by copying each finding into a new array.
    let order = findings.withUnsafeBufferPointer { all -> [Int] in
      guard let base = all.baseAddress else { return [] }
      return all.indices.sorted { Finding.order(base + $0, base + $1) }
    }
    Self.permute(&findings, by: order)
    let numbered = NumberedMarkets(findings)
    let folded = cells.folded.map { cell in
      var linked = cell
      linked.findings = []
      let overlapping = numbered.names.map { regimes.overlaps($0, cell.market) }
      for index in findings.indices where numbered.any(of: index, in: overlapping) {
        linked.findings.append(findings[index].fingerprint)
      }
      return linked
    }
    var result = ProductResult(
      id: loaded.product.id, name: loaded.product.name, file: loaded.file,
      partCount: loaded.partCount, cells: folded, location: loaded.product.location)
    result.inferredKinds = Part.inferredKindCount(loaded.parts)
    return (result, findings)
  }
}

extension Engine {
  /// One `INPUT-INCOMPLETE` finding per regime when the product's file has errors: what could not be
  /// read was not judged, so no cell may read `clear` as if it had been.
  func incompleteInput(_ loaded: LoadedProduct, listed: [String]) -> [Finding] {
    guard loaded.inputErrors > 0 else { return [] }
    let count = loaded.inputErrors == 1 ? "1 error" : "\(loaded.inputErrors) errors"
    return regimes.packs.map { pack in
      Finding(
        fingerprint: Fingerprint.make(["INPUT-INCOMPLETE", loaded.product.id, pack.id]), rule: "INPUT-INCOMPLETE",
        regime: pack.id, instruments: [], status: .indeterminate, severity: .warning, confidence: .missing,
        product: loaded.product.id, part: "", markets: listed, location: loaded.product.location,
        message:
          "The BOM has \(count) (see the diagnostics): what could not be read was not judged, so \(pack.id) "
          + "cannot be decided for this product",
        settle: "fix the errors in \(loaded.file)", sources: [])
    }
  }
}

extension Finding {
  /// Report order: file, line, column, rule, part, first market, status (compared field by
  /// field, in place: a large product sorts many findings, and a finding is wide).
  static func order(_ lhs: UnsafePointer<Finding>, _ rhs: UnsafePointer<Finding>) -> Bool {
    if lhs.pointee.location.line != rhs.pointee.location.line || lhs.pointee.location.file != rhs.pointee.location.file
      || lhs.pointee.location.column != rhs.pointee.location.column
    {
      return lhs.pointee.location < rhs.pointee.location
    }
    if lhs.pointee.rule != rhs.pointee.rule { return lhs.pointee.rule < rhs.pointee.rule }
    if lhs.pointee.part != rhs.pointee.part { return lhs.pointee.part < rhs.pointee.part }
    let leftMarket = lhs.pointee.markets.first ?? ""
    let rightMarket = rhs.pointee.markets.first ?? ""
    if leftMarket != rightMarket { return leftMarket < rightMarket }
    return lhs.pointee.status.rank < rhs.pointee.status.rank
  }

}
