import Foundation
import Testing

@testable import BOMCheckCore

/// A temporary directory tree for one test: `repo/` (with a `.git` folder, so it is the checked
/// root) and `outside/` next to it, for targets that must not be read. Remove it with `remove()`.
private struct TempTree {
  /// The canonical absolute path of the tree's top directory.
  let top: String

  /// The checked root and working directory of the loads: `top/repo`.
  var repo: String { top + "/repo" }

  init() throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("bomloader-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    top = try #require(FileSystem.canonical(base.path))
    try FileManager.default.createDirectory(atPath: repo + "/.git", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: top + "/outside", withIntermediateDirectories: true)
  }

  /// Writes `text` to `relative` (under `top`), creating folders as needed.
  func write(_ relative: String, _ text: String) throws {
    try write(relative, bytes: Array(text.utf8))
  }

  /// Writes `bytes` to `relative` (under `top`), creating folders as needed.
  func write(_ relative: String, bytes: [UInt8]) throws {
    let path = top + "/" + relative
    try FileManager.default.createDirectory(
      atPath: FileSystem.directory(of: path), withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  /// Creates a symbolic link at `relative` (under `top`) pointing to the absolute `destination`.
  func link(_ relative: String, to destination: String) throws {
    let path = top + "/" + relative
    try FileManager.default.createDirectory(
      atPath: FileSystem.directory(of: path), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: destination)
  }

  /// Loads `paths` (relative to `repo`, the working directory).
  func load(_ paths: [String], configure: (inout BOMLoader.Options) -> Void = { _ in }) -> LoadResult {
    var options = BOMLoader.Options(workingDirectory: repo)
    configure(&options)
    return BOMLoader(options: options, codes: sharedCodes).load(paths: paths)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: top)
  }
}

/// Diagnostics as `file:line:column code` (`-` without a position), in the loader's order.
private func located(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { "\($0.file):\($0.mark?.description ?? "-") \($0.code)" }
}

/// Every ref of a part tree, depth first, parents before children.
private func refs(_ parts: [Part]) -> [String] {
  parts.flatMap { [$0.ref] + refs($0.parts) }
}

/// A product file: header on lines 1-5, `parts:` on line 6, then `parts` from line 7.
private func productFile(id: String, parts: String) -> String {
  "bomcheck: 1\nproduct:\n  id: \(id)\n  assembled_in: DE\n  markets: [US]\nparts:\n" + parts
}

/// An assembly file: header on lines 1-3, `parts:` on line 4, then `parts` from line 5.
private func assemblyFile(id: String, parts: String) -> String {
  "bomcheck: 1\nassembly:\n  id: \(id)\nparts:\n" + parts
}

/// One part (line 1: `- ref`, at column 5) including `path` (line 2, the value at column 14).
private func includingPart(_ ref: String, _ path: String) -> String {
  "  - ref: \(ref)\n    include: \(path)\n"
}

/// `levels` of nested parts L1...Ln; the deepest has `last` (lines indented to its keys) appended.
private func nestedParts(levels: Int, last: String = "") -> String {
  var text = "  - ref: L1\n"
  var indent = "    "
  for level in stride(from: 2, through: levels, by: 1) {
    text += "\(indent)parts:\n\(indent)  - ref: L\(level)\n"
    indent += "    "
  }
  return text + last.split(separator: "\n").map { "\(indent)\($0)\n" }.joined()
}

/// A product `repo/products/p.yaml` at part level 1 and assemblies `repo/assemblies/a01.yaml`...
/// each adding one part level: `levels` part levels in all. Every include is on line 6 (column 14)
/// of its assembly, line 8 of the product.
private func writeIncludeChain(_ tree: TempTree, levels: Int) throws {
  func name(_ index: Int) -> String { index < 10 ? "a0\(index)" : "a\(index)" }
  try tree.write(
    "repo/products/p.yaml", productFile(id: "p", parts: includingPart("L1", "../assemblies/\(name(1)).yaml")))
  let assemblies = levels - 1
  for index in 1...assemblies {
    let part =
      index < assemblies ? includingPart("L\(index + 1)", "\(name(index + 1)).yaml") : "  - ref: L\(index + 1)\n"
    try tree.write("repo/assemblies/\(name(index)).yaml", assemblyFile(id: name(index), parts: part))
  }
}

@Suite struct BOMLoaderTests {
  // MARK: Reading files

  @Test func filesAreReadWholeWhateverTheirSize() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    var generator = SystemRandomNumberGenerator()
    for size in [0, 1, 4095, 4096, 65_536, 65_537, 300_001] {
      let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
      try tree.write("repo/f\(size).yaml", bytes: bytes)
      #expect(FileSystem.read(tree.top + "/repo/f\(size).yaml") == bytes)
    }
    #expect(FileSystem.read(tree.top + "/repo") == nil)
    #expect(FileSystem.read(tree.top + "/repo/missing.yaml") == nil)
    // Not regular files: refused at once (a FIFO without a writer would block an open for reading).
    #expect(mkfifo(tree.top + "/repo/fifo.yaml", 0o600) == 0)
    #expect(FileSystem.read(tree.top + "/repo/fifo.yaml") == nil)
    #expect(FileSystem.read("/dev/zero") == nil)
    // A file whose size says nothing (procfs: 0) is read to its end.
    let status = try #require(FileSystem.read("/proc/self/status"))
    #expect(status.count > 100)
    #expect(String(decoding: status, as: UTF8.self).hasSuffix("\n"))
  }

  /// Paths made absolute are the same as splitting them and joining the components again, for
  /// normal paths (returned as they are) and every kind of abnormal one.
  @Test func absolutePathsAreNormalised() {
    func reference(_ path: String, base: String) -> String {
      let joined = path.hasPrefix("/") ? path : base + "/" + path
      var parts: [Substring] = []
      for piece in joined.split(separator: "/", omittingEmptySubsequences: true) where piece != "." {
        if piece == ".." { _ = parts.popLast() } else { parts.append(piece) }
      }
      return "/" + parts.joined(separator: "/")
    }
    var generator = SystemRandomNumberGenerator()
    let pieces = ["a", "b.yaml", ".", "..", "", ".hidden", "...", "a.", "x y", "日本"]
    var cases: [(String, String)] = [
      ("assemblies/gear.yaml", "/repo/products"), ("../a.yaml", "/repo/p"), ("/abs/x.yaml", "/repo"),
      ("./a.yaml", "/"), ("a", "/"), ("", "/repo"), ("..", "/"), ("a/", "/r"), ("/", "/r"), ("//a", "/r"),
    ]
    for _ in 0..<3_000 {
      let path = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement()! }
        .joined(separator: "/")
      let base =
        "/"
        + (0..<Int.random(in: 0...3, using: &generator)).map { _ in pieces.randomElement()! }
        .joined(separator: "/")
      cases.append((Bool.random(using: &generator) ? "/" + path : path, base))
    }
    for (path, base) in cases {
      #expect(FileSystem.absolute(path, base: base) == reference(path, base: base), "\(path) against \(base)")
    }
  }

  // MARK: Includes

  @Test func includesAcrossDirectoriesAreExpandedAndCounted() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try tree.write(
      "repo/products/p.yaml",
      productFile(
        id: "p1",
        parts: includingPart("GBX", "../assemblies/gearbox.yaml") + "  - ref: HOUSING\n    qty: 2\n"))
    try tree.write(
      "repo/assemblies/gearbox.yaml",
      assemblyFile(
        id: "gearbox",
        parts: includingPart("STAGE", "stages/stage.yaml")
          + "  - ref: SHAFT\n    parts:\n      - ref: BEARING\n        qty: 2\n"))
    try tree.write(
      "repo/assemblies/stages/stage.yaml",
      assemblyFile(id: "stage", parts: "  - ref: PIN\n    qty: 12\n  - ref: DISC\n"))

    // Only the product is given; the includes are followed into ../assemblies and stages/.
    let result = tree.load(["products"])
    #expect(located(result.diagnostics) == [])
    let product = try #require(result.products.first)
    #expect(result.products.count == 1)
    #expect(product.file == "products/p.yaml")
    // GBX, its assembly's STAGE (with stage.yaml's PIN and DISC) and SHAFT (with BEARING), HOUSING.
    let expected = ["GBX", "STAGE", "PIN", "DISC", "SHAFT", "BEARING", "HOUSING"]
    #expect(refs(product.parts) == expected)
    #expect(product.partCount == expected.count)
    #expect(product.parts.reduce(0) { $0 + $1.nodeCount } == 7)
    // Included parts keep the positions in their own files.
    #expect(product.parts[0].parts[0].location.description == "assemblies/gearbox.yaml:5:5")
    #expect(product.parts[0].parts[0].parts[0].location.description == "assemblies/stages/stage.yaml:5:5")
    #expect(product.parts[0].parts[0].parts[0].qty == 12)

    // The whole tree: the assemblies are read once more on their own, without new problems.
    let all = tree.load(["."])
    #expect(located(all.diagnostics) == [])
    #expect(all.fileCount == 3)
    #expect(all.products.map(\.partCount) == [7])
  }

  @Test func anIncludeCycleNamesTheChainOfFiles() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try tree.write("repo/assemblies/a.yaml", assemblyFile(id: "a", parts: includingPart("TO-B", "b.yaml")))
    try tree.write("repo/assemblies/b.yaml", assemblyFile(id: "b", parts: includingPart("TO-A", "a.yaml")))
    try tree.write("repo/products/p.yaml", productFile(id: "p", parts: includingPart("L1", "../assemblies/a.yaml")))

    let fromAssembly = tree.load(["assemblies/a.yaml"])
    #expect(located(fromAssembly.diagnostics) == ["assemblies/b.yaml:6:14 bom.include-cycle"])
    #expect(
      fromAssembly.diagnostics.first?.message
        == "include cycle: assemblies/a.yaml -> assemblies/b.yaml -> assemblies/a.yaml")

    let fromProduct = tree.load(["products/p.yaml"])
    #expect(located(fromProduct.diagnostics) == ["assemblies/b.yaml:6:14 bom.include-cycle"])
    #expect(
      fromProduct.diagnostics.first?.message
        == "include cycle: products/p.yaml -> assemblies/a.yaml -> assemblies/b.yaml -> assemblies/a.yaml")
    // The product is still judged, and every part node counted: L1, TO-B, TO-A.
    #expect(fromProduct.products.map(\.partCount) == [3])
  }

  @Test(arguments: [
    ("../assemblies/nope.yaml", ["products/p.yaml:8:14 bom.include-missing"]),
    ("/etc/hostname", ["products/p.yaml:8:14 bom.include-absolute"]),
    ("~/bom.yaml", ["products/p.yaml:8:14 bom.include-absolute"]),
    ("../../outside/gearbox.yaml", ["products/p.yaml:8:14 bom.include-escape"]),
    ("../assemblies/../../outside/gearbox.yaml", ["products/p.yaml:8:14 bom.include-escape"]),
    ("../assemblies/link.yaml", ["products/p.yaml:8:14 bom.include-escape"]),
    ("other.yaml", ["products/p.yaml:8:14 bom.include-not-assembly"]),
    (
      "../assemblies/broken.yaml",
      // broken.yaml line 5 opens a flow sequence that is never closed: libyaml stops at the end (6:1).
      ["assemblies/broken.yaml:6:1 yaml.syntax", "products/p.yaml:8:14 bom.include-invalid"]
    ),
  ])
  func includesThatCannotBeFollowed(include: String, expected: [String]) throws {
    let tree = try TempTree()
    defer { tree.remove() }
    let gearbox = assemblyFile(id: "gearbox", parts: "  - ref: SECRET\n")
    try tree.write("outside/gearbox.yaml", gearbox)
    try tree.link("repo/assemblies/link.yaml", to: tree.top + "/outside/gearbox.yaml")
    try tree.write("repo/assemblies/broken.yaml", assemblyFile(id: "broken", parts: "  - [ref: A\n"))
    try tree.write("repo/products/other.yaml", productFile(id: "other", parts: "  - ref: A\n"))
    try tree.write("repo/products/p.yaml", productFile(id: "p", parts: includingPart("GBX", include)))

    let result = tree.load(["products/p.yaml"])
    #expect(located(result.diagnostics) == expected)
    let message = try #require(result.diagnostics.last?.message)
    #expect(message.hasSuffix("(include chain: products/p.yaml)"))
    #expect(message.contains("`\(include)`"))
    if include.hasSuffix("link.yaml") {
      #expect(message.contains("symbolic link to \(tree.top)/outside/gearbox.yaml"))
    }
    // Nothing from outside the root is read; the including part is still counted.
    #expect(result.products.map(\.partCount) == [1])
    #expect(result.products.first?.parts.first?.parts.isEmpty == true)
  }

  @Test func aDiscoveredFileLinkedFromOutsideTheRootIsNotRead() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try tree.write("outside/secret.yaml", productFile(id: "secret", parts: "  - ref: A\n"))
    try tree.write("repo/products/good.yaml", productFile(id: "good", parts: "  - ref: A\n"))
    try tree.link("repo/products/linked.yaml", to: tree.top + "/outside/secret.yaml")
    // A linked folder is not walked into, and says so: an error outside the root, a warning inside.
    try tree.link("repo/vendor", to: tree.top + "/outside")
    try tree.write("repo/shared/x.yaml", productFile(id: "x", parts: "  - ref: A\n"))
    try tree.link("repo/products/shared", to: tree.top + "/repo/shared")

    let result = tree.load(["products"])
    #expect(
      located(result.diagnostics) == [
        "products/linked.yaml:- io.symlink-escape", "products/shared:- io.symlink-folder",
      ])
    #expect(result.diagnostics.first?.message.hasPrefix("symbolic link points outside the checked root") == true)
    #expect(result.products.map(\.product.id) == ["good"])
    #expect(result.fileCount == 1)
    let whole = tree.load(["."])
    #expect(
      located(whole.diagnostics) == [
        "products/linked.yaml:- io.symlink-escape", "products/shared:- io.symlink-folder", "vendor:- io.symlink-escape",
      ])
    #expect(
      whole.diagnostics.last?.message.contains("symbolic link to a folder points outside the checked root") == true)
  }

  /// Decoding while parsing (more than two batches of 2,048 top-level parts, some with errors)
  /// gives the parts and diagnostics of the plain decode.
  @Test func decodingWhileParsingGivesThePlainResult() async throws {
    let tree = try TempTree()
    defer { tree.remove() }
    var parts = ""
    for index in 0..<5000 {
      let origin = index % 997 == 0 ? "Germany" : "DE"
      parts += "  - {ref: P\(index % 4999), name: Rotor magnet, origin: \(origin), qty: \(index % 3 + 1)}\n"
    }
    try tree.write("repo/products/big.yaml", productFile(id: "big", parts: parts))
    let loader = BOMLoader(options: BOMLoader.Options(workingDirectory: tree.repo), codes: sharedCodes)
    let path = tree.repo + "/products/big.yaml"
    let (plain, plainProblems) = loader.decodeFile(path)
    let (early, earlyProblems) = await loader.decodeFile(path, jobs: 2)
    #expect(plainProblems.count == 7)
    #expect(earlyProblems == plainProblems)
    let plainParts = try #require(plain?.parts)
    let earlyParts = try #require(early?.parts)
    #expect(earlyParts.count == 5000)
    #expect(earlyParts.map(\.ref) == plainParts.map(\.ref))
    #expect(earlyParts.map(\.origin) == plainParts.map(\.origin))
    #expect(earlyParts.map(\.kind) == plainParts.map(\.kind))
    #expect(earlyParts.map(\.qty) == plainParts.map(\.qty))
  }

  // MARK: Depth through includes

  @Test func aDeepIncludeChainIsRefused() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try writeIncludeChain(tree, levels: 40)
    let result = tree.load(["products/p.yaml"])
    #expect(result.diagnostics.map(\.code) == ["bom.too-deep"])
    #expect(result.diagnostics.first?.file.hasPrefix("assemblies/a") == true)
    #expect(
      result.diagnostics.first?.message.contains("(include chain: products/p.yaml -> assemblies/a01.yaml") == true)
  }

  @Test
  func anIncludeChainOf32PartLevelsIsAccepted() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try writeIncludeChain(tree, levels: 32)
    let result = tree.load(["products/p.yaml"])
    #expect(located(result.diagnostics) == [])
    #expect(result.products.map(\.partCount) == [32])
  }

  @Test
  func anIncludeChainOf33PartLevelsIsRefusedWhereItPasses32() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    // a31's part is at level 32; its include would put a32's part at level 33.
    try writeIncludeChain(tree, levels: 33)
    let result = tree.load(["products/p.yaml"])
    #expect(located(result.diagnostics) == ["assemblies/a31.yaml:6:14 bom.too-deep"])
  }

  @Test
  func nestingInsideIncludedFilesCountsTowardsTheLimit() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    // 17 levels in the product, the 17th including an assembly of 17 more: 34 part levels.
    try tree.write(
      "repo/products/p.yaml",
      productFile(id: "p", parts: nestedParts(levels: 17, last: "include: ../assemblies/deep.yaml")))
    try tree.write("repo/assemblies/deep.yaml", assemblyFile(id: "deep", parts: nestedParts(levels: 17)))
    let result = tree.load(["products/p.yaml"])
    #expect(result.products.map(\.partCount) == [34])
    #expect(result.diagnostics.map(\.code) == ["bom.too-deep"])
  }

  /// The product's 31st level includes `a.yaml`, whose part (level 32) includes `b.yaml`: level 33.
  private func writeDeepIncludeAtLevel31(_ tree: TempTree) throws {
    try tree.write(
      "repo/products/p.yaml",
      productFile(id: "p", parts: nestedParts(levels: 31, last: "include: ../assemblies/a.yaml")))
    try tree.write("repo/assemblies/a.yaml", assemblyFile(id: "a", parts: includingPart("A1", "b.yaml")))
    try tree.write("repo/assemblies/b.yaml", assemblyFile(id: "b", parts: "  - ref: B1\n"))
  }

  @Test func theDepthLimitCountsTheProductsOwnLevelsBeforeAnInclude() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try writeDeepIncludeAtLevel31(tree)
    let result = tree.load(["products/p.yaml"])
    #expect(located(result.diagnostics) == ["assemblies/a.yaml:6:14 bom.too-deep"])
  }

  @Test
  func theDepthLimitDoesNotDependOnTheOrderFilesAreRead() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try writeDeepIncludeAtLevel31(tree)
    // assemblies/ sorts before products/, so a.yaml and b.yaml are resolved (and cached) first.
    let result = tree.load(["."])
    #expect(located(result.diagnostics) == ["assemblies/a.yaml:6:14 bom.too-deep"])
  }

  // MARK: Several files

  @Test func oneBrokenFileDoesNotStopTheOthers() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    // Line 3: a flow sequence that is never closed; libyaml notices at the end of the file (4:1).
    try tree.write(
      "repo/products/a-broken.yaml",
      "bomcheck: 1\nproduct: {id: broken, assembled_in: DE, markets: [US]}\nparts: [{ref: A}\n")
    // Line 7: a tab where indentation is expected.
    try tree.write("repo/products/b-tabs.yaml", productFile(id: "tabs", parts: "  - ref: A\n\tqty: 2\n"))
    try tree.write("repo/products/c-good.yaml", productFile(id: "good", parts: "  - ref: A\n  - ref: B\n"))

    let result = tree.load(["products"])
    #expect(
      located(result.diagnostics) == ["products/a-broken.yaml:4:1 yaml.syntax", "products/b-tabs.yaml:8:1 yaml.syntax"])
    #expect(result.products.map(\.product.id) == ["good"])
    #expect(result.products.map(\.partCount) == [2])
    #expect(result.fileCount == 3)
  }

  @Test func duplicateProductIdsAcrossFilesNameTheOtherFile() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try tree.write("repo/products/a.yaml", productFile(id: "same", parts: "  - ref: A\n"))
    try tree.write("repo/products/b.yaml", productFile(id: "same", parts: "  - ref: B\n"))

    let result = tree.load(["products"])
    // The `product:` mapping starts at its first key, `id` (3:3).
    #expect(located(result.diagnostics) == ["products/b.yaml:3:3 bom.duplicate-product-id"])
    #expect(result.diagnostics.first?.message.contains("already used by products/a.yaml:3:3") == true)
    #expect(result.products.map(\.file) == ["products/a.yaml"])
  }

  @Test func duplicateSiblingRefsNameBothPlaces() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try tree.write(
      "repo/assemblies/x.yaml",
      assemblyFile(id: "x", parts: "  - ref: A\n    parts:\n      - ref: B\n      - ref: B\n  - ref: A\n"))

    let result = tree.load(["assemblies"])
    #expect(
      located(result.diagnostics) == [
        "assemblies/x.yaml:8:9 bom.duplicate-ref", "assemblies/x.yaml:9:5 bom.duplicate-ref",
      ])
    #expect(result.diagnostics.map(\.message).allSatisfy { $0.contains("used twice among sibling parts") })
    #expect(result.diagnostics.first?.message.hasSuffix("(first at 7:9)") == true)
    #expect(result.diagnostics.last?.message.hasSuffix("(first at 5:5)") == true)
  }

  @Test func aFileOverTheSizeLimitIsRefusedBeforeParsing() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    // 300 bytes that would be a NUL-byte error (and a syntax error) if they were parsed.
    try tree.write("repo/products/big.yaml", bytes: Array("bomcheck: [\n".utf8) + [UInt8](repeating: 0, count: 288))
    let small = productFile(id: "small", parts: "  - ref: A\n")
    try tree.write("repo/products/small.yaml", small)
    #expect(small.utf8.count <= 256)

    let result = tree.load(["products"]) { $0.limits.maxFileBytes = 256 }
    #expect(located(result.diagnostics) == ["products/big.yaml:- yaml.file-too-large"])
    #expect(
      result.diagnostics.first?.message == "file is 300 bytes, larger than the limit of 256 bytes; not parsed")
    #expect(result.products.map(\.product.id) == ["small"])
  }

  // MARK: Discovery

  /// A tree of BOMs, hidden files and other files; the product ids sort opposite to their files.
  private func writeDiscoveryTree(_ tree: TempTree) throws {
    let broken = "not: [a BOM\n"
    try tree.write("repo/products/a.yaml", productFile(id: "zeta", parts: "  - ref: A\n"))
    try tree.write("repo/products/sub/deeper/b.yml", productFile(id: "alpha", parts: "  - ref: A\n"))
    try tree.write("repo/folder.yaml/d.yaml", productFile(id: "mid", parts: "  - ref: A\n"))
    try tree.write("repo/assemblies/z.yaml", assemblyFile(id: "z", parts: "  - ref: A\n"))
    try tree.write("repo/.bomcheck.yaml", broken)
    try tree.write("repo/.git/config.yaml", broken)
    try tree.write("repo/.hidden/c.yaml", broken)
    try tree.write("repo/products/.draft.yaml", broken)
    try tree.write("repo/products/readme.md", broken)
    try tree.write("repo/products/a.yaml.orig", broken)
  }

  @Test func discoveryFindsYAMLFilesRecursivelySkippingHiddenOnesInOrder() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try writeDiscoveryTree(tree)
    let loader = BOMLoader(options: BOMLoader.Options(workingDirectory: tree.repo), codes: sharedCodes)
    var session = LoadSession(loader: loader, root: tree.repo)
    let found = session.discover([".", "products/a.yaml", "products"]).map { loader.display($0) }
    #expect(found == ["assemblies/z.yaml", "folder.yaml/d.yaml", "products/a.yaml", "products/sub/deeper/b.yml"])
    #expect(session.diagnostics.isEmpty)

    let result = tree.load(["."])
    #expect(located(result.diagnostics) == [])
    #expect(result.fileCount == 4)
    #expect(result.products.map(\.product.id) == ["alpha", "mid", "zeta"])
  }

  @Test func aPathThatDoesNotExistIsReportedAndTheOthersChecked() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    try writeDiscoveryTree(tree)
    let result = tree.load(["nope", "products"])
    #expect(located(result.diagnostics) == ["nope:- io.not-found"])
    #expect(result.products.map(\.product.id) == ["alpha", "zeta"])
  }

  // MARK: Expansion limits

  @Test func anAliasBombIsRefusedQuickly() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    // Node counts: lines 1-3 hold 17 nodes; a (line 4) adds 1 + 10, b 1 + 91, c 1 + 820, d 1 + 7,381,
    // e 1 + 66,430, f 1 + 597,871: 672,626 nodes. Line 10 adds its key and list (672,628); its first
    // alias `*f` (column 8) would add 597,871 more, past 1,000,000.
    var text = "bomcheck: 1\nproduct: {id: lol, assembled_in: DE, markets: [US]}\nparts: [{ref: A}]\n"
    text += "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
      text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
      previous = name
    }
    try tree.write("repo/products/bomb.yaml", text)
    try tree.write("repo/products/good.yaml", productFile(id: "good", parts: "  - ref: A\n"))

    var result: LoadResult?
    let elapsed = ContinuousClock().measure { result = tree.load(["products"]) }
    #expect(elapsed < .seconds(1))
    #expect(located(result?.diagnostics ?? []) == ["products/bomb.yaml:10:8 yaml.alias-expansion"])
    #expect(result?.products.map(\.product.id) == ["good"])
  }

  @Test func aBillionPartAliasTreeIsRefusedQuickly() throws {
    let tree = try TempTree()
    defer { tree.remove() }
    // Part P1 has 10 leaf parts; each P(k+1) has 10 copies of Pk: P9 alone holds 10^9 leaf parts.
    // Node counts: lines 1-3 hold 9 nodes; P1 is 5 + 10 x 3 = 35 nodes, P(k+1) is 5 + 10 x Pk:
    // 44 after line 4, then 399, 3,954, 39,509 and 395,064 after line 8 (P5 = 355,555 nodes).
    // Line 9 opens P6 (mapping, ref, P6, parts, list: 395,069); its second `*p5` (column 32) passes
    // 1,000,000.
    var text = "bomcheck: 1\nassembly: {id: tree}\nparts:\n"
    let leaves = "ABCDEFGHIJ".map { "{ref: \($0)}" }.joined(separator: ", ")
    text += "  - &p1 {ref: P1, parts: [\(leaves)]}\n"
    for level in 2...9 {
      let copies = Array(repeating: "*p\(level - 1)", count: 10).joined(separator: ", ")
      text += "  - &p\(level) {ref: P\(level), parts: [\(copies)]}\n"
    }
    try tree.write("repo/assemblies/tree.yaml", text)
    try tree.write(
      "repo/products/p.yaml", productFile(id: "p", parts: includingPart("TREE", "../assemblies/tree.yaml")))

    var result: LoadResult?
    let elapsed = ContinuousClock().measure { result = tree.load(["."]) }
    #expect(elapsed < .seconds(1))
    #expect(
      located(result?.diagnostics ?? []) == [
        "assemblies/tree.yaml:9:32 yaml.alias-expansion", "products/p.yaml:8:14 bom.include-invalid",
      ])
    #expect(result?.products.map(\.partCount) == [1])
  }
}
