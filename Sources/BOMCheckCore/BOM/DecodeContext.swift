/// Reads typed values out of YAML nodes for one file, collecting located diagnostics instead of
/// stopping at the first problem.
public struct DecodeContext: Sendable {
  /// The display path of the file being decoded.
  public let file: String
  /// The code lists used for validation.
  public let codes: Codes
  /// The prefix of diagnostic codes (`bom`, `config`, `pack`).
  public let area: String
  /// Everything found so far.
  public var diagnostics: [Diagnostic] = []
  /// Creates a context for `file`.
  public init(file: String, codes: Codes, area: String = "bom") {
    self.file = file
    self.codes = codes
    self.area = area
  }

  /// Kinds already inferred from a text, for every file (BOMs repeat names a lot).
  private static let inferredKinds = SharedMemo<String, PartKind?>(capacity: 1 << 14)

  /// The kind inferred from a part's name, mpn and manufacturer (memoised per text).
  func inferKind(name: String?, mpn: String?, manufacturer: String?) -> PartKind? {
    func kind(_ text: String?) -> PartKind? {
      // Most mpns hold no keyword and are unique: they are passed over without the memo.
      guard let text, !KindInference.certainlyNoKeyword(text) else { return nil }
      return Self.inferredKinds.value(for: text) { KindInference.infer(name: $0, mpn: nil, manufacturer: nil) }
    }
    return kind(name) ?? kind(mpn) ?? kind(manufacturer)
  }

  /// Records an error at `mark`.
  public mutating func error(_ code: String, _ mark: Mark?, _ message: String) {
    diagnostics.append(
      Diagnostic(code: "\(area).\(code)", severity: .error, file: file, mark: mark, message: message))
  }

  /// Records a warning at `mark`.
  public mutating func warning(_ code: String, _ mark: Mark?, _ message: String) {
    diagnostics.append(
      Diagnostic(code: "\(area).\(code)", severity: .warning, file: file, mark: mark, message: message))
  }

  /// The location of `mark` in this file.
  public func location(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, mark: mark) }

  /// Reads a mapping with a closed set of keys: reports a wrong type, unknown keys (with a
  /// did-you-mean) and missing required keys. Returns the pairs by key, or nil when not a mapping.
  public mutating func fields(
    of node: YAMLNode, what: String, known: [String], required: [String] = []
  ) -> Fields? {
    guard case .mapping(let pairs) = node.content else {
      error("wrong-type", node.mark, "\(what) must be a mapping, got \(node.typeDescription)")
      return nil
    }
    var byKey: [(String, YAMLPair)] = []
    byKey.reserveCapacity(pairs.count)
    for pair in pairs {
      guard let key = pair.key.scalarText else {
        error("wrong-type", pair.key.mark, "keys in \(what) must be plain text")
        continue
      }
      guard known.contains(key) else {
        let hint = closestMatch(to: key, in: known).map { "; did you mean `\($0)`?" } ?? ""
        error("unknown-key", pair.key.mark, "unknown key `\(key)` in \(what)\(hint)")
        continue
      }
      byKey.append((key, pair))
    }
    for key in required where !byKey.contains(where: { $0.0 == key }) {
      error("missing-key", node.mark, "\(what) is missing the required key `\(key)`")
    }
    return Fields(byKey: byKey, mark: node.mark)
  }

  /// A text value: any non-empty scalar, taken as written (so `NO` stays the text "NO").
  public mutating func text(_ pair: YAMLPair?) -> String? {
    guard let pair else { return nil }
    let key = pair.key.scalarText ?? ""
    guard case .scalar(let text, let style) = pair.value.content else {
      error("wrong-type", pair.value.mark, "`\(key)` must be text, got \(pair.value.typeDescription)")
      return nil
    }
    if pair.value.tag == nil, Self.acceptedText(text, style: style) == nil {
      error("empty-value", pair.value.mark, "`\(key)` is empty; give a value or remove the key")
      return nil
    }
    return text
  }

  /// An untagged scalar's text as `text(_:)` takes it: nil for YAML's null (a plain null word).
  @inline(__always)
  static func acceptedText(_ text: String, style: ScalarStyle) -> String? {
    style == .plain && isNullWord(text) ? nil : text
  }

  /// A number (integer or decimal, not quoted).
  public mutating func number(_ pair: YAMLPair?) -> Double? {
    guard let pair else { return nil }
    let key = pair.key.scalarText ?? ""
    if case .scalar(let text, let style) = pair.value.content,
      let value = Self.numberValue(text, style: style, tag: pair.value.tag)
    {
      return value
    }
    let shown = pair.value.scalarText.map { " `\($0)`" } ?? ""
    error(
      "wrong-type", pair.value.mark,
      "`\(key)` must be a number, got \(pair.value.typeDescription)\(shown)")
    return nil
  }

  /// A scalar's number as `number(_:)` reads it: a YAML integer or finite float; nil otherwise.
  static func numberValue(_ text: String, style: ScalarStyle, tag: String?) -> Double? {
    switch resolvedScalar(text: text, style: style, tag: tag) {
    case .int(let value): return Double(value)
    case .float(let value) where value.isFinite: return value
    default: return nil
    }
  }

  /// A whole number (not quoted).
  public mutating func integer(_ pair: YAMLPair?) -> Int? {
    guard let pair else { return nil }
    if case .scalar(let text, let style) = pair.value.content,
      case .int(let value) = resolvedScalar(text: text, style: style, tag: pair.value.tag)
    {
      return value
    }
    let key = pair.key.scalarText ?? ""
    let shown = pair.value.scalarText.map { " `\($0)`" } ?? ""
    error(
      "wrong-type", pair.value.mark,
      "`\(key)` must be a whole number, got \(pair.value.typeDescription)\(shown)")
    return nil
  }

  /// A list; nil (with an error) when the value is not a list.
  public mutating func list(_ pair: YAMLPair?) -> [YAMLNode]? {
    guard let pair else { return nil }
    guard case .sequence(let items) = pair.value.content else {
      let key = pair.key.scalarText ?? ""
      error("wrong-type", pair.value.mark, "`\(key)` must be a list, got \(pair.value.typeDescription)")
      return nil
    }
    return items
  }

  /// A list of text values.
  public mutating func textList(_ pair: YAMLPair?) -> [(String, Mark)]? {
    guard let pair, let items = list(pair) else { return nil }
    let key = pair.key.scalarText ?? ""
    var result: [(String, Mark)] = []
    for item in items {
      guard case .scalar(let text, _) = item.content, !text.isEmpty else {
        error("wrong-type", item.mark, "items of `\(key)` must be text, got \(item.typeDescription)")
        continue
      }
      result.append((text, item.mark))
    }
    return result
  }

  /// One of a closed set of values; the error lists the accepted ones or the closest.
  public mutating func oneOf<Value: RawRepresentable & CaseIterable>(
    _ pair: YAMLPair?, _ type: Value.Type
  ) -> Value? where Value.RawValue == String {
    guard let pair, let raw = text(pair) else { return nil }
    if let value = Value(rawValue: raw) { return value }
    let accepted = Value.allCases.map(\.rawValue)
    let key = pair.key.scalarText ?? ""
    let hint = closestMatch(to: raw, in: accepted).map { "did you mean `\($0)`? " } ?? ""
    error(
      "unknown-value", pair.value.mark,
      "unknown \(key) `\(raw)`; \(hint)accepted: \(accepted.joined(separator: ", "))")
    return nil
  }

  /// An ISO 3166-1 alpha-2 code, or nil for `unknown`/absent; `valid` is false after an error.
  public mutating func country(_ pair: YAMLPair?) -> String? {
    guard let pair, let raw = text(pair) else { return nil }
    if let value = countryValue(raw) { return value }
    let key = pair.key.scalarText ?? ""
    let upper = raw.uppercased()
    let hint =
      codes.countries.contains(upper)
      ? "codes are upper case: `\(upper)`" : "use an ISO 3166-1 alpha-2 code such as DE, CN, US, or `unknown`"
    error("unknown-country", pair.value.mark, "unknown country `\(raw)` in `\(key)`; \(hint)")
    return nil
  }

  /// What `country(_:)` makes of a text: the code, or nil for `unknown` (`.some`); nil when it is
  /// no country code.
  func countryValue(_ raw: String) -> String?? {
    if raw == "unknown" { return .some(nil) }
    return codes.isCountry(raw) ? .some(raw) : nil
  }

  /// `"<amount> <ISO 4217 code>"` with amount ≥ 0.
  public mutating func money(_ pair: YAMLPair?) -> Money? {
    guard let pair, let raw = text(pair) else { return nil }
    if let plain = plainMoneyValue(raw) { return plain }
    let key = pair.key.scalarText ?? ""
    let pieces = Self.twoWords(raw)
    guard let pieces, let amount = Double(pieces.0), amount.isFinite else {
      error(
        "bad-money", pair.value.mark,
        "`\(key)` must be \"<amount> <currency>\", e.g. `0.85 USD`, got `\(raw)`")
      return nil
    }
    let currency = String(pieces.1)
    guard codes.isCurrency(currency) else {
      let hint = closestMatch(to: currency, in: codes.currencies).map { "; did you mean `\($0)`?" } ?? ""
      error("unknown-currency", pair.value.mark, "unknown ISO 4217 currency `\(currency)`\(hint)")
      return nil
    }
    guard amount >= 0 else {
      error("bad-money", pair.value.mark, "`\(key)` amount must be 0 or more, got \(pieces.0)")
      return nil
    }
    return Money(amount: amount, currency: currency)
  }

  /// `plainMoney` with a known currency.
  func plainMoneyValue(_ raw: String) -> Money? {
    guard let plain = Self.plainMoney(raw), codes.isCurrency(plain.currency) else { return nil }
    return Money(amount: plain.amount, currency: plain.currency)
  }

  /// Money written the usual way, `<digits>[.<digits>] <three capital letters>`, read without
  /// splitting it or calling `strtod` (`plainDecimal`: the amount `Double(_:)` gives); nil for
  /// anything else (`money` then reads it the general way).
  static func plainMoney(_ text: String) -> (amount: Double, currency: String)? {
    return text.withUTF8Bytes { bytes -> (amount: Double, currency: String)? in
      let count = bytes.count
      guard count >= 5, bytes[count - 4] == UInt8(ascii: " ") else { return nil }
      for index in (count - 3)..<count where !(65...90).contains(bytes[index]) { return nil }
      guard let amount = plainDecimal(UnsafeBufferPointer(rebasing: bytes[..<(count - 4)])) else { return nil }
      return (amount, String(decoding: UnsafeBufferPointer(rebasing: bytes[(count - 3)...]), as: UTF8.self))
    }
  }

  /// The two runs of `text` between spaces, when there are exactly two (split on the UTF-8 bytes).
  /// Money written the usual way never gets here (`plainMoney`).
  static func twoWords(_ text: String) -> (Substring, Substring)? {
    let words = text.utf8.split(separator: UInt8(ascii: " "), maxSplits: 2)
    guard words.count == 2 else { return nil }
    return (Substring(words[0]), Substring(words[1]))
  }

  /// A `YYYY-MM-DD` date (plain YAML dates are read as text, as written).
  public mutating func day(_ pair: YAMLPair?) -> Day? {
    guard let pair, let raw = text(pair) else { return nil }
    guard let day = Day(raw) else {
      let key = pair.key.scalarText ?? ""
      error("bad-date", pair.value.mark, "`\(key)` must be a date written YYYY-MM-DD, got `\(raw)`")
      return nil
    }
    return day
  }
}

/// The pairs of one mapping by key, after unknown keys were reported (a small list: mappings in
/// BOMs have a few keys, and a linear scan beats hashing them).
public struct Fields: Sendable {
  /// Pairs with their keys, in source order (duplicates were removed by the reader).
  public var byKey: [(String, YAMLPair)]
  /// Where the mapping starts.
  public var mark: Mark

  /// The pair for `key`, if present.
  public subscript(_ key: String) -> YAMLPair? { byKey.first { $0.0 == key }?.1 }
}
