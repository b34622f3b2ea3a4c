/// Decodes a regime pack file (`bomcheck_pack: 1`) with located diagnostics (`pack.*`).
public struct PackDecoder: Sendable {
  static let topKeys = [
    "bomcheck_pack", "id", "title", "jurisdiction", "authority", "verified_through", "disclaimer",
    "notes", "sources", "instruments", "groups", "magnet_grades", "thresholds_3a090", "entities",
    "catalog", "rules", "extends",
  ]
  let codes: Codes

  /// Creates a decoder.
  public init(codes: Codes) {
    self.codes = codes
  }

  /// Decodes a pack; nil when its header is unusable.
  public func decode(_ document: YAMLDocument, file: String) -> (Pack?, [Diagnostic]) {
    var context = DecodeContext(file: file, codes: codes, area: "pack")
    for duplicate in document.duplicateKeys {
      context.error("duplicate-key", duplicate.mark, "duplicate key `\(duplicate.key)`")
    }
    guard
      let top = context.fields(
        of: document.root, what: "a regime pack", known: Self.topKeys,
        required: ["bomcheck_pack", "id"])
    else { return (nil, context.diagnostics) }
    let extends = context.text(top["extends"])
    if extends == nil {
      for key in ["jurisdiction", "verified_through"] where top[key] == nil {
        context.error(
          "missing-key", top.mark, "a regime pack is missing the required key `\(key)` (or `extends:` for a local pack)"
        )
      }
    }
    if let version = top["bomcheck_pack"], context.integer(version) != 1 {
      context.error("bad-version", version.value.mark, "`bomcheck_pack` must be 1")
    }
    let id = context.text(top["id"])
    let verified = context.day(top["verified_through"])
    let jurisdiction = context.text(top["jurisdiction"])
    var pack = Pack(
      id: id ?? "", title: context.text(top["title"]) ?? id ?? "", jurisdiction: jurisdiction ?? "",
      authority: context.text(top["authority"]) ?? "",
      verifiedThrough: verified ?? Day(daysSinceEpoch: 0), sources: [], instruments: [], groups: [],
      catalog: [], entities: [], thresholds: nil, magnetGrades: nil, rules: [], file: file)
    _ = context.text(top["disclaimer"])
    _ = context.text(top["notes"])
    pack.sources = (context.list(top["sources"]) ?? []).compactMap { source($0, &context) }
    pack.instruments = (context.list(top["instruments"]) ?? []).compactMap {
      instrument($0, &context)
    }
    pack.groups = (context.list(top["groups"]) ?? []).compactMap { group($0, &context) }
    pack.catalog = (context.list(top["catalog"]) ?? []).compactMap { catalogEntry($0, &context) }
    pack.entities = (context.list(top["entities"]) ?? []).compactMap { entity($0, &context) }
    if let node = top["thresholds_3a090"] { pack.thresholds = thresholds(node.value, &context) }
    if let node = top["magnet_grades"] { pack.magnetGrades = magnetGrades(node.value, &context) }
    pack.rules = (context.list(top["rules"]) ?? []).compactMap {
      rule($0, pack: pack.id, &context)
    }
    if extends == nil { checkReferences(pack, &context) }
    pack.extends = extends
    guard id != nil, extends != nil || (verified != nil && jurisdiction != nil) else {
      return (nil, context.diagnostics)
    }
    return (pack, context.diagnostics)
  }

  private func source(_ node: YAMLNode, _ context: inout DecodeContext) -> PackSource? {
    guard
      let fields = context.fields(
        of: node, what: "a source", known: ["id", "title", "url", "date", "kind", "note"],
        required: ["id", "url"]),
      let id = context.text(fields["id"]), let url = context.text(fields["url"])
    else { return nil }
    _ = context.text(fields["kind"])
    _ = context.text(fields["note"])
    return PackSource(
      id: id, title: context.text(fields["title"]) ?? url, url: url, date: context.text(fields["date"]))
  }

  func suspensions(_ pair: YAMLPair?, _ context: inout DecodeContext) -> [Suspension] {
    (context.list(pair) ?? []).compactMap { node in
      guard
        let fields = context.fields(
          of: node, what: "a suspension", known: ["by", "from", "until", "note"],
          required: ["by", "from", "until"]),
        let by = context.text(fields["by"]), let from = context.day(fields["from"]),
        let until = context.day(fields["until"])
      else { return nil }
      _ = context.text(fields["note"])
      return Suspension(by: by, from: from, until: until)
    }
  }

  private func instrument(_ node: YAMLNode, _ context: inout DecodeContext) -> Instrument? {
    let keys = [
      "id", "title", "authority", "issued", "effective", "summary", "elements", "articles",
      "suspensions", "confidence", "sources", "unconfirmed", "notes",
    ]
    guard
      let fields = context.fields(of: node, what: "an instrument", known: keys, required: ["id"]),
      let id = context.text(fields["id"])
    else { return nil }
    _ = context.text(fields["notes"])
    let articles: [Instrument.Article] = (context.list(fields["articles"]) ?? []).compactMap { item in
      guard
        let article = context.fields(
          of: item, what: "an article", known: ["id", "summary", "suspensions"], required: ["id"]),
        let articleID = context.text(article["id"])
      else { return nil }
      return Instrument.Article(
        id: articleID, summary: context.text(article["summary"]) ?? "",
        suspensions: suspensions(article["suspensions"], &context))
    }
    return Instrument(
      id: id, title: context.text(fields["title"]) ?? id,
      authority: context.text(fields["authority"]) ?? "", issued: context.day(fields["issued"]),
      effective: context.day(fields["effective"]), summary: context.text(fields["summary"]) ?? "",
      elements: elements(fields["elements"], &context),
      suspensions: suspensions(fields["suspensions"], &context), articles: articles,
      confidence: context.text(fields["confidence"]) ?? "unknown",
      sources: context.textList(fields["sources"])?.map(\.0) ?? [],
      unconfirmed: context.text(fields["unconfirmed"]))
  }

  func elements(_ pair: YAMLPair?, _ context: inout DecodeContext) -> [String] {
    (context.textList(pair) ?? []).compactMap { symbol, mark in
      guard codes.isElement(symbol) else {
        context.error("unknown-element", mark, "unknown element symbol `\(symbol)`")
        return nil
      }
      return symbol
    }
  }

  private func group(_ node: YAMLNode, _ context: inout DecodeContext) -> MarketGroup? {
    guard
      let fields = context.fields(
        of: node, what: "a group",
        known: ["id", "name", "members", "list_date", "sources", "derived", "confidence", "unconfirmed", "notes"],
        required: ["id"]),
      let id = context.text(fields["id"])
    else { return nil }
    _ = context.text(fields["confidence"])
    _ = context.text(fields["unconfirmed"])
    _ = context.text(fields["notes"])
    var members = Set<String>()
    for (code, mark) in context.textList(fields["members"]) ?? [] {
      if codes.countries.contains(code) {
        members.insert(code)
      } else {
        context.error("unknown-country", mark, "unknown ISO 3166-1 alpha-2 code `\(code)` in group \(id)")
      }
    }
    var union: [String] = []
    var minus: [String] = []
    if let derived = fields["derived"],
      let spec = context.fields(of: derived.value, what: "`derived`", known: ["union", "minus"])
    {
      union = context.textList(spec["union"])?.map(\.0) ?? []
      minus = context.textList(spec["minus"])?.map(\.0) ?? []
    }
    return MarketGroup(
      id: id, name: context.text(fields["name"]) ?? id, members: members,
      listDate: context.day(fields["list_date"]),
      sources: context.textList(fields["sources"])?.map(\.0) ?? [], union: union, minus: minus)
  }

  private func entity(_ node: YAMLNode, _ context: inout DecodeContext) -> ListedEntity? {
    guard
      let fields = context.fields(
        of: node, what: "an entity",
        known: ["name", "aliases", "listed", "footnote", "sources", "notes", "confidence"],
        required: ["name"]),
      let name = context.text(fields["name"])
    else { return nil }
    _ = fields["footnote"].map { context.text($0) }
    _ = context.text(fields["notes"])
    _ = context.text(fields["confidence"])
    return ListedEntity(
      name: name, aliases: context.textList(fields["aliases"])?.map(\.0) ?? [],
      listed: context.day(fields["listed"]), sources: context.textList(fields["sources"])?.map(\.0) ?? [])
  }
}
