public import BOMCheckCore

/// JUnit XML: one test suite per product, one test case per product × market cell, failed when the
/// cell has non-waived findings at or above `--fail-on`; input errors as failing cases of their own.
public struct JUnitReporter: Reporter {
  /// Creates the reporter.
  public init() {}

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    try report.requireFindingsInMemory("JUnit")
    var suites: [String] = []
    var totalTests = 0
    var totalFailures = 0
    for product in report.products {
      var cases: [String] = []
      var failures = 0
      for cell in product.cells {
        let inCell = Set(cell.findings)
        let gating = report.findings.filter { finding in
          finding.product == product.id && inCell.contains(finding.fingerprint) && !finding.waived
            && options.failOn.map { finding.severity >= $0 } == true
        }
        let name = "\(product.id) × \(cell.market)"
        let statuses = cell.status.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }.joined(
          separator: ", ")
        if gating.isEmpty {
          cases.append("    <testcase classname=\"\(XML.escape(product.id))\" name=\"\(XML.escape(name))\"/>")
        } else {
          failures += 1
          let body = gating.map { "\($0.location): \($0.severity.rawValue): [\($0.rule)] \($0.message)" }.joined(
            separator: "\n")
          cases.append(
            "    <testcase classname=\"\(XML.escape(product.id))\" name=\"\(XML.escape(name))\">\n"
              + "      <failure message=\"\(XML.escape(statuses))\" type=\"\(XML.escape(gating.map(\.rule).joined(separator: ",")))\">"
              + XML.escape(body) + "</failure>\n    </testcase>")
        }
      }
      totalTests += cases.count
      totalFailures += failures
      suites.append(
        "  <testsuite name=\"\(XML.escape(product.id))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" "
          + "file=\"\(XML.escape(product.file))\">\n" + cases.joined(separator: "\n") + "\n  </testsuite>")
    }
    let inputErrors = report.diagnostics.filter { $0.severity == .error }
    if !inputErrors.isEmpty {
      let cases = inputErrors.map { diagnostic in
        "    <testcase classname=\"input\" name=\"\(XML.escape(diagnostic.file))\">\n      <error message=\"\(XML.escape(diagnostic.code))\">"
          + XML.escape(diagnostic.description) + "</error>\n    </testcase>"
      }
      totalTests += cases.count
      suites.append(
        "  <testsuite name=\"bomcheck input\" tests=\"\(cases.count)\" failures=\"0\" errors=\"\(cases.count)\">\n"
          + cases.joined(separator: "\n") + "\n  </testsuite>")
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<testsuites name=\"bomcheck \(report.asOf)\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\">\n"
      + suites.joined(separator: "\n") + "\n</testsuites>\n"
  }
}

/// XML escaping for attribute and text content: the HTML escaping, with line breaks kept as
/// character references and other control characters (not allowed in XML 1.0) dropped.
enum XML {
  static func escape(_ text: String) -> String {
    let allowed = String(
      text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" }.map(Character.init))
    return HTML.escape(allowed).replacingOccurrences(of: "\n", with: "&#10;")
  }
}
