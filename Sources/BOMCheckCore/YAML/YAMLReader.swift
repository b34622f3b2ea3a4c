internal import CLibYAML
import Foundation

/// The result of reading one YAML file: the root node and the duplicate keys found on the way.
public struct YAMLDocument: Sendable {
  /// The document's root node.
  public var root: YAMLNode
  /// Keys written twice in one mapping (errors; the first occurrence is kept).
  public var duplicateKeys: [DuplicateKey]
  /// Nodes in the tree after alias expansion.
  public var nodeCount: Int
}

/// Reads YAML bytes with libyaml's event parser into a located ``YAMLNode`` tree.
///
/// Enforces the reliability limits: one document per file, UTF-8 only, no NUL bytes, nesting depth,
/// alias expansion bounded by a node budget (so alias bombs are refused in bounded time and memory),
/// and recursive aliases refused.
public struct YAMLReader: Sendable {
  /// The limits applied.
  public var limits: YAMLLimits

  /// Creates a reader with the given limits.
  public init(limits: YAMLLimits = YAMLLimits()) {
    self.limits = limits
  }

  /// Reads one document from `bytes`.
  /// - Throws: ``YAMLError`` for anything that stops the file from being read.
  public func read(_ bytes: [UInt8]) throws(YAMLError) -> YAMLDocument {
    try read(bytes, batch: 0) { _ in }
  }

  /// Reads one document from `bytes`, handing `onItems` the items of the top-level `parts` list
  /// (the sequence under the root mapping's first `parts` key) in batches of `batch` as they are
  /// completed, so that they can be decoded while the rest of the file is still being parsed.
  /// The last, partial batch is not handed over (it is in the document); `batch` 0 hands none.
  /// - Throws: ``YAMLError`` for anything that stops the file from being read.
  public func read(_ bytes: [UInt8], batch: Int, onItems: ([YAMLNode]) -> Void) throws(YAMLError) -> YAMLDocument {
    if bytes.count > limits.maxFileBytes {
      throw .fileTooLarge(size: bytes.count, limit: limits.maxFileBytes)
    }
    if let nul = Self.firstNul(bytes) {
      throw .nulByte(Self.mark(ofOffset: nul, in: bytes))
    }
    let result: Result<YAMLDocument, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
      var builder = TreeBuilder(limits: limits)
      builder.batch = batch
      do throws(YAMLError) {
        return .success(try builder.parse(buffer, bytes: bytes, onItems: onItems))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// The offset of the first NUL byte, if any (with `memchr`: the whole file is scanned).
  static func firstNul(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
  }

  /// The 1-based line and column (in Unicode scalars) of a byte offset.
  static func mark(ofOffset offset: Int, in bytes: [UInt8]) -> Mark {
    var line = 1
    var column = 1
    var index = 0
    let end = min(offset, bytes.count)
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      index += 1
    }
    return Mark(line: line, column: column)
  }
}

/// Builds the tree from libyaml events; one instance per parse.
private struct TreeBuilder {
  let limits: YAMLLimits
  var stack: [Frame] = []
  var anchors: [String: (node: YAMLNode, size: Int)] = [:]
  var openAnchors: Set<String> = []
  var nodeCount = 0
  var expandedCount = 0
  var duplicates: [DuplicateKey] = []
  var root: YAMLNode?
  var documents = 0
  /// Top-level `parts` items per batch handed out while parsing (0: none).
  var batch = 0
  /// Completed top-level `parts` items not yet handed out.
  var pendingItems: [YAMLNode] = []

  init(limits: YAMLLimits) {
    self.limits = limits
  }

  mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>, bytes: [UInt8], onItems: ([YAMLNode]) -> Void)
    throws(YAMLError) -> YAMLDocument
  {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw .syntax(Mark(line: 1, column: 1), problem: "libyaml could not start")
    }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    var event = yaml_event_t()
    while true {
      guard yaml_parser_parse(&parser, &event) == 1 else {
        throw Self.parserError(parser, bytes: bytes)
      }
      defer { yaml_event_delete(&event) }
      if event.type == YAML_STREAM_END_EVENT { break }
      try handle(&event)  // (by pointer: not copied for every call)
      if batch > 0, pendingItems.count >= batch {
        onItems(pendingItems)
        pendingItems.removeAll(keepingCapacity: true)
      }
    }
    guard let root else { throw .empty }
    return YAMLDocument(root: root, duplicateKeys: duplicates, nodeCount: nodeCount)
  }

  static func parserError(_ parser: yaml_parser_t, bytes: [UInt8]) -> YAMLError {
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
    if parser.error == YAML_READER_ERROR {
      let mark = YAMLReader.mark(ofOffset: Int(parser.problem_offset), in: bytes)
      if problem.contains("UTF-8") { return .notUTF8(mark, detail: problem) }
      return .syntax(mark, problem: problem)
    }
    var text = problem
    if let context = parser.context.map({ String(cString: $0) }) {
      let contextMark = LibYAMLEvent.mark(parser.context_mark)
      text = "\(problem) (\(context) at \(contextMark))"
    }
    return .syntax(LibYAMLEvent.mark(parser.problem_mark), problem: text)
  }

  mutating func handle(_ event: UnsafePointer<yaml_event_t>) throws(YAMLError) {
    let start = LibYAMLEvent.mark(event.pointee.start_mark)
    switch event.pointee.type {
    case YAML_DOCUMENT_START_EVENT:
      documents += 1
      if documents > 1 { throw .multipleDocuments(start) }
    case YAML_SCALAR_EVENT:
      let data = event.pointee.data.scalar
      let text = String(
        decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)), as: UTF8.self)
      let style: ScalarStyle = data.style == YAML_PLAIN_SCALAR_STYLE ? .plain : .quoted
      let node = YAMLNode(.scalar(text, style), mark: start, tag: LibYAMLEvent.string(data.tag))
      try complete(node, size: 1, anchor: LibYAMLEvent.string(data.anchor))
    case YAML_ALIAS_EVENT:
      let name = LibYAMLEvent.string(event.pointee.data.alias.anchor) ?? ""
      try alias(name, at: start)
    case YAML_SEQUENCE_START_EVENT:
      let data = event.pointee.data.sequence_start
      try open(.sequence, at: start, anchor: LibYAMLEvent.string(data.anchor), tag: LibYAMLEvent.string(data.tag))
    case YAML_MAPPING_START_EVENT:
      let data = event.pointee.data.mapping_start
      try open(.mapping, at: start, anchor: LibYAMLEvent.string(data.anchor), tag: LibYAMLEvent.string(data.tag))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      try close()
    default:
      break
    }
  }

  /// Counts nodes; only nodes copied in by aliases count against the expansion limit (nodes
  /// written out in the file are bounded by the file-size limit).
  mutating func count(_ size: Int, at mark: Mark, expanded: Bool = false) throws(YAMLError) {
    nodeCount = nodeCount &+ size
    guard expanded else { return }
    expandedCount = expandedCount &+ size
    if expandedCount > limits.maxNodes { throw .expansionLimit(mark, limit: limits.maxNodes) }
  }

  mutating func open(_ kind: Frame.Kind, at mark: Mark, anchor: String?, tag: String?)
    throws(YAMLError)
  {
    if stack.count >= limits.maxDepth { throw .tooDeep(mark, limit: limits.maxDepth) }
    try count(1, at: mark)
    if let anchor { openAnchors.insert(anchor) }
    stack.append(Frame(kind: kind, mark: mark, anchor: anchor, tag: tag))
  }

  mutating func close() throws(YAMLError) {
    guard let frame = stack.popLast() else { return }
    if let anchor = frame.anchor { openAnchors.remove(anchor) }
    let node: YAMLNode
    switch frame.kind {
    case .sequence:
      node = YAMLNode(.sequence(frame.items), mark: frame.mark, tag: frame.tag)
    case .mapping:
      node = YAMLNode(.mapping(try frame.mergedPairs()), mark: frame.mark, tag: frame.tag)
      duplicates.append(contentsOf: frame.duplicates)
    }
    try complete(node, size: frame.size, anchor: frame.anchor, counted: true)
  }

  mutating func alias(_ name: String, at mark: Mark) throws(YAMLError) {
    if openAnchors.contains(name) { throw .recursiveAlias(mark, name: name) }
    guard let target = anchors[name] else { throw .undefinedAlias(mark, name: name) }
    try count(target.size, at: mark, expanded: true)
    var node = target.node
    node.mark = mark
    try complete(node, size: target.size, anchor: nil, counted: true)
  }

  /// Hands a finished node to its parent (or makes it the root); `counted` nodes were already
  /// added to the node budget.
  mutating func complete(_ node: YAMLNode, size: Int, anchor: String?, counted: Bool = false)
    throws(YAMLError)
  {
    if !counted { try count(size, at: node.mark) }
    if let anchor { anchors[anchor] = (node, size) }
    guard !stack.isEmpty else {
      root = node
      return
    }
    if batch > 0, stack.count == 2, isTopLevelPartsList() { pendingItems.append(node) }
    stack[stack.count - 1].add(node, size: size)
  }

  /// Whether the open collections are the root mapping and, under its first `parts` key, a
  /// sequence (whose items are then the top-level parts).
  func isTopLevelPartsList() -> Bool {
    guard stack[0].kind == .mapping, stack[1].kind == .sequence,
      case .scalar("parts", _)? = stack[0].pendingKey?.content
    else { return false }
    return stack[0].seen("parts") == nil
  }
}

/// An open collection while events are read.
private struct Frame {
  enum Kind { case sequence, mapping }
  let kind: Kind
  let mark: Mark
  let anchor: String?
  let tag: String?
  var size = 1
  var items: [YAMLNode] = []
  var pairs: [YAMLPair] = []
  var merges: [YAMLNode] = []
  var pendingKey: YAMLNode?
  /// Scalar keys by text once the mapping has more than 16 pairs (below that, duplicates are
  /// found by a linear scan of `pairs`: mappings are small, and this saves a list per mapping).
  var seenIndex: [String: Mark]?
  var duplicates: [DuplicateKey] = []

  init(kind: Kind, mark: Mark, anchor: String?, tag: String?) {
    self.kind = kind
    self.mark = mark
    self.anchor = anchor
    self.tag = tag
  }

  mutating func add(_ node: YAMLNode, size: Int) {
    self.size = self.size &+ size
    switch kind {
    case .sequence:
      items.append(node)
    case .mapping:
      guard let key = pendingKey else {
        pendingKey = node
        return
      }
      pendingKey = nil
      addPair(key: key, value: node)
    }
  }

  mutating func addPair(key: YAMLNode, value: YAMLNode) {
    guard case .scalar(let text, let style) = key.content else {
      pairs.append(YAMLPair(key: key, value: value))
      return
    }
    if text == "<<" && style == .plain {
      merges.append(value)
      return
    }
    if let first = seen(text) {
      duplicates.append(DuplicateKey(mark: key.mark, key: text, firstMark: first))
      return
    }
    // Most mappings (parts) have a handful of keys: room for them at once instead of regrowing.
    if pairs.isEmpty { pairs.reserveCapacity(8) }
    pairs.append(YAMLPair(key: key, value: value))
    if seenIndex != nil {
      seenIndex?[text] = key.mark
    } else if pairs.count > 16 {
      var index: [String: Mark] = [:]
      for pair in pairs {
        if let key = pair.key.scalarText, index[key] == nil { index[key] = pair.key.mark }
      }
      seenIndex = index
    }
  }

  /// Where the scalar key `key` was first written in this mapping, if it was.
  func seen(_ key: String) -> Mark? {
    if let seenIndex { return seenIndex[key] }
    for pair in pairs {
      if case .scalar(let text, _) = pair.key.content, text == key { return pair.key.mark }
    }
    return nil
  }

  /// The explicit pairs followed by merged pairs whose keys are not already present.
  func mergedPairs() throws(YAMLError) -> [YAMLPair] { try YAMLNode.merged(pairs, merges) }
}

/// What the readers of libyaml's events (`YAMLReader`, `DirectBOMReader`) read alike.
enum LibYAMLEvent {
  /// A libyaml mark as a 1-based ``Mark``.
  static func mark(_ mark: yaml_mark_t) -> Mark {
    Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
  }

  /// A libyaml string (an anchor, a tag), if there is one.
  static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
  }
}

extension YAMLNode {
  /// A mapping's pairs followed by the pairs of its merge sources (`<<` values: a mapping or a list
  /// of them) whose keys are not already there, the first source winning.
  /// - Throws: ``YAMLError/badMerge(_:)`` for a source that is not a mapping.
  static func merged(_ pairs: [YAMLPair], _ merges: [YAMLNode]) throws(YAMLError) -> [YAMLPair] {
    guard !merges.isEmpty else { return pairs }
    var result = pairs
    var present = Set(pairs.compactMap(\.key.scalarText))
    for merge in merges {
      let sources: [YAMLNode]
      switch merge.content {
      case .mapping: sources = [merge]
      case .sequence(let list): sources = list
      case .scalar: throw .badMerge(merge.mark)
      }
      for source in sources {
        guard case .mapping(let merged) = source.content else { throw .badMerge(source.mark) }
        for pair in merged {
          let key = pair.key.scalarText ?? ""
          if present.insert(key).inserted { result.append(pair) }
        }
      }
    }
    return result
  }
}
