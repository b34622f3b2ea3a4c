/// Decodes one YAML document into a ``BOMFile`` following BOM format version 1.
///
/// Every problem is collected as a located diagnostic; includes are not followed here (see
/// ``BOMLoader``). A part with an error is still kept, so that it is counted.
public struct BOMDecoder: Sendable {
  static let topKeys = ["bomcheck", "product", "assembly", "parts"]
  static let productKeys = [
    "id", "name", "revision", "assembled_in", "markets", "end_use", "unit_value", "notes", "waivers",
  ]
  static let assemblyKeys = ["id", "name", "revision", "notes"]
  static let partKeys = [
    "ref", "name", "kind", "manufacturer", "mpn", "origin", "refined_in", "qty", "unit", "mass_g",
    "composition", "unit_cost", "material", "grade", "chip", "eccn", "notes", "parts", "include",
  ]
  static let chipKeys = ["designer", "family", "model", "count", "tpp", "performance_density"]
  static let topRequired = ["bomcheck", "parts"]
  static let productRequired = ["id", "assembled_in", "markets"]
  static let assemblyRequired = ["id"]
  static let partRequired = ["ref"]

  /// Largest depth of nested parts (top-level parts are depth 1).
  public var maxPartDepth: Int
  /// Codes for validation.
  public let codes: Codes
  /// Market groups accepted in `markets:` besides ISO codes.
  public var marketGroups: Set<String> = MarketGroupNames.known

  /// Creates a decoder.
  public init(codes: Codes, maxPartDepth: Int = 32) {
    self.codes = codes
    self.maxPartDepth = maxPartDepth
  }

  /// Decodes `document` read from `file`; returns the file (nil when its header is unusable)
  /// and the diagnostics. `early` holds top-level parts already decoded while the file was being
  /// parsed (`BOMLoader.decodeFile(_:jobs:)`); they are used when they are the first items of this
  /// very list, so the result is the same as without them.
  public func decode(_ document: YAMLDocument, file: String, early: EarlyParts = EarlyParts()) -> (
    BOMFile?, [Diagnostic]
  ) {
    var context = DecodeContext(file: file, codes: codes)
    let top = decodeTop(document, &context)
    var parts: [Part] = []
    if let list = top.parts, let items = topLevelItems(list, &context) {
      var start = 0
      if !early.marks.isEmpty, early.marks.count <= items.count,
        zip(early.marks, items).allSatisfy({ $0 == $1.mark })
      {
        parts = early.parts
        context.diagnostics += early.diagnostics
        start = early.marks.count
      }
      for item in items[start...] { parts.append(decodePart(item, depth: 1, &context)) }
    }
    return finish(top, parts: parts, &context)
  }

  /// `decode(_:file:early:)` for a document whose top-level parts were decoded while it was read
  /// (`DirectBOMReader`): its `parts` list is an empty placeholder, `parts` are the decoded parts and
  /// `marks` where each one's mapping starts.
  func decode(_ document: YAMLDocument, file: String, decoded parts: [Part], marks: [Mark]) -> (
    BOMFile?, [Diagnostic]
  ) {
    var context = DecodeContext(file: file, codes: codes)
    let top = decodeTop(document, &context)
    guard let list = top.parts, topLevelItems(list, &context) != nil else { return finish(top, parts: [], &context) }
    return finish(top, parts: parts, marks: marks, &context)
  }

  /// The items of the top-level `parts` list (nil, with an error, when it is not a list or the
  /// depth limit allows no parts).
  private func topLevelItems(_ list: YAMLPair, _ context: inout DecodeContext) -> [YAMLNode]? {
    guard let items = context.list(list) else { return nil }
    guard maxPartDepth >= 1 else {
      context.error("too-deep", list.value.mark, "parts are nested deeper than \(maxPartDepth) levels")
      return nil
    }
    return items
  }

  /// Top-level parts decoded while their file was still being parsed (see
  /// `YAMLReader.read(_:batch:onItems:)`): the first items of the `parts` list, by position.
  public struct EarlyParts: Sendable {
    /// Where each item was written (to check they are the items of the final tree).
    var marks: [Mark] = []
    var parts: [Part] = []
    var diagnostics: [Diagnostic] = []

    /// No parts decoded early.
    public init() {}

    init(marks: [Mark], parts: [Part], diagnostics: [Diagnostic]) {
      self.marks = marks
      self.parts = parts
      self.diagnostics = diagnostics
    }

    /// Appends the next batch.
    mutating func append(_ next: EarlyParts) {
      marks += next.marks
      parts += next.parts
      diagnostics += next.diagnostics
    }
  }

  /// The file's header and its top-level `parts` pair, not yet decoded.
  struct Top {
    var header: BOMFile.Header?
    var parts: YAMLPair?
  }

  private func decodeTop(_ document: YAMLDocument, _ context: inout DecodeContext) -> Top {
    for duplicate in document.duplicateKeys {
      context.error(
        "duplicate-key", duplicate.mark,
        "duplicate key `\(duplicate.key)` (first written at \(duplicate.firstMark))")
    }
    guard
      let top = context.fields(
        of: document.root, what: "a BOM file", known: Self.topKeys, required: Self.topRequired)
    else { return Top() }
    if let version = top["bomcheck"] {
      if context.integer(version) != 1 || version.value.scalarText != "1" {
        context.error(
          "bad-version", version.value.mark,
          "`bomcheck` must be 1 (the only format version), got `\(version.value.scalarText ?? version.value.typeDescription)`"
        )
      }
    }
    let header: BOMFile.Header?
    switch (top["product"], top["assembly"]) {
    case (let product?, nil):
      header = decodeProduct(product.value, &context).map { .product($0) }
    case (nil, let assembly?):
      header = decodeAssembly(assembly.value, &context).map { .assembly($0) }
    case (let product?, _?):
      context.error(
        "product-and-assembly", product.key.mark,
        "a BOM file has either `product:` or `assembly:`, not both")
      header = nil
    case (nil, nil):
      context.error(
        "missing-key", top.mark, "a BOM file needs a `product:` or an `assembly:` mapping")
      header = nil
    }
    return Top(header: header, parts: top["parts"])
  }

  /// Checks the decoded top-level parts (duplicate refs, an empty list) and makes the file.
  private func finish(_ top: Top, parts: [Part], marks: [Mark]? = nil, _ context: inout DecodeContext) -> (
    BOMFile?, [Diagnostic]
  ) {
    if let list = top.parts, case .sequence(let items) = list.value.content {
      checkRefs(parts, marks ?? items.map(\.mark), &context)
      if parts.isEmpty {
        context.error("empty-parts", list.value.mark, "`parts` must list at least one part")
      }
    }
    guard let header = top.header else { return (nil, context.diagnostics) }
    return (BOMFile(path: context.file, header: header, parts: parts), context.diagnostics)
  }

  private func decodeAssembly(_ node: YAMLNode, _ context: inout DecodeContext) -> Assembly? {
    guard
      let fields = context.fields(
        of: node, what: "`assembly`", known: Self.assemblyKeys, required: Self.assemblyRequired)
    else { return nil }
    _ = context.text(fields["revision"])
    _ = context.text(fields["notes"])
    guard let id = decodeID(fields["id"], &context) else { return nil }
    return Assembly(id: id, name: context.text(fields["name"]), location: context.location(node.mark))
  }

  private func decodeProduct(_ node: YAMLNode, _ context: inout DecodeContext) -> Product? {
    guard
      let fields = context.fields(
        of: node, what: "`product`", known: Self.productKeys, required: Self.productRequired)
    else { return nil }
    let id = decodeID(fields["id"], &context)
    let markets = decodeMarkets(fields["markets"], &context)
    let endUse = context.oneOf(fields["end_use"], EndUse.self)
    _ = context.text(fields["notes"])
    var waivers: [WaiverSpec] = []
    if let list = context.list(fields["waivers"]) {
      waivers = list.compactMap { WaiverDecoder.decode($0, inProduct: true, &context) }
    }
    guard let id else { return nil }
    // A BOM's waivers are its product's: they carry its id like configuration waivers do.
    for index in waivers.indices { waivers[index].product = id }
    return Product(
      id: id, name: context.text(fields["name"]), revision: context.text(fields["revision"]),
      assembledIn: context.country(fields["assembled_in"]), markets: markets,
      endUse: endUse ?? .civil, endUseDeclared: endUse != nil,
      unitValue: context.money(fields["unit_value"]), waivers: waivers,
      location: context.location(node.mark))
  }

  private func decodeID(_ pair: YAMLPair?, _ context: inout DecodeContext) -> String? {
    guard let pair, let id = context.text(pair) else { return nil }
    guard Patterns.isID(id) else {
      context.error(
        "bad-id", pair.value.mark,
        "id `\(id)` must match [a-z0-9][a-z0-9._-]* (lower case letters, digits, . _ -)")
      return nil
    }
    return id
  }

  private func decodeMarkets(_ pair: YAMLPair?, _ context: inout DecodeContext)
    -> [(code: String, location: SourceLocation)]
  {
    guard let pair, let items = context.textList(pair) else { return [] }
    if items.isEmpty {
      context.error("empty-markets", pair.value.mark, "`markets` must list at least one market")
    }
    var seen: [String: Mark] = [:]
    var result: [(code: String, location: SourceLocation)] = []
    for (code, mark) in items {
      guard codes.countries.contains(code) || marketGroups.contains(code) else {
        let upper = code.uppercased()
        let hint =
          codes.countries.contains(upper) || marketGroups.contains(upper)
          ? "codes are upper case: `\(upper)`"
          : "use ISO 3166-1 alpha-2 codes (US, DE, JP, CN) or a market group (\(marketGroups.sorted().joined(separator: ", ")))"
        context.error("unknown-market", mark, "unknown market `\(code)`; \(hint)")
        continue
      }
      if let first = seen[code] {
        context.warning("duplicate-market", mark, "market `\(code)` is listed twice (first at \(first))")
        continue
      }
      seen[code] = mark
      result.append((code, context.location(mark)))
    }
    return result
  }

  func decodeParts(_ pair: YAMLPair, depth: Int, _ context: inout DecodeContext) -> [Part] {
    guard let items = context.list(pair) else { return [] }
    if depth > maxPartDepth {
      context.error(
        "too-deep", pair.value.mark, "parts are nested deeper than \(maxPartDepth) levels")
      return []
    }
    let parts = items.map { decodePart($0, depth: depth, &context) }
    checkRefs(parts, items.map(\.mark), &context)
    return parts
  }

  /// Reports refs used twice among siblings (`marks`: where each part's mapping starts).
  func checkRefs(_ parts: [Part], _ marks: [Mark], _ context: inout DecodeContext) {
    let count = min(parts.count, marks.count)
    // Most lists are short: compared pairwise there (hashing every ref cost more), by hash beyond.
    guard count > 16 else {
      for index in 0..<count where !parts[index].ref.isEmpty {
        let ref = parts[index].ref
        if let first = (0..<index).first(where: { parts[$0].ref == ref }) {
          context.error(
            "duplicate-ref", marks[index], "ref `\(ref)` is used twice among sibling parts (first at \(marks[first]))")
        }
      }
      return
    }
    var seen: [String: Mark] = [:]
    seen.reserveCapacity(count)
    for index in 0..<count where !parts[index].ref.isEmpty {
      let ref = parts[index].ref
      if let first = seen[ref] {
        context.error(
          "duplicate-ref", marks[index], "ref `\(ref)` is used twice among sibling parts (first at \(first))")
      } else {
        seen[ref] = marks[index]
      }
    }
  }
}

/// Names of market groups accepted in `markets:` before the packs are loaded.
public enum MarketGroupNames {
  /// Groups the BOM format itself defines.
  public static let known: Set<String> = ["EU"]
}

/// Patterns for ids and refs.
enum Patterns {
  static func isID(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, isLowerAlnum(first) else { return false }
    return text.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "." || $0 == "_" || $0 == "-" }
  }

  static func isRef(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, isAlnum(first) else { return false }
    return text.unicodeScalars.allSatisfy { isAlnum($0) || $0 == "." || $0 == "_" || $0 == "-" }
  }

  private static func isLowerAlnum(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
  }

  private static func isAlnum(_ scalar: Unicode.Scalar) -> Bool {
    isLowerAlnum(scalar) || ("A"..."Z").contains(scalar)
  }
}
