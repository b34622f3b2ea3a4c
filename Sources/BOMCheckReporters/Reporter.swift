public import BOMCheckCore

/// Output formats of `bomcheck check` and `bomcheck report`.
public enum ReportFormat: String, Sendable, CaseIterable {
  case text, json, sarif, junit, github, md, html, csv
}

/// Settings that change how a report is rendered.
public struct RenderOptions: Sendable {
  /// Colour (ANSI) in text output; only on a terminal.
  public var color = false
  /// Only errors and the summary in text output.
  public var quiet = false
  /// The severity that fails the run (for JUnit and summaries).
  public var failOn: Severity? = .error

  /// Creates default options.
  public init() {}
}

/// Renders a report to text in one format.
public protocol Reporter: Sendable {
  /// Renders the whole report.
  func render(_ report: Report, options: RenderOptions) throws -> String

  /// Renders the whole report as UTF-8 bytes (formats that can write bytes directly override it).
  func renderBytes(_ report: Report, options: RenderOptions) throws -> [UInt8]
}

extension Reporter {
  public func renderBytes(_ report: Report, options: RenderOptions) throws -> [UInt8] {
    Array(try render(report, options: options).utf8)
  }
}

/// A report a format cannot render.
public enum ReportError: Error, CustomStringConvertible {
  /// The findings were spilled for the streaming JSON report (`CheckRequest.renderFindings`); other
  /// formats need them in memory.
  case findingsSpilled(format: String)

  public var description: String {
    switch self {
    case .findingsSpilled(let format):
      return "the \(format) report needs the findings in memory, but this run spilled them for JSON"
    }
  }
}

extension Report {
  /// Throws when the findings were spilled: every format but JSON reads them from memory, and
  /// would otherwise render a report without findings.
  func requireFindingsInMemory(_ format: String) throws {
    if spilledFindings != nil { throw ReportError.findingsSpilled(format: format) }
  }
}

/// The reporter for a format; `baseline` (fingerprints of an earlier JSON report) feeds Markdown.
public func reporter(for format: ReportFormat, baseline: Set<String>? = nil) -> any Reporter {
  switch format {
  case .text: return TextReporter()
  case .json: return JSONReporter()
  case .sarif: return SARIFReporter()
  case .junit: return JUnitReporter()
  case .github: return GitHubReporter()
  case .md: return MarkdownReporter(baseline: baseline)
  case .html: return HTMLReporter()
  case .csv: return CSVReporter()
  }
}
