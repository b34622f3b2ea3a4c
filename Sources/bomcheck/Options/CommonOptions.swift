import ArgumentParser
import BOMCheckCore
import BOMCheckReporters
import Foundation

extension ReportFormat: ExpressibleByArgument {}

extension Severity: ExpressibleByArgument {}

/// `--fail-on error|warning|note|none`.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
  case error, warning, note, none

  var severity: Severity? { Severity(rawValue: rawValue) }
}

/// Options shared by the commands that check BOMs.
struct CommonOptions: ParsableArguments {
  @Option(name: .customLong("as-of"), help: "Evaluation date, YYYY-MM-DD (default: today, UTC).")
  var asOf: String?

  @Option(
    name: .customLong("market"),
    help: "Judge every product in exactly these markets for this run (repeatable; narrows or adds).")
  var markets: [String] = []

  @Option(help: "Directory or file of regime packs (default: the shipped Regimes/).")
  var regimes: String?

  @Option(help: "Configuration file (default: .bomcheck.yaml found upward from here).")
  var config: String?

  @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(name: .customLong("max-file-size"), help: "Largest BOM file read, in MiB (default 32).")
  var maxFileSize: Int = 32

  @Flag(help: "Only errors and the summary.")
  var quiet = false

  @Argument(help: "BOM files or directories (default: BOMs/).")
  var paths: [String] = []

  /// The evaluation date: `--as-of` or today in UTC.
  func evaluationDay() throws -> Day {
    if let asOf {
      guard let day = Day(asOf) else {
        throw ValidationError("--as-of must be a date written YYYY-MM-DD, got '\(asOf)'")
      }
      return day
    }
    let seconds = Int(Date().timeIntervalSince1970)
    return Day(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
  }

  /// The absolute path of the running executable.
  static func executablePath(_ argument: String) -> String? {
    if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
    return argument.hasPrefix("/") ? argument : nil
  }

  /// The request for Core: the configuration read, and packs from `--regimes`, else the
  /// configuration's `regimes`, else the shipped `Regimes/`.
  func request() throws -> CheckRequest {
    let cwd = FileManager.default.currentDirectoryPath
    var request = CheckRequest(
      paths: paths.isEmpty ? ["BOMs"] : paths, workingDirectory: cwd, asOf: try evaluationDay(),
      toolVersion: BOMCheck.version)
    request.extraMarkets = markets
    guard (1...65_536).contains(maxFileSize) else {
      throw ValidationError("--max-file-size must be from 1 to 65536 (MiB), got \(maxFileSize)")
    }
    request.limits.maxFileBytes = maxFileSize * 1024 * 1024
    if let path = config.map({ FileSystem.absolutePath($0, base: cwd) }) ?? ConfigDecoder.find(from: cwd) {
      guard FileManager.default.fileExists(atPath: path) else {
        throw ValidationError("--config: no such file '\(config ?? path)'")
      }
      (request.config, request.configDiagnostics) = ConfigDecoder(codes: Codes()).load(path, workingDirectory: cwd)
    }
    if let regimes {
      request.packLocations = [regimes]
    } else if !request.config.regimes.isEmpty {
      request.packLocations = request.config.regimes
    } else if let shipped = PackLoader.defaultDirectory(
      workingDirectory: cwd, executablePath: CommandLine.arguments.first.flatMap(Self.executablePath))
    {
      request.packLocations = [shipped]
    } else {
      throw ValidationError("cannot find the shipped Regimes/ directory; pass --regimes DIR")
    }
    return request
  }

  /// Checks `--market` codes against ISO codes and the packs' groups (usage error otherwise).
  func validateMarkets(_ request: CheckRequest, checker: Checker) throws {
    guard !markets.isEmpty else { return }
    let (regimes, _) = checker.loadRegimes(request)
    let known = checker.knownMarkets(regimes)
    for market in markets where !known.contains(market) {
      throw ValidationError("--market '\(market)' is not an ISO 3166-1 alpha-2 code or a market group")
    }
  }
}
