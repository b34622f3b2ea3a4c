extension ProductRun {
  /// Findings: one per part, rule and distinct result, over the markets that share it.
  func findings(listed: [String]) -> [Finding] {
    var result: [Finding] = []
    // Folded market lists by the classes they join: most findings of a product cover the same
    // classes, so each distinct list is folded once.
    var folded: [[Int]: [String]] = [:]
    // Entries and their results are read in place (iterating them copied each one's strings).
    entries.withUnsafeBufferPointer { entries in
      for entry in entries.indices {
        entries[entry].results.withUnsafeBufferPointer { results in
          for position in results.indices {
            // The classes with this result, in class order.
            let group = entries[entry].ofClass.indices.filter { entries[entry].ofClass[$0] == position }
            let markets: [String]
            if let known = folded[group] {
              markets = known
            } else {
              markets = MarketFolding.fold(group.flatMap { classes[$0] }, listed: listed, regimes: engine.regimes)
              folded[group] = markets
            }
            result.append(finding(entries[entry], results[position], markets: markets))
          }
        }
      }
    }
    return result
  }

  private func finding(_ entry: Entry, _ outcome: ProductRun.Result, markets: [String]) -> Finding {
    let prepared = engine.rules[entry.rule]
    let rule = prepared.rule
    var notes: [String] = []
    if entry.context.part.kindSource == .inferred, let kind = entry.context.part.kind {
      notes.append("kind `\(kind.rawValue)` was inferred from the part's name; write `kind:` to confirm it")
    }
    return Finding(
      fingerprint: Fingerprint.make([rule.id, product.id, entry.context.path], joining: markets),
      rule: rule.id, regime: rule.pack, instruments: rule.instruments, status: outcome.status,
      severity: outcome.status.severity ?? .note, confidence: outcome.confidence, product: product.id,
      part: entry.context.path, markets: markets, location: entry.context.part.location,
      supplier: entry.context.part.manufacturer, message: outcome.message, settle: outcome.settle,
      sources: prepared.sources, notes: notes)
  }
}

/// Folds market lists: the members of a group the product lists (e.g. `EU`) become the group
/// when all of them are present.
enum MarketFolding {
  static func fold(_ markets: [String], listed: [String], regimes: RegimeSet) -> [String] {
    var result = markets
    for name in listed {
      guard let group = regimes.groups[name], !group.members.isEmpty, group.members.count <= result.count,
        group.members.isSubset(of: Set(result)),
        let first = result.firstIndex(where: { group.members.contains($0) })
      else { continue }
      result.removeAll { group.members.contains($0) }
      result.insert(name, at: min(first, result.count))
    }
    return result
  }
}

/// Stable fingerprints: FNV-1a 64-bit over the identifying fields, in hex.
public enum Fingerprint {
  /// The fingerprint of `fields` (16 hex digits).
  public static func make(_ fields: [String]) -> String {
    make(fields, joining: nil)
  }

  /// The fingerprint of `fields` followed by one more, `list` joined with commas (a finding's
  /// markets), hashed without the joined string being made.
  public static func make(_ fields: [String], joining list: [String]?) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func add(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    func add(_ text: String) {
      text.withUTF8Bytes { bytes in
        for byte in bytes { add(byte) }
      }
    }
    // The fields joined with U+001F, hashed without building the joined string.
    for (index, field) in fields.enumerated() {
      if index > 0 { add(0x1F) }
      add(field)
    }
    if let list {
      if !fields.isEmpty { add(0x1F) }
      for (index, item) in list.enumerated() {
        if index > 0 { add(UInt8(ascii: ",")) }
        add(item)
      }
    }
    // Sixteen lower-case hex digits, zero-padded.
    return String(unsafeUninitializedCapacity: 16) { digits in
      for position in 0..<16 {
        let nibble = UInt8(truncatingIfNeeded: hash >> (60 - 4 * UInt64(position))) & 15
        digits[position] = nibble < 10 ? 48 + nibble : 87 + nibble
      }
      return 16
    }
  }
}
