import BOMCheckCore

/// A JSON value for the report writers.
enum JSONValue {
  case string(String)
  case int(Int)
  case bool(Bool)
  case array([JSONValue])
  /// Keys are written sorted.
  case object([(String, JSONValue)])
  /// An array whose items are made one at a time while writing (a long list is never held as
  /// values all at once).
  case lazyArray(count: Int, item: (Int) -> JSONValue)
  /// An array whose items were rendered ahead (`JSONReporter.findingsFragment`, at the indent of
  /// the items) and spilled to a temporary file; copied from there piece by piece.
  case spilled(FindingSpill)
  /// A finding, written member by member (the bulk of a report; see `JSONWriter+Finding.swift`).
  case finding(Finding)

  /// A string, or nothing when nil (the key is then left out).
  static func optional(_ text: String?) -> JSONValue? { text.map { .string($0) } }

  /// An array of strings.
  static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
}

/// Writes JSON exactly as Foundation's `JSONEncoder` does with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes` (two-space indents, `"key" : value`, `\u00XX` for other control
/// characters), several times faster and without the Codable boxing.
///
/// With an `output`, the bytes are handed over whenever about a megabyte has gathered, so a long
/// report is never held whole.
struct JSONWriter {
  var bytes: ByteBuffer
  /// Where finished bytes go; nil keeps them all in `bytes`.
  var output: ((UnsafeRawBufferPointer) throws -> Void)?
  /// The last few `sources` lists written by `writeFinding`, with their indent and bytes.
  var renderedSources: [(items: [String], indent: Int, bytes: [UInt8])] = []

  init(capacity: Int = 1 << 16) {
    bytes = ByteBuffer(capacity: capacity)
  }

  /// Hands the gathered bytes to `output` (when there is one).
  mutating func flush() throws {
    guard let output, !bytes.isEmpty else { return }
    try bytes.withUnsafeBytes { try output($0) }
    bytes.removeAll(keepingCapacity: true)
  }

  mutating func write(_ value: JSONValue, indent: Int = 0) throws {
    switch value {
    case .string(let text): writeString(text)
    case .int(let number): writeInt(number)
    case .bool(let flag): raw(flag ? "true" : "false")
    case .array(let items):
      try writeArray(count: items.count, indent: indent) { items[$0] }
    case .lazyArray(let count, let item):
      try writeArray(count: count, indent: indent, item)
    case .spilled(let spill):
      try writeSpilled(spill, indent: indent)
    case .finding(let finding):
      writeFinding(finding, indent: indent)
    case .object(let members):
      bytes.append(UInt8(ascii: "{"))
      bytes.append(10)
      if members.isEmpty {
        bytes.append(10)
      }
      let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
      for (index, member) in sorted.enumerated() {
        pad(indent + 2)
        writeString(member.0)
        raw(" : ")
        try write(member.1, indent: indent + 2)
        if index < sorted.count - 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(10)
      }
      pad(indent)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  mutating func writeArray(count: Int, indent: Int, _ item: (Int) -> JSONValue) throws {
    bytes.append(UInt8(ascii: "["))
    bytes.append(10)
    if count == 0 {
      bytes.append(10)
    }
    for index in 0..<count {
      pad(indent + 2)
      try write(item(index), indent: indent + 2)
      if index < count - 1 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(10)
      if bytes.count >= 1 << 20 { try flush() }
    }
    pad(indent)
    bytes.append(UInt8(ascii: "]"))
  }

  /// The same bytes as `writeArray` over the spilled items: each range holds one product's items,
  /// already padded and joined with `,` and a newline.
  private mutating func writeSpilled(_ spill: FindingSpill, indent: Int) throws {
    raw("[\n")
    if spill.ranges.isEmpty { bytes.append(10) }
    var first = true
    try spill.forEachChunk { startsRange, chunk in
      if startsRange && !first { raw(",\n") }
      first = false
      if let output, chunk.count >= 1 << 12 {
        // A piece of a few kilobytes or more goes to the output as it is, after what is gathered
        // (not copied first: most of a report's bytes are these pieces).
        try flush()
        try output(chunk)
      } else {
        bytes.append(contentsOf: chunk)
        if bytes.count >= 1 << 20 { try flush() }
      }
    }
    if !spill.ranges.isEmpty { bytes.append(10) }
    pad(indent)
    bytes.append(UInt8(ascii: "]"))
  }

  @inline(__always)
  mutating func pad(_ count: Int) {
    bytes.append(repeating: UInt8(ascii: " "), count: count)
  }

  /// Appends ASCII text known at compile time (one copy, no `String`).
  @inline(__always)
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends a whole number in decimal.
  mutating func writeInt(_ number: Int) {
    if number >= 0 && number < 10 {
      bytes.append(UInt8(ascii: "0") + UInt8(number))
    } else {
      bytes.append(contentsOf: String(number).utf8)
    }
  }

  private static let hex = Array("0123456789abcdef".utf8)

  mutating func writeString(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    text.withUTF8Bytes { appendEscaping($0) }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends UTF-8 text with JSON escapes (for `writeString`).
  private mutating func appendEscaping(_ utf8: UnsafeBufferPointer<UInt8>) {
    guard let base = utf8.baseAddress else { return }
    var start = 0
    var index = 0
    while index < utf8.count {
      // Eight bytes at a time while none needs escaping (the usual case).
      if index + 8 <= utf8.count, !Self.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
        index += 8
        continue
      }
      let byte = utf8[index]
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        appendEscaped(byte)
        start = index + 1
      }
      index += 1
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
  }

  /// Whether one of the eight bytes in `word` is a control character, `"` or `\\` (the classic
  /// "has a zero byte" test on the word, and on it xor-ed with each quote; bytes of 0x80 and up
  /// never count).
  static func needsEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
    let below = (word &- ones &* 0x20) & ~word & highs
    let quote = hasZero(word ^ (ones &* 0x22))
    let backslash = hasZero(word ^ (ones &* 0x5C))
    return (below | quote | backslash) != 0
  }

  private mutating func appendEscaped(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
    case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
    case 0x08: bytes.append(contentsOf: [92, UInt8(ascii: "b")])
    case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
    case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
    case 0x0C: bytes.append(contentsOf: [92, UInt8(ascii: "f")])
    case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
    default:
      bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 15)]])
    }
  }

}
