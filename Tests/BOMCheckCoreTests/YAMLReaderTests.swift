import Testing

@testable import BOMCheckCore

/// Reads `text` with default limits.
func readYAML(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLDocument {
  try YAMLReader(limits: limits).read(Array(text.utf8))
}

/// The error reading `bytes` throws, as `code@line:column`.
func yamlFailure(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> String? {
  do {
    _ = try YAMLReader(limits: limits).read(bytes)
    return nil
  } catch {
    return "\(error.code)@\(error.mark?.description ?? "-")"
  }
}

@Suite struct YAMLReaderTests {
  @Test func scalarsKnowTheirPositions() throws {
    let document = try readYAML("a: 1\nlist:\n  - x\n  -   \"y\"\n")
    guard case .mapping(let pairs) = document.root.content else {
      Issue.record("root is not a mapping")
      return
    }
    #expect(pairs[0].key.mark.description == "1:1")
    #expect(pairs[0].value.mark.description == "1:4")
    guard case .sequence(let items) = pairs[1].value.content else {
      Issue.record("list is not a sequence")
      return
    }
    #expect(items.map(\.mark.description) == ["3:5", "4:7"])
    #expect(items[1].scalarText == "y")
  }

  @Test func duplicateKeysAreReportedAndTheFirstKept() throws {
    let document = try readYAML("a: 1\nb: 2\na: 3\n")
    #expect(
      document.duplicateKeys == [
        DuplicateKey(mark: Mark(line: 3, column: 1), key: "a", firstMark: Mark(line: 1, column: 1))
      ])
    guard case .mapping(let pairs) = document.root.content else { return }
    #expect(pairs.count == 2)
    #expect(pairs[0].value.scalarText == "1")
  }

  @Test func aliasesCopyTheAnchorAndTakeTheUsePosition() throws {
    let document = try readYAML("base: &m {kind: motor}\nuse: *m\n")
    guard case .mapping(let pairs) = document.root.content else { return }
    #expect(pairs[1].value.mark.description == "2:6")
    guard case .mapping(let inner) = pairs[1].value.content else {
      Issue.record("alias did not resolve to a mapping")
      return
    }
    #expect(inner[0].value.scalarText == "motor")
    #expect(inner[0].value.mark.description == "1:17")
  }

  @Test func mergeKeysAddMissingKeysOnly() throws {
    let document = try readYAML("base: &b {qty: 4, kind: motor}\npart:\n  <<: *b\n  qty: 2\n")
    guard case .mapping(let pairs) = document.root.content, case .mapping(let part) = pairs[1].value.content
    else { return }
    let values = Dictionary(uniqueKeysWithValues: part.map { ($0.key.scalarText ?? "", $0.value.scalarText ?? "") })
    #expect(values == ["qty": "2", "kind": "motor"])
  }

  @Test func mergeOfAListOfMappings() throws {
    let document = try readYAML("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n")
    guard case .mapping(let pairs) = document.root.content, case .mapping(let merged) = pairs[2].value.content
    else { return }
    #expect(merged.map { $0.key.scalarText ?? "" } == ["x", "y"])
  }

  @Test(arguments: [
    ("a: [1\n", "yaml.syntax@2:1"),
    ("a:\n\tb: 1\n", "yaml.syntax@2:1"),
    ("a: \"open\n", "yaml.syntax@2:1"),
    ("", "yaml.empty@-"),
    ("# only a comment\n", "yaml.empty@-"),
    ("a: 1\n---\nb: 2\n", "yaml.multiple-documents@2:1"),
    ("a: &x\n  b: *x\n", "yaml.recursive-alias@2:6"),
    ("a: *nope\n", "yaml.undefined-alias@1:4"),
    ("a:\n  <<: 3\n", "yaml.bad-merge@2:7"),
  ])
  func badInputIsRefusedWithAPosition(input: String, expected: String) {
    #expect(yamlFailure(Array(input.utf8)) == expected)
  }

  @Test func nulByteIsRefused() {
    #expect(yamlFailure(Array("a: 1\nb: x\0y\n".utf8)) == "yaml.nul-byte@2:5")
  }

  @Test func invalidUTF8IsRefused() {
    #expect(yamlFailure(Array("a: 1\nb: ".utf8) + [0xFF, 0xFE, 0x0A]) == "yaml.not-utf8@2:4")
  }

  @Test func utf16IsRefused() {
    let utf16: [UInt8] = [0xFF, 0xFE] + Array("a: 1\n".utf8).flatMap { [$0, 0] }
    #expect(yamlFailure(utf16)?.hasPrefix("yaml.nul-byte") == true)
  }

  @Test func fileSizeLimitIsCheckedFirst() {
    let limits = YAMLLimits(maxFileBytes: 8)
    #expect(yamlFailure(Array("a: 123456789\n".utf8), limits: limits) == "yaml.file-too-large@-")
  }

  @Test func depthLimit() {
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(yamlFailure(Array(deep.utf8)) == "yaml.too-deep@1:65")
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(yamlFailure(Array(ok.utf8)) == nil)
  }

  @Test func billionLaughsIsRefused() {
    var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"]
    var previous = "a"
    for name in names {
      text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
      previous = name
    }
    let failure = yamlFailure(Array(text.utf8))
    #expect(failure?.hasPrefix("yaml.alias-expansion@") == true)
  }

  @Test func expansionBudgetCountsAliases() {
    let limits = YAMLLimits(maxNodes: 20)
    // Each *a copies 6 nodes: 18 after three aliases (allowed), 24 after the fourth (refused).
    let text = "a: &a [1, 2, 3, 4, 5]\nb: [*a, *a, *a, *a]\n"
    #expect(yamlFailure(Array(text.utf8), limits: limits) == "yaml.alias-expansion@2:17")
    #expect(yamlFailure(Array("a: &a [1, 2, 3, 4, 5]\nb: [*a, *a, *a]\n".utf8), limits: limits) == nil)
    // Nodes written out in the file do not count against the alias budget.
    let long = "a: [" + Array(repeating: "x", count: 50).joined(separator: ", ") + "]\n"
    #expect(yamlFailure(Array(long.utf8), limits: limits) == nil)
  }

  @Test(arguments: [
    ("NO", ResolvedScalar.bool(false)), ("yes", .bool(true)), ("~", .null), ("", .null),
    ("12", .int(12)), ("0x1F", .int(31)), ("1_000", .int(1000)), ("4.1", .float(4.1)),
    ("N42SH", .string("N42SH")), ("910B", .string("910B")),
    // The byte fast paths must agree with the general rules around their edges.
    ("-0", .int(0)), ("+5", .int(5)), ("-17", .int(-17)), ("007", .int(7)), ("08", .float(8)), ("0", .int(0)),
    ("123456789012345678", .int(123_456_789_012_345_678)), ("1234567890123456789", .int(1_234_567_890_123_456_789)),
    ("99999999999999999999", .float(1e20)), ("+", .string("+")), ("--1", .string("--1")), ("1e5", .float(1e5)),
    ("1.5e", .string("1.5e")), ("e", .string("e")), ("1_0.5", .float(10.5)), ("-.inf", .float(-.infinity)),
    ("Null", .null), ("OFF", .bool(false)), ("nulls", .string("nulls")),
  ])
  func plainScalarsResolveLikeYAML11(text: String, expected: ResolvedScalar) {
    #expect(resolvedScalar(text: text, style: .plain, tag: nil) == expected)
  }

  @Test func topLevelPartsAreHandedOutInBatchesWhileParsing() throws {
    let text = """
      bomcheck: 1
      parts:
        - {ref: A, parts: [{ref: A1}, {ref: A2}, {ref: A3}]}
        - {ref: B}
        - &c {ref: C}
        - *c
        - {ref: E}
      other: [{ref: X}, {ref: Y}, {ref: Z}]
      parts: [{ref: D1}, {ref: D2}, {ref: D3}]
      """
    var batches: [[String]] = []
    let document = try YAMLReader().read(Array(text.utf8), batch: 2) { items in
      batches.append(
        items.map { item in
          guard case .mapping(let pairs) = item.content else { return "?" }
          return pairs.first?.value.scalarText ?? "?"
        })
    }
    // Full batches of the first top-level `parts` only: not nested lists, other keys or the duplicate.
    #expect(batches == [["A", "B"], ["C", "C"]])
    #expect(document.duplicateKeys.map(\.key) == ["parts"])
    var none = 0
    _ = try YAMLReader().read(Array(text.utf8), batch: 0) { _ in none += 1 }
    #expect(none == 0)
  }

  @Test func quotedScalarsAreStrings() {
    #expect(resolvedScalar(text: "12", style: .quoted, tag: nil) == .string("12"))
  }
}
