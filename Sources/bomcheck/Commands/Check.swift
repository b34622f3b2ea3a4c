import ArgumentParser
import BOMCheckCore
import BOMCheckReporters

extension BOMCheck {
  /// `bomcheck check [PATH...]`: the main job.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check BOM files and print findings (the default command).")

    @OptionGroup var options: CommonOptions

    @Option(help: "Output format: text, json, sarif, junit, github, md.")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning, note, none.")
    var failOn: FailOn = .error

    func run() throws {
      let report = Checker().run(try options.request())
      var render = RenderOptions()
      render.quiet = options.quiet
      render.failOn = failOn.severity
      render.color = format == .text && options.output == nil && Terminal.isColorTerminal
      try Output.write(try reporter(for: format).render(report, options: render), to: options.output)
      if format != .text && !options.quiet {
        Output.standardError(TextReporter().summaryLine(report))
      }
      throw ExitStatus.code(for: report, failOn: failOn.severity)
    }
  }
}
