#if canImport(Glibc)
  import Glibc
#endif

/// The keys a part may have, in the order of `BOMDecoder.partKeys`.
enum PartKey: Int, CaseIterable {
  case ref, name, kind, manufacturer, mpn, origin, refinedIn, qty, unit, massGrams, composition, unitCost
  case material, grade, chip, eccn, notes, parts, include

  /// Part keys by first letter and length (no two keys share both): a key read is compared with
  /// at most one known key, and not hashed. One table (a single lazy global to reach per key
  /// read): at slot `(first & 31) << 4 | length` (512 slots) the key's raw value plus one (0 for
  /// none); then, from `startsOffset`, where each key's name starts (by raw value, and where the
  /// last ends), counted from `namesOffset`, where the names' bytes follow one another.
  private static let table: [UInt8] = {
    var table = [UInt8](repeating: 0, count: startsOffset)
    for key in PartKey.allCases {
      let slot = Self.slot(key.name.utf8.first ?? 0, key.name.utf8.count)
      precondition(table[slot] == 0, "two part keys share a first letter and a length")
      table[slot] = UInt8(key.rawValue + 1)
    }
    var start = 0
    for key in PartKey.allCases {
      table.append(UInt8(start))
      start += key.name.utf8.count
    }
    table.append(UInt8(start))
    precondition(start < 256 && table.count == namesOffset, "part key names are short, and 19")
    for key in PartKey.allCases { table += Array(key.name.utf8) }
    return table
  }()
  private static let startsOffset = 512
  /// `startsOffset` plus a start for each of the 19 keys and the end of the last (literal, so that
  /// reading it needs no lazy initialisation; the table checks it).
  private static let namesOffset = 532

  private static func slot(_ first: UInt8, _ count: Int) -> Int { Int(first & 31) << 4 | count }

  /// The key as written in BOMs.
  var name: String { BOMDecoder.partKeys[rawValue] }

  /// The part key written `name`, if it is one.
  static func named(_ name: String) -> PartKey? {
    name.withUTF8Bytes { named($0) }
  }

  /// The part key whose name is these UTF-8 bytes, if one is.
  static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> PartKey? {
    guard let first = bytes.first, first >= 0x60, first < 0x80, bytes.count < 16 else { return nil }
    return table.withUnsafeBufferPointer { table -> PartKey? in
      let found = table[slot(first, bytes.count)]
      guard found > 0, let key = PartKey(rawValue: Int(found) - 1), let names = table.baseAddress,
        let written = bytes.baseAddress
      else { return nil }
      let start = namesOffset + Int(table[startsOffset + key.rawValue])
      return memcmp(names + start, written, bytes.count) == 0 ? key : nil
    }
  }
}

/// A scalar value of a part that `DirectBOMReader` kept as it was written, without YAML nodes
/// (most values of most parts): untagged, unanchored, plain or quoted.
struct ScalarField {
  let text: String
  let style: ScalarStyle
  /// Where its key and its value start.
  let keyMark: Mark
  let valueMark: Mark
}

/// A part mapping's pairs by key, after unknown keys were reported: the position of each known
/// key's pair in the mapping (parts are the bulk of a BOM, so this avoids string comparisons).
///
/// Values the direct reader kept as ``ScalarField``s are read in place through `scalar(_:)`; a
/// pair is made for one only when a general helper asks for it (to report a problem).
struct PartFields {
  /// For each `PartKey`: the position of its pair (0 and up), of its scalar (`-2 - position`), or
  /// -1 when absent (a vector, not an array: no allocation per part).
  typealias Positions = SIMD32<Int32>

  /// The mapping's pairs, in source order (a slice: the direct reader keeps the pairs of the
  /// parts it is reading on one stack).
  let pairs: ArraySlice<YAMLPair>
  /// The direct reader's kept scalars (on a stack of their own).
  let scalars: ArraySlice<ScalarField>
  private(set) var positions: Positions

  init(
    pairs: ArraySlice<YAMLPair>, scalars: ArraySlice<ScalarField> = [][...], positions: Positions = Self.none
  ) {
    assert(PartKey.allCases.count <= 32, "PartFields keeps one lane per part key")
    self.pairs = pairs
    self.scalars = scalars
    self.positions = positions
  }

  /// No key present.
  static let none = Positions(repeating: -1)

  /// The position lane value of the scalar at `position` on the scalars stack.
  static func scalarLane(_ position: Int) -> Int32 { Int32(-2 - position) }

  mutating func set(_ key: PartKey, at position: Int) { positions[key.rawValue] = Int32(position) }

  /// Whether `key` is written.
  @inline(__always)
  func has(_ key: PartKey) -> Bool { positions[key.rawValue] != -1 }

  /// The text and style of `key`'s value when the direct reader kept it as a scalar; nil
  /// otherwise (absent, or a node: then read it through the pair).
  @inline(__always)
  func scalar(_ key: PartKey) -> (text: String, style: ScalarStyle)? {
    let lane = Int(positions[key.rawValue])
    guard lane <= -2 else { return nil }
    let field = scalars[scalars.startIndex + (-2 - lane)]
    return (field.text, field.style)
  }

  /// Where `key`'s value starts, if present.
  func valueMark(_ key: PartKey) -> Mark? {
    let lane = Int(positions[key.rawValue])
    if lane <= -2 { return scalars[scalars.startIndex + (-2 - lane)].valueMark }
    return lane < 0 ? nil : pairs[pairs.startIndex + lane].value.mark
  }

  /// The pair for `key`, if present (made for a kept scalar). (Inlined: for the many absent keys,
  /// callers then see the nil and make and destroy nothing.)
  @inline(__always)
  subscript(_ key: PartKey) -> YAMLPair? {
    let lane = Int(positions[key.rawValue])
    if lane <= -2 {
      let field = scalars[scalars.startIndex + (-2 - lane)]
      return YAMLPair(
        key: YAMLNode(.scalar(key.name, .plain), mark: field.keyMark),
        value: YAMLNode(.scalar(field.text, field.style), mark: field.valueMark))
    }
    return lane < 0 ? nil : pairs[pairs.startIndex + lane]
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

extension DecodeContext {
  // A part's fields read from `PartFields`: a scalar the direct reader kept is read in place and,
  // when the same rule as the general helper accepts it, taken; anything else (a node, a value
  // with a problem) goes to the general helper, which reads it again and reports the problem.

  /// `text(fields[key])`.
  mutating func text(_ fields: PartFields, _ key: PartKey) -> String? {
    read(fields, key, accept: { _, text in text }, general: { $0.text($1) })
  }

  /// `country(fields[key])`.
  mutating func country(_ fields: PartFields, _ key: PartKey) -> String? {
    read(fields, key, accept: { $0.countryValue($1) }, general: { $0.country($1) }) ?? nil
  }

  /// `oneOf(fields[key], type)`.
  mutating func oneOf<Value: RawRepresentable & CaseIterable>(
    _ fields: PartFields, _ key: PartKey, _ type: Value.Type
  ) -> Value? where Value.RawValue == String {
    read(fields, key, accept: { Value(rawValue: $1) }, general: { $0.oneOf($1, type) })
  }

  /// `money(fields[key])`.
  mutating func money(_ fields: PartFields, _ key: PartKey) -> Money? {
    read(fields, key, accept: { $0.plainMoneyValue($1) }, general: { $0.money($1) })
  }

  /// The field `key`: its kept scalar's accepted text when `accept` (the general helper's own rule)
  /// takes it, else what `general` (the general helper, which reads the field again and reports
  /// what is wrong) makes of it; nil when the part has no such field, as every general helper
  /// gives for nil.
  @inline(__always)
  private mutating func read<Value>(
    _ fields: PartFields, _ key: PartKey, accept: (Self, String) -> Value?,
    general: (inout Self, YAMLPair?) -> Value?
  ) -> Value? {
    guard fields.has(key) else { return nil }
    if let (text, style) = fields.scalar(key), let raw = Self.acceptedText(text, style: style),
      let value = accept(self, raw)
    {
      return value
    }
    return general(&self, fields[key])
  }

  /// The number of a kept scalar (`number(fields[key])` when it is one), without any report.
  static func keptNumber(_ fields: PartFields, _ key: PartKey) -> Double? {
    guard let (text, style) = fields.scalar(key) else { return nil }
    return numberValue(text, style: style, tag: nil)
  }
}
