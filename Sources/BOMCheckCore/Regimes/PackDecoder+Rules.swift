extension PackDecoder {
  func rule(_ node: YAMLNode, pack: String, _ context: inout DecodeContext) -> Rule? {
    guard
      let fields = context.fields(
        of: node, what: "a rule",
        known: ["id", "title", "description", "help", "instruments", "settle", "outcomes"],
        required: ["id", "title", "instruments", "outcomes"]),
      let id = context.text(fields["id"])
    else { return nil }
    let outcomes: [Rule.Outcome] = (context.list(fields["outcomes"]) ?? []).compactMap { item in
      guard
        let outcome = context.fields(
          of: item, what: "an outcome", known: ["when", "status", "message"],
          required: ["when", "status", "message"]),
        let whenPair = outcome["when"], let condition = condition(whenPair.value, &context),
        let status = context.oneOf(outcome["status"], Status.self),
        let message = context.text(outcome["message"])
      else { return nil }
      return Rule.Outcome(when: condition, status: status, message: message)
    }
    return Rule(
      id: id, title: context.text(fields["title"]) ?? id,
      description: context.text(fields["description"]) ?? "", help: context.text(fields["help"]) ?? "",
      instruments: context.textList(fields["instruments"])?.map(\.0) ?? [],
      settle: context.text(fields["settle"]), outcomes: outcomes, pack: pack,
      location: context.location(node.mark))
  }

  static let conditionNames = [
    "all", "any", "not", "controlled_magnet", "plain_grade_magnet", "presumed_magnet_assembly",
    "leaves_china", "inside_exported_assembly", "origin", "refined_in", "end_use", "market",
    "has_finding", "chip_is", "prc_chip", "entity_listed_designer", "meets_3a090",
  ]

  /// Decodes a condition: a bare name, or a one-key mapping `{name: parameter}`.
  func condition(_ node: YAMLNode, _ context: inout DecodeContext) -> Condition? {
    let name: String
    var parameter: YAMLPair?
    switch node.content {
    case .scalar(let text, _):
      name = text
    case .mapping(let pairs) where pairs.count == 1:
      name = pairs[0].key.scalarText ?? ""
      parameter = pairs[0]
    default:
      context.error("bad-condition", node.mark, "a condition is a name or a mapping with one key")
      return nil
    }
    guard Self.conditionNames.contains(name) else {
      let hint = closestMatch(to: name, in: Self.conditionNames).map { "; did you mean `\($0)`?" } ?? ""
      context.error("unknown-condition", node.mark, "unknown condition `\(name)`\(hint)")
      return nil
    }
    if let simple = Self.simpleCondition(name) {
      return simple
    }
    guard let parameter else {
      context.error("bad-condition", node.mark, "condition `\(name)` needs a parameter")
      return nil
    }
    return parameterised(name, parameter, &context)
  }

  private static func simpleCondition(_ name: String) -> Condition? {
    switch name {
    case "plain_grade_magnet": return .plainGradeMagnet
    case "presumed_magnet_assembly": return .presumedMagnetAssembly
    case "leaves_china": return .leavesChina
    case "inside_exported_assembly": return .insideExportedAssembly
    case "prc_chip": return .prcChip
    case "entity_listed_designer": return .entityListedDesigner
    case "meets_3a090": return .meets3A090
    default: return nil
    }
  }

  private func parameterised(_ name: String, _ pair: YAMLPair, _ context: inout DecodeContext)
    -> Condition?
  {
    let codes = { (context: inout DecodeContext) in context.textList(pair)?.map(\.0) ?? [] }
    switch name {
    case "all", "any":
      let items = (context.list(pair) ?? []).compactMap { condition($0, &context) }
      return name == "all" ? .all(items) : .any(items)
    case "not":
      return condition(pair.value, &context).map { .not($0) }
    case "controlled_magnet":
      if pair.value.scalarText == "instrument" { return .controlledMagnet(.instrument) }
      return .controlledMagnet(.list(elements(pair, &context)))
    case "origin": return .origin(codes(&context))
    case "refined_in": return .refinedIn(codes(&context))
    case "market": return .market(codes(&context))
    case "chip_is": return .chipIs(codes(&context))
    case "end_use":
      return .endUse(
        (context.textList(pair) ?? []).compactMap { text, mark in
          guard let use = EndUse(rawValue: text) else {
            context.error("unknown-value", mark, "unknown end use `\(text)`")
            return nil
          }
          return use
        })
    case "has_finding":
      guard
        let fields = context.fields(
          of: pair.value, what: "`has_finding`", known: ["rule", "status"], required: ["rule", "status"]),
        let rule = context.text(fields["rule"])
      else { return nil }
      let statuses = (context.textList(fields["status"]) ?? []).compactMap { Status(rawValue: $0.0) }
      return .hasFinding(rule: rule, statuses: statuses)
    default:
      return nil
    }
  }
}
