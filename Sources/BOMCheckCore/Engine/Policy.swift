/// What the configuration and the BOMs say the company holds or accepts: licences and waivers.
public struct Policy: Sendable {
  /// Licences held.
  public var licences: [Licence]
  /// Waivers from the configuration (with `product`) and from BOMs.
  public var waivers: [WaiverSpec]

  /// Creates a policy.
  public init(licences: [Licence] = [], waivers: [WaiverSpec] = []) {
    self.licences = licences
    self.waivers = waivers
  }
}

/// Applies licences and waivers to findings, splitting a finding when only some of its markets are
/// covered.
struct PolicyApplier {
  let policy: Policy
  let regimes: RegimeSet
  let asOf: Day
  let listed: [String]

  /// The markets of `finding` as single codes.
  private func codes(_ finding: Finding) -> [String] {
    var result: [String] = []
    for market in finding.markets {
      for code in regimes.codes(for: market).sorted() where !result.contains(code) { result.append(code) }
    }
    return result
  }

  /// `finding` split into the markets `covered` accepts (changed by `change`) and the rest.
  private func split(_ finding: Finding, covered: (String) -> Bool, change: (inout Finding) -> Void) -> [Finding] {
    let all = codes(finding)
    let inside = all.filter(covered)
    guard !inside.isEmpty else { return [finding] }
    var changed = finding
    changed.markets = MarketFolding.fold(inside, listed: listed, regimes: regimes)
    change(&changed)
    changed.fingerprint = Fingerprint.make([changed.rule, changed.product, changed.part], joining: changed.markets)
    let outside = all.filter { !covered($0) }
    guard !outside.isEmpty else { return [changed] }
    var rest = finding
    rest.markets = MarketFolding.fold(outside, listed: listed, regimes: regimes)
    rest.fingerprint = Fingerprint.make([rest.rule, rest.product, rest.part], joining: rest.markets)
    return [changed, rest]
  }

  /// Turns covered `license-required` findings into `licensed`; notes expired or future licences.
  func applyLicences(_ findings: [Finding]) -> [Finding] {
    guard !policy.licences.isEmpty else { return findings }
    return findings.flatMap { original -> [Finding] in
      guard original.status == .licenseRequired else { return [original] }
      var pieces = [original]
      for licence in policy.licences where matches(licence, original) {
        let destinations = licence.markets.reduce(into: Set<String>()) { $0.formUnion(regimes.codes(for: $1)) }
        if asOf > licence.validUntil || asOf < licence.validFrom {
          let note =
            asOf > licence.validUntil
            ? "licence \(licence.id) expired on \(licence.validUntil)"
            : "licence \(licence.id) is valid only from \(licence.validFrom)"
          pieces = pieces.flatMap { piece in
            piece.status == .licenseRequired
              ? split(piece, covered: { destinations.contains($0) }, change: { $0.notes.append(note) }) : [piece]
          }
          continue
        }
        pieces = pieces.flatMap { piece in
          guard piece.status == .licenseRequired else { return [piece] }
          return split(piece, covered: { destinations.contains($0) }) { finding in
            finding.status = .licensed
            finding.severity = .note
            finding.notes.append(
              "covered by \(licence.kind) licence \(licence.id), valid \(licence.validFrom) to \(licence.validUntil)")
          }
        }
      }
      return pieces
    }
  }

  private func matches(_ licence: Licence, _ finding: Finding) -> Bool {
    guard licence.regime == finding.regime, let instrument = finding.instruments.first,
      licence.instruments.contains(instrument)
        || licence.instruments.contains(where: { instrument.hasPrefix($0 + " ") })
    else { return false }
    if !licence.products.isEmpty && !licence.products.contains(finding.product) { return false }
    guard let exporter = licence.exporter else { return true }
    guard let supplier = finding.supplier else { return false }
    let wanted = ChipIdentifier.normalize(exporter)
    let actual = ChipIdentifier.normalize(supplier)
    return !wanted.isEmpty && (actual.contains(wanted) || wanted.contains(actual))
  }

  /// Marks findings covered by a waiver in force as waived; notes expired waivers.
  func applyWaivers(_ findings: [Finding]) -> [Finding] {
    guard !policy.waivers.isEmpty else { return findings }
    return findings.flatMap { original -> [Finding] in
      var pieces = [original]
      for waiver in policy.waivers where Self.matches(waiver, original) {
        let markets = waiver.markets.reduce(into: Set<String>()) { $0.formUnion(regimes.codes(for: $1)) }
        let covered: (String) -> Bool = { markets.isEmpty || markets.contains($0) }
        let expired = asOf > waiver.expires
        pieces = pieces.flatMap { piece in
          guard !piece.waived else { return [piece] }
          return split(piece, covered: covered) { finding in
            if expired {
              finding.notes.append("waiver at \(waiver.location) expired on \(waiver.expires) and no longer applies")
            } else {
              finding.waived = true
              finding.waiver = "\(waiver.reason) (approved by \(waiver.approvedBy), expires \(waiver.expires))"
            }
          }
        }
      }
      return pieces
    }
  }

  /// Whether a waiver names this finding's rule, product and part (markets are checked per market).
  static func matches(_ waiver: WaiverSpec, _ finding: Finding) -> Bool {
    waiver.rule == finding.rule && (waiver.product ?? finding.product) == finding.product
      && (waiver.part.map { $0 == finding.part } ?? true)
  }
}
