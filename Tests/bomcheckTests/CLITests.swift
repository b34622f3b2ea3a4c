import Foundation
import Testing

/// The package root: the nearest folder above this file that holds `Package.swift`.
private let packageRoot: URL = {
  var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  while folder.path != "/" {
    if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
    folder.deleteLastPathComponent()
  }
  return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
}()

/// The built `bomcheck` executable: next to the test bundle (the build's products folder), else in
/// the package's `.build/debug`.
private func executable() throws -> URL {
  let bundle = Bundle.main.bundleURL
  let candidates = [
    bundle.appendingPathComponent("bomcheck"),
    bundle.deletingLastPathComponent().appendingPathComponent("bomcheck"),
    packageRoot.appendingPathComponent(".build/debug/bomcheck"),
  ]
  let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  return try #require(found, "bomcheck is not built; looked in \(candidates.map(\.path))")
}

/// What one run of the executable produced.
private struct Run {
  var status: Int32
  var output: Data
  var errors: String

  var text: String { String(decoding: output, as: UTF8.self) }
}

/// A temporary folder with a `.git` folder (so it is the checked root), removed by `remove()`.
private struct Workspace {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("bomcheck-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
  }

  /// Writes `text` to `relative`, creating folders as needed.
  func write(_ relative: String, _ text: String) throws {
    let file = folder.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
  }

  /// Runs `bomcheck` with `arguments` in this folder, as of `asOf`, with the package's `Regimes/`
  /// unless `regimes` is false.
  func run(_ arguments: [String], asOf: String = "2026-11-25", regimes: Bool = true) throws -> Run {
    let out = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
    let err = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["CI"] = "1"
    let status = try ToolProcess.run(
      try executable().path,
      arguments + ["--as-of", asOf]
        + (regimes ? ["--regimes", packageRoot.appendingPathComponent("Regimes").path] : []),
      directory: folder.path, environment: environment, stdout: out.path, stderr: err.path)
    return Run(
      status: status, output: try Data(contentsOf: out),
      errors: String(decoding: try Data(contentsOf: err), as: UTF8.self))
  }

  func remove() {
    try? FileManager.default.removeItem(at: folder)
  }
}

/// Two mechanical parts made in Germany: no findings in any market.
private let cleanBOM = """
  bomcheck: 1
  product:
    id: clean-bracket
    assembled_in: DE
    markets: [US, JP]
  parts:
    - ref: BRK
      name: Steel mounting bracket
      kind: mechanical
      origin: DE
      qty: 2
    - ref: SCR
      name: M4 screw
      kind: mechanical
      origin: DE
      qty: 8

  """

/// NVIDIA H100 cards sold into China: a US-3A090 licence-required finding (error).
private let gpuBOM = """
  bomcheck: 1
  product:
    id: gpu-box
    assembled_in: US
    markets: [CN]
  parts:
    - ref: GPU
      name: NVIDIA H100 PCIe 80GB
      manufacturer: NVIDIA
      origin: TW
      qty: 2
    - ref: CASE
      name: Steel chassis
      kind: mechanical
      parts:
        - ref: FAN
          name: Case fan
          kind: mechanical

  """

/// A Huawei Ascend 310P card (below the 3A090 thresholds) sold into the US: only an advisory note.
private let advisoryBOM = """
  bomcheck: 1
  product:
    id: edge-box
    assembled_in: MY
    markets: [US]
  parts:
    - ref: ACC
      name: AI inference card
      kind: module
      manufacturer: Huawei
      mpn: Atlas 300I Duo
      chip: {designer: Huawei, family: Ascend, model: 310P, count: 2, tpp: 1120}
      origin: CN

  """

/// `qty: many` on line 8: the value is at column 10.
private let invalidBOM = """
  bomcheck: 1
  product:
    id: bad-one
    assembled_in: DE
    markets: [US]
  parts:
    - ref: A
      qty: many

  """

@Suite struct CLITests {
  @Test func exitCodesFollowTheFindings() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("clean/clean.yaml", cleanBOM)
    try workspace.write("mixed/clean.yaml", cleanBOM)
    try workspace.write("mixed/gpu.yaml", gpuBOM)

    let clean = try workspace.run(["check", "clean"])
    #expect(clean.status == 0)
    #expect(clean.text.contains("checked 1 file, 1 product, 2 parts as of 2026-11-25: 0 errors"))

    let mixed = try workspace.run(["check", "mixed"])
    #expect(mixed.status == 1)
    #expect(mixed.text.contains("mixed/gpu.yaml:7:5: error: [US-3A090]"))
  }

  /// `-o` writes into the path as a shell's `>` would: through a symlink (which stays a symlink),
  /// never by swapping a new file in (which, run as root, turned `-o /dev/null` into a regular file).
  @Test func outputIsWrittenInPlaceThroughSymlinks() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("boms/gpu.yaml", gpuBOM)
    try workspace.write("reports/old.json", "stale and longer than nothing")
    let link = workspace.folder.appendingPathComponent("report.json")
    let target = workspace.folder.appendingPathComponent("reports/old.json")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "reports/old.json")

    for format in ["json", "sarif", "text"] {
      let run = try workspace.run(["check", "boms", "--format", format, "-o", "report.json"])
      #expect(run.status == 1)
      let kind = try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
      #expect(kind == .typeSymbolicLink)
      let written = String(decoding: try Data(contentsOf: target), as: UTF8.self)
      #expect(written.contains("US-3A090"))
      #expect(!written.contains("stale"))
    }

    let missing = try workspace.run(["check", "boms", "-o", "no-such-folder/report.json"])
    #expect(missing.status == 2)
    #expect(missing.errors.contains("bomcheck: cannot write no-such-folder/report.json: No such file or directory"))
  }

  @Test func anInvalidBOMExitsWith2AndIsReportedCompilerStyle() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("boms/bad.yaml", invalidBOM)
    try workspace.write("boms/clean.yaml", cleanBOM)

    let run = try workspace.run(["check", "boms"])
    #expect(run.status == 2)
    let lines = run.text.split(separator: "\n").map(String.init)
    let line = try #require(lines.first { $0.hasPrefix("boms/bad.yaml:") })
    #expect(line.hasPrefix("boms/bad.yaml:8:10: error: `qty` must be a number"))
    #expect(line.hasSuffix("[bom.wrong-type]"))
    // The other file is still checked.
    #expect(run.text.contains("clean-bracket (boms/clean.yaml, 2 parts)"))
  }

  @Test(arguments: [
    (["check", "--no-such-option", "boms"], "2026-11-25"),
    (["check", "boms", "--fail-on", "sometimes"], "2026-11-25"),
    (["check", "boms"], "2026-13-01"),
    (["check", "boms"], "25.11.2026"),
  ])
  func usageErrorsExitWith64(arguments: [String], asOf: String) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("boms/clean.yaml", cleanBOM)
    let run = try workspace.run(arguments, asOf: asOf)
    #expect(run.status == 64)
    #expect(run.errors.contains("Error:"))
    #expect(run.output.isEmpty)
  }

  @Test func jsonOutputFollowsTheSchemaAndIsStable() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("boms/bad.yaml", invalidBOM)
    try workspace.write("boms/clean.yaml", cleanBOM)
    try workspace.write("boms/gpu.yaml", gpuBOM)

    let first = try workspace.run(["check", "boms", "--format", "json"])
    let second = try workspace.run(["check", "boms", "--format", "json"])
    #expect(first.status == 2)
    #expect(first.output == second.output)

    let object = try JSONSerialization.jsonObject(with: first.output)
    let report = try #require(object as? [String: Any])
    #expect(report["schema"] as? String == "bomcheck-report/1")
    #expect(report["as_of"] as? String == "2026-11-25")
    let regimes = try #require(report["regimes"] as? [[String: Any]])
    #expect(regimes.compactMap { $0["id"] as? String } == ["cn-rare-earth", "us-ai-chips"])

    // Products sorted by id; part counts as written: bad-one A; clean BRK, SCR; gpu GPU, CASE, FAN.
    let products = try #require(report["products"] as? [[String: Any]])
    #expect(products.compactMap { $0["id"] as? String } == ["bad-one", "clean-bracket", "gpu-box"])
    #expect(products.compactMap { $0["part_count"] as? Int } == [1, 2, 3])
    #expect(products.compactMap { $0["file"] as? String } == ["boms/bad.yaml", "boms/clean.yaml", "boms/gpu.yaml"])

    let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
    let wrongType = try #require(diagnostics.first { $0["code"] as? String == "bom.wrong-type" })
    #expect(wrongType["file"] as? String == "boms/bad.yaml")
    #expect(wrongType["line"] as? Int == 8)
    #expect(wrongType["column"] as? Int == 10)
    #expect(wrongType["severity"] as? String == "error")

    let findings = try #require(report["findings"] as? [[String: Any]])
    let gpu = try #require(findings.first { $0["rule"] as? String == "US-3A090" })
    #expect(gpu["file"] as? String == "boms/gpu.yaml")
    #expect(gpu["line"] as? Int == 7)
    #expect(gpu["column"] as? Int == 5)

    let summary = try #require(report["summary"] as? [String: Any])
    #expect(summary["files"] as? Int == 3)
    #expect(summary["products"] as? Int == 3)
    #expect(summary["parts"] as? Int == 6)
  }

  @Test func theShippedPacksAreFoundWithoutRegimes() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("boms/gpu.yaml", gpuBOM)
    let found = try workspace.run(["check", "boms", "--format", "json"], regimes: false)
    #expect(found.status == 1)
    let report = try #require(try JSONSerialization.jsonObject(with: found.output) as? [String: Any])
    let regimes = try #require(report["regimes"] as? [[String: Any]])
    #expect(regimes.compactMap { $0["id"] as? String } == ["cn-rare-earth", "us-ai-chips"])
  }

  @Test func maxFileSizeRefusesLargerFilesBeforeParsingAndTheOthersAreChecked() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    // 1 MiB and one byte: a valid BOM filled up with a comment.
    let head = cleanBOM.replacingOccurrences(of: "clean-bracket", with: "big-bracket") + "# "
    try workspace.write("boms/big.yaml", head + String(repeating: "x", count: 1_048_577 - head.utf8.count - 1) + "\n")
    try workspace.write("boms/clean.yaml", cleanBOM)

    let limited = try workspace.run(["check", "boms", "--max-file-size", "1"])
    #expect(limited.status == 2)
    #expect(
      limited.text.contains(
        "boms/big.yaml: error: file is 1048577 bytes, larger than the limit of 1048576 bytes; not parsed"))
    #expect(limited.text.contains("clean-bracket (boms/clean.yaml, 2 parts)"))
    #expect(!limited.text.contains("big-bracket"))

    // The default limit is 32 MiB: the same file is read.
    let unlimited = try workspace.run(["check", "boms"])
    #expect(unlimited.status == 0)
    #expect(unlimited.text.contains("big-bracket (boms/big.yaml, 2 parts)"))

    #expect(try workspace.run(["check", "boms", "--max-file-size", "0"]).status == 64)
  }

  /// A `--max-file-size` too large to count in bytes is a usage error (it once overflowed and trapped).
  @Test func aMaxFileSizeTooLargeForBytesIsAUsageError() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("boms/clean.yaml", cleanBOM)
    let run = try workspace.run(["check", "boms", "--max-file-size", "8796093022208"])
    #expect(run.status == 64)
  }

  @Test func failOnChoosesWhatFails() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("gpu/gpu.yaml", gpuBOM)
    try workspace.write("advisory/edge.yaml", advisoryBOM)

    #expect(try workspace.run(["check", "gpu"]).status == 1)
    #expect(try workspace.run(["check", "gpu", "--fail-on", "none"]).status == 0)

    let advisory = try workspace.run(["check", "advisory"])
    #expect(advisory.status == 0)
    #expect(advisory.text.contains("advisory/edge.yaml:7:5: note: [US-GP10-PRC]"))
    #expect(try workspace.run(["check", "advisory", "--fail-on", "warning"]).status == 0)
    #expect(try workspace.run(["check", "advisory", "--fail-on", "note"]).status == 1)
  }
}
