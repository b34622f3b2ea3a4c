/// What kind of thing a part is; `kind` in a BOM, or inferred from its name.
public enum PartKind: String, Sendable, Hashable, CaseIterable, Codable {
  case magnet, motor, actuator, servo, generator, speaker, encoder, sensor, chip, module, board
  case computer, battery, mechanical, cable, other

  /// Kinds presumed to hold rare-earth magnets when they have no declared sub-parts.
  public var presumedToHoldMagnets: Bool {
    switch self {
    case .motor, .servo, .actuator, .speaker, .generator, .encoder: return true
    default: return false
    }
  }
}

/// Where a part's kind came from.
public enum KindSource: String, Sendable, Hashable, Codable {
  /// Written as `kind:` in the BOM.
  case declared
  /// Inferred from the part's name, mpn or manufacturer.
  case inferred
}

/// Magnet material (`material:`).
public enum Material: String, Sendable, Hashable, CaseIterable, Codable {
  case ndfeb = "NdFeB"
  case smco = "SmCo"
  case ferrite
  case alnico = "AlNiCo"
  case other
}

/// What `qty` counts (`unit:`).
public enum QuantityUnit: String, Sendable, Hashable, CaseIterable, Codable {
  case pcs, m, kg, g, l
}

/// The product's intended end use (`end_use:`).
public enum EndUse: String, Sendable, Hashable, CaseIterable, Codable {
  case civil
  case military
  case dualUse = "dual-use"
  case research
  case evaluation
}

/// An amount of money with its ISO 4217 currency, e.g. `0.85 USD`.
public struct Money: Sendable, Hashable, Codable {
  /// The amount, ≥ 0.
  public var amount: Double
  /// ISO 4217 code, upper case.
  public var currency: String
}

/// A declared chip (`chip:`).
public struct ChipSpec: Sendable, Hashable {
  /// Designer, e.g. `Huawei`.
  public var designer: String?
  /// Family, e.g. `Ascend`.
  public var family: String?
  /// Model, e.g. `910B`.
  public var model: String?
  /// Chips per unit of the part (≥ 1, default 1).
  public var count: Int
  /// Total Processing Performance (2 × MacTOPS × bit length).
  public var tpp: Double?
  /// Performance density (TPP per mm² of applicable die area).
  public var performanceDensity: Double?
}

/// A waiver written in a BOM or a config (see cli-and-output.md).
public struct WaiverSpec: Sendable, Hashable {
  /// The rule waived.
  public var rule: String
  /// The product id (written in configuration waivers; a BOM's waivers get their product's).
  public var product: String?
  /// Path of refs from the product, e.g. `MOT-1/MAG`; all parts when omitted.
  public var part: String?
  /// Markets covered; all when empty.
  public var markets: [String]
  /// Why the finding is waived.
  public var reason: String
  /// Who approved it.
  public var approvedBy: String
  /// Last day the waiver applies.
  public var expires: Day
  /// Where the waiver is written.
  public var location: SourceLocation
}

/// One part: a node of a `parts:` list at any depth.
public struct Part: Sendable {
  /// The part's ref, unique among its siblings.
  public var ref: String
  /// Human-readable name.
  public var name: String?
  /// Declared or inferred kind; nil when neither.
  public var kind: PartKind?
  /// Where `kind` came from, when there is one.
  public var kindSource: KindSource?
  /// Manufacturer (supplier).
  public var manufacturer: String?
  /// Manufacturer part number.
  public var mpn: String?
  /// ISO alpha-2 country where the part is made; nil means unknown.
  public var origin: String?
  /// ISO alpha-2 country where the rare-earth content was refined; nil means unknown.
  public var refinedIn: String?
  /// Quantity per parent (> 0).
  public var qty: Double
  /// What `qty` counts.
  public var unit: QuantityUnit
  /// Mass of one unit in grams.
  public var massGrams: Double?
  /// Mass percent by element symbol.
  public var composition: [String: Double]?
  /// Cost of one unit.
  public var unitCost: Money?
  /// Magnet material.
  public var material: Material?
  /// Magnet grade as sold.
  public var grade: String?
  /// Declared chip.
  public var chip: ChipSpec?
  /// US ECCN as written by the supplier.
  public var eccn: String?
  /// Free text.
  public var notes: String?
  /// The `include:` path as written, if the part's sub-parts come from an assembly file.
  public var include: String?
  /// Sub-parts (after includes are resolved, the assembly's parts).
  public var parts: [Part]
  /// Where the part's mapping starts (for an alias, where the alias is used).
  public var location: SourceLocation
  /// Where the `include:` value is written.
  public var includeLocation: SourceLocation?

  /// Every part node in this subtree, this one included.
  public var nodeCount: Int { 1 + Self.nodeCount(parts) }

  /// Parts in this subtree, this one included, whose kind was inferred from their texts.
  public var inferredKindCount: Int { (kindSource == .inferred ? 1 : 0) + Self.inferredKindCount(parts) }

  /// Part nodes in `parts` and below. Static and by index, so that each part's fields are read in
  /// place (a property called on `parts[index]` copies the whole part first).
  static func nodeCount(_ parts: [Part]) -> Int {
    var count = parts.count
    for index in parts.indices where !parts[index].parts.isEmpty { count += nodeCount(parts[index].parts) }
    return count
  }

  /// Parts in `parts` and below whose kind was inferred (read in place, as `nodeCount(_:)`).
  static func inferredKindCount(_ parts: [Part]) -> Int {
    var count = 0
    for index in parts.indices {
      if parts[index].kindSource == .inferred { count += 1 }
      if !parts[index].parts.isEmpty { count += inferredKindCount(parts[index].parts) }
    }
    return count
  }
}

/// The header of a product BOM.
public struct Product: Sendable {
  /// Unique product id.
  public var id: String
  /// Name.
  public var name: String?
  /// Revision, free text.
  public var revision: String?
  /// ISO alpha-2 of final assembly; nil means unknown.
  public var assembledIn: String?
  /// Destination markets as written (codes or groups), with their positions.
  public var markets: [(code: String, location: SourceLocation)]
  /// End use.
  public var endUse: EndUse
  /// Whether `end_use` was written.
  public var endUseDeclared: Bool
  /// Sale value of one product.
  public var unitValue: Money?
  /// Waivers written in the BOM (with this product's id).
  public var waivers: [WaiverSpec]
  /// Where the `product:` mapping starts.
  public var location: SourceLocation
}

/// The header of an assembly BOM.
public struct Assembly: Sendable {
  /// Assembly id.
  public var id: String
  /// Name.
  public var name: String?
  /// Where the `assembly:` mapping starts.
  public var location: SourceLocation
}

/// One decoded BOM file.
public struct BOMFile: Sendable {
  /// Product or assembly.
  public enum Header: Sendable {
    case product(Product)
    case assembly(Assembly)
  }

  /// The display path of the file.
  public var path: String
  /// Product or assembly header.
  public var header: Header
  /// Top-level parts.
  public var parts: [Part]

  /// The product, when this is a product file.
  public var product: Product? {
    if case .product(let product) = header { return product }
    return nil
  }
}
