import Foundation
import Testing

/// `bomcheck init` and `bomcheck schema`, run as the real executable in a temporary folder.
@Suite struct InitAndSchemaTests {
  /// The package root: the nearest folder above this file that holds `Package.swift`.
  static let packageRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
      folder.deleteLastPathComponent()
    }
    return folder
  }()

  /// What one run printed and returned.
  struct Run {
    var status: Int32
    var output: Data
    var errors: String

    var text: String { String(decoding: output, as: UTF8.self) }
  }

  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("bomcheck-init-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
  }

  func file(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

  func contents(_ relative: String) -> Data? { FileManager.default.contents(atPath: file(relative).path) }

  /// Runs the built `bomcheck` with `arguments` in the temporary folder.
  func run(_ arguments: [String]) throws -> Run {
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("bomcheck"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("bomcheck"),
      Self.packageRoot.appendingPathComponent(".build/debug/bomcheck"),
    ]
    let executable: URL = try #require(
      candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "bomcheck is not built")
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["CI"] = "1"
    let out = folder.appendingPathComponent(".stdout")
    let err = folder.appendingPathComponent(".stderr")
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    let status = try ToolProcess.run(
      executable.path, arguments, directory: folder.path, environment: environment, stdout: out.path,
      stderr: err.path)
    return Run(
      status: status, output: try Data(contentsOf: out),
      errors: String(decoding: try Data(contentsOf: err), as: UTF8.self))
  }

  func remove() {
    try? FileManager.default.removeItem(at: folder)
  }

  @Test func initWritesFilesThatCheckCleanlyAndTheSchemaOfSchema() throws {
    defer { remove() }
    let initRun = try run(["init"])
    #expect(initRun.status == 0, "\(initRun.errors)")
    #expect(initRun.text.contains("wrote .bomcheck.yaml\nwrote bom.schema.json\nwrote BOMs/example-product.yaml\n"))

    let bom = String(decoding: try #require(contents("BOMs/example-product.yaml")), as: UTF8.self)
    #expect(bom.hasPrefix("# yaml-language-server: $schema=../bom.schema.json\n"))
    #expect(String(decoding: try #require(contents(".bomcheck.yaml")), as: UTF8.self).contains("fail_on: error"))

    // The config is found upward and loads; the starter BOM has no findings at all.
    let check = try run(["check", "--as-of", "2026-06-01"])
    #expect(check.status == 0, "\(check.text)\(check.errors)")
    #expect(check.text.contains("checked 1 file, 1 product, 6 parts as of 2026-06-01: 0 errors, 0 warnings, 0 notes"))
    #expect(!check.text.contains(".bomcheck.yaml:"), "no configuration diagnostics")

    let schema = try run(["schema"])
    #expect(schema.status == 0)
    #expect(schema.output == contents("bom.schema.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: schema.output) as? [String: Any])
    #expect(object["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    #expect(try run(["schema", "-o", "copy.json"]).status == 0)
    #expect(contents("copy.json") == schema.output)
  }

  @Test func initRefusesToOverwriteAndThenWritesNothing() throws {
    defer { remove() }
    try FileManager.default.createDirectory(at: file("BOMs"), withIntermediateDirectories: true)
    try Data("mine\n".utf8).write(to: file("BOMs/example-product.yaml"))

    let refused = try run(["init"])
    #expect(refused.status == 64)
    #expect(refused.errors.contains("BOMs/example-product.yaml already exists"))
    #expect(refused.output.isEmpty)
    #expect(contents(".bomcheck.yaml") == nil)
    #expect(contents("bom.schema.json") == nil)
    #expect(contents("BOMs/example-product.yaml") == Data("mine\n".utf8))

    try FileManager.default.removeItem(at: file("BOMs/example-product.yaml"))
    #expect(try run(["init"]).status == 0)
    let again = try run(["init"])
    #expect(again.status == 64)
    #expect(again.errors.contains(".bomcheck.yaml, bom.schema.json, BOMs/example-product.yaml already exist"))
  }

  @Test func initSetsUpAnotherFolder() throws {
    defer { remove() }
    let run = try run(["init", "--directory", "hw/robot"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.text.contains("wrote hw/robot/BOMs/example-product.yaml\n"))
    #expect(contents("hw/robot/.bomcheck.yaml") != nil)
    #expect(contents("hw/robot/bom.schema.json") != nil)
    #expect(contents(".bomcheck.yaml") == nil)
  }

  @Test func schemaAcceptsTheMarketGroupsOfTheConfiguredPacks() throws {
    defer { remove() }
    let local =
      "bomcheck_pack: 1\nid: acme-local\nextends: cn-rare-earth\ngroups:\n  - id: ACME-EMEA\n    members: [DE, AE]\n"
    try Data(local.utf8).write(to: file("local-pack.yaml"))
    let shipped = Self.packageRoot.appendingPathComponent("Regimes").path
    try Data("bomcheck: 1\nregimes: [\(shipped), local-pack.yaml]\n".utf8).write(to: file(".bomcheck.yaml"))

    let run = try run(["schema"])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])
    let definitions = try #require(object["definitions"] as? [String: Any])
    let market = try #require(definitions["market"] as? [String: Any])
    let markets = try #require(market["enum"] as? [String])
    #expect(markets.contains("ACME-EMEA") && markets.contains("EU") && markets.contains("D1"))
    let country = try #require(definitions["country"] as? [String: Any])
    #expect((country["enum"] as? [String])?.contains("ACME-EMEA") == false)
  }

  @Test func schemaTakesNoBOMPaths() throws {
    defer { remove() }
    let run = try run(["schema", "BOMs"])
    #expect(run.status == 64)
    #expect(run.errors.contains("Unexpected argument 'BOMs'"))
    #expect(run.output.isEmpty)
  }
}
