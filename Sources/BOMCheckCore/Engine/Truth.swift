/// The value of a condition: yes (with how sure and why), no, or unknown (with what would settle it).
enum Truth: Sendable {
  case yes(Confidence, [String])
  case no
  case unknown([String])

  static func all(_ values: [Truth]) -> Truth {
    var confidence = Confidence.declared
    var notes: [String] = []
    var unknowns: [String] = []
    for value in values {
      switch value {
      case .no: return .no
      case .unknown(let settle): unknowns.append(contentsOf: settle)
      case .yes(let level, let why):
        confidence = max(confidence, level)
        notes.append(contentsOf: why)
      }
    }
    return unknowns.isEmpty ? .yes(confidence, notes) : .unknown(unknowns)
  }

  static func any(_ values: [Truth]) -> Truth {
    var unknowns: [String] = []
    for value in values {
      switch value {
      case .yes: return value
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
