/// The keys a part may have, in the order of `BOMDecoder.partKeys`.
enum PartKey: Int, CaseIterable {
  case ref, name, kind, manufacturer, mpn, origin, refinedIn, qty, unit, massGrams, composition, unitCost
  case material, grade, chip, eccn, notes, parts, include

  /// Part keys by first byte: a key read is compared with the one or few keys that start like
  /// it and have its length, not with every known key (and not hashed).
  private static let byFirstByte: [[PartKey]] = {
    var table: [[PartKey]] = Array(repeating: [], count: 128)
    for key in PartKey.allCases { table[Int(key.name.utf8.first ?? 0) & 127].append(key) }
    return table
  }()

  /// The key as written in BOMs.
  var name: String { BOMDecoder.partKeys[rawValue] }

  /// The part key written `name`, if it is one.
  static func named(_ name: String) -> PartKey? {
    guard let first = name.utf8.first, first < 128 else { return nil }
    let count = name.utf8.count
    return byFirstByte[Int(first)].first { $0.name.utf8.count == count && $0.name == name }
  }
}

/// A part mapping's pairs by key, after unknown keys were reported: the position of each known
/// key's pair in the mapping (parts are the bulk of a BOM, so this avoids string comparisons).
struct PartFields {
  /// The mapping's pairs, in source order.
  let pairs: [YAMLPair]
  /// For each `PartKey`, the position of its pair in `pairs`, or -1 (a vector, not an array: no
  /// allocation per part).
  private var positions = SIMD32<Int32>(repeating: -1)

  init(pairs: [YAMLPair]) {
    assert(PartKey.allCases.count <= 32, "PartFields keeps one lane per part key")
    self.pairs = pairs
  }

  mutating func set(_ key: PartKey, at position: Int) { positions[key.rawValue] = Int32(position) }

  /// The pair for `key`, if present.
  subscript(_ key: PartKey) -> YAMLPair? {
    let position = positions[key.rawValue]
    return position < 0 ? nil : pairs[Int(position)]
  }
}

extension DecodeContext {
  /// `fields(of:what:known:required:)` for a part: the same diagnostics (wrong type, unknown keys
  /// with a did-you-mean, missing `ref`), with keys looked up by hash.
  mutating func partFields(of node: YAMLNode) -> PartFields? {
    guard case .mapping(let pairs) = node.content else {
      error("wrong-type", node.mark, "a part must be a mapping, got \(node.typeDescription)")
      return nil
    }
    var fields = PartFields(pairs: pairs)
    for (position, pair) in pairs.enumerated() {
      guard let key = pair.key.scalarText else {
        error("wrong-type", pair.key.mark, "keys in a part must be plain text")
        continue
      }
      guard let known = PartKey.named(key) else {
        let hint = closestMatch(to: key, in: BOMDecoder.partKeys).map { "; did you mean `\($0)`?" } ?? ""
        error("unknown-key", pair.key.mark, "unknown key `\(key)` in a part\(hint)")
        continue
      }
      fields.set(known, at: position)
    }
    if fields[.ref] == nil {
      error("missing-key", node.mark, "a part is missing the required key `ref`")
    }
    return fields
  }
}
