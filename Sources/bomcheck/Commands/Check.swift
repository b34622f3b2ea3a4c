import ArgumentParser
import BOMCheckCore
import BOMCheckReporters

extension BOMCheck {
  /// `bomcheck check [PATH...]`: the main job.
  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check BOM files and print findings (the default command).")

    @OptionGroup var options: CommonOptions

    @Option(help: "Output format: text, json, sarif, junit, github, md.")
    var format: ReportFormat = .text

    @Option(help: "An earlier JSON report: its findings are not 'new' in the md format.")
    var baseline: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning, note, none.")
    var failOn: FailOn?

    func run() async throws {
      let request = try options.request()
      let checker = Checker()
      try options.validateMarkets(request, checker: checker)
      let report = try await Progress.check(checker, request, format: format)
      let threshold = failOn.map(\.severity) ?? request.config.failOn ?? .error
      var render = RenderOptions()
      render.quiet = options.quiet
      render.failOn = threshold
      render.color = format == .text && options.output == nil && Terminal.isColorTerminal
      let known = try baseline.map(Baseline.fingerprints)
      try Output.write(
        report, as: format, with: reporter(for: format, baseline: known), options: render, to: options.output)
      if format != .text && !options.quiet {
        Output.standardError(TextReporter().summaryLine(report))
      }
      AtExit.keep(report)
      throw ExitStatus.code(for: report, failOn: threshold)
    }
  }
}
