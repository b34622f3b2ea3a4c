import ArgumentParser
import BOMCheckCore
import Foundation

extension BOMCheck {
  /// `bomcheck schema`: prints the JSON Schema of the BOM format.
  struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the JSON Schema of the BOM format, for editors (yaml-language-server).",
      discussion: """
        Markets may be ISO 3166-1 alpha-2 codes or the market groups of the regime packs that \
        `check` would load. Save the schema with `bomcheck schema -o bom.schema.json` and make a BOM's \
        first line `# yaml-language-server: $schema=<path of bom.schema.json relative to the BOM>`.
        """)

    @Option(
      help:
        "Directory or file of regime packs whose market groups the schema accepts (default: the configuration's, else the shipped Regimes/)."
    )
    var regimes: String?

    @Option(help: "Configuration file whose regimes to use (default: .bomcheck.yaml found upward from here).")
    var config: String?

    @Option(name: .shortAndLong, help: "Write the schema to this file instead of standard output.")
    var output: String?

    func run() throws {
      let cwd = FileManager.default.currentDirectoryPath
      try Output.write(try Self.text(packLocations: try packLocations(cwd: cwd), workingDirectory: cwd), to: output)
    }

    /// `--regimes`, else the configuration's `regimes`, else the shipped packs, as `check` chooses.
    private func packLocations(cwd: String) throws -> [String] {
      if let regimes { return [regimes] }
      if let path = config.map({ FileSystem.absolutePath($0, base: cwd) }) ?? ConfigDecoder.find(from: cwd) {
        guard FileManager.default.fileExists(atPath: path) else {
          throw ValidationError("--config: no such file '\(config ?? path)'")
        }
        let (loaded, diagnostics) = ConfigDecoder(codes: Codes()).load(path, workingDirectory: cwd)
        try PackProblems.stopIfInvalid(diagnostics)
        if !loaded.regimes.isEmpty { return loaded.regimes }
      }
      return [try Self.shippedPacks(cwd: cwd)]
    }

    /// The shipped `Regimes/`, found from the working directory or the executable.
    static func shippedPacks(cwd: String) throws -> String {
      let executable = CommandLine.arguments.first.flatMap(CommonOptions.executablePath)
      guard let found = PackLoader.defaultDirectory(workingDirectory: cwd, executablePath: executable) else {
        throw ValidationError("cannot find the shipped Regimes/ directory; pass --regimes DIR")
      }
      return found
    }

    /// The schema as JSON text, accepting the market groups of the packs at `packLocations`;
    /// exit 2 when a pack is invalid.
    static func text(packLocations: [String], workingDirectory: String) throws -> String {
      let codes = Codes()
      let (packs, diagnostics) = PackLoader(codes: codes, workingDirectory: workingDirectory).load(packLocations)
      try PackProblems.stopIfInvalid(diagnostics)
      let groups = MarketGroupNames.known.union(RegimeSet(packs: packs).groups.keys)
      let data = try BOMSchema(codes: codes, marketGroups: groups).json()
      return String(decoding: data, as: UTF8.self)
    }
  }
}
