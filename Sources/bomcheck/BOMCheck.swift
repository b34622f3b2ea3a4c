import ArgumentParser

/// The `bomcheck` command: checks hardware BOMs against China's rare-earth and US AI-chip
/// export controls, product by product and market by market.
@main
struct BOMCheck: AsyncParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "bomcheck",
    abstract: "Check hardware BOMs against China's rare-earth and US AI-chip export controls.",
    discussion: """
      Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on; \
      2 could not check (invalid BOM, config or pack, unreadable file); 64 usage error.
      Not legal advice.
      """,
    version: version,
    subcommands: [Check.self, Report.self, Explain.self, Regimes.self, Init.self, Schema.self],
    defaultSubcommand: Check.self
  )
}
