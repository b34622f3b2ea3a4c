/// The evaluation of one product: results per part, rule and market class.
struct ProductRun {
  /// One rule's result on one part in one market class.
  struct Result: Hashable {
    var status: Status
    var confidence: Confidence
    var message: String
    var settle: String?
  }

  /// The results of one rule on one part.
  struct Entry {
    /// The rule's position in `engine.rules`.
    var rule: Int
    var context: PartContext
    /// The distinct results, in the order of the first market class that has each (equal results
    /// of several classes are kept once: not copied for each, nor compared again to group them).
    var results: [Result]
    /// Each market class's result, as a position in `results` (-1 where the rule does not apply).
    var ofClass: [Int]
  }

  let engine: Engine
  let product: Product
  let evaluator: ConditionEvaluator
  /// Market classes: markets that every rule treats alike; the first is evaluated.
  let classes: [[String]]
  /// Each class's first market (the one evaluated).
  let representatives: [String]
  /// Whether each rule (by position in `engine.rules`) can apply given the product's end use.
  let applicable: [Bool]
  var entries: [Entry] = []

  init(engine: Engine, product: Product, markets: [String]) {
    self.engine = engine
    self.product = product
    evaluator = engine.evaluator
    var bySignature: [[Bool]: Int] = [:]
    var classes: [[String]] = []
    for market in markets {
      let signature = engine.marketSets.map { $0.contains(market) }
      if let index = bySignature[signature] {
        classes[index].append(market)
      } else {
        bySignature[signature] = classes.count
        classes.append([market])
      }
    }
    self.classes = classes
    representatives = classes.map { $0[0] }
    applicable = engine.rules.map { $0.applies(toEndUse: product.endUse) }
  }

  mutating func walk(_ parts: [Part], path: String, origins: [String?]) {
    // Parts are read in place through the buffer (an array's subscript copies the whole part) and
    // copied once, into their context, only when judged.
    // Read once for all the parts (each read of a class reference retains it).
    let identifier = evaluator.identifier
    let anyRuleApplies = engine.anyRuleApplies
    parts.withUnsafeBufferPointer { parts in
      for index in parts.indices {
        let chips = parts.baseAddress.map { identifier.identify(at: $0 + index) } ?? []
        let kind = parts[index].kind
        let magnetLike = kind == .magnet || kind?.presumedToHoldMagnets == true
        // Most parts (resistors, housings) can meet no rule: no context is built for them.
        let judged = anyRuleApplies[Engine.ruleIndex(hasChip: !chips.isEmpty, magnetLike: magnetLike)]
        let hasChildren = !parts[index].parts.isEmpty
        guard judged || hasChildren else { continue }
        let ref = parts[index].ref
        let here = path.isEmpty ? ref : "\(path)/\(ref)"
        if judged {
          judge(
            PartContext(part: parts[index], path: here, ancestorOrigins: origins, product: product, chips: chips),
            hasChip: !chips.isEmpty, magnetLike: magnetLike)
        }
        if hasChildren { walk(parts[index].parts, path: here, origins: origins + [parts[index].origin]) }
      }
    }
  }

  private mutating func judge(_ context: PartContext, hasChip: Bool, magnetLike: Bool) {
    // Statuses this part already got from earlier rules, by market class and rule slot (only for
    // rules that later rules ask about; made when the first is recorded).
    var earlier: [[Status?]] = []
    var hasPrior = false
    let classCount = representatives.count
    for position in engine.rules.indices {
      let prepared = engine.rules[position]
      guard applicable[position], prepared.mayApply(hasChip: hasChip, magnetLike: magnetLike, hasPrior: hasPrior)
      else { continue }
      var results: [Result] = []
      var ofClass: [Int] = []
      // Whether the first class's evaluation read its market (or its earlier results): if not,
      // its result holds for every class, whatever the rule could depend on.
      var consulted = false
      for index in 0..<classCount {
        let found: Int
        if index > 0, !prepared.marketDependent || !consulted {
          found = ofClass.isEmpty ? -1 : ofClass[0]
        } else {
          context.consultedMarket = false
          let result = evaluate(
            prepared, context: context, market: representatives[index], prior: earlier.isEmpty ? [] : earlier[index])
          if index == 0 { consulted = context.consultedMarket }
          if let result {
            if let same = results.firstIndex(of: result) {
              found = same
            } else {
              found = results.count
              results.append(result)
            }
          } else {
            found = -1
          }
        }
        guard found >= 0 else { continue }
        if ofClass.isEmpty { ofClass = Array(repeating: -1, count: classCount) }
        if let slot = prepared.slot {
          if earlier.isEmpty {
            earlier = Array(repeating: Array(repeating: nil, count: engine.slotCount), count: classCount)
          }
          earlier[index][slot] = results[found].status
        }
        ofClass[index] = found
        hasPrior = true
      }
      if !results.isEmpty {
        entries.append(Entry(rule: position, context: context, results: results, ofClass: ofClass))
      }
    }
  }

  private func evaluate(_ prepared: PreparedRule, context: PartContext, market: String, prior: [Status?])
    -> Result?
  {
    // One chip or none (nearly every part): its result as it comes (the best-of loop below costs
    // two retains and releases an evaluation, measured).
    guard context.chips.count > 1 else {
      let input = ConditionEvaluator.Input(
        context: context, market: market, chipIndex: context.chips.isEmpty ? nil : 0, prior: prior)
      guard let raw = outcome(prepared, input) else { return nil }
      return apply(prepared, to: consume raw)
    }
    var best: Result?
    for chip in context.chips.indices {
      let input = ConditionEvaluator.Input(context: context, market: market, chipIndex: chip, prior: prior)
      guard let raw = outcome(prepared, input), let result = apply(prepared, to: consume raw)
      else { continue }
      if best == nil || result.status > best?.status ?? .clear { best = result }
    }
    return best
  }

  /// The first outcome that holds; indeterminate when none holds but one is unknown.
  private func outcome(_ prepared: PreparedRule, _ input: ConditionEvaluator.Input) -> Result? {
    var unknowns: [String] = []
    // Through a buffer pointer: the outcomes are read in place (an array's subscript, or a `for`
    // over them, copies each one).
    let held = prepared.outcomes.withUnsafeBufferPointer { outcomes -> Result? in
      for index in outcomes.indices {
        switch evaluator.evaluate(outcomes[index].when, input) {
        case .yes(let confidence, let notes):
          let because = notes.isEmpty ? "" : " (\(Self.unique(notes).joined(separator: "; ")))"
          // Made with room for the basis `apply` appends.
          var message = ""
          message.reserveCapacity(
            outcomes[index].message.utf8.count + because.utf8.count + prepared.basis.utf8.count)
          message.append(outcomes[index].message)
          message.append(because)
          return Result(status: outcomes[index].status, confidence: confidence, message: message, settle: nil)
        case .unknown(let settle):
          unknowns.append(contentsOf: settle)
        case .no:
          continue
        }
      }
      return nil
    }
    if let held { return held }
    guard !unknowns.isEmpty else { return nil }
    let missing = Self.unique(unknowns)
    return Result(
      status: .indeterminate, confidence: .missing,
      message:
        "\(prepared.rule.title): cannot decide for \(input.context.label); missing \(missing.joined(separator: ", "))",
      settle: "declare " + missing.joined(separator: "; ") + (prepared.rule.settle.map { ". \($0)" } ?? ""))
  }

  /// Applies the rule's instrument status on the date.
  /// (The result is taken over: its message, made with room for the basis, gets it appended in
  /// place.)
  private func apply(_ prepared: PreparedRule, to result: consuming Result) -> Result? {
    let status = result.status
    let settle = result.settle
    var adjusted = consume result
    adjusted.message.append(prepared.basis)
    switch prepared.state {
    case .inForce, .overridden(status: .inForce, _, _):
      return adjusted
    case .suspended, .overridden(status: .suspended, _, _):
      guard status > .advisory else { return adjusted }
      adjusted.status = .advisory
      adjusted.message = "Would be \(status.rawValue), but the rule is suspended: \(adjusted.message)"
      return adjusted
    case .unverified:
      guard status > .advisory, let (confirm, condition) = prepared.unverified else { return adjusted }
      if status == .indeterminate {
        adjusted.settle = settle.map { "\($0); \(confirm)" } ?? confirm
        return adjusted
      }
      adjusted.status = .indeterminate
      adjusted.message = "Would be " + status.rawValue + condition + adjusted.message
      adjusted.settle = confirm
      return adjusted
    case .notYetEffective, .overridden:
      return nil
    }
  }

  /// The items without repeats, in order (a linear scan: notes and missing data per outcome are
  /// a handful, fixed by the rule, and hashing them cost more).
  static func unique(_ items: [String]) -> [String] {
    var result: [String] = []
    result.reserveCapacity(items.count)
    for item in items where !result.contains(item) { result.append(item) }
    return result
  }
}
