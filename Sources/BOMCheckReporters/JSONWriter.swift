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

  /// A string, or nothing when nil (the key is then left out).
  static func optional(_ text: String?) -> JSONValue? { text.map { .string($0) } }

  /// An array of strings.
  static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
}

/// Writes JSON exactly as Foundation's `JSONEncoder` does with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes` (two-space indents, `"key" : value`, `\u00XX` for other control
/// characters), several times faster and without the Codable boxing.
struct JSONWriter {
  var bytes: [UInt8] = []

  init(capacity: Int = 1 << 16) {
    bytes.reserveCapacity(capacity)
  }

  mutating func write(_ value: JSONValue, indent: Int = 0) {
    switch value {
    case .string(let text): writeString(text)
    case .int(let number): bytes.append(contentsOf: String(number).utf8)
    case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    case .array(let items):
      writeArray(count: items.count, indent: indent) { items[$0] }
    case .lazyArray(let count, let item):
      writeArray(count: count, indent: indent, item)
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
        bytes.append(contentsOf: " : ".utf8)
        write(member.1, indent: indent + 2)
        if index < sorted.count - 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(10)
      }
      pad(indent)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  private mutating func writeArray(count: Int, indent: Int, _ item: (Int) -> JSONValue) {
    bytes.append(UInt8(ascii: "["))
    bytes.append(10)
    if count == 0 {
      bytes.append(10)
    }
    for index in 0..<count {
      pad(indent + 2)
      write(item(index), indent: indent + 2)
      if index < count - 1 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(10)
    }
    pad(indent)
    bytes.append(UInt8(ascii: "]"))
  }

  private mutating func pad(_ count: Int) {
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
  }

  private static let hex = Array("0123456789abcdef".utf8)

  private mutating func writeString(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
      case 0x08: bytes.append(contentsOf: [92, UInt8(ascii: "b")])
      case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
      case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
      case 0x0C: bytes.append(contentsOf: [92, UInt8(ascii: "f")])
      case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
      case 0..<0x20:
        bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 15)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
