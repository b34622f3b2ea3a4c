/// A source a pack relies on.
public struct PackSource: Sendable, Hashable {
  /// Short id referenced by instruments and catalog entries.
  public var id: String
  /// Title.
  public var title: String
  /// Address.
  public var url: String
  /// Date as precise as known (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
  public var date: String?
}

/// A suspension window of an instrument (or article), by another instrument.
public struct Suspension: Sendable, Hashable {
  /// The suspending instrument.
  public var by: String
  /// First day suspended.
  public var from: Day
  /// Last day of the suspension as announced ("until"): the scheduled change is the next day.
  public var until: Day
}

/// A legal instrument with its timeline.
public struct Instrument: Sendable, Hashable {
  /// Stable id, e.g. `MOFCOM-2025-18`.
  public var id: String
  /// Title.
  public var title: String
  /// Issuing authority.
  public var authority: String
  /// Date issued.
  public var issued: Day?
  /// Date it takes effect.
  public var effective: Day?
  /// What it controls.
  public var summary: String
  /// Elements it controls (rare-earth instruments).
  public var elements: [String]
  /// Suspension windows.
  public var suspensions: [Suspension]
  /// Articles with timelines of their own (`MOFCOM-2024-46 Art. 1`).
  public var articles: [Article]
  /// `high`, `medium` or `low`.
  public var confidence: String
  /// Source ids.
  public var sources: [String]
  /// What is not confirmed.
  public var unconfirmed: String?

  /// An article of an instrument, referenced as `ID Art. N`.
  public struct Article: Sendable, Hashable {
    /// `Art. 1`.
    public var id: String
    /// What it says.
    public var summary: String
    /// Its own suspensions.
    public var suspensions: [Suspension]
  }
}

/// A market group: explicit members, or derived from other groups.
public struct MarketGroup: Sendable, Hashable {
  /// Group id (e.g. `EU`, `D5`, `US-3A090-LICENCE`).
  public var id: String
  /// Name.
  public var name: String
  /// Members (ISO codes), resolved for derived groups.
  public var members: Set<String>
  /// Date of the membership list encoded.
  public var listDate: Day?
  /// Source ids.
  public var sources: [String]
  /// Union of these groups or codes (derived groups).
  public var union: [String] = []
  /// Minus these groups or codes (derived groups).
  public var minus: [String] = []
}

/// A known chip or module in the catalog.
public struct CatalogEntry: Sendable, Hashable {
  /// Entry id.
  public var id: String
  /// `chip` or `module`.
  public var kind: String
  /// Designer (chips) or manufacturer (modules).
  public var maker: String
  /// ISO country of the designer, when known.
  public var designerCountry: String?
  /// Family.
  public var family: String?
  /// Model.
  public var model: String?
  /// Names searched for in mpn and name text.
  public var names: [String]
  /// Total Processing Performance, when public.
  public var tpp: Double?
  /// How the TPP was obtained.
  public var tppNote: String?
  /// Performance density, when public.
  public var performanceDensity: Double?
  /// ECCN, when public.
  public var eccn: String?
  /// Designed or marketed for data centres.
  public var datacenter: Bool?
  /// Chips a module carries: entry id and count.
  public var carries: [(chip: String, count: Int)]
  /// `high`, `medium` or `low`.
  public var confidence: String
  /// Source ids.
  public var sources: [String]

  public static func == (lhs: CatalogEntry, rhs: CatalogEntry) -> Bool { lhs.id == rhs.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// An Entity List party that designs chips.
public struct ListedEntity: Sendable, Hashable {
  /// Name.
  public var name: String
  /// Other names it is known by.
  public var aliases: [String]
  /// Date listed.
  public var listed: Day?
  /// Source ids.
  public var sources: [String]
}

/// 3A090 thresholds (TPP and performance density), as data.
public struct Thresholds3A090: Sendable, Hashable {
  /// One alternative of a threshold paragraph.
  public struct Alternative: Sendable, Hashable {
    public var tppMin: Double
    public var tppBelow: Double?
    public var densityMin: Double?
    public var densityBelow: Double?
  }

  /// 3A090.a alternatives.
  public var a: [Alternative]
  /// 3A090.b alternatives.
  public var b: [Alternative]
  /// Note 2: items not designed or marketed for data centres below this TPP are outside 3A090.
  public var note2TPPBelow: Double
}

/// NdFeB grade presumptions.
public struct MagnetGrades: Sendable, Hashable {
  /// Suffixes presumed Dy/Tb-bearing (`H`, `SH`, `UH`, `EH`, `AH`, `TH`, `ZH`).
  public var heavySuffixes: [String]
  /// Suffixes usually Dy/Tb-free (`""`, `M`).
  public var plainSuffixes: [String]
  /// Source ids.
  public var sources: [String]
}

/// One regime pack: instruments, groups, part knowledge and rules, with sources.
public struct Pack: Sendable {
  public var id: String
  public var title: String
  /// `CN` or `US`.
  public var jurisdiction: String
  public var authority: String
  /// Last date the statuses were checked against sources.
  public var verifiedThrough: Day
  public var sources: [PackSource]
  public var instruments: [Instrument]
  public var groups: [MarketGroup]
  public var catalog: [CatalogEntry]
  public var entities: [ListedEntity]
  public var thresholds: Thresholds3A090?
  public var magnetGrades: MagnetGrades?
  public var rules: [Rule]
  /// The file it was read from (display path).
  public var file: String
  /// For a local pack: the shipped pack whose rules and catalog it adds to.
  public var extends: String? = nil

  /// Adds a local pack's sources, instruments, groups, catalog, entities and rules to this pack.
  public mutating func merge(_ local: Pack) {
    sources += local.sources
    instruments += local.instruments
    groups += local.groups
    catalog = local.catalog + catalog
    entities += local.entities
    rules += local.rules.map { rule in
      var own = rule
      own.pack = id
      return own
    }
  }

  /// The summary shown in reports.
  public var summary: PackSummary {
    PackSummary(id: id, jurisdiction: jurisdiction, verifiedThrough: verifiedThrough, title: title)
  }
}
