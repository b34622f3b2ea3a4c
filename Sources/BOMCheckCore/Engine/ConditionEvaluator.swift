/// Evaluates a rule's conditions on one part, in one market (class), for one chip.
///
/// A class: judging passes it around for every evaluation, and a reference is cheaper to pass
/// than the regimes it holds.
final class ConditionEvaluator: Sendable {
  let regimes: RegimeSet
  let magnets: MagnetFacts
  let identifier: ChipIdentifier

  init(regimes: RegimeSet, magnets: MagnetFacts, identifier: ChipIdentifier) {
    self.regimes = regimes
    self.magnets = magnets
    self.identifier = identifier
  }

  /// Everything a condition may look at.
  struct Input {
    let context: PartContext
    let market: String
    /// The position in `context.chips` of the chip under evaluation (nil: none). Not the chip
    /// itself: an input is made for every rule and market class, and most conditions never look.
    let chipIndex: Int?
    /// Statuses earlier rules gave this part in this market class, by rule slot
    /// (`PreparedRule.slot`; empty when none has).
    let prior: [Status?]
  }

  func evaluate(_ condition: PreparedCondition, _ input: Input) -> Truth {
    // The part is read in place from its context (binding it would copy all its fields).
    let context = input.context
    switch condition {
    case .all(let items):
      // (Through a buffer pointer: the items are read in place, not copied out of the array.)
      return items.withUnsafeBufferPointer { items in
        // A cheap condition that is `no` decides the whole: checked first, before costly ones
        // (magnet facts) build their notes for nothing.
        if items.contains(where: { certainlyNo($0, input) }) { return .no }
        return Truth.all(items) { evaluate($0, input) }
      }
    case .any(let items): return items.withUnsafeBufferPointer { items in Truth.any(items) { evaluate($0, input) } }
    case .not(let inner): return evaluate(inner, input).negated
    case .controlledMagnet(let elements):
      if let known = context.magnetAnswers.first(where: { $0.elements == elements }) { return known.truth }
      let truth = magnets.holds(elements, in: context)
      context.magnetAnswers.append((elements, truth))
      return truth
    case .plainGradeMagnet:
      return magnets.isPlainGrade(context)
    case .presumedMagnetAssembly:
      guard let kind = context.part.kind, kind.presumedToHoldMagnets, context.part.parts.isEmpty,
        context.part.include == nil
      else { return .no }
      let how =
        context.part.kindSource == .inferred ? "kind \(kind.rawValue) inferred from its name" : "kind \(kind.rawValue)"
      return .yes(.presumed, ["\(how) without declared sub-parts is presumed to hold rare-earth magnets"])
    case .leavesChina:
      return leavesChina(input.context)
    case .insideExportedAssembly:
      return insideExportedAssembly(input.context, market: input.market)
    case .origin(let codes):
      return matches(context.part.origin, codes, what: "made in", unknown: "origin unknown")
    case .refinedIn(let codes):
      return matches(
        context.part.refinedIn, codes, what: "rare earth refined in",
        unknown: "where the rare earth was refined is unknown, presumed China (about 91 % of world refining)")
    case .endUse(let uses):
      return uses.contains(input.context.endUse)
        ? .yes(.declared, ["end use \(input.context.endUse.rawValue)"]) : .no
    case .market(let codes):
      return Self.inMarket(codes, input) ? .yes(.declared, []) : .no
    case .hasFinding(let rule, let slot, let statuses):
      input.context.consultedMarket = true
      guard let status = Self.prior(slot, input), statuses.contains(status) else { return .no }
      return .yes(.declared, ["\(rule) is \(status.rawValue) for this part"])
    case .chipIs(let ids):
      return withChip(input) { chip in
        guard let id = chip.pointee.entry?.id, ids.contains(id) else { return .no }
        return .yes(chip.pointee.confidence, ["\(chip.pointee.label) identified by \(chip.pointee.how)"])
      }
    case .prcChip:
      return withChip(input) { prcChip($0) }
    case .entityListedDesigner:
      return withChip(input) { chip in
        guard let entity = identifier.listedEntity(chip.pointee.designer) else { return .no }
        let since = entity.listed.map { " since \($0)" } ?? ""
        return .yes(.declared, ["designer \(entity.name) is on the Entity List\(since)"])
      }
    case .meets3A090:
      return withChip(input) { meets3A090($0, part: context.part) }
    }
  }

  /// `body` on the chip under evaluation, read in place (a copy of a chip copies its catalog entry
  /// and strings, for each condition that looks at it); `no` without one.
  private func withChip(_ input: Input, _ body: (UnsafePointer<IdentifiedChip>) -> Truth) -> Truth {
    guard let index = input.chipIndex else { return .no }
    return input.context.chips.withUnsafeBufferPointer { chips in
      guard let base = chips.baseAddress, chips.indices.contains(index) else { return .no }
      return body(base + index)
    }
  }

  /// Whether `condition` is `no` for this input, decided cheaply and without notes: true only for
  /// the simple kinds below, through the same predicates `evaluate` uses (false means "evaluate").
  func certainlyNo(_ condition: PreparedCondition, _ input: Input) -> Bool {
    switch condition {
    case .leavesChina: return !Self.mayLeaveChina(input.context)
    case .origin(let codes): return !codes.holds(input.context.part.origin)
    case .refinedIn(let codes): return !codes.holds(input.context.part.refinedIn)
    case .endUse(let uses): return !uses.contains(input.context.endUse)
    case .market(let codes): return !Self.inMarket(codes, input)
    case .hasFinding(_, let slot, let statuses):
      input.context.consultedMarket = true
      guard let status = Self.prior(slot, input) else { return true }
      return !statuses.contains(status)
    default: return false
    }
  }

  private static func inMarket(_ codes: CodeList, _ input: Input) -> Bool {
    input.context.consultedMarket = true
    return codes.contains(input.market)
  }

  /// The status the rule in `slot` gave the part in this market class, if any.
  private static func prior(_ slot: Int, _ input: Input) -> Status? {
    slot < input.prior.count ? input.prior[slot] : nil
  }

  private func matches(_ value: String?, _ codes: CodeList, what: String, unknown: String) -> Truth {
    guard codes.holds(value) else { return .no }
    guard let value else { return .yes(.presumed, [unknown]) }
    return .yes(.declared, ["\(what) \(value)"])
  }

  /// Made in China and its parent is not (the only way `leaves_china` can hold).
  private static func mayLeaveChina(_ context: PartContext) -> Bool {
    context.part.origin == "CN" && context.parentOrigin != "CN"
  }

  private func leavesChina(_ context: PartContext) -> Truth {
    guard Self.mayLeaveChina(context) else { return .no }
    switch context.parentOrigin {
    case "CN": return .no
    case nil:
      return .yes(.presumed, ["made in CN; where it is assembled is unknown, presumed outside China"])
    case let parent?:
      return .yes(.declared, ["made in CN and assembled in \(parent)"])
    }
  }

  private func insideExportedAssembly(_ context: PartContext, market: String) -> Truth {
    guard context.part.origin == "CN", context.parentOrigin == "CN" else { return .no }
    let origins = context.ancestorOrigins
    // Walk up from the parent: the first ancestor made in China whose own parent is not China leaves China.
    var index = origins.count - 1
    while index > 0 {
      guard origins[index] == "CN" else { break }
      switch origins[index - 1] {
      case "CN": index -= 1
      case nil: return .yes(.presumed, ["an enclosing assembly is made in CN and presumed to leave China"])
      default: return .yes(.declared, ["an enclosing assembly made in CN is assembled in \(origins[index - 1] ?? "")"])
      }
    }
    guard index == 0, origins[0] == "CN" else { return .no }
    context.consultedMarket = true
    return market == "CN" ? .no : .yes(.declared, ["the product is assembled in CN and sold outside China"])
  }

  private func prcChip(_ chip: UnsafePointer<IdentifiedChip>) -> Truth {
    if chip.pointee.designerCountry == "CN" {
      return .yes(chip.pointee.confidence, ["\(chip.pointee.label) is PRC-designed"])
    }
    if let entity = identifier.listedEntity(chip.pointee.designer) {
      return .yes(.declared, ["designer \(entity.name) is on the Entity List"])
    }
    if chip.pointee.designer == nil { return .unknown(["the chip's designer"]) }
    return .no
  }

  private func meets3A090(_ chip: UnsafePointer<IdentifiedChip>, part: Part) -> Truth {
    if let eccn = chip.pointee.eccn?.uppercased() {
      if eccn.hasPrefix("3A090") || eccn.hasPrefix("4A090") || eccn.hasSuffix(".Z") {
        let source = part.eccn != nil ? Confidence.declared : .presumed
        return .yes(source, ["ECCN \(eccn)"])
      }
      if part.eccn != nil { return .no }
    }
    guard let thresholds = regimes.thresholds else { return .unknown(["3A090 thresholds (no pack defines them)"]) }
    guard let tpp = chip.pointee.tpp else {
      return isAccelerator(chip, part: part)
        ? .unknown(["the chip's TPP (and performance density) or its ECCN"]) : .no
    }
    let tppText = "TPP \(BOMDecoder.format(tpp))"
    if chip.pointee.datacenter == false && tpp < thresholds.note2TPPBelow { return .no }
    if let density = chip.pointee.density {
      let hit = (thresholds.a + thresholds.b).contains { alt in
        tpp >= alt.tppMin && alt.tppBelow.map { tpp < $0 } ?? true
          && alt.densityMin.map { density >= $0 } ?? true && alt.densityBelow.map { density < $0 } ?? true
      }
      return hit ? .yes(chip.pointee.confidence, ["\(tppText), density \(BOMDecoder.format(density))"]) : .no
    }
    if thresholds.a.contains(where: { $0.densityMin == nil && tpp >= $0.tppMin }) {
      return .yes(chip.pointee.confidence, ["\(tppText) meets 3A090.a"])
    }
    let lowest = (thresholds.a + thresholds.b).map(\.tppMin).min() ?? 0
    if tpp < lowest { return .no }
    return .unknown(["the chip's performance density (\(tppText) meets 3A090 only with enough density)"])
  }

  private func isAccelerator(_ chip: UnsafePointer<IdentifiedChip>, part: Part) -> Bool {
    if chip.pointee.entry != nil { return true }
    let text = ChipIdentifier.normalize(
      [chip.pointee.family, chip.pointee.model, part.name].compactMap { $0 }.joined(separator: " "))
    return ["gpu", "npu", "tpu", "accelerator", "inference"].contains { text.contains($0) }
  }
}
