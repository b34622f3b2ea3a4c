/// A rule's condition made ready for evaluation (`PreparedRule`): market groups expanded into the
/// codes they stand for, `controlled_magnet: instrument` into the instrument's elements, and the
/// rules `has_finding` names into slots of a part's earlier results, so that judging a part
/// neither looks groups up nor hashes rule ids.
indirect enum PreparedCondition: Sendable {
  case all([PreparedCondition])
  case any([PreparedCondition])
  case not(PreparedCondition)
  case controlledMagnet([String])
  case plainGradeMagnet
  case presumedMagnetAssembly
  case leavesChina
  case insideExportedAssembly
  case origin(CodeList)
  case refinedIn(CodeList)
  case endUse([EndUse])
  case market(CodeList)
  /// An earlier rule (its id, and the slot of its results in `ConditionEvaluator.Input.prior`)
  /// gave the part one of these statuses in the same market.
  case hasFinding(rule: String, slot: Int, statuses: [Status])
  case chipIs([String])
  case prcChip
  case entityListedDesigner
  case meets3A090

  /// `condition` prepared: `elements` are the rule's first instrument's, `slots` the positions of
  /// the rules that `has_finding` conditions name.
  init(_ condition: Condition, elements: [String], slots: [String: Int], regimes: RegimeSet) {
    func prepare(_ inner: Condition) -> PreparedCondition {
      PreparedCondition(inner, elements: elements, slots: slots, regimes: regimes)
    }
    switch condition {
    case .all(let items): self = .all(items.map(prepare))
    case .any(let items): self = .any(items.map(prepare))
    case .not(let inner): self = .not(prepare(inner))
    case .controlledMagnet(.instrument): self = .controlledMagnet(elements)
    case .controlledMagnet(.list(let listed)): self = .controlledMagnet(listed)
    case .plainGradeMagnet: self = .plainGradeMagnet
    case .presumedMagnetAssembly: self = .presumedMagnetAssembly
    case .leavesChina: self = .leavesChina
    case .insideExportedAssembly: self = .insideExportedAssembly
    case .origin(let codes): self = .origin(CodeList(codes, regimes: regimes))
    case .refinedIn(let codes): self = .refinedIn(CodeList(codes, regimes: regimes))
    case .endUse(let uses): self = .endUse(uses)
    case .market(let names): self = .market(CodeList(names, regimes: regimes))
    case .hasFinding(let rule, let statuses):
      // Every named rule has a slot (`PreparedRule.referencedRules`); one past them never holds.
      self = .hasFinding(rule: rule, slot: slots[rule] ?? slots.count, statuses: statuses)
    case .chipIs(let ids): self = .chipIs(ids)
    case .prcChip: self = .prcChip
    case .entityListedDesigner: self = .entityListedDesigner
    case .meets3A090: self = .meets3A090
    }
  }
}

/// The codes a condition names, groups expanded (`RegimeSet.covers`, decided once): whether a
/// value (a market code, or a part's country) is among them, and whether `unknown` is named.
struct CodeList: Sendable {
  /// The codes the names stand for (a group's members, or the name itself), without repeats.
  let codes: [String]
  /// The same, for long lists (a group of many countries).
  private let set: Set<String>
  /// The list names `unknown` (it then holds for a missing value).
  let unknown: Bool

  init(_ names: [String], regimes: RegimeSet) {
    var codes: [String] = []
    for name in names {
      regimes.forEachCode(of: name) { code in if !codes.contains(code) { codes.append(code) } }
    }
    self.codes = codes
    set = codes.count > 8 ? Set(codes) : []
    unknown = names.contains("unknown")
  }

  /// Whether `value` is one of the codes.
  func contains(_ value: String) -> Bool {
    codes.count > 8 ? set.contains(value) : codes.contains(value)
  }

  /// Whether the list holds for a part's value (nil = unknown).
  func holds(_ value: String?) -> Bool {
    guard let value else { return unknown }
    return contains(value)
  }
}
