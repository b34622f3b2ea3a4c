extension BOMDecoder {
  /// Decodes one part; a part with errors is still returned so that it is counted.
  func decodePart(_ node: YAMLNode, depth: Int, _ context: inout DecodeContext) -> Part {
    guard let fields = context.partFields(of: node) else {
      return Part(ref: "", qty: 1, unit: .pcs, parts: [], location: context.location(node.mark))
    }
    var part = decodeFields(fields, at: node.mark, &context)
    if fields[.include] == nil, let sub = fields[.parts] {
      part.parts = decodeParts(sub, depth: depth + 1, &context)
      if case .sequence(let items) = sub.value.content, items.isEmpty {
        context.error("empty-parts", sub.value.mark, "`parts` is an empty list; remove it or add parts")
      }
    }
    return part
  }

  /// A part's own fields, with `parts` as its sub-parts (which the caller decodes: from the tree,
  /// or already decoded by `DirectBOMReader`); the part's mapping starts at `mark`.
  func decodeFields(_ fields: PartFields, at mark: Mark, parts: [Part] = [], _ context: inout DecodeContext)
    -> Part
  {
    // Each field into a local and the part made once at the end: a part changed field by field
    // after it is made is copied whole on return.
    let location = context.location(mark)
    var ref = ""
    if let (text, style) = fields.scalar(.ref), let kept = DecodeContext.acceptedText(text, style: style),
      Patterns.isRef(kept)
    {
      ref = kept
    } else if let refPair = fields[.ref], let text = context.text(refPair) {
      ref = text
      if !Patterns.isRef(ref) {
        context.error(
          "bad-ref", refPair.value.mark, "ref `\(ref)` must match [A-Za-z0-9][A-Za-z0-9._-]*")
      }
    }
    let name = context.text(fields, .name)
    let manufacturer = context.text(fields, .manufacturer)
    let mpn = context.text(fields, .mpn)
    let origin = context.country(fields, .origin)
    let refinedIn = context.country(fields, .refinedIn)
    let unit = context.oneOf(fields, .unit, QuantityUnit.self) ?? .pcs
    let qty = decodeQuantity(fields, unit: unit, &context)
    let massGrams = positive(fields, .massGrams, &context)
    let composition = fields.has(.composition) ? decodeComposition(fields[.composition], &context) : nil
    let unitCost = context.money(fields, .unitCost)
    let material = context.oneOf(fields, .material, Material.self)
    let grade = context.text(fields, .grade)
    let chip = fields.has(.chip) ? decodeChip(fields[.chip], &context) : nil
    let eccn = context.text(fields, .eccn)
    let notes = context.text(fields, .notes)
    var kind: PartKind?
    var kindSource: KindSource?
    if let declared = context.oneOf(fields, .kind, PartKind.self) {
      kind = declared
      kindSource = .declared
    } else if !fields.has(.kind), let inferred = context.inferKind(name: name, mpn: mpn, manufacturer: manufacturer) {
      kind = inferred
      kindSource = .inferred
    }
    var include: String?
    var includeLocation: SourceLocation?
    if fields.has(.include) {
      include = context.text(fields, .include)
      includeLocation = fields.valueMark(.include).map(context.location)
      if fields.has(.parts) {
        context.error(
          "include-and-parts", fields[.include]?.key.mark,
          "a part with `include:` may not also have `parts:`")
      }
    }
    return Part(
      ref: ref, name: name, kind: kind, kindSource: kindSource, manufacturer: manufacturer, mpn: mpn,
      origin: origin, refinedIn: refinedIn, qty: qty, unit: unit, massGrams: massGrams, composition: composition,
      unitCost: unitCost, material: material, grade: grade, chip: chip, eccn: eccn, notes: notes,
      include: include, parts: parts, location: location, includeLocation: includeLocation)
  }

  /// `decodeQuantity(fields[.qty], ...)`, a kept scalar read in place.
  private func decodeQuantity(_ fields: PartFields, unit: QuantityUnit, _ context: inout DecodeContext) -> Double {
    guard fields.has(.qty) else { return 1 }  // what the general helper gives for nil
    if let qty = DecodeContext.keptNumber(fields, .qty), qty > 0, Self.isWhole(qty, unit: unit) { return qty }
    return decodeQuantity(fields[.qty], unit: unit, &context)
  }

  /// Whether `qty` may count `unit`: discrete parts come whole.
  private static func isWhole(_ qty: Double, unit: QuantityUnit) -> Bool { unit != .pcs || qty.rounded() == qty }

  private func decodeQuantity(_ pair: YAMLPair?, unit: QuantityUnit, _ context: inout DecodeContext)
    -> Double
  {
    guard let pair, let qty = positive(pair, &context) else { return 1 }
    if !Self.isWhole(qty, unit: unit) {
      context.error(
        "fractional-qty", pair.value.mark,
        "`qty` \(pair.value.scalarText ?? "") must be a whole number for discrete parts (unit pcs); set `unit:` for m, kg, g or l"
      )
    }
    return qty
  }

  /// `positive(fields[key], ...)`, a kept scalar read in place.
  private func positive(_ fields: PartFields, _ key: PartKey, _ context: inout DecodeContext) -> Double? {
    guard fields.has(key) else { return nil }  // what the general helper gives for nil
    if let value = DecodeContext.keptNumber(fields, key), value > 0 { return value }
    return positive(fields[key], &context)
  }

  private func positive(_ pair: YAMLPair?, _ context: inout DecodeContext) -> Double? {
    guard let pair, let value = context.number(pair) else { return nil }
    guard value > 0 else {
      let key = pair.key.scalarText ?? ""
      context.error(
        "not-positive", pair.value.mark, "`\(key)` must be greater than 0, got \(pair.value.scalarText ?? "")")
      return nil
    }
    return value
  }

  private func decodeComposition(_ pair: YAMLPair?, _ context: inout DecodeContext) -> [String: Double]? {
    guard let pair else { return nil }
    guard case .mapping(let entries) = pair.value.content else {
      context.error(
        "wrong-type", pair.value.mark,
        "`composition` must be a mapping of element symbol to mass percent, got \(pair.value.typeDescription)")
      return nil
    }
    var result: [String: Double] = [:]
    result.reserveCapacity(entries.count)
    var total = 0.0
    for entry in entries {
      let symbol = entry.key.scalarText ?? ""
      guard codes.isElement(symbol) else {
        let proper = Codes.elementSymbols.first { $0.lowercased() == symbol.lowercased() }
        let hint =
          proper.map { "write it `\($0)`" }
          ?? closestMatch(to: symbol, in: Codes.elementSymbols).map { "did you mean `\($0)`?" }
          ?? "use periodic-table symbols such as Nd, Dy, Tb, Sm"
        context.error("unknown-element", entry.key.mark, "unknown element symbol `\(symbol)`; \(hint)")
        continue
      }
      guard let value = context.number(entry) else { continue }
      guard value >= 0, value <= 100 else {
        context.error(
          "bad-percent", entry.value.mark,
          "`\(symbol)` must be a mass percent from 0 to 100, got \(entry.value.scalarText ?? "")")
        continue
      }
      result[symbol] = value
      total += value
    }
    if total > 100.5 {
      context.error(
        "composition-over-100", pair.value.mark,
        "composition sums to \(Self.format(total)) %, more than 100.5 %")
    }
    return result
  }

  private func decodeChip(_ pair: YAMLPair?, _ context: inout DecodeContext) -> ChipSpec? {
    guard let pair,
      let fields = context.fields(of: pair.value, what: "`chip`", known: Self.chipKeys)
    else { return nil }
    var count = 1
    if let countPair = fields["count"], let value = context.integer(countPair) {
      if value >= 1 {
        count = value
      } else {
        context.error("not-positive", countPair.value.mark, "`count` must be 1 or more, got \(value)")
      }
    }
    let tpp = fields["tpp"].flatMap { context.number($0) }
    if let tpp, tpp < 0, let tppPair = fields["tpp"] {
      context.error("not-positive", tppPair.value.mark, "`tpp` must be 0 or more")
    }
    return ChipSpec(
      designer: context.text(fields["designer"]), family: context.text(fields["family"]),
      model: context.text(fields["model"]), count: count, tpp: tpp,
      performanceDensity: fields["performance_density"].flatMap { context.number($0) })
  }

  /// A number without trailing zeros, for messages; numbers beyond `Int` (`tpp: 1e19`) keep their
  /// exponent.
  static func format(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if let whole = Int(exactly: rounded) { return String(whole) }
    return String(rounded)
  }
}
