/// A rule of a pack: outcomes tried in order; the first whose condition holds gives the status.
public struct Rule: Sendable {
  /// Stable id, e.g. `CN-RE-18`.
  public var id: String
  /// One-line title (SARIF short description).
  public var title: String
  /// What the rule checks (SARIF full description).
  public var description: String
  /// What to do about a finding.
  public var help: String
  /// Instruments it rests on; the first decides the rule's legal status on a date.
  public var instruments: [String]
  /// What data settles an indeterminate finding.
  public var settle: String?
  /// Outcomes, tried in order.
  public var outcomes: [Outcome]
  /// The pack the rule belongs to.
  public var pack: String
  /// Where the rule is written.
  public var location: SourceLocation

  /// One outcome: a condition and the status it gives.
  public struct Outcome: Sendable {
    /// When it applies.
    public var when: Condition
    /// The status while the rule's instrument is in force.
    public var status: Status
    /// The message (the legal basis is added by the engine).
    public var message: String
  }
}

/// Where a magnet condition takes its element list from.
public enum ElementSource: Sendable, Hashable {
  /// The elements of the rule's first instrument.
  case instrument
  /// An explicit list.
  case list([String])
}

/// The closed set of condition kinds a rule combines; each evaluates to yes, no or unknown.
public indirect enum Condition: Sendable {
  /// Every condition holds.
  case all([Condition])
  /// At least one holds.
  case any([Condition])
  /// The condition does not hold.
  case not(Condition)
  /// A bare magnet whose rare-earth content includes one of the elements (declared composition,
  /// SmCo material, or presumed from an NdFeB grade).
  case controlledMagnet(ElementSource)
  /// An NdFeB magnet without composition whose grade is a plain or `M` grade.
  case plainGradeMagnet
  /// A motor, servo, actuator, speaker, generator or encoder with no declared sub-parts.
  case presumedMagnetAssembly
  /// Made in China and its parent (or the product's assembly country) is not China.
  case leavesChina
  /// Made in China inside an assembly that leaves China (or a product assembled in China sold
  /// outside China).
  case insideExportedAssembly
  /// The part's `origin` is one of these codes (`unknown` allowed).
  case origin([String])
  /// The part's `refined_in` is one of these codes (`unknown` allowed, presumed).
  case refinedIn([String])
  /// The product's end use is one of these.
  case endUse([EndUse])
  /// The market is one of these codes or in one of these groups.
  case market([String])
  /// An earlier rule gave this part one of these statuses in the same market.
  case hasFinding(rule: String, statuses: [Status])
  /// The chip under evaluation is one of these catalog entries.
  case chipIs([String])
  /// The chip's designer is in China or on the Entity List.
  case prcChip
  /// The chip's designer is on the Entity List.
  case entityListedDesigner
  /// The chip meets ECCN 3A090 or 4A090 (by ECCN, TPP and density, or catalog).
  case meets3A090
}
