/// The value of a condition: yes (with how sure and why), no, or unknown (with what would settle it).
enum Truth: Sendable {
  case yes(Confidence, [String])
  case no
  case unknown([String])

  /// `all` of the items' values, made one at a time: stops at the first `no` (which decides the
  /// result whatever comes after it).
  static func all<Items: Sequence>(_ items: Items, _ value: (Items.Element) -> Truth) -> Truth {
    var confidence = Confidence.declared
    var notes: [String] = []
    var unknowns: [String] = []
    for item in items {
      switch value(item) {
      case .no: return .no
      case .unknown(let settle): unknowns.append(contentsOf: settle)
      case .yes(let level, let why):
        confidence = max(confidence, level)
        notes.append(contentsOf: why)
      }
    }
    return unknowns.isEmpty ? .yes(confidence, notes) : .unknown(unknowns)
  }

  /// `any` of the items' values, made one at a time: stops at the first `yes`.
  static func any<Items: Sequence>(_ items: Items, _ value: (Items.Element) -> Truth) -> Truth {
    var unknowns: [String] = []
    for item in items {
      let truth = value(item)
      switch truth {
      case .yes: return truth
      case .unknown(let settle): unknowns.append(contentsOf: settle)
      case .no: continue
      }
    }
    return unknowns.isEmpty ? .no : .unknown(unknowns)
  }

  var negated: Truth {
    switch self {
    case .yes: return .no
    case .no: return .yes(.declared, [])
    case .unknown: return self
    }
  }
}
