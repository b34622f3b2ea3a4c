import ArgumentParser
import Foundation

/// Reads the fingerprints of an earlier JSON report (`--baseline`).
enum Baseline {
  private struct Report: Decodable {
    struct Finding: Decodable { let fingerprint: String }
    let findings: [Finding]
  }

  static func fingerprints(_ path: String) throws -> Set<String> {
    guard let data = FileManager.default.contents(atPath: path),
      let report = try? JSONDecoder().decode(Report.self, from: data)
    else {
      throw ValidationError("--baseline: '\(path)' is not a readable bomcheck JSON report")
    }
    return Set(report.findings.map(\.fingerprint))
  }
}
