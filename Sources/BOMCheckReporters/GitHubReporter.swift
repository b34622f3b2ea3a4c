public import BOMCheckCore

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
public struct GitHubReporter: Reporter {
  /// Creates the reporter.
  public init() {}

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    try report.requireFindingsInMemory("GitHub")
    var lines: [String] = []
    for diagnostic in report.diagnostics {
      lines.append(
        command(
          diagnostic.severity, file: diagnostic.file, line: diagnostic.mark?.line, column: diagnostic.mark?.column,
          title: diagnostic.code, message: diagnostic.message))
    }
    for finding in report.findings where !finding.waived {
      var message = "\(finding.message) (product \(finding.product)"
      if !finding.part.isEmpty { message += ", part \(finding.part)" }
      message += "; markets \(finding.markets.joined(separator: ", ")))"
      if let settle = finding.settle { message += "\nTo settle: \(settle)" }
      lines.append(
        command(
          finding.severity, file: finding.location.file, line: finding.location.line,
          column: finding.location.column, title: "[\(finding.rule)] \(finding.status.rawValue)", message: message))
    }
    lines.append(TextReporter().summaryLine(report))
    return lines.joined(separator: "\n") + "\n"
  }

  private func command(_ severity: Severity, file: String, line: Int?, column: Int?, title: String, message: String)
    -> String
  {
    let kind: String
    switch severity {
    case .error: kind = "error"
    case .warning: kind = "warning"
    case .note: kind = "notice"
    }
    var properties = ["file=\(escapeProperty(file))"]
    if let line { properties.append("line=\(line)") }
    if let column { properties.append("col=\(column)") }
    properties.append("title=\(escapeProperty(title))")
    return "::\(kind) \(properties.joined(separator: ","))::\(escapeData(message))"
  }

  /// Workflow-command data escaping: `%`, CR and LF.
  func escapeData(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// Property escaping: data escaping plus `:` and `,`.
  func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
