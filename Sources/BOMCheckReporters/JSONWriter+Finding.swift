import BOMCheckCore

extension JSONWriter {
  /// Writes a finding as the object `JSONReporter` documents, with its keys already in sorted
  /// order, without building a `JSONValue` for it (same bytes as the generic object path).
  mutating func writeFinding(_ finding: Finding, indent: Int) {
    raw("{\n")
    var first = true
    func key(_ name: StaticString) {
      if !first { raw(",\n") }
      first = false
      pad(indent + 2)
      bytes.append(UInt8(ascii: "\""))
      name.withUTF8Buffer { bytes.append(contentsOf: $0) }
      raw("\" : ")
    }
    // Arrays of strings as `writeArray` writes them.
    func strings(_ items: [String]) {
      raw("[\n")
      if items.isEmpty { bytes.append(10) }
      for (index, item) in items.enumerated() {
        pad(indent + 4)
        writeString(item)
        if index < items.count - 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(10)
      }
      pad(indent + 2)
      bytes.append(UInt8(ascii: "]"))
    }
    key("column")
    writeInt(finding.location.column)
    key("confidence")
    writeString(finding.confidence.rawValue)
    key("file")
    writeString(finding.location.file)
    key("fingerprint")
    writeString(finding.fingerprint)
    key("instruments")
    strings(finding.instruments)
    key("line")
    writeInt(finding.location.line)
    key("markets")
    strings(finding.markets)
    key("message")
    writeString(finding.message)
    key("notes")
    strings(finding.notes)
    key("part")
    writeString(finding.part)
    key("product")
    writeString(finding.product)
    key("regime")
    writeString(finding.regime)
    key("rule")
    writeString(finding.rule)
    if let settle = finding.settle {
      key("settle")
      writeString(settle)
    }
    key("severity")
    writeString(finding.severity.rawValue)
    key("sources")
    // A rule's findings share its list of sources (long addresses): written once, then copied.
    if let cached = renderedSources.firstIndex(where: { $0.indent == indent && $0.items == finding.sources }) {
      bytes.append(contentsOf: renderedSources[cached].bytes)
    } else {
      let start = bytes.count
      strings(finding.sources)
      if renderedSources.count == 8 { renderedSources.removeFirst() }
      renderedSources.append((finding.sources, indent, bytes.array(from: start)))
    }
    key("status")
    writeString(finding.status.rawValue)
    key("waived")
    raw(finding.waived ? "true" : "false")
    if let waiver = finding.waiver {
      key("waiver")
      writeString(waiver)
    }
    bytes.append(10)
    pad(indent)
    bytes.append(UInt8(ascii: "}"))
  }
}
