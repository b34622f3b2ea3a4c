extension PackDecoder {
  func catalogEntry(_ node: YAMLNode, _ context: inout DecodeContext) -> CatalogEntry? {
    let keys = [
      "id", "kind", "designer", "manufacturer", "designer_country", "family", "model", "names",
      "tpp", "tpp_note", "performance_density", "eccn", "datacenter", "carries", "confidence",
      "sources", "notes", "unconfirmed",
    ]
    guard
      let fields = context.fields(of: node, what: "a catalog entry", known: keys, required: ["id", "kind", "names"]),
      let id = context.text(fields["id"]), let kind = context.text(fields["kind"])
    else { return nil }
    if kind != "chip" && kind != "module", let pair = fields["kind"] {
      context.error("unknown-value", pair.value.mark, "catalog kind must be `chip` or `module`")
    }
    _ = context.text(fields["notes"])
    _ = context.text(fields["unconfirmed"])
    var datacenter: Bool?
    if let pair = fields["datacenter"] {
      if case .scalar(let text, let style) = pair.value.content,
        case .bool(let value) = resolvedScalar(text: text, style: style, tag: pair.value.tag)
      {
        datacenter = value
      } else {
        context.error("wrong-type", pair.value.mark, "`datacenter` must be true or false")
      }
    }
    let carries: [(chip: String, count: Int)] = (context.list(fields["carries"]) ?? []).compactMap { item in
      guard
        let carry = context.fields(of: item, what: "a carried chip", known: ["chip", "count"], required: ["chip"]),
        let chip = context.text(carry["chip"])
      else { return nil }
      return (chip, carry["count"].flatMap { context.integer($0) } ?? 1)
    }
    let country = fields["designer_country"].flatMap { context.country($0) }
    return CatalogEntry(
      id: id, kind: kind,
      maker: context.text(fields["designer"]) ?? context.text(fields["manufacturer"]) ?? "",
      designerCountry: country, family: context.text(fields["family"]),
      model: context.text(fields["model"]), names: context.textList(fields["names"])?.map(\.0) ?? [],
      tpp: fields["tpp"].flatMap { context.number($0) }, tppNote: context.text(fields["tpp_note"]),
      performanceDensity: fields["performance_density"].flatMap { context.number($0) },
      eccn: context.text(fields["eccn"]), datacenter: datacenter, carries: carries,
      confidence: context.text(fields["confidence"]) ?? "unknown",
      sources: context.textList(fields["sources"])?.map(\.0) ?? [])
  }

  func thresholds(_ node: YAMLNode, _ context: inout DecodeContext) -> Thresholds3A090? {
    guard
      let fields = context.fields(
        of: node, what: "`thresholds_3a090`", known: ["a", "b", "note2_tpp_below", "sources", "notes"],
        required: ["a", "b", "note2_tpp_below"])
    else { return nil }
    _ = context.text(fields["notes"])
    _ = context.textList(fields["sources"])
    func alternatives(_ pair: YAMLPair?) -> [Thresholds3A090.Alternative] {
      (context.list(pair) ?? []).compactMap { item in
        guard
          let alt = context.fields(
            of: item, what: "a threshold", known: ["tpp_min", "tpp_below", "density_min", "density_below"],
            required: ["tpp_min"]),
          let tppMin = context.number(alt["tpp_min"])
        else { return nil }
        return Thresholds3A090.Alternative(
          tppMin: tppMin, tppBelow: alt["tpp_below"].flatMap { context.number($0) },
          densityMin: alt["density_min"].flatMap { context.number($0) },
          densityBelow: alt["density_below"].flatMap { context.number($0) })
      }
    }
    let a = alternatives(fields["a"])
    let b = alternatives(fields["b"])
    guard let note2 = context.number(fields["note2_tpp_below"]) else { return nil }
    return Thresholds3A090(a: a, b: b, note2TPPBelow: note2)
  }

  func magnetGrades(_ node: YAMLNode, _ context: inout DecodeContext) -> MagnetGrades? {
    guard
      let fields = context.fields(
        of: node, what: "`magnet_grades`",
        known: [
          "heavy_rare_earth_suffixes", "plain_suffixes", "typical_compositions", "confidence", "sources", "notes",
        ],
        required: ["heavy_rare_earth_suffixes", "plain_suffixes"])
    else { return nil }
    _ = context.text(fields["confidence"])
    _ = context.text(fields["notes"])
    _ = context.list(fields["typical_compositions"])
    func suffixes(_ pair: YAMLPair?) -> [String] {
      guard let items = context.list(pair) else { return [] }
      return items.compactMap { $0.scalarText }
    }
    return MagnetGrades(
      heavySuffixes: suffixes(fields["heavy_rare_earth_suffixes"]),
      plainSuffixes: suffixes(fields["plain_suffixes"]),
      sources: context.textList(fields["sources"])?.map(\.0) ?? [])
  }

  /// Reports references to sources, instruments and catalog entries that do not exist.
  func checkReferences(_ pack: Pack, _ context: inout DecodeContext) {
    let sourceIDs = Set(pack.sources.map(\.id))
    let instrumentIDs = Set(pack.instruments.map(\.id))
    let mark = Mark(line: 1, column: 1)
    for instrument in pack.instruments {
      for source in instrument.sources where !sourceIDs.contains(source) {
        context.error("unknown-source", mark, "instrument \(instrument.id) cites unknown source `\(source)`")
      }
    }
    for entry in pack.catalog {
      for source in entry.sources where !sourceIDs.contains(source) {
        context.error("unknown-source", mark, "catalog entry \(entry.id) cites unknown source `\(source)`")
      }
      for carried in entry.carries where !pack.catalog.contains(where: { $0.id == carried.chip }) {
        context.error("unknown-chip", mark, "catalog entry \(entry.id) carries unknown chip `\(carried.chip)`")
      }
    }
    for rule in pack.rules {
      for instrument in rule.instruments {
        let base = instrument.components(separatedBy: " Art.").first ?? instrument
        if !instrumentIDs.contains(base) {
          context.error(
            "unknown-instrument", Mark(line: rule.location.line, column: rule.location.column),
            "rule \(rule.id) names unknown instrument `\(instrument)`")
        }
      }
    }
  }
}
