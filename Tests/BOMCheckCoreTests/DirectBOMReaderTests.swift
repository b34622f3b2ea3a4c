import Foundation
import Testing

@testable import BOMCheckCore

/// The direct reader (parts decoded from libyaml's events) must give exactly the general path's
/// file, or give the file back to it.
@Suite struct DirectBOMReaderTests {
  let decoder = BOMDecoder(codes: sharedCodes)

  /// The general path: `YAMLReader`, then `BOMDecoder`.
  func general(_ bytes: [UInt8]) -> (BOMFile?, [Diagnostic]) {
    do {
      return decoder.decode(try YAMLReader().read(bytes), file: "t.yaml")
    } catch {
      return (nil, [error.diagnostic(file: "t.yaml")])
    }
  }

  func direct(_ bytes: [UInt8]) -> (BOMFile, [Diagnostic])? {
    DirectBOMReader(decoder: decoder, limits: YAMLLimits()).read(bytes, file: "t.yaml")
  }

  /// Every field of every part, nested, as text (`Part` is not `Equatable`); compositions with
  /// their elements in order (a dictionary's order differs between equal instances).
  func dumped(_ file: BOMFile?) -> String {
    guard var file else { return "nil" }
    let parts = file.parts
    file.parts = []
    var out = ""
    dump(file, to: &out)
    for part in parts { out += dumped(part, indent: "  ") }
    return out
  }

  func dumped(_ part: Part, indent: String) -> String {
    var bare = part
    bare.composition = nil
    bare.parts = []
    var out = indent
    dump(bare, to: &out)
    if let composition = part.composition {
      out +=
        indent + "composition: "
        + composition.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
    }
    for child in part.parts { out += dumped(child, indent: indent + "  ") }
    return out
  }

  /// Reads `bytes` both ways; true when the direct reader took the file. Where it did, the file
  /// must be the general path's, which must have found nothing wrong.
  func agree(_ bytes: [UInt8], _ comment: Comment? = nil) -> Bool {
    guard let (file, diagnostics) = direct(bytes) else { return false }
    let (expected, problems) = general(bytes)
    #expect(diagnostics.isEmpty, comment)
    #expect(problems.isEmpty, comment)
    let got = Array(dumped(file).unicodeScalars)
    let want = Array(dumped(expected).unicodeScalars)
    if got != want {
      let at = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
      func around(_ text: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[max(0, at - 160)..<min(text.count, at + 80)])
        return String(view)
      }
      Issue.record(
        """
        \(comment?.rawValue ?? ""): the direct reader's file differs from the general path's at \(at):
        direct:  \(around(got))
        general: \(around(want))
        """)
    }
    return true
  }

  @Test(arguments: [0, 1, 2, 3] as [UInt64])
  func randomBOMsAreReadAsTheGeneralPathReadsThem(round: UInt64) {
    let seed = propertySeed &+ round
    var generator = RandomBOM(seed: seed)
    var texts: [String] = []
    for index in 0..<3 { texts.append(generator.assembly(id: "asm-\(index)", path: "../a\(index).yaml").text) }
    for index in 0..<12 { texts.append(generator.product(id: "prop-\(index)").text) }
    var taken = 0
    for (index, text) in texts.enumerated() where agree(Array(text.utf8), "seed \(seed), file \(index)") {
      taken += 1
    }
    // The generator writes valid files: with anchors, aliases and merge keys, all are read directly.
    #expect(taken == texts.count, "seed \(seed)")
  }

  /// Mutated files (bit flips, cuts, YAML punctuation): whatever the direct reader accepts, it reads
  /// as the general path does; and it accepts nothing the general path finds a fault in.
  @Test(arguments: [0, 1, 2, 3] as [UInt64])
  func mutatedBOMsAreReadAsTheGeneralPathReadsThemOrGivenBack(round: UInt64) {
    let seed = propertySeed &+ 1000 &+ round
    var generator = RandomBOM(seed: seed)
    var rng = SplitMix64(seed: seed)
    for index in 0..<40 {
      var bytes = Array(generator.product(id: "mut-\(index)").text.utf8)
      mutate(&bytes, using: &rng)
      _ = agree(bytes, "seed \(seed), file \(index)")
    }
  }

  @Test func aPlainFileWithAnchorsAliasesAndMergesIsReadDirectly() {
    let text = product(
      """
        - &std {ref: STD, name: Standard fastener kit, qty: 4, origin: DE}
        - <<: *std
          ref: STD2
        - ref: KIT
          parts: [*std]
        - ref: MOT
          name: &motor BLDC motor
          origin: CN
          composition: {Nd: 29.5, Dy: 4}
          chip: {designer: Huawei, model: 910B}
          <<: [{notes: merged note}, {notes: not taken, grade: N42SH}]
          parts:
            - {ref: MAG, kind: magnet, material: NdFeB, grade: N42SH, qty: 20, mass_g: 4.1}
            - {ref: M2, name: *motor, parts: [{ref: DEEP, name: Rotor magnet}]}
        - <<: {ref: SUB, name: Sub assembly, parts: [{ref: A}, {ref: B}]}
          origin: JP
      """)
    #expect(general(Array(text.utf8)).1.isEmpty)
    #expect(agree(Array(text.utf8)))
  }

  /// Inputs it gives back: the general path reports each (or reads a tag it does not handle).
  @Test(arguments: [
    "  - {ref: A, refs: 1}\n",  // unknown key
    "  - {ref: A, name: x, name: y}\n",  // duplicate key
    "  - {name: no ref}\n",  // missing ref
    "  - {ref: A, qty: 1.5}\n",  // fractional qty
    "  - {ref: A}\n  - {ref: A}\n",  // duplicate ref
    "  - {ref: A, parts: []}\n",  // empty parts
    "  - {ref: A, parts: x}\n",  // parts not a list
    "  - {ref: A, origin: Germany}\n",  // unknown country
    "  - {ref: A, name: !!str 12}\n",  // a tag
    "  - *nowhere\n",  // undefined alias
    "  - &a {ref: A, parts: [*a]}\n",  // recursive alias
    "  - &a {ref: A}\n  - &a {ref: B, parts: [*a]}\n",  // recursive, though an earlier node had the anchor
    "  - just text\n",  // a part that is not a mapping
    "  - {ref: A, include: x.yaml, parts: [{ref: B}]}\n",  // include and parts
    "  - {ref: A, <<: 5}\n",  // a merge of a scalar
  ])
  func filesWithFaultsOrTagsAreGivenBack(parts: String) {
    let bytes = Array(product(parts).utf8)
    #expect(direct(bytes) == nil)
  }

  /// Valid files it does not read itself: the general path reads them without a fault.
  @Test(arguments: [
    "  - ref: A\n    parts: &list [{ref: B}]\n  - {ref: C, parts: *list}\n",  // an anchored list
    "  - {ref: A, name: !!str 12}\n",  // a tag
  ])
  func validFilesItDoesNotHandleAreGivenBack(parts: String) {
    let bytes = Array(product(parts).utf8)
    #expect(general(bytes).1.isEmpty)
    #expect(direct(bytes) == nil)
  }

  @Test func anchoredAndAliasedTextIsReadDirectly() {
    let bytes = Array(
      product("  - {ref: A, mpn: &m X1, name: &n Rotor magnet}\n  - {ref: B, mpn: *m, name: *n}\n").utf8)
    #expect(agree(bytes))
  }

  @Test func headerFaultsAndOtherDocumentsAreGivenBack() {
    for text in [
      "bomcheck: 1\nproduct: {id: p1, assembled_in: DE, markets: [US], id: p2}\nparts:\n  - {ref: A}\n",
      "bomcheck: 1\nproduct: {id: p1, assembled_in: DE, markets: [XX]}\nparts:\n  - {ref: A}\n",
      "bomcheck: 1\nproduct: {id: p1, assembled_in: DE, markets: [US]}\nparts:\n  - {ref: A}\n---\nbomcheck: 1\n",
      "bomcheck: 1\nproduct: {id: p1, assembled_in: DE, markets: [US]}\n",
      "- not a mapping\n",
    ] {
      #expect(direct(Array(text.utf8)) == nil, "\(text)")
    }
  }

  /// The loader reads a plain file directly and gives a faulty one back to the general path, which
  /// reports the fault: the same file and messages as reading both the general way.
  @Test func theLoaderGivesTheGeneralPathsResultEitherWay() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bomcheck-direct-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let loader = BOMLoader(options: BOMLoader.Options(workingDirectory: folder.path), codes: sharedCodes)
    for (name, parts) in [("plain", "  - {ref: A, origin: DE}\n"), ("faulty", "  - {ref: A, origin: Germany}\n")] {
      let bytes = Array(product(parts).utf8)
      let path = folder.appendingPathComponent("\(name).yaml").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let (file, problems) = loader.decodeFile(path)
      var generalDecoder = BOMDecoder(codes: sharedCodes)
      generalDecoder.marketGroups = MarketGroupNames.known
      let (expected, expectedProblems) = generalDecoder.decode(try YAMLReader().read(bytes), file: "\(name).yaml")
      #expect(dumped(file) == dumped(expected), "\(name)")
      #expect(problems == expectedProblems, "\(name)")
      #expect((direct(bytes) != nil) == (name == "plain"))
    }
    #expect(
      loader.decodeFile(folder.appendingPathComponent("faulty.yaml").path).1.map(\.code) == ["bom.unknown-country"])
  }
}
