import BOMCheckCore

extension JSONWriter {
  /// Writes a finding as the object `JSONReporter` documents, with its keys already in sorted
  /// order, without building a `JSONValue` for it (same bytes as the generic object path).
  mutating func writeFinding(_ finding: Finding, indent: Int) {
    withUnsafePointer(to: finding) { writeFinding(at: $0, indent: indent) }
  }

  /// `writeFinding(_:indent:)` on a finding read in place (its fields are read, not the whole
  /// finding copied).
  mutating func writeFinding(at finding: UnsafePointer<Finding>, indent: Int) {
    // The buffer is claimed while the finding is written, so that its many small appends skip
    // the buffer's uniqueness check.
    bytes.claim()
    defer { bytes.unclaim() }
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
    writeInt(finding.pointee.location.column)
    key("confidence")
    writeString(finding.pointee.confidence.rawValue)
    key("file")
    writeString(finding.pointee.location.file)
    key("fingerprint")
    writeString(finding.pointee.fingerprint)
    key("instruments")
    strings(finding.pointee.instruments)
    key("line")
    writeInt(finding.pointee.location.line)
    key("markets")
    strings(finding.pointee.markets)
    key("message")
    writeString(finding.pointee.message)
    key("notes")
    strings(finding.pointee.notes)
    key("part")
    writeString(finding.pointee.part)
    key("product")
    writeString(finding.pointee.product)
    key("regime")
    writeString(finding.pointee.regime)
    key("rule")
    writeString(finding.pointee.rule)
    if let settle = finding.pointee.settle {
      key("settle")
      writeString(settle)
    }
    key("severity")
    writeString(finding.pointee.severity.rawValue)
    key("sources")
    // A rule's findings share its list of sources (long addresses): written once, then copied.
    if let cached = renderedSources.firstIndex(where: { $0.indent == indent && $0.items == finding.pointee.sources }) {
      bytes.append(contentsOf: renderedSources[cached].bytes)
    } else {
      let start = bytes.count
      strings(finding.pointee.sources)
      if renderedSources.count == 8 { renderedSources.removeFirst() }
      renderedSources.append((finding.pointee.sources, indent, bytes.array(from: start)))
    }
    key("status")
    writeString(finding.pointee.status.rawValue)
    key("waived")
    raw(finding.pointee.waived ? "true" : "false")
    if let waiver = finding.pointee.waiver {
      key("waiver")
      writeString(waiver)
    }
    bytes.append(10)
    pad(indent)
    bytes.append(UInt8(ascii: "}"))
  }
}
