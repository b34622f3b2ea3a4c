/// The legal status of an instrument (or one of its articles) on a date.
public enum InstrumentState: Sendable, Hashable {
  /// Not yet in effect on the date.
  case notYetEffective(Day)
  /// In force (since the effective date, when known).
  case inForce(since: Day?)
  /// Suspended by another instrument from … until … .
  case suspended(by: String, from: Day, until: Day)
  /// A scheduled change fell after the pack's `verified_through`: status unknown since that day.
  case unverified(since: Day, verifiedThrough: Day, change: String)
  /// Pinned by a `regime_overrides` entry of the configuration.
  case overridden(status: OverrideStatus, from: Day?, note: String?)

  /// A sentence for messages.
  public var sentence: String {
    switch self {
    case .notYetEffective(let day): return "not yet in effect (effective \(day))"
    case .inForce(let since): return since.map { "in force since \($0)" } ?? "in force"
    case .suspended(let by, let from, let until): return "suspended by \(by) from \(from) until \(until)"
    case .unverified(let since, let verified, let change):
      return "status unverified since \(since) (\(change); pack verified through \(verified))"
    case .overridden(let status, let from, let note):
      let since = from.map { " from \($0)" } ?? ""
      let why = note.map { ": \($0)" } ?? ""
      return "\(status.rawValue)\(since) by a regime override in the configuration\(why)"
    }
  }
}

/// Statuses a configuration can pin an instrument to.
public enum OverrideStatus: String, Sendable, Hashable, CaseIterable {
  case inForce = "in-force"
  case suspended
  case repealed
}

/// A `regime_overrides` entry.
public struct RegimeOverride: Sendable, Hashable {
  /// Instrument id.
  public var instrument: String
  /// Pinned status.
  public var status: OverrideStatus
  /// From this day (always when nil).
  public var from: Day?
  /// Why.
  public var note: String?
  /// Where the override is written (configuration entries), for diagnostics.
  public var mark: Mark? = nil
}

extension Instrument {
  /// The state of this instrument, or of `article` (e.g. `Art. 2`), on `day`, given the pack's
  /// `verifiedThrough`.
  public func state(on day: Day, article: String? = nil, verifiedThrough: Day) -> InstrumentState {
    let own = articles.first { $0.id == article }?.suspensions ?? []
    let windows = own + suspensions
    var changes: [(Day, String)] = []
    if let effective, effective > verifiedThrough { changes.append((effective, "takes effect \(effective)")) }
    for window in windows {
      if window.from > verifiedThrough {
        changes.append((window.from, "suspension by \(window.by) starts \(window.from)"))
      }
      let end = window.until.adding(days: 1)
      if end > verifiedThrough {
        changes.append((end, "suspension by \(window.by) was scheduled to end on \(window.until)"))
      }
    }
    if let change = changes.filter({ $0.0 <= day }).min(by: { $0.0 < $1.0 }) {
      return .unverified(since: change.0, verifiedThrough: verifiedThrough, change: change.1)
    }
    if let effective, day < effective { return .notYetEffective(effective) }
    if let window = windows.first(where: { $0.from <= day && day <= $0.until }) {
      return .suspended(by: window.by, from: window.from, until: window.until)
    }
    return .inForce(since: effective)
  }
}
