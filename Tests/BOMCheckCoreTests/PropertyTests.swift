import Foundation
import Testing

@testable import BOMCheckCore

/// The seed of this run: `BOMCHECK_PROPERTY_SEED` when set (to replay a failure), else a fresh
/// random one. Every failure message names it, and so does the temporary folder, which a crash
/// leaves behind with the files that caused it.
let propertySeed: UInt64 = {
  if let text = ProcessInfo.processInfo.environment["BOMCHECK_PROPERTY_SEED"], let seed = UInt64(text) {
    return seed
  }
  var system = SystemRandomNumberGenerator()
  return system.next()
}()

/// One generated file: its path under the tree, its text, and for a product its id and part count.
private struct GeneratedFile {
  var path: String
  var text: String
  var productID: String?
  var partCount: Int
}

/// Three assemblies (each may include the earlier ones) and twelve products that may include them.
private func generatedFiles(seed: UInt64) -> [GeneratedFile] {
  var generator = RandomBOM(seed: seed)
  var files: [GeneratedFile] = []
  for index in 0..<3 {
    let (text, count) = generator.assembly(id: "asm-\(index)", path: "../assemblies/a\(index).yaml")
    files.append(GeneratedFile(path: "assemblies/a\(index).yaml", text: text, productID: nil, partCount: count))
  }
  for index in 0..<12 {
    let id = "prop-\(index)"
    let (text, count) = generator.product(id: id)
    files.append(GeneratedFile(path: "products/p\(index).yaml", text: text, productID: id, partCount: count))
  }
  return files
}

/// A temporary folder with a `.git` folder (the checked root), named after the seed.
private struct SeededTree {
  let root: String

  init(seed: UInt64, kind: String) throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("bomcheck-property-\(kind)-seed-\(seed)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base.appendingPathComponent(".git"), withIntermediateDirectories: true)
    root = try #require(FileSystem.canonical(base.path))
  }

  func write(_ relative: String, _ bytes: [UInt8]) throws {
    let path = root + "/" + relative
    try FileManager.default.createDirectory(atPath: FileSystem.directory(of: path), withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  /// Runs the checker on the whole tree with the shipped packs.
  func check() throws -> Report {
    var request = CheckRequest(
      paths: ["."], workingDirectory: root, asOf: try #require(Day("2026-06-01")), toolVersion: "property")
    request.packLocations = [packageRoot + "/Regimes"]
    return try Checker(codes: sharedCodes).run(request)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: root)
  }
}

/// Applies one to three random edits: flip a bit, delete a run of bytes, insert YAML-significant
/// (or invalid UTF-8, or NUL) bytes, duplicate a line, or truncate.
func mutate(_ bytes: inout [UInt8], using rng: inout SplitMix64) {
  let palette = Array(":-&*[]{}\"'!<>|%#,?~\n\t 0123456789".utf8) + [0x00, 0xFF, 0xC3, 0x80, 0xE6]
  for _ in 0..<Int.random(in: 1...3, using: &rng) where !bytes.isEmpty {
    let at = Int.random(in: 0..<bytes.count, using: &rng)
    switch Int.random(in: 0..<5, using: &rng) {
    case 0:
      bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
    case 1:
      bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng)))
    case 2:
      let inserted = (0..<Int.random(in: 1...8, using: &rng)).map { _ in palette.randomElement(using: &rng) ?? 0 }
      bytes.insert(contentsOf: inserted, at: at)
    case 3:
      let start = bytes[..<at].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
      let end = bytes[at...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
      bytes.insert(contentsOf: bytes[start..<end], at: end)
    default:
      bytes.removeSubrange(at...)
    }
  }
}

/// Rounds per test: round `n` uses the seed `propertySeed + n`.
private let rounds: [UInt64] = [0, 1, 2, 3]

@Suite struct PropertyTests {
  @Test(arguments: rounds)
  func randomValidBOMsAreReadWithoutErrorsAndEveryPartIsCounted(round: UInt64) throws {
    let seed = propertySeed &+ round
    let files = generatedFiles(seed: seed)
    let tree = try SeededTree(seed: seed, kind: "valid")
    defer { tree.remove() }
    for file in files { try tree.write(file.path, Array(file.text.utf8)) }

    let report = try tree.check()
    let errors = report.diagnostics.filter { $0.severity == .error }
    let firstFile = errors.first.flatMap { error in files.first { $0.path == error.file }?.text } ?? ""
    #expect(errors.isEmpty, "seed \(seed): \(errors.prefix(3).map(\.description))\n\(firstFile)")
    let expected = Dictionary(
      uniqueKeysWithValues: files.compactMap { file in file.productID.map { ($0, file.partCount) } })
    let reported = Dictionary(uniqueKeysWithValues: report.products.map { ($0.id, $0.partCount) })
    #expect(reported == expected, "seed \(seed)")
    #expect(report.summary.parts == expected.values.reduce(0, +), "seed \(seed)")
    #expect(report.summary.files == files.count, "seed \(seed)")
  }

  @Test(arguments: rounds)
  func mutatedBOMsNeverCrashTheCheckerAndEveryErrorIsLocated(round: UInt64) throws {
    let seed = propertySeed &+ round
    let files = generatedFiles(seed: seed)
    let tree = try SeededTree(seed: seed, kind: "mutated")
    defer { tree.remove() }
    var rng = SplitMix64(seed: seed ^ 0xA5A5_A5A5_A5A5_A5A5)
    // Mutated copies of the tree, each with its own product ids, so that every copy is judged.
    let copies = 4
    for copy in 0..<copies {
      for file in files {
        var bytes = Array(file.text.replacingOccurrences(of: "id: prop-", with: "id: m\(copy)-prop-").utf8)
        mutate(&bytes, using: &rng)
        try tree.write("m\(copy)/\(file.path)", bytes)
      }
    }

    let report = try tree.check()
    // Every file is read (an include of a folder may add one unreadable "file").
    #expect(report.summary.files >= copies * files.count, "seed \(seed)")
    for diagnostic in report.diagnostics {
      #expect(!diagnostic.file.isEmpty, "seed \(seed): \(diagnostic)")
      if let mark = diagnostic.mark {
        #expect(mark.line >= 1 && mark.column >= 1, "seed \(seed): \(diagnostic)")
      }
    }
    for product in report.products {
      #expect(product.partCount >= 0, "seed \(seed): \(product.id)")
    }
  }
}
