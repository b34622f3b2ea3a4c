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

/// Identifies the chips of a part against the catalog. A class: its tables are built once per run
/// and shared, never copied.
final class ChipIdentifier: Sendable {
  let regimes: RegimeSet
  /// Catalog names, normalised to bytes, longest first.
  let names: [[UInt8]]
  /// For each name, the index of its entry in `regimes.catalogOrder`.
  let owners: [Int]
  /// Each catalog entry's maker, normalised, in `regimes.catalogOrder`.
  let makers: [[UInt8]]
  /// Designer countries by normalised maker name (the first catalog entry that gives one).
  let designerCountries: [String: String]
  /// Each Entity List party's name and aliases, normalised, in `regimes.entities` order.
  let entityNames: [[String]]
  /// Each catalog entry's model, family + model and family, normalised (for parts that declare
  /// `chip:` fields), in `regimes.catalogOrder`.
  let chipNames: [(model: String?, familyModel: String, family: String?)]
  /// For each two-byte start (`b0 << 8 | b1`), where its names' positions in `names` are in
  /// `startPositions`: from `startOffsets[start]` to `startOffsets[start + 1]` (flat arrays: a text
  /// is scanned once, and only names that start at a position are compared).
  let startOffsets: [Int32]
  let startPositions: [Int32]

  init(regimes: RegimeSet) {
    self.regimes = regimes
    var pairs: [(name: [UInt8], owner: Int)] = []
    for (index, entry) in regimes.catalogOrder.enumerated() {
      for name in entry.names { pairs.append((Self.normalizedBytes(name), index)) }
    }
    makers = regimes.catalogOrder.map { Self.normalizedBytes($0.maker) }
    chipNames = regimes.catalogOrder.map { entry in
      (
        entry.model.map(Self.normalize), Self.normalize((entry.family ?? "") + (entry.model ?? "")),
        entry.family.map(Self.normalize)
      )
    }
    var countries: [String: String] = [:]
    for entry in regimes.catalogOrder {
      guard let country = entry.designerCountry else { continue }
      let maker = Self.normalize(entry.maker)
      if countries[maker] == nil { countries[maker] = country }
    }
    designerCountries = countries
    entityNames = regimes.entities.map { entity in ([entity.name] + entity.aliases).map(Self.normalize) }
    pairs = pairs.filter { $0.name.count >= 3 }.sorted { left, right in
      left.name.count != right.name.count
        ? left.name.count > right.name.count : left.name.lexicographicallyPrecedes(right.name)
    }
    names = pairs.map(\.name)
    owners = pairs.map(\.owner)
    let startOf = names.map { Int($0[0]) << 8 | Int($0[1]) }
    var offsets = [Int32](repeating: 0, count: (1 << 16) + 1)
    for start in startOf { offsets[start + 1] += 1 }
    for index in 1..<offsets.count { offsets[index] += offsets[index - 1] }
    var positions = [Int32](repeating: 0, count: names.count)
    var filled = offsets
    for (position, start) in startOf.enumerated() {
      positions[Int(filled[start])] = Int32(position)
      filled[start] += 1
    }
    startOffsets = offsets
    startPositions = positions
  }

  /// Lower case, letters and digits only (of any script, so "昇腾310P" does not shrink to "310p").
  static func normalize(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        let value = scalar.value
        if value >= 65 && value <= 90 {
          out.append(Unicode.Scalar(value + 32) ?? scalar)
        } else if (value >= 97 && value <= 122) || (value >= 48 && value <= 57) {
          out.append(scalar)
        }
      } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
      }
    }
    return String(out)
  }

  /// `normalize` as bytes, without building a string when the text is ASCII.
  static func normalizedBytes(_ text: String) -> [UInt8] {
    var ascii = true
    let result = [UInt8](unsafeUninitializedCapacity: text.utf8.count) { out, count in
      guard let end = normalizeASCII(text, into: out, at: 0) else {
        ascii = false
        count = 0
        return
      }
      count = end
    }
    return ascii ? result : Array(normalize(text).utf8)
  }

  /// Writes `normalize(text)` into `buffer` from `start` when `text` is ASCII (it then takes at
  /// most `text.utf8.count` bytes) and returns where it ends; nil for other text.
  private static func normalizeASCII(
    _ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int
  ) -> Int? {
    return text.withUTF8Bytes { source in
      var count = start
      for byte in source {
        switch byte {
        case 65...90:
          buffer[count] = byte + 32
          count += 1
        case 97...122, 48...57:
          buffer[count] = byte
          count += 1
        case 0..<128: continue
        default: return nil
        }
      }
      return count
    }
  }

  /// Calls `body` with the normalised name followed by the normalised mpn, and where the mpn
  /// starts in it (nil without an mpn): in a buffer on the stack for ASCII texts (most parts), in
  /// an array otherwise.
  private static func withNormalized<R>(
    name: String, mpn: String?, _ identifier: ChipIdentifier,
    _ body: (ChipIdentifier, UnsafeBufferPointer<UInt8>, Int?) -> R
  ) -> R {
    let capacity = name.utf8.count + (mpn?.utf8.count ?? 0)
    var fast: R?
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { buffer in
      guard var end = normalizeASCII(name, into: buffer, at: 0) else { return }
      let nameEnd = end
      if let mpn {
        guard let mpnEnd = normalizeASCII(mpn, into: buffer, at: nameEnd) else { return }
        end = mpnEnd
      }
      fast = body(identifier, UnsafeBufferPointer(rebasing: buffer[..<end]), mpn == nil ? nil : nameEnd)
    }
    if let fast { return fast }
    var text = normalizedBytes(name)
    let mpnStart = text.count
    if let mpn { text += normalizedBytes(mpn) }
    return text.withUnsafeBufferPointer { body(identifier, $0, mpn == nil ? nil : mpnStart) }
  }

  /// Whether a normalised maker or designer name and the catalog entry's maker contain one another.
  private func sameMaker(_ index: Int, _ name: [UInt8]) -> Bool {
    Self.contains(makers[index], name) || Self.contains(name, makers[index])
  }

  /// Whether `needle` occurs in `haystack` (bytes).
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard haystack.count >= needle.count else { return false }
    let first = needle[0]
    var start = 0
    while start <= haystack.count - needle.count {
      if haystack[start] == first {
        var offset = 1
        while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
        if offset == needle.count { return true }
      }
      start += 1
    }
    return false
  }

  func identify(_ part: Part) -> [IdentifiedChip] {
    withUnsafePointer(to: part) { identify(at: $0) }
  }

  /// `identify(_:)` on a part read in place (a caller walking parts in a buffer passes a pointer
  /// to each rather than copying it, or its fields, for every part).
  func identify(at part: UnsafePointer<Part>) -> [IdentifiedChip] {
    if let chip = part.pointee.chip { return [declared(chip, eccn: part.pointee.eccn)] }
    // (The identifier is handed to the body rather than captured: capturing it retained it for
    // every part.)
    let found: (index: Int, how: String)? = Self.withNormalized(
      name: part.pointee.name ?? "", mpn: part.pointee.mpn, self
    ) { identifier, text, mpnStart in
      if let mpnStart, let manufacturer = part.pointee.manufacturer {
        let candidates = identifier.lookup(UnsafeBufferPointer(rebasing: text[mpnStart...]))
        if !candidates.isEmpty {
          let maker = Self.normalizedBytes(manufacturer)
          if let index = candidates.first(where: { !maker.isEmpty && identifier.sameMaker($0, maker) }) {
            return (index, "manufacturer + mpn")
          }
        }
      }
      return identifier.lookup(text).first.map { ($0, "name text") }
    }
    guard let found else { return [] }
    return expand(regimes.catalogOrder[found.index], eccn: part.pointee.eccn, how: found.how)
  }

  /// Entries (positions in `regimes.catalogOrder`) whose names occur in `text`, longest name
  /// first (in the order of `names`).
  private func lookup(_ text: UnsafeBufferPointer<UInt8>) -> [Int] {
    guard text.count >= 3 else { return [] }
    var matched: [Int] = []
    startOffsets.withUnsafeBufferPointer { offsets in
      startPositions.withUnsafeBufferPointer { positions in
        for start in 0..<(text.count - 1) {
          let key = Int(text[start]) << 8 | Int(text[start + 1])
          for slot in Int(offsets[key])..<Int(offsets[key + 1]) {
            let position = Int(positions[slot])
            guard !matched.contains(position) else { continue }
            let found = names[position].withUnsafeBufferPointer { name -> Bool in
              guard start + name.count <= text.count else { return false }
              var offset = 2
              while offset < name.count && text[start + offset] == name[offset] { offset += 1 }
              return offset == name.count
            }
            if found { matched.append(position) }
          }
        }
      }
    }
    return matched.isEmpty ? [] : matched.sorted().map { owners[$0] }
  }

  private func declared(_ chip: ChipSpec, eccn: String?) -> IdentifiedChip {
    let model = chip.model.map(Self.normalize)
    let designer = chip.designer.map(Self.normalizedBytes)
    let family = chip.family.map(Self.normalize)
    let position = regimes.catalogOrder.indices.first { index in
      let names = chipNames[index]
      guard regimes.catalogOrder[index].kind == "chip", let model, let entryModel = names.model,
        entryModel == model || names.familyModel == model
      else { return false }
      guard let designer else { return true }
      return sameMaker(index, designer) || names.family == family
    }
    let entry = position.map { regimes.catalogOrder[$0] }
    let designerName = chip.designer ?? entry?.maker
    return IdentifiedChip(
      entry: entry, designer: designerName,
      designerCountry: entry?.designerCountry ?? country(ofDesigner: designerName),
      family: chip.family ?? entry?.family, model: chip.model ?? entry?.model, count: chip.count,
      tpp: chip.tpp ?? entry?.tpp, density: chip.performanceDensity ?? entry?.performanceDensity,
      eccn: eccn ?? entry?.eccn, datacenter: entry?.datacenter,
      how: entry == nil ? "chip fields" : "chip fields, catalog \(entry?.id ?? "")",
      confidence: chip.tpp != nil || eccn != nil ? .declared : .presumed)
  }

  private func expand(_ entry: CatalogEntry, eccn: String?, how: String) -> [IdentifiedChip] {
    if entry.kind == "module" {
      let carried = entry.carries.compactMap { carry -> IdentifiedChip? in
        guard let chip = regimes.catalog[carry.chip] else { return nil }
        var found = fromCatalog(chip, eccn: eccn, how: "\(how), catalog \(entry.id) carries \(chip.id)")
        found.count = carry.count
        found.datacenter = chip.datacenter ?? entry.datacenter
        if eccn != nil { found.eccn = eccn }
        return found
      }
      if !carried.isEmpty { return carried }
    }
    return [fromCatalog(entry, eccn: eccn, how: "\(how), catalog \(entry.id)")]
  }

  private func fromCatalog(_ entry: CatalogEntry, eccn: String?, how: String) -> IdentifiedChip {
    IdentifiedChip(
      entry: entry, designer: entry.maker, designerCountry: entry.designerCountry ?? country(ofDesigner: entry.maker),
      family: entry.family, model: entry.model, count: 1, tpp: entry.tpp,
      density: entry.performanceDensity, eccn: eccn ?? entry.eccn, datacenter: entry.datacenter,
      how: how, confidence: .presumed)
  }

  /// The designer's country from any catalog entry of the same designer.
  private func country(ofDesigner designer: String?) -> String? {
    guard let designer else { return nil }
    return designerCountries[Self.normalize(designer)]
  }

  /// The Entity List party a designer name matches, if any.
  func listedEntity(_ designer: String?) -> ListedEntity? {
    guard let designer else { return nil }
    // Chips name few designers, and rules ask about each chip in every market class.
    let index = listedEntities.value(for: designer) { designer in
      let wanted = Self.normalize(designer)
      guard !wanted.isEmpty else { return nil }
      return entityNames.firstIndex { names in
        names.contains { name in name == wanted || wanted.hasPrefix(name) || name.hasPrefix(wanted) }
      }
    }
    return index.map { regimes.entities[$0] }
  }

  /// `listedEntity` by designer name: the position in `regimes.entities`, or nil.
  private let listedEntities = SharedMemo<String, Int?>(capacity: 1 << 10)
}
