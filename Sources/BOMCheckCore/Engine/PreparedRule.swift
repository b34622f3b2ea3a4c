/// A rule made ready for evaluation on one date: its conditions prepared (`PreparedCondition`), its
/// instrument's state, and what a part must have for the rule to possibly apply (so most parts
/// skip most rules).
///
/// A class: the engine reads its rules for every part, and sharing one reference is cheaper than
/// copying the rule's fields each time.
final class PreparedRule: Sendable {
  /// The rule as its pack states it (its conditions are evaluated from `outcomes`).
  let rule: Rule
  /// `rule.outcomes` with their conditions prepared (and kept apart, so that evaluating them does
  /// not copy the whole rule).
  let outcomes: [Outcome]
  /// The state of the rule's first instrument on the date.
  let state: InstrumentState
  /// Every outcome needs an identified chip.
  let needsChip: Bool
  /// Every outcome needs a magnet, or a part kind presumed to hold magnets.
  let needsMagnetLike: Bool
  /// Every outcome needs an earlier rule's result on the part.
  let needsPrior: Bool
  /// Some condition depends on the market (market lists, the product's own export, earlier results).
  let marketDependent: Bool
  /// The source addresses behind the rule's instruments, without repeats.
  let sources: [String]
  /// `. Basis: <instrument>, <its state on the date>.`, appended to every message of the rule.
  let basis: String
  /// Where this rule's results are kept per part for later rules, when a `has_finding` condition
  /// of some rule names it (`ConditionEvaluator.Input.prior`).
  let slot: Int?
  /// The product end uses the rule can apply under, when every outcome names end uses among its
  /// own conditions (a product with another end use meets no outcome, whatever its parts); nil
  /// when any end use may do.
  let endUses: [EndUse]?
  /// For an unverified instrument (`InstrumentState.unverified`): what to confirm, and
  /// ` if <instrument> applies after <day>: ` (made once, not for every result).
  let unverified: (confirm: String, condition: String)?

  /// An outcome ready for evaluation.
  struct Outcome: Sendable {
    let when: PreparedCondition
    let status: Status
    let message: String
  }

  /// `slots`: the slots of the rules `has_finding` conditions name (`slots(_:)`).
  init(_ rule: Rule, state: InstrumentState, regimes: RegimeSet, slots: [String: Int]) {
    slot = slots[rule.id]
    let elements = rule.instruments.first.flatMap { regimes.instrument($0)?.0.elements } ?? []
    self.rule = rule
    outcomes = rule.outcomes.map { outcome in
      Outcome(
        when: PreparedCondition(outcome.when, elements: elements, slots: slots, regimes: regimes),
        status: outcome.status, message: outcome.message)
    }
    self.state = state
    let gates = outcomes.map { Self.endUseGate($0.when) }
    endUses =
      gates.contains { $0 == nil }
      ? nil : EndUse.allCases.filter { use in gates.contains { $0?.contains(use) == true } }
    let needs = rule.outcomes.map { Self.needs($0.when) }
    needsChip = needs.allSatisfy(\.chip)
    needsMagnetLike = needs.allSatisfy(\.magnet)
    needsPrior = needs.allSatisfy(\.prior)
    marketDependent = rule.outcomes.contains { Self.dependsOnMarket($0.when) }
    sources = ProductRun.unique(rule.instruments.flatMap { regimes.sourceURLs(for: $0) })
    basis = ". Basis: \(rule.instruments.first ?? ""), \(state.sentence)."
    if case .unverified(let since, _, _) = state {
      let instrument = rule.instruments.first ?? ""
      unverified = (
        "confirm the status of \(instrument) since \(since), then pin it with `regime_overrides` in .bomcheck.yaml",
        " if \(instrument) applies after \(since): "
      )
    } else {
      unverified = nil
    }
  }

  /// Whether the rule can apply to the parts of a product with this end use.
  func applies(toEndUse use: EndUse) -> Bool {
    endUses?.contains(use) ?? true
  }

  /// The end uses a condition requires of the product (an `end_use` condition, alone or among
  /// `all`'s), or nil when it requires none.
  private static func endUseGate(_ condition: PreparedCondition) -> [EndUse]? {
    switch condition {
    case .endUse(let uses): return uses
    case .all(let items):
      var gate: [EndUse]?
      for case .endUse(let uses) in items { gate = (gate ?? uses).filter(uses.contains) }
      return gate
    default: return nil
    }
  }

  /// Whether the rule can apply to a part with these facts.
  func mayApply(hasChip: Bool, magnetLike: Bool, hasPrior: Bool) -> Bool {
    (!needsChip || hasChip) && (!needsMagnetLike || magnetLike) && (!needsPrior || hasPrior)
  }

  /// What a condition needs to hold: every conjunct's needs, only the needs all alternatives share.
  private static func needs(_ condition: Condition) -> (chip: Bool, magnet: Bool, prior: Bool) {
    switch condition {
    case .all(let items):
      return items.map(needs).reduce((false, false, false)) { ($0.0 || $1.0, $0.1 || $1.1, $0.2 || $1.2) }
    case .any(let items):
      guard !items.isEmpty else { return (false, false, false) }
      return items.map(needs).reduce((true, true, true)) { ($0.0 && $1.0, $0.1 && $1.1, $0.2 && $1.2) }
    case .controlledMagnet, .plainGradeMagnet, .presumedMagnetAssembly: return (false, true, false)
    case .chipIs, .prcChip, .entityListedDesigner, .meets3A090: return (true, false, false)
    case .hasFinding: return (false, false, true)
    default: return (false, false, false)
    }
  }

  /// A slot for each rule id named by `has_finding` conditions in `rules` (in id order).
  static func slots(_ rules: [Rule]) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: referencedRules(rules).sorted().enumerated().map { ($1, $0) })
  }

  /// The rule ids named by `has_finding` conditions in `rules`.
  static func referencedRules(_ rules: [Rule]) -> Set<String> {
    func collect(_ condition: Condition, into ids: inout Set<String>) {
      switch condition {
      case .all(let items), .any(let items): for item in items { collect(item, into: &ids) }
      case .not(let inner): collect(inner, into: &ids)
      case .hasFinding(let rule, _): ids.insert(rule)
      default: break
      }
    }
    var ids = Set<String>()
    for rule in rules { for outcome in rule.outcomes { collect(outcome.when, into: &ids) } }
    return ids
  }

  private static func dependsOnMarket(_ condition: Condition) -> Bool {
    switch condition {
    case .all(let items), .any(let items): return items.contains(where: dependsOnMarket)
    case .not(let inner): return dependsOnMarket(inner)
    case .market, .insideExportedAssembly, .hasFinding: return true
    default: return false
    }
  }
}
