import ArgumentParser
import BOMCheckCore
import BOMCheckReporters

extension BOMCheck {
  /// `bomcheck explain RULE-ID`.
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Explain a rule: what it checks, its instruments with dates and status, and sources.")

    @Argument(help: "Rule id, e.g. CN-RE-18, US-GP10-ASCEND, CONFLICT.")
    var rule: String

    @OptionGroup var options: CommonOptions

    func run() throws {
      let request = try options.request()
      let (regimes, diagnostics) = Checker().loadRegimes(request)
      try PackProblems.stopIfInvalid(diagnostics)
      guard let text = RegimeText.explain(rule, regimes: regimes, asOf: request.asOf) else {
        let known = regimes.rules.map(\.id) + RegimeText.builtInRules.map(\.id)
        throw ValidationError("unknown rule '\(rule)'; known rules: \(known.joined(separator: ", "))")
      }
      try Output.write(text, to: options.output)
    }
  }

  /// `bomcheck regimes`.
  struct Regimes: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the loaded regime packs, their instruments' status on the date, and verified_through.")

    @OptionGroup var options: CommonOptions

    func run() throws {
      let request = try options.request()
      let (regimes, diagnostics) = Checker().loadRegimes(request)
      try PackProblems.stopIfInvalid(diagnostics)
      try Output.write(RegimeText.list(regimes, asOf: request.asOf), to: options.output)
    }
  }
}

/// Stops a command when its packs are invalid (exit 2), printing their problems.
enum PackProblems {
  static func stopIfInvalid(_ diagnostics: [Diagnostic]) throws {
    for diagnostic in diagnostics where diagnostic.severity == .error { Output.standardError(diagnostic.description) }
    if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
  }
}
