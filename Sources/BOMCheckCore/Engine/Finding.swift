/// The outcome of a rule on a part (or product) in a market, worst last.
public enum Status: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case clear
  case advisory
  case licensed
  case indeterminate
  case licenseRequired = "license-required"
  case prohibited

  /// Position in `clear < advisory < licensed < indeterminate < license-required < prohibited`.
  public var rank: Int {
    switch self {
    case .clear: return 0
    case .advisory: return 1
    case .licensed: return 2
    case .indeterminate: return 3
    case .licenseRequired: return 4
    case .prohibited: return 5
    }
  }

  /// The default severity of a finding with this status (nil for `clear`).
  public var severity: Severity? {
    switch self {
    case .clear: return nil
    case .advisory, .licensed: return .note
    case .indeterminate: return .warning
    case .licenseRequired, .prohibited: return .error
    }
  }

  /// Whether the regime is exposed (`licensed`, `license-required`, `prohibited`).
  public var isExposed: Bool { self == .licensed || self == .licenseRequired || self == .prohibited }

  public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
}

/// Where the data behind a finding came from.
public enum Confidence: String, Sendable, Hashable, Codable, Comparable {
  /// From data written in the BOM.
  case declared
  /// Inferred: from a magnet grade, a part name, a catalog entry.
  case presumed
  /// The data needed is absent.
  case missing

  private var rank: Int {
    switch self {
    case .declared: return 0
    case .presumed: return 1
    case .missing: return 2
    }
  }

  public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// Whether a cell shows a conflict between two jurisdictions.
public enum ConflictLevel: String, Sendable, Hashable, Codable {
  case none
  case possible
  case conflict
}

/// One rule's outcome on one part of one product, over the markets where it is the same.
public struct Finding: Sendable, Hashable {
  /// Stable identity across runs and unrelated edits.
  public var fingerprint: String
  /// Rule id, e.g. `CN-RE-18`, `CONFLICT`.
  public var rule: String
  /// Regime id (`cn-rare-earth`, `us-ai-chips`, or `bomcheck` for cross-regime rules).
  public var regime: String
  /// Instruments the finding rests on.
  public var instruments: [String]
  /// The status.
  public var status: Status
  /// The severity (from the status, unless overridden).
  public var severity: Severity
  /// Where the data came from.
  public var confidence: Confidence
  /// Product id.
  public var product: String
  /// Path of refs from the product, e.g. `MOT-1/MAG`; empty for product-level findings.
  public var part: String
  /// Market codes (single codes; `EU` when every member agrees).
  public var markets: [String]
  /// Where the part (or product) is written.
  public var location: SourceLocation
  /// The part's manufacturer (supplier), when written; licences are matched against it.
  public var supplier: String? = nil
  /// The message, with the legal basis.
  public var message: String
  /// What data would settle an indeterminate finding, if any.
  public var settle: String?
  /// Sources (URLs) behind the rule's instruments.
  public var sources: [String]
  /// Whether a waiver applies.
  public var waived: Bool = false
  /// The waiver's reason and expiry, when waived.
  public var waiver: String?
  /// Extra notes (presumptions, licences considered).
  public var notes: [String] = []
}
