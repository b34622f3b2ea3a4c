import BOMCheckCore
import Foundation
import Testing

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
  return Checker().run(request)
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

  @Test(arguments: [(ReportFormat.json, "examples.json"), (.text, "examples.txt")])
  func goldenOutputOfTheExamples(format: ReportFormat, file: String) throws {
    try expectGolden(try reporter(for: format).render(examplesReport, options: RenderOptions()), file)
  }

  @Test func jsonIsDeterministic() throws {
    let first = try JSONReporter().render(examplesReport, options: RenderOptions())
    var request = CheckRequest(
      paths: ["BOMs"], workingDirectory: packageRoot, asOf: Day(daysSinceEpoch: 20_782), toolVersion: "0.1.0")
    request.packLocations = ["Regimes"]
    let second = try JSONReporter().render(Checker().run(request), options: RenderOptions())
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
