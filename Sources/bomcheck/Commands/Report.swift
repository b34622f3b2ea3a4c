import ArgumentParser
import BOMCheckCore
import BOMCheckReporters

extension BOMCheck {
  /// `bomcheck report [PATH...] --format html|md|csv|json -o FILE`: the per-market exposure report.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the per-market exposure report (products x markets, both regimes, findings and sources).")

    @OptionGroup var options: CommonOptions

    @Option(help: "Report format: html, md, csv, json.")
    var format: ReportFormat = .html

    func run() throws {
      throw ValidationError("not implemented yet")
    }
  }
}
