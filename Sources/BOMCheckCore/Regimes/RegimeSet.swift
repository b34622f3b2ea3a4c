/// All loaded packs, merged for lookups: instruments, groups, catalog, entities, rules.
public struct RegimeSet: Sendable {
  /// The packs, in load order.
  public let packs: [Pack]
  /// Market groups by id, members resolved.
  public let groups: [String: MarketGroup]
  /// Catalog entries by id.
  public let catalog: [String: CatalogEntry]
  /// Catalog entries in pack order (for deterministic matching).
  public let catalogOrder: [CatalogEntry]
  /// Entity List designers.
  public let entities: [ListedEntity]
  /// 3A090 thresholds, from the pack that defines them.
  public let thresholds: Thresholds3A090?
  /// NdFeB grade presumptions.
  public let magnetGrades: MagnetGrades?
  /// Each pack's id and jurisdiction, in load order (for loops that need only these: a `Pack`
  /// is large to copy).
  public let packHeads: [(id: String, jurisdiction: String)]
  /// Overrides pinned by the configuration.
  public var overrides: [RegimeOverride] = []

  /// Merges packs; groups are resolved (derived groups from their union and minus).
  public init(packs: [Pack]) {
    self.packs = packs
    packHeads = packs.map { ($0.id, $0.jurisdiction) }
    var raw: [String: MarketGroup] = [:]
    for pack in packs {
      for group in pack.groups where raw[group.id] == nil { raw[group.id] = group }
    }
    var resolved: [String: MarketGroup] = [:]
    for id in raw.keys.sorted() {
      resolved[id] = RegimeSet.resolve(id, raw, seen: [])
    }
    groups = resolved
    var byID: [String: CatalogEntry] = [:]
    var order: [CatalogEntry] = []
    for pack in packs {
      for entry in pack.catalog where byID[entry.id] == nil {
        byID[entry.id] = entry
        order.append(entry)
      }
    }
    catalog = byID
    catalogOrder = order
    entities = packs.flatMap(\.entities)
    thresholds = packs.compactMap(\.thresholds).first
    magnetGrades = packs.compactMap(\.magnetGrades).first
  }

  private static func resolve(_ id: String, _ raw: [String: MarketGroup], seen: Set<String>) -> MarketGroup {
    guard var group = raw[id] else {
      return MarketGroup(id: id, name: id, members: [id], listDate: nil, sources: [])
    }
    guard !group.union.isEmpty, !seen.contains(id) else { return group }
    var members = group.members
    for part in group.union { members.formUnion(codes(part, raw, seen: seen.union([id]))) }
    for part in group.minus { members.subtract(codes(part, raw, seen: seen.union([id]))) }
    group.members = members
    return group
  }

  private static func codes(_ name: String, _ raw: [String: MarketGroup], seen: Set<String>) -> Set<String> {
    raw[name] == nil ? [name] : resolve(name, raw, seen: seen).members
  }

  /// The ISO codes a market name stands for: a group's members, or the code itself.
  public func codes(for market: String) -> Set<String> {
    groups[market]?.members ?? [market]
  }

  /// Whether the market name `market` (a code or a group) stands for the ISO code `code`, without
  /// building a set.
  public func covers(_ market: String, _ code: String) -> Bool {
    if let group = groups[market] { return group.members.contains(code) }
    return market == code
  }

  /// Calls `body` with each ISO code the market name stands for (a group's members, or the code
  /// itself), without building a set.
  public func forEachCode(of market: String, _ body: (String) -> Void) {
    if let group = groups[market] {
      for code in group.members { body(code) }
    } else {
      body(market)
    }
  }

  /// Whether two market names (codes or groups) share a code.
  public func overlaps(_ left: String, _ right: String) -> Bool {
    switch (groups[left], groups[right]) {
    case (nil, nil): return left == right
    case (let group?, nil): return group.members.contains(right)
    case (nil, let group?): return group.members.contains(left)
    case (let one?, let other?): return !one.members.isDisjoint(with: other.members)
    }
  }

  /// The instrument (and pack) for an id such as `MOFCOM-2024-46 Art. 1`.
  public func instrument(_ reference: String) -> (Instrument, Pack, article: String?)? {
    let pieces = reference.components(separatedBy: " Art.")
    let base = pieces[0]
    let article = pieces.count > 1 ? "Art." + pieces[1] : nil
    for pack in packs {
      if let instrument = pack.instruments.first(where: { $0.id == base }) {
        return (instrument, pack, article)
      }
    }
    return nil
  }

  /// The state of an instrument reference on `day`, applying configuration overrides.
  public func state(of reference: String, on day: Day) -> InstrumentState? {
    let base = reference.components(separatedBy: " Art.")[0]
    if let pinned = overrides.last(where: {
      ($0.instrument == reference || $0.instrument == base) && ($0.from.map { $0 <= day } ?? true)
    }) {
      return .overridden(status: pinned.status, from: pinned.from, note: pinned.note)
    }
    guard let (instrument, pack, article) = instrument(reference) else { return nil }
    return instrument.state(on: day, article: article, verifiedThrough: pack.verifiedThrough)
  }

  /// Every rule, in pack order.
  public var rules: [Rule] { packs.flatMap(\.rules) }

  /// The pack of a rule.
  public func pack(of rule: Rule) -> Pack? { packs.first { $0.id == rule.pack } }

  /// URLs of the sources an instrument cites.
  public func sourceURLs(for reference: String) -> [String] {
    guard let (instrument, pack, _) = instrument(reference) else { return [] }
    return instrument.sources.compactMap { id in pack.sources.first { $0.id == id }?.url }
  }
}
