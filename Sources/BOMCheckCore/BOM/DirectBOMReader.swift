internal import CLibYAML

/// Reads a plain BOM file in one pass over libyaml's events: each part is decoded when its mapping
/// closes, without a YAML tree being built for it first (parts are the bulk of a BOM); the rest of
/// the file (its header) becomes a tree as usual.
///
/// An anchored mapping (and what an alias or a merge key brings in) is built as a tree and decoded
/// the general way. The reader gives up (nil) on anything it does not handle exactly as the general
/// path does: tags, duplicate or non-text keys, unknown part keys, an undefined or recursive alias,
/// a syntax error, a limit, and any diagnostic at all. The file is then read again the general way
/// (`YAMLReader` then `BOMDecoder`), so every message comes from the general path, and a file gives
/// the same ``BOMFile`` both ways (tests compare them).
struct DirectBOMReader {
  let decoder: BOMDecoder
  let limits: YAMLLimits

  /// The decoded file, or nil when the general path must read it.
  func read(_ bytes: [UInt8], file: String) -> (BOMFile, [Diagnostic])? {
    guard bytes.count <= limits.maxFileBytes, decoder.maxPartDepth >= 1, YAMLReader.firstNul(bytes) == nil else {
      return nil
    }
    let parsed: (YAMLDocument, [Part], [Mark])? = bytes.withUnsafeBufferPointer { buffer in
      var reader = EventReader(decoder: decoder, limits: limits, file: file)
      guard let result = reader.parse(buffer), reader.context.diagnostics.isEmpty else { return nil }
      return result
    }
    guard let (document, parts, marks) = parsed else { return nil }
    let (bom, diagnostics) = decoder.decode(document, file: file, decoded: parts, marks: marks)
    guard let bom, diagnostics.isEmpty else { return nil }
    return (bom, diagnostics)
  }
}

/// The event loop of ``DirectBOMReader``: one instance per file.
private struct EventReader {
  /// What is open, innermost last; each kind's state is on its own stack (kept apart so that
  /// appending to an open collection never copies it).
  enum Open { case mapping, sequence, part, partList }

  /// A mapping or sequence built as a tree: the header, a part's value (such as `chip`), or an
  /// anchored mapping.
  struct Collection {
    let mark: Mark
    let anchor: String?
    var pairs: [YAMLPair] = []
    var items: [YAMLNode] = []
    var merges: [YAMLNode] = []
    var key: YAMLNode?
    /// Nodes in it, itself included (what an alias of it copies).
    var size = 1

    init(mark: Mark, anchor: String?) {
      self.mark = mark
      self.anchor = anchor
    }
  }

  /// A part mapping being read.
  struct PartMapping {
    let mark: Mark
    /// Its depth (top-level parts are 1).
    let depth: Int
    /// Where its pairs start on the reader's `pairs` stack, and its kept scalars on `scalars`.
    let start: Int
    let scalarStart: Int
    /// Where each part key's pair or scalar is (`PartFields.Positions`), from those starts.
    var positions = PartFields.none
    /// The part keys seen (bit `rawValue`).
    var seen: UInt32 = 0
    /// The pending key and where it is written; nil with `merging` for a merge key.
    var key: PartKey?
    var keyMark: Mark?
    var merging = false
    /// What merge keys bring in (mappings, or lists of them), in order.
    var merges: [YAMLNode] = []
    /// The decoded sub-parts, once its `parts` list closed.
    var children: [Part] = []
  }

  /// A list of parts being read: the top-level one or a part's `parts`.
  struct PartList {
    let mark: Mark
    /// The depth of its parts.
    let depth: Int
    var parts: [Part] = []
    var marks: [Mark] = []

    /// `capacity`: the parts to make room for from the start (a list's growths each move all its
    /// parts into a new allocation, and a part is wide).
    init(mark: Mark, depth: Int, capacity: Int = 4) {
      self.mark = mark
      self.depth = depth
      parts.reserveCapacity(capacity)
      marks.reserveCapacity(capacity)
    }
  }

  /// Thrown to give the file back to the general path.
  struct GiveUp: Error {}

  let decoder: BOMDecoder
  let limits: YAMLLimits
  var context: DecodeContext
  var open: [Open] = []
  var collections: [Collection] = []
  /// The innermost open part mapping (a stored property, so that it is changed in place), and
  /// the ones around it.
  var current = PartMapping(mark: Mark(line: 0, column: 0), depth: 0, start: 0, scalarStart: 0)
  /// The pairs of the open part mappings, innermost last (one array for all: no array per part),
  /// and their values kept as scalars (most of them: no YAML nodes are made for these).
  var pairs: [YAMLPair] = []
  var scalars: [ScalarField] = []
  var outerParts: [PartMapping] = []
  var partLists: [PartList] = []
  var root: YAMLNode?
  var documents = 0
  /// Anchored nodes by name, with their sizes; nodes copied in by aliases so far.
  var anchors: [String: (node: YAMLNode, size: Int)] = [:]
  var expanded = 0
  /// Anchors of collections still open: an alias to one is recursive (even when an earlier node
  /// had the same anchor), which the general reader refuses.
  var openAnchors: [String] = []
  /// The top-level parts and their marks, once the list closed.
  var topParts: (parts: [Part], marks: [Mark])?
  /// Room made for the top-level parts from the start: about one for every 256 bytes of the file
  /// (a top-level part with its sub-parts takes 300 bytes and more in the BOMs seen), so that the
  /// list seldom grows.
  var topCapacity = 4

  init(decoder: BOMDecoder, limits: YAMLLimits, file: String) {
    self.decoder = decoder
    self.limits = limits
    context = DecodeContext(file: file, codes: decoder.codes)
  }

  mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> (YAMLDocument, [Part], [Mark])? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    topCapacity = min(max(4, buffer.count / 256), 1 << 16)
    var event = yaml_event_t()
    do {
      while true {
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        if event.type == YAML_STREAM_END_EVENT { break }
        // (By pointer: passed by value, the event was copied for every call, reading it back
        // right after libyaml wrote it.)
        try handle(&event)
      }
    } catch {
      return nil
    }
    guard let root, let topParts else { return nil }
    return (YAMLDocument(root: root, duplicateKeys: [], nodeCount: 0), topParts.parts, topParts.marks)
  }

  mutating func handle(_ event: UnsafePointer<yaml_event_t>) throws(GiveUp) {
    let start = LibYAMLEvent.mark(event.pointee.start_mark)
    switch event.pointee.type {
    case YAML_DOCUMENT_START_EVENT:
      documents += 1
      if documents > 1 { throw GiveUp() }
    case YAML_SCALAR_EVENT:
      let data = event.pointee.data.scalar
      guard data.tag == nil else { throw GiveUp() }
      let bytes = UnsafeBufferPointer(start: data.value, count: Int(data.length))
      let style: ScalarStyle = data.style == YAML_PLAIN_SCALAR_STYLE ? .plain : .quoted
      if open.last == .part, !current.merging, data.anchor == nil {
        guard let key = current.key else {
          let merge = bytes.count == 2 && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<")
          try partKey(PartKey.named(bytes), merge: merge, style: style, mark: start)
          return
        }
        // A part's scalar value is kept as written (`parts` must be a list: the general path says so).
        if key != .parts, let keyMark = current.keyMark {
          current.positions[key.rawValue] = PartFields.scalarLane(scalars.count - current.scalarStart)
          scalars.append(
            ScalarField(
              text: String(unsafeUninitializedCapacity: bytes.count) { $0.initialize(fromContentsOf: bytes) },
              style: style, keyMark: keyMark, valueMark: start))
          current.key = nil
          current.keyMark = nil
          return
        }
      }
      let text = String(decoding: bytes, as: UTF8.self)
      let node = YAMLNode(.scalar(text, style), mark: start)
      if let anchor = LibYAMLEvent.string(data.anchor) { anchors[anchor] = (node, 1) }
      try complete(node, size: 1)
    case YAML_MAPPING_START_EVENT:
      let data = event.pointee.data.mapping_start
      guard data.tag == nil, open.count < limits.maxDepth else { throw GiveUp() }
      let anchor = LibYAMLEvent.string(data.anchor)
      if let anchor { openAnchors.append(anchor) }
      switch open.last {
      case .partList? where anchor == nil:
        var outer = PartMapping(
          mark: start, depth: partLists[partLists.count - 1].depth, start: pairs.count, scalarStart: scalars.count)
        swap(&outer, &current)
        if open.contains(.part) { outerParts.append(outer) }
        open.append(.part)
      case .part?:
        // A part's value may be a mapping (`chip`, `composition`, a merge), but `parts` must be a list.
        guard current.key != .parts else { throw GiveUp() }
        collections.append(Collection(mark: start, anchor: anchor))
        open.append(.mapping)
      default:
        collections.append(Collection(mark: start, anchor: anchor))
        open.append(.mapping)
      }
    case YAML_SEQUENCE_START_EVENT:
      let data = event.pointee.data.sequence_start
      guard data.anchor == nil, data.tag == nil, open.count < limits.maxDepth else { throw GiveUp() }
      switch open.last {
      case .partList?:
        throw GiveUp()  // a part must be a mapping
      case .part?:
        guard current.key == .parts else {
          collections.append(Collection(mark: start, anchor: nil))
          open.append(.sequence)
          return
        }
        let depth = current.depth + 1
        guard depth <= decoder.maxPartDepth else { throw GiveUp() }
        partLists.append(PartList(mark: start, depth: depth))
        open.append(.partList)
      case .mapping? where open.count == 1 && topParts == nil && partLists.isEmpty:
        // The root mapping's `parts` list holds the top-level parts.
        if case .scalar("parts", _)? = collections[0].key?.content {
          partLists.append(PartList(mark: start, depth: 1, capacity: topCapacity))
          open.append(.partList)
        } else {
          collections.append(Collection(mark: start, anchor: nil))
          open.append(.sequence)
        }
      default:
        collections.append(Collection(mark: start, anchor: nil))
        open.append(.sequence)
      }
    case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
      try close()
    case YAML_ALIAS_EVENT:
      // Only anchors already closed: an undefined or recursive alias is the general path's error.
      guard let name = LibYAMLEvent.string(event.pointee.data.alias.anchor), !openAnchors.contains(name),
        let target = anchors[name]
      else { throw GiveUp() }
      expanded += target.size
      guard expanded <= limits.maxNodes else { throw GiveUp() }
      var node = target.node
      node.mark = start
      try complete(node, size: target.size)
    default:
      break
    }
  }

  /// Closes the innermost open collection.
  mutating func close() throws(GiveUp) {
    switch open.popLast() {
    case .mapping?:
      let collection = collections.removeLast()
      let node = YAMLNode(.mapping(try Self.merged(collection.pairs, collection.merges)), mark: collection.mark)
      if let anchor = collection.anchor {
        openAnchors.removeLast()
        anchors[anchor] = (node, collection.size)
      }
      try complete(node, size: collection.size)
    case .sequence?:
      let collection = collections.removeLast()
      try complete(YAMLNode(.sequence(collection.items), mark: collection.mark), size: collection.size)
    case .part?:
      // The mapping is moved out of `current`, not copied.
      var mapping = outerParts.popLast() ?? PartMapping(mark: current.mark, depth: 0, start: 0, scalarStart: 0)
      swap(&mapping, &current)
      let mark = mapping.mark
      let start = mapping.start
      let scalarStart = mapping.scalarStart
      let part = try finish(consume mapping)
      // Its pairs and scalars are done with (and no longer shared): the stacks shrink in place.
      pairs.removeLast(pairs.count - start)
      scalars.removeLast(scalars.count - scalarStart)
      partLists[partLists.count - 1].parts.append(part)
      partLists[partLists.count - 1].marks.append(mark)
    case .partList?:
      let list = partLists.removeLast()
      // An empty list is an error (the general path reports it).
      guard !list.parts.isEmpty else { throw GiveUp() }
      if open.last == .part {
        // (The decoder checks the top-level refs itself.)
        decoder.checkRefs(list.parts, list.marks, &context)
        current.children = list.parts
      } else {
        topParts = (list.parts, list.marks)
      }
      // The `parts` pair stands in its mapping with an empty list: the decoder only asks whether
      // it is there.
      try complete(YAMLNode(.sequence([]), mark: list.mark), size: 1)
    case nil:
      break
    }
  }

  /// Decodes a closed part mapping.
  mutating func finish(_ mapping: consuming PartMapping) throws(GiveUp) -> Part {
    var mergedParts: YAMLPair?
    if !mapping.merges.isEmpty {
      // As `YAMLReader` merges: the pairs written, then merged pairs whose keys are not written.
      for pair in try Self.merged([], mapping.merges) {
        guard let text = pair.key.scalarText, let key = PartKey.named(text) else { throw GiveUp() }
        let bit: UInt32 = 1 << UInt32(key.rawValue)
        guard mapping.seen & bit == 0 else { continue }
        mapping.seen |= bit
        mapping.positions[key.rawValue] = Int32(pairs.count - mapping.start)
        pairs.append(pair)
        if key == .parts { mergedParts = pair }
      }
    }
    guard mapping.seen & (1 << UInt32(PartKey.ref.rawValue)) != 0 else { throw GiveUp() }
    let before = context.diagnostics.count
    let fields = PartFields(
      pairs: pairs[mapping.start...], scalars: scalars[mapping.scalarStart...], positions: mapping.positions)
    var children: [Part] = []
    if !fields.has(.include), fields.has(.parts) {
      if let mergedParts {
        // Sub-parts brought in by a merge are a tree: decoded the general way.
        children = decoder.decodeParts(mergedParts, depth: mapping.depth + 1, &context)
        if children.isEmpty { throw GiveUp() }
      } else {
        children = mapping.children
      }
    }
    // (Made whole in one go: a part changed after it is made is copied on return.)
    let part = decoder.decodeFields(fields, at: mapping.mark, parts: children, &context)
    guard context.diagnostics.count == before else { throw GiveUp() }
    return part
  }

  /// `YAMLNode.merged`, a bad merge given back (it is the general path's error to report).
  static func merged(_ pairs: [YAMLPair], _ merges: [YAMLNode]) throws(GiveUp) -> [YAMLPair] {
    do {
      return try YAMLNode.merged(pairs, merges)
    } catch {
      throw GiveUp()
    }
  }

  /// A key of the open part mapping (found from its bytes, for a plain scalar event: no string is
  /// made for it): a known part key not seen yet in this mapping, or a merge key.
  mutating func partKey(_ key: PartKey?, merge: Bool, style: ScalarStyle, mark: Mark) throws(GiveUp) {
    if merge && style == .plain {
      current.merging = true
      return
    }
    guard let partKey = key else { throw GiveUp() }
    let bit: UInt32 = 1 << UInt32(partKey.rawValue)
    guard current.seen & bit == 0 else { throw GiveUp() }
    current.seen |= bit
    current.key = partKey
    current.keyMark = mark
  }

  /// Hands a finished node of `size` nodes to the open collection (or makes it the root).
  mutating func complete(_ node: consuming YAMLNode, size: Int) throws(GiveUp) {
    switch open.last {
    case nil:
      guard case .mapping = node.content else { throw GiveUp() }
      root = node
    case .sequence?:
      let index = collections.count - 1
      collections[index].items.append(node)
      collections[index].size += size
    case .mapping?:
      let index = collections.count - 1
      collections[index].size += size
      guard let key = collections[index].key else {
        // Keys are text and not written twice; a large mapping is left to the general reader
        // (it finds duplicates by hashing).
        guard case .scalar(let text, _) = node.content, collections[index].pairs.count < 64,
          !collections[index].pairs.contains(where: { $0.key.scalarText == text })
        else { throw GiveUp() }
        collections[index].key = node
        return
      }
      collections[index].key = nil
      if case .scalar("<<", .plain) = key.content {
        collections[index].merges.append(node)
      } else {
        collections[index].pairs.append(YAMLPair(key: key, value: node))
      }
    case .part?:
      if current.merging {
        current.merging = false
        current.merges.append(node)
        return
      }
      guard let partKey = current.key else {
        // A key that is not a plain scalar event (an anchored scalar, an alias).
        guard case .scalar(let text, let style) = node.content else { throw GiveUp() }
        try partKey(PartKey.named(text), merge: text == "<<", style: style, mark: node.mark)
        return
      }
      // `parts` arrives here only as its placeholder, once its list closed.
      if partKey == .parts, case .scalar = node.content { throw GiveUp() }
      guard let keyMark = current.keyMark else { throw GiveUp() }
      // The key's own text is the (static) name: the same text, without a string made per part.
      let key = YAMLNode(.scalar(partKey.name, .plain), mark: keyMark)
      current.key = nil
      current.keyMark = nil
      current.positions[partKey.rawValue] = Int32(pairs.count - current.start)
      pairs.append(YAMLPair(key: key, value: node))
    case .partList?:
      // An anchored part or an alias: a tree, decoded the general way.
      guard case .mapping = node.content else { throw GiveUp() }
      let index = partLists.count - 1
      let before = context.diagnostics.count
      let part = decoder.decodePart(node, depth: partLists[index].depth, &context)
      guard context.diagnostics.count == before else { throw GiveUp() }
      partLists[index].parts.append(part)
      partLists[index].marks.append(node.mark)
    }
  }
}
