extension BOMSchema {
  /// A part: the closed key set of ``BOMDecoder/partKeys``, `include` xor `parts`, and whole
  /// quantities for discrete parts.
  func part() -> JSONSchema {
    var schema = JSONSchema.closedObject(
      "A part. Its quantity in the product is the product of `qty` along its path.",
      properties: [
        "ref": reference(),
        "name": .text("Part name, free text; also used to infer `kind` when it is missing."),
        "kind": .choice(
          "What the part is. Optional: when missing, bomcheck infers it from name, mpn and manufacturer "
            + "and says so.", PartKind.allCases.map(\.rawValue)),
        "manufacturer": .text("Manufacturer, as on the supplier's documents."),
        "mpn": .text("Manufacturer part number."),
        "origin": .reference(
          "country",
          "Country where this part is made: ISO 3166-1 alpha-2 code (upper case) or `unknown` (the default)."),
        "refined_in": .reference(
          "country",
          "Where the part's rare-earth content was separated/refined: ISO 3166-1 alpha-2 code or "
            + "`unknown` (the default)."),
        "qty": .number(
          "How many per parent unit; greater than 0, default 1. A whole number unless `unit` is m, kg, g or l.",
          above: 0, default: .integer(1)),
        "unit": .choice(
          "What `qty` counts: pcs (pieces, the default), m, kg, g or l.", QuantityUnit.allCases.map(\.rawValue),
          default: QuantityUnit.pcs.rawValue),
        "mass_g": .number("Mass of ONE unit in grams; greater than 0.", above: 0),
        "composition": .reference(
          "composition",
          "Mass percent by element symbol, e.g. {Nd: 22.5, Pr: 6.5, Dy: 3.0, Fe: 67.0, B: 1.0}."),
        "unit_cost": .reference("money", "Cost of one unit, \"<amount> <ISO 4217 code>\", e.g. `0.85 USD`."),
        "material": .choice("Magnet material.", Material.allCases.map(\.rawValue)),
        "grade": .text("Magnet grade as sold, e.g. N52, N42SH, N35EH, YXG-28."),
        "chip": .reference("chip", "The chips on this part, for the AI-chip rules."),
        "eccn": .text("US Export Control Classification Number as the supplier writes it, e.g. 3A090.a, EAR99."),
        "notes": .text("Free text, ignored by the rules."),
        "parts": .list(
          "Sub-parts of this part, any depth (not together with `include`).", of: .reference("part"),
          minItems: 1),
        "include": .string(
          "Take this part's sub-parts from an assembly BOM, by a path relative to this file (e.g. "
            + "../assemblies/gearbox.yaml) that stays inside the checked tree (not together with `parts`).",
          pattern: "^[^/~]", patternMessage: "include paths are relative to this file: no leading / or ~"),
      ],
      required: BOMDecoder.partRequired)
    var includeOrParts = JSONSchema()
    includeOrParts.not = .schema(.requiring(["include", "parts"]))
    includeOrParts.errorMessage = "a part with `include:` may not also have `parts:`"
    schema.allOf = [includeOrParts, wholeQuantityForPieces()]
    return schema
  }

  /// A sibling-unique ref; a plain number such as `1` is a ref as written.
  private func reference() -> JSONSchema {
    .textOrWholeNumber(
      "Required. Reference of this part, unique among its siblings: letters, digits, `.`, `_`, `-`, "
        + "starting with a letter or digit (e.g. MOT-1, U7).",
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
      patternMessage: "refs use letters, digits, . _ - and start with a letter or digit")
  }

  /// Unless `unit` is a measure (m, kg, g, l), `qty` is a whole number.
  private func wholeQuantityForPieces() -> JSONSchema {
    var measured = JSONSchema.requiring(["unit"])
    let measures = QuantityUnit.allCases.filter { $0 != .pcs }.map(\.rawValue)
    measured.properties = ["unit": .choice("A measured unit.", measures)]
    var whole = JSONSchema()
    whole.properties = [
      "qty": .number("A whole number of pieces (set `unit:` for m, kg, g or l).", type: .integer)
    ]
    var rule = JSONSchema()
    rule.ifSchema = .schema(measured)
    rule.elseSchema = .schema(whole)
    return rule
  }

  /// The `chip:` mapping of ``BOMDecoder/chipKeys``.
  func chip() -> JSONSchema {
    .closedObject(
      "The chips on this part, for the AI-chip rules.",
      properties: [
        "designer": .text("Company that designed the chip, e.g. NVIDIA, Huawei."),
        "family": .text("Chip family, e.g. Ascend."),
        "model": .text("Chip model, e.g. 310P."),
        "count": .number(
          "Chips per unit of this part: a whole number, 1 or more (default 1).", type: .integer, minimum: 1,
          default: .integer(1)),
        "tpp": .number("Total Processing Performance of one chip (as in ECCN 3A090); 0 or more.", minimum: 0),
        "performance_density": .number("Performance density: TPP divided by the die area in mm²."),
      ])
  }

  /// Element symbol to mass percent; the sum (at most 100.5) is left to `bomcheck check`.
  func composition() -> JSONSchema {
    var schema = JSONSchema()
    schema.type = [.object]
    schema.description =
      "Mass percent by element symbol as in the periodic table (Dy, not dy), each 0 to 100. The sum "
      + "may stay below 100 (undeclared rest) but not exceed 100.5 (bomcheck checks the sum)."
    var symbol = JSONSchema.choice("An element symbol as in the periodic table.", Codes.elementSymbols)
    symbol.errorMessage = "not an element symbol: write symbols as in the periodic table (Nd, Dy, Tb, Fe)"
    schema.propertyNames = .schema(symbol)
    schema.additionalProperties = .schema(.reference("percent"))
    return schema
  }

  /// A waiver under `product:` (no `product` key there).
  func waiver() -> JSONSchema {
    .closedObject(
      "A waiver: findings of `rule` (for `part`, in `markets`) are accepted until `expires`; they are "
        + "still reported, marked waived.",
      properties: [
        "rule": .text("Id of the rule whose findings are waived, e.g. US-GP10-PRC."),
        "part": .text("Path of refs from the product to the part, e.g. MOT-1/MAG; all parts when omitted."),
        "markets": .list("Markets the waiver covers; all when omitted.", of: .reference("market")),
        "reason": .text("Required. Why the finding is accepted."),
        "approved_by": .text("Required. Who approved the waiver, e.g. an e-mail address."),
        "expires": .reference(
          "date", "Required. Last day the waiver applies, YYYY-MM-DD; an expired waiver is reported."),
      ],
      required: WaiverDecoder.required)
  }
}
