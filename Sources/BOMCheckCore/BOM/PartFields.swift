#if canImport(Glibc)
  import Glibc
#endif

/// The keys a part may have, in the order of `BOMDecoder.partKeys`.
enum PartKey: Int, CaseIterable {
  case ref, name, kind, manufacturer, mpn, origin, refinedIn, qty, unit, massGrams, composition, unitCost
  case material, grade, chip, eccn, notes, parts, include

  /// Part keys by first letter and length (no two keys share both): a key read is compared with
  /// at most one known key, and not hashed. Slot `(first & 31) << 4 | length`, the key's raw value
  /// plus one (0 for none).
  private static let bySlot: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 32 << 4)
    for key in PartKey.allCases {
      let slot = Self.slot(key.name.utf8.first ?? 0, key.name.utf8.count)
      precondition(table[slot] == 0, "two part keys share a first letter and a length")
      table[slot] = UInt8(key.rawValue + 1)
    }
    return table
  }()

  private static func slot(_ first: UInt8, _ count: Int) -> Int { Int(first & 31) << 4 | count }

  /// Each key's name as bytes, by raw value, all in one buffer.
  private static let nameBytes: [UInt8] = PartKey.allCases.flatMap { Array($0.name.utf8) }
  private static let nameStarts: [Int] = PartKey.allCases.reduce(into: [0]) { starts, key in
    starts.append((starts.last ?? 0) + key.name.utf8.count)
  }

  /// The key as written in BOMs.
  var name: String { BOMDecoder.partKeys[rawValue] }

  /// The part key written `name`, if it is one.
  static func named(_ name: String) -> PartKey? {
    var name = name
    return name.withUTF8 { named($0) }
  }

  /// The part key whose name is these UTF-8 bytes, if one is.
  static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> PartKey? {
    guard let first = bytes.first, first >= 0x60, first < 0x80, bytes.count < 16 else { return nil }
    let found = bySlot[slot(first, bytes.count)]
    guard found > 0, let key = PartKey(rawValue: Int(found) - 1) else { return nil }
    let start = nameStarts[key.rawValue]
    let same = nameBytes.withUnsafeBufferPointer { names in
      guard let name = names.baseAddress, let written = bytes.baseAddress else { return false }
      return memcmp(name + start, written, bytes.count) == 0
    }
    return same ? key : nil
  }
}

/// A part mapping's pairs by key, after unknown keys were reported: the position of each known
/// key's pair in the mapping (parts are the bulk of a BOM, so this avoids string comparisons).
struct PartFields {
  /// For each `PartKey`, the position of its pair, or -1 (a vector, not an array: no allocation
  /// per part).
  typealias Positions = SIMD32<Int32>

  /// The mapping's pairs, in source order (a slice: the direct reader keeps the pairs of the
  /// parts it is reading on one stack).
  let pairs: ArraySlice<YAMLPair>
  private(set) var positions: Positions

  init(pairs: ArraySlice<YAMLPair>, positions: Positions = Self.none) {
    assert(PartKey.allCases.count <= 32, "PartFields keeps one lane per part key")
    self.pairs = pairs
    self.positions = positions
  }

  /// No key present.
  static let none = Positions(repeating: -1)

  mutating func set(_ key: PartKey, at position: Int) { positions[key.rawValue] = Int32(position) }

  /// The pair for `key`, if present. (Inlined: for the many absent keys, callers then see the
  /// nil and make and destroy nothing.)
  @inline(__always)
  subscript(_ key: PartKey) -> YAMLPair? {
    let position = positions[key.rawValue]
    return position < 0 ? nil : pairs[pairs.startIndex + Int(position)]
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
    var fields = PartFields(pairs: pairs[...])
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
