/// The keys a part may have, in the order of `BOMDecoder.partKeys`.
enum PartKey: Int, CaseIterable {
  case ref, name, kind, manufacturer, mpn, origin, refinedIn, qty, unit, massGrams, composition, unitCost
  case material, grade, chip, eccn, notes, parts, include

  /// Part keys by first byte, with their names' bytes: a key read is compared with the one or
  /// few keys that start like it, not with every known key (and not hashed).
  private static let byFirstByte: [[(key: PartKey, bytes: [UInt8])]] = {
    var table: [[(key: PartKey, bytes: [UInt8])]] = Array(repeating: [], count: 128)
    for key in PartKey.allCases { table[Int(key.name.utf8.first ?? 0) & 127].append((key, Array(key.name.utf8))) }
    return table
  }()

  /// The key as written in BOMs.
  var name: String { BOMDecoder.partKeys[rawValue] }

  /// The part key written `name`, if it is one.
  static func named(_ name: String) -> PartKey? {
    var name = name
    return name.withUTF8 { named($0) }
  }

  /// The part key whose name is these UTF-8 bytes, if one is.
  static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> PartKey? {
    guard let first = bytes.first, first < 128 else { return nil }
    return byFirstByte[Int(first)].first { candidate in
      candidate.bytes.count == bytes.count && candidate.bytes.withUnsafeBufferPointer { $0.elementsEqual(bytes) }
    }?.key
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
