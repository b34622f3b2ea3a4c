import Foundation
import Testing

@testable import BOMCheckCore
@testable import BOMCheckReporters

/// The package root, found from this file's path.
let packageRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// The report of the example BOMs on a fixed date.
let examplesReport: Report = {
  var request = CheckRequest(
    paths: ["BOMs"], workingDirectory: packageRoot, asOf: Day(daysSinceEpoch: 20_782), toolVersion: "0.1.0")
  request.packLocations = ["Regimes"]
  do {
    return try Checker().run(request)
  } catch {
    fatalError("without renderFindings nothing is spilled, so the run cannot fail: \(error)")
  }
}()

/// Compares `text` with the golden file `name`; `RECORD_GOLDEN=1` rewrites it instead.
func expectGolden(_ text: String, _ name: String) throws {
  let path = "\(packageRoot)/Tests/BOMCheckReportersTests/Golden/\(name)"
  if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return
  }
  let expected = try String(contentsOfFile: path, encoding: .utf8)
  #expect(
    text == expected, "\(name) differs from the golden file; re-record with RECORD_GOLDEN=1 after checking the diff")
}

@Suite struct ReportersTests {
  @Test func theExamplesAreCheckedOn2026_11_25() {
    #expect(examplesReport.asOf.description == "2026-11-25")
    #expect(examplesReport.diagnostics.allSatisfy { $0.severity != .error })
  }

  @Test(arguments: [
    (ReportFormat.json, "examples.json"), (.text, "examples.txt"), (.sarif, "examples.sarif"),
    (.junit, "examples.junit.xml"), (.github, "examples.github.txt"), (.md, "examples.md"),
    (.html, "examples.html"), (.csv, "examples.csv"),
  ])
  func goldenOutputOfTheExamples(format: ReportFormat, file: String) throws {
    try expectGolden(try reporter(for: format).render(examplesReport, options: RenderOptions()), file)
  }

  @Test func jsonIsDeterministic() throws {
    let first = try JSONReporter().render(examplesReport, options: RenderOptions())
    var request = CheckRequest(
      paths: ["BOMs"], workingDirectory: packageRoot, asOf: Day(daysSinceEpoch: 20_782), toolVersion: "0.1.0")
    request.packLocations = ["Regimes"]
    let second = try JSONReporter().render(try Checker().run(request), options: RenderOptions())
    #expect(first == second)
  }

  @Test func theExamplesShowEveryStatusAndAConflict() {
    let statuses = Set(examplesReport.findings.map(\.status))
    for status in [Status.advisory, .indeterminate, .licenseRequired, .prohibited] {
      #expect(statuses.contains(status), "no \(status.rawValue) finding in the examples")
    }
    let cellStatuses = Set(examplesReport.products.flatMap { $0.cells.flatMap { $0.status.values } })
    #expect(cellStatuses.contains(.clear))
    #expect(examplesReport.findings.contains { $0.rule == "CONFLICT" })
    #expect(examplesReport.findings.contains { $0.rule == "CONFLICT-POSSIBLE" })
  }
}

@Suite struct FormatDetailTests {
  @Test func sarifLeavesOutWaivedFindingsAndKeepsMarketsInProperties() throws {
    let sarif = try SARIFReporter().render(examplesReport, options: RenderOptions())
    let waived = examplesReport.findings.filter(\.waived)
    #expect(!waived.isEmpty)
    for finding in waived { #expect(!sarif.contains(finding.fingerprint)) }
    #expect(sarif.contains("\"markets\" : ["))
    #expect(!sarif.contains("\"uri\" : \"/"))
  }

  @Test func githubCommandsEscapeTheirData() {
    let reporter = GitHubReporter()
    #expect(reporter.escapeData("50% done\nnext") == "50%25 done%0Anext")
    #expect(reporter.escapeProperty("a:b,c") == "a%3Ab%2Cc")
  }

  @Test func junitEscapesAndFailsOnlyGatingCells() throws {
    let xml = try JUnitReporter().render(examplesReport, options: RenderOptions())
    #expect(xml.contains("<testcase classname=\"robovac-rv10\" name=\"robovac-rv10 × US\"/>"))
    #expect(xml.contains("name=\"hx1-humanoid × US\">\n      <failure"))
    #expect(XML.escape("<a & \"b\" 'c'>\n\u{1}") == "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;&#10;")
  }

  @Test func htmlEscapingWorksOnBytesEvenBeforeCombiningMarks() {
    // A quote followed by a combining accent is one character but still a bare quote byte in HTML.
    #expect(HTML.escape("\"\u{301}x") == "&quot;\u{301}x")
    #expect(HTML.escape("a<b>&'c'") == "a&lt;b&gt;&amp;&#39;c&#39;")
    #expect(HTML.escape("plain ünïcode") == "plain ünïcode")
  }

  @Test func markdownListsErrorsFirstAndNewOnesBeforeKnownOnes() throws {
    let all = Set(examplesReport.findings.map(\.fingerprint))
    let plain = try MarkdownReporter().render(examplesReport, options: RenderOptions())
    let errors = try #require(plain.range(of: "### Errors"))
    let warnings = try #require(plain.range(of: "Warnings ("))
    #expect(errors.lowerBound < warnings.lowerBound)
    let withBaseline = try MarkdownReporter(baseline: all).render(examplesReport, options: RenderOptions())
    #expect(!withBaseline.contains("New errors"))
    let oneNew = all.subtracting([examplesReport.findings.first { $0.severity == .error }?.fingerprint ?? ""])
    #expect(
      try MarkdownReporter(baseline: oneNew).render(examplesReport, options: RenderOptions()).contains(
        "### New errors (not in the baseline) (1)"))
  }
}

@Suite struct HTMLTests {
  /// A report with one hostile product name, part path, message and source.
  func hostileReport() -> Report {
    let hostile = "<script>alert('x')</script> & \"quoted\""
    let location = SourceLocation(file: "BOMs/<b>.yaml", line: 3, column: 5)
    let finding = Finding(
      fingerprint: "f1", rule: "CN-RE-18", regime: "cn-rare-earth", instruments: ["MOFCOM-2025-18"],
      status: .licenseRequired, severity: .error, confidence: .declared, product: hostile, part: "M<1>/MAG",
      markets: ["US"], location: location, supplier: hostile, message: hostile, settle: hostile,
      sources: ["https://example.com/?a=1&b=<2>"])
    let product = ProductResult(
      id: hostile, name: hostile, file: "BOMs/<b>.yaml", partCount: 1,
      cells: [Cell(market: "US", status: ["cn-rare-earth": .licenseRequired], conflict: .none, findings: ["f1"])],
      location: location)
    return Report(
      toolVersion: "0.1.0", asOf: Day(daysSinceEpoch: 20_782),
      regimes: [
        PackSummary(id: "cn-rare-earth", jurisdiction: "CN", verifiedThrough: Day(daysSinceEpoch: 20_621), title: "<t>")
      ],
      products: [product], findings: [finding], diagnostics: [], fileCount: 1)
  }

  @Test func hostileNamesAreEscapedEverywhere() throws {
    let html = try HTMLReporter().render(hostileReport(), options: RenderOptions())
    #expect(!html.contains("<script"))
    #expect(!html.contains("<b>"))
    #expect(!html.contains("M<1>"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
    #expect(html.contains("href=\"https://example.com/?a=1&amp;b=&lt;2&gt;\""))
  }

  @Test func theReportIsSelfContainedAndSaysItIsNotLegalAdvice() throws {
    let html = try HTMLReporter().render(examplesReport, options: RenderOptions())
    #expect(!html.contains("<script"))
    #expect(!html.contains("<link"))
    #expect(!html.contains("src=\"http"))
    #expect(html.contains("Not legal advice."))
    #expect(html.contains("verified through 2026-06-17"))
    #expect(html.contains("⚡ CONFL."))
    #expect(html.contains("@media print"))
  }

  @Test func csvHasOneRowPerProductMarketAndRegime() throws {
    let csv = try CSVReporter().render(examplesReport, options: RenderOptions())
    let rows = csv.split(separator: "\r\n")
    let cells = examplesReport.products.reduce(0) { $0 + $1.cells.count }
    #expect(rows.count == 1 + cells * examplesReport.regimes.count)
    #expect(CSVReporter.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
    #expect(CSVReporter.field("=HYPERLINK(1)") == "'=HYPERLINK(1)")
  }
}

@Suite struct DeterminismTests {
  @Test func parallelRunsGiveTheSameBytesAsTheSequentialRun() async throws {
    var request = CheckRequest(
      paths: ["BOMs"], workingDirectory: packageRoot, asOf: Day(daysSinceEpoch: 20_782), toolVersion: "0.1.0")
    request.packLocations = ["Regimes"]
    let sequential = try JSONReporter().render(examplesReport, options: RenderOptions())
    for jobs in [1, 2, 4] {
      let parallel = try JSONReporter().render(try await Checker().run(request, jobs: jobs), options: RenderOptions())
      #expect(parallel == sequential, "jobs \(jobs)")
    }
  }

  @Test func spilledFindingsStreamTheSameBytesAsTheReportInMemory() async throws {
    var request = CheckRequest(
      paths: ["BOMs"], workingDirectory: packageRoot, asOf: Day(daysSinceEpoch: 20_782), toolVersion: "0.1.0")
    request.packLocations = ["Regimes"]
    request.renderFindings = JSONReporter.findingsFragment
    let expected = try JSONReporter().renderBytes(examplesReport, options: RenderOptions())
    for jobs in [1, 2] {
      let report = try await Checker().run(request, jobs: jobs)
      #expect(report.findings.isEmpty)
      #expect(report.spilledFindings?.ranges.count ?? 0 > 1)
      #expect(report.summary == examplesReport.summary)
      var streamed: [UInt8] = []
      try JSONReporter().write(report) { streamed.append(contentsOf: $0) }
      #expect(streamed == expected, "jobs \(jobs)")
      #expect(try JSONReporter().renderBytes(report, options: RenderOptions()) == expected)
      // Other formats need the findings in memory and say so instead of rendering none.
      for format in ReportFormat.allCases where format != .json {
        #expect(throws: ReportError.self) { try reporter(for: format).render(report, options: RenderOptions()) }
      }
    }
  }

  /// A product large enough to be decoded while parsed, walked and rendered in chunks (4,400
  /// top-level parts, more than two batches of 2,048; 17,600 parts, thousands of findings) gives the
  /// same bytes as the sequential run.
  @Test func aLargeProductSplitAcrossTasksGivesTheSameBytes() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("bomcheck-large-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    var text = "bomcheck: 1\nproduct:\n  id: big\n  assembled_in: VN\n  markets: [US, DE, CN]\nparts:\n"
    for index in 0..<4400 {
      text += "  - ref: M\(index)\n    name: BLDC motor\n    origin: \(index % 3 == 0 ? "CN" : "JP")\n    parts:\n"
      text += "      - {ref: R, name: Rotor magnet, kind: magnet, origin: CN, material: NdFeB, grade: N42SH}\n"
      text += "      - {ref: C, name: Atlas 300I Duo card, origin: CN}\n"
      text += "      - {ref: S, name: Housing, origin: DE, qty: \(index % 7 + 1)}\n"
    }
    try text.write(to: root.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
    var request = CheckRequest(
      paths: ["."], workingDirectory: root.path, asOf: Day(daysSinceEpoch: 20_782), toolVersion: "0.1.0")
    request.packLocations = [packageRoot + "/Regimes"]
    let sequential = try Checker().run(request)
    #expect(sequential.products.first?.partCount == 17_600)
    #expect(sequential.findings.count >= 4096)
    let expected = try JSONReporter().renderBytes(sequential, options: RenderOptions())
    let parallel = try await Checker().run(request, jobs: 2)
    #expect(try JSONReporter().renderBytes(parallel, options: RenderOptions()) == expected)
    request.renderFindings = JSONReporter.findingsFragment
    let spilled = try await Checker().run(request, jobs: 2)
    #expect(spilled.spilledFindings?.ranges.count ?? 0 > 1)
    var streamed: [UInt8] = []
    try JSONReporter().write(spilled) { streamed.append(contentsOf: $0) }
    #expect(streamed == expected)
  }

  @Test func theJSONWriterMatchesFoundationsEncoderByteForByte() throws {
    struct Sample: Encodable {
      let text: String
      let list: [String]
      let empty: [String]
      let nested: [String: Int]
      let flag: Bool
    }
    var tricky = ""
    for value in 0..<0x20 { tricky.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
    tricky += "\"\\/\u{7f}é😀\u{2028}<b>"
    let sample = Sample(text: tricky, list: ["a", tricky], empty: [], nested: ["b": 2, "a": -1], flag: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let expected = String(decoding: try encoder.encode(sample), as: UTF8.self)
    var writer = JSONWriter()
    try writer.write(
      .object([
        ("text", .string(tricky)), ("list", .strings(["a", tricky])), ("empty", .array([])),
        ("nested", .object([("b", .int(2)), ("a", .int(-1))])), ("flag", .bool(true)),
      ]))
    #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
  }

  /// The writer's byte buffer grows, copies on write and empties like an array.
  @Test func byteBufferBehavesLikeAnArray() {
    var buffer = ByteBuffer(capacity: 1)
    var expected: [UInt8] = []
    for round in 0..<300 {
      let byte = UInt8(truncatingIfNeeded: round)
      buffer.append(byte)
      expected.append(byte)
      buffer.append(contentsOf: [byte, 1, 2])
      expected += [byte, 1, 2]
      buffer.append(repeating: 32, count: round % 5)
      expected += Array(repeating: 32, count: round % 5)
      buffer.append(contentsOf: String(round).utf8)
      expected += Array(String(round).utf8)
    }
    #expect(Array(buffer) == expected)
    #expect(buffer.array(from: 10) == Array(expected[10...]))
    let copy = buffer
    buffer.append(7)
    #expect(Array(copy) == expected)
    #expect(buffer.count == expected.count + 1)
    buffer.removeAll(keepingCapacity: true)
    #expect(buffer.isEmpty)
    #expect(Array(copy) == expected)
  }

  /// A claimed buffer (appends skip the uniqueness check) never writes a storage it shares:
  /// claiming a shared buffer gives it a storage of its own first, and after `unclaim` appends
  /// check again.
  @Test func claimedByteBufferNeverWritesASharedStorage() {
    func address(_ buffer: ByteBuffer) -> UnsafeRawPointer? { buffer.withUnsafeBytes { $0.baseAddress } }
    var buffer = ByteBuffer(capacity: 4)
    buffer.append(contentsOf: [1, 2, 3])
    let before = buffer
    #expect(address(before) == address(buffer))
    buffer.claim()
    #expect(address(before) != address(buffer))
    let claimed = address(buffer)
    for byte in 0..<200 { buffer.append(UInt8(byte)) }
    buffer.unclaim()
    #expect(Array(before) == [1, 2, 3])
    #expect(Array(buffer) == [1, 2, 3] + (0..<200).map { UInt8($0) })
    // Grown past its capacity while claimed: a storage of its own still.
    #expect(address(buffer) != claimed)
    let copy = buffer
    buffer.append(9)
    #expect(address(copy) != address(buffer))
    #expect(Array(copy) == [1, 2, 3] + (0..<200).map { UInt8($0) })
    #expect(Array(buffer.suffix(2)) == [199, 9])
  }

  /// Strings are scanned eight bytes at a time: every character that needs escaping is still
  /// escaped at every position in the word, among ASCII and multi-byte text.
  @Test func escapesAreFoundAtEveryPositionOfAWord() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    let specials = (0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) } + ["\"", "\\"]
    for base in ["abcdefghijklmnopqrstuvwx", "äbcdéfghíjklmnöpqrstüvwx", "0123456789ABCDEF!#$%&()*"] {
      for special in specials {
        for position in 0..<base.count {
          var text = base
          text.insert(special, at: text.index(text.startIndex, offsetBy: position))
          var writer = JSONWriter()
          try writer.write(.string(text))
          let expected = String(decoding: try encoder.encode(text), as: UTF8.self)
          #expect(String(decoding: writer.bytes, as: UTF8.self) == expected, "\(position)")
        }
      }
    }
  }
}
