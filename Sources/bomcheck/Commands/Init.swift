import ArgumentParser
import BOMCheckCore

extension BOMCheck {
  /// `bomcheck init`: writes a commented `.bomcheck.yaml` and a starter BOM.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a commented .bomcheck.yaml and a starter BOM, refusing to overwrite.")

    func run() throws {
      throw ValidationError("not implemented yet")
    }
  }
}
