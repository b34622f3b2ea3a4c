/// A chip found in a part: from its `chip` fields, its manufacturer and mpn, or its name text,
/// possibly through a catalog module that carries it.
public struct IdentifiedChip: Sendable, Hashable {
  /// The catalog entry, when one matched.
  public var entry: CatalogEntry?
  /// Designer.
  public var designer: String?
  /// Designer's country, when known.
  public var designerCountry: String?
  /// Family and model as known.
  public var family: String?
  public var model: String?
  /// Chips per unit of the part.
  public var count: Int
  /// TPP (declared, else catalog).
  public var tpp: Double?
  /// Performance density (declared, else catalog).
  public var density: Double?
  /// ECCN (the part's, else catalog).
  public var eccn: String?
  /// Designed or marketed for data centres, when known.
  public var datacenter: Bool?
  /// How it was identified, e.g. "chip fields", "manufacturer + mpn", "name text".
  public var how: String
  /// Declared when from the BOM's `chip` fields with a TPP or ECCN; presumed otherwise.
  public var confidence: Confidence

  /// "Huawei Ascend 910B".
  public var label: String {
    [designer, family, model].compactMap { $0 }.joined(separator: " ")
  }
}

/// Identifies the chips of a part against the catalog.
struct ChipIdentifier {
  let regimes: RegimeSet
  /// Catalog names, normalised, longest first, with their entries.
  let names: [(String, CatalogEntry)]

  init(regimes: RegimeSet) {
    self.regimes = regimes
    var names: [(String, CatalogEntry)] = []
    for entry in regimes.catalogOrder {
      for name in entry.names { names.append((Self.normalize(name), entry)) }
    }
    self.names = names.filter { !$0.0.isEmpty }.sorted { ($0.0.count, $1.0) > ($1.0.count, $0.0) }
  }

  /// Lower case, letters and digits only (of any script, so "昇腾310P" does not shrink to "310p").
  static func normalize(_ text: String) -> String {
    String(text.lowercased().filter { $0.isLetter || $0.isNumber })
  }

  func identify(_ part: Part) -> [IdentifiedChip] {
    if let chip = part.chip { return [declared(chip, part)] }
    if let manufacturer = part.manufacturer, let mpn = part.mpn {
      let maker = Self.normalize(manufacturer)
      let matches = lookup(Self.normalize(mpn)).filter { entry in
        let entryMaker = Self.normalize(entry.maker)
        return !maker.isEmpty && (entryMaker.contains(maker) || maker.contains(entryMaker))
      }
      if let entry = matches.first { return expand(entry, part: part, how: "manufacturer + mpn") }
    }
    let text = Self.normalize([part.name, part.mpn].compactMap { $0 }.joined(separator: " "))
    if let entry = lookup(text).first { return expand(entry, part: part, how: "name text") }
    return []
  }

  private func lookup(_ normalized: String) -> [CatalogEntry] {
    guard !normalized.isEmpty else { return [] }
    return names.filter { normalized.contains($0.0) }.map(\.1)
  }

  private func declared(_ chip: ChipSpec, _ part: Part) -> IdentifiedChip {
    let model = chip.model.map(Self.normalize)
    let designer = chip.designer.map(Self.normalize)
    let entry = regimes.catalogOrder.first { entry in
      guard entry.kind == "chip", let model, let entryModel = entry.model.map(Self.normalize),
        entryModel == model || Self.normalize((entry.family ?? "") + (entry.model ?? "")) == model
      else { return false }
      guard let designer else { return true }
      let maker = Self.normalize(entry.maker)
      return maker.contains(designer) || designer.contains(maker)
        || (entry.family.map(Self.normalize) == chip.family.map(Self.normalize))
    }
    let designerName = chip.designer ?? entry?.maker
    return IdentifiedChip(
      entry: entry, designer: designerName,
      designerCountry: entry?.designerCountry ?? country(ofDesigner: designerName),
      family: chip.family ?? entry?.family, model: chip.model ?? entry?.model, count: chip.count,
      tpp: chip.tpp ?? entry?.tpp, density: chip.performanceDensity ?? entry?.performanceDensity,
      eccn: part.eccn ?? entry?.eccn, datacenter: entry?.datacenter,
      how: entry == nil ? "chip fields" : "chip fields, catalog \(entry?.id ?? "")",
      confidence: chip.tpp != nil || part.eccn != nil ? .declared : .presumed)
  }

  private func expand(_ entry: CatalogEntry, part: Part, how: String) -> [IdentifiedChip] {
    if entry.kind == "module" {
      let carried = entry.carries.compactMap { carry -> IdentifiedChip? in
        guard let chip = regimes.catalog[carry.chip] else { return nil }
        var found = fromCatalog(chip, part: part, how: "\(how), catalog \(entry.id) carries \(chip.id)")
        found.count = carry.count
        found.datacenter = chip.datacenter ?? entry.datacenter
        if part.eccn != nil { found.eccn = part.eccn }
        return found
      }
      if !carried.isEmpty { return carried }
    }
    return [fromCatalog(entry, part: part, how: "\(how), catalog \(entry.id)")]
  }

  private func fromCatalog(_ entry: CatalogEntry, part: Part, how: String) -> IdentifiedChip {
    IdentifiedChip(
      entry: entry, designer: entry.maker, designerCountry: entry.designerCountry ?? country(ofDesigner: entry.maker),
      family: entry.family, model: entry.model, count: 1, tpp: entry.tpp,
      density: entry.performanceDensity, eccn: part.eccn ?? entry.eccn, datacenter: entry.datacenter,
      how: how, confidence: .presumed)
  }

  /// The designer's country from any catalog entry of the same designer.
  private func country(ofDesigner designer: String?) -> String? {
    guard let designer else { return nil }
    let wanted = Self.normalize(designer)
    return regimes.catalogOrder.first { Self.normalize($0.maker) == wanted && $0.designerCountry != nil }?
      .designerCountry
  }

  /// The Entity List party a designer name matches, if any.
  func listedEntity(_ designer: String?) -> ListedEntity? {
    guard let designer else { return nil }
    let wanted = Self.normalize(designer)
    guard !wanted.isEmpty else { return nil }
    return regimes.entities.first { entity in
      ([entity.name] + entity.aliases).contains { alias in
        let name = Self.normalize(alias)
        return name == wanted || wanted.hasPrefix(name) || name.hasPrefix(wanted)
      }
    }
  }
}
