import ArgumentParser
import BOMCheckCore
import Foundation

extension BOMCheck {
  /// `bomcheck init`: writes a commented `.bomcheck.yaml`, the BOM JSON Schema and a starter BOM.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a commented .bomcheck.yaml and a starter BOM, refusing to overwrite.",
      discussion: """
        Writes .bomcheck.yaml, bom.schema.json (the output of `bomcheck schema`) and \
        BOMs/example-product.yaml, whose first line points editors with yaml-language-server at the \
        schema. Writes nothing when any of them exists already (exit 64).
        """)

    @Option(help: "Folder to set up (created when missing).")
    var directory: String = "."

    @Option(
      help: "Directory or file of regime packs whose market groups the schema accepts (default: the shipped Regimes/).")
    var regimes: String?

    func run() throws {
      let cwd = FileManager.default.currentDirectoryPath
      let root = FileSystem.absolutePath(directory, base: cwd)
      let existing = StarterFiles.paths.filter { Self.exists(path($0, root)) }.map(display)
      guard existing.isEmpty else {
        throw ValidationError(
          "init writes nothing: \(existing.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : "")")
      }
      let files = StarterFiles.files(schema: try schemaText(cwd: cwd))
      for file in files {
        let target = URL(fileURLWithPath: path(file.path, root))
        do {
          try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data(file.contents.utf8).write(to: target, options: .withoutOverwriting)
        } catch {
          Output.standardError("bomcheck: cannot write \(display(file.path)): \(error.localizedDescription)")
          throw ExitCode(2)
        }
        try Output.write("wrote \(display(file.path))\n", to: nil)
      }
      try Output.write("next: \(directory == "." ? "" : "cd \(directory) && ")bomcheck check\n", to: nil)
    }

    /// A file, folder or symbolic link (even a dangling one) is at `path`.
    private static func exists(_ path: String) -> Bool {
      FileManager.default.fileExists(atPath: path)
        || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    /// `relative` as the user named the folder, e.g. `repo/.bomcheck.yaml`.
    private func display(_ relative: String) -> String {
      directory == "." ? relative : (directory.hasSuffix("/") ? directory : directory + "/") + relative
    }

    private func path(_ relative: String, _ root: String) -> String {
      root == "/" ? "/" + relative : root + "/" + relative
    }

    /// The schema with the market groups of `--regimes` or the shipped packs.
    private func schemaText(cwd: String) throws -> String {
      let packs = try regimes ?? Schema.shippedPacks(cwd: cwd)
      return try Schema.text(packLocations: [packs], workingDirectory: cwd)
    }
  }
}
