import ArgumentParser
import BOMCheckCore

extension BOMCheck {
  /// `bomcheck schema`: prints the JSON Schema of the BOM format.
  struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the JSON Schema of the BOM format, for editors (yaml-language-server).")

    func run() throws {
      throw ValidationError("not implemented yet")
    }
  }
}
