import ArgumentParser
import BOMCheckCore
import BOMCheckReporters

extension BOMCheck {
  /// `bomcheck report [PATH...] --format html|md|csv|json -o FILE`: the per-market exposure report.
  struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the per-market exposure report (products x markets, both regimes, findings and sources).")

    @OptionGroup var options: CommonOptions

    @Option(help: "Report format: html, md, csv, json.")
    var format: ReportFormat = .html

    func validate() throws {
      guard [.html, .md, .csv, .json].contains(format) else {
        throw ValidationError("report --format must be html, md, csv or json")
      }
    }

    func run() async throws {
      let request = try options.request()
      let checker = Checker()
      try options.validateMarkets(request, checker: checker)
      let report = try await Progress.check(checker, request, format: format)
      try Output.write(report, as: format, with: reporter(for: format), options: RenderOptions(), to: options.output)
      if !options.quiet {
        Output.standardError(
          TextReporter().summaryLine(report) + (options.output.map { "; report written to \($0)" } ?? ""))
      }
      AtExit.keep(report)
      if report.hasInputErrors { throw ExitCode(2) }
    }
  }
}
