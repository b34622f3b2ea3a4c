import ArgumentParser
import BOMCheckCore
import BOMCheckReporters
import Foundation
import Synchronization

/// Progress on standard error for long runs, only on a terminal and never in CI (`CI` set) or when
/// standard error is piped; throttled to a few updates a second and cleared at the end.
final class ProgressLine: Sendable {
  private struct State {
    var lastUpdate = ContinuousClock.now
    var shown = false
  }

  private let started = ContinuousClock.now
  private let state = Mutex(State())

  /// The progress callback for Core.
  func update(_ phase: String, _ done: Int, _ total: Int) {
    let now = ContinuousClock.now
    let text: String? = state.withLock { state in
      guard now - started > .milliseconds(500), now - state.lastUpdate > .milliseconds(150) || done == total else {
        return nil
      }
      state.lastUpdate = now
      state.shown = true
      return "\r\u{1B}[Kbomcheck: \(phase) \(done)/\(total)"
    }
    if let text { FileHandle.standardError.write(Data(text.utf8)) }
  }

  /// Clears the line if anything was shown.
  func finish() {
    if state.withLock({ $0.shown }) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}

/// The cores this process may run on: on Linux its CPU affinity (`taskset`, a container's cpuset,
/// from `Cpus_allowed_list` in /proc/self/status), which Foundation's processor count ignores, so
/// that a run confined to one core does not split its work into tasks that only take turns.
func availableCores() -> Int {
  let counted = ProcessInfo.processInfo.activeProcessorCount
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }),
    let allowed = cpuCount(list: line.dropFirst("Cpus_allowed_list:".count))
  else { return counted }
  return max(1, min(counted, allowed))
}

/// The number of CPUs in a Linux CPU list such as `0-3,8,10-11`; nil when it cannot be read.
func cpuCount(list: Substring) -> Int? {
  var total = 0
  for item in list.split(separator: ",") {
    let bounds = item.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    switch bounds.count {
    case 1:
      guard bounds[0] != nil else { return nil }
      total += 1
    case 2:
      guard let low = bounds[0], let high = bounds[1], high >= low else { return nil }
      total += high - low + 1
    default: return nil
    }
  }
  return total > 0 ? total : nil
}

/// Runs a check with a progress line when the terminal allows one.
enum Progress {
  /// Runs the check for a report in `format`: for JSON the findings are rendered as products are
  /// judged and kept as bytes (in memory up to `SpillWriter.memoryBudget`, then in a temporary
  /// file; see `Output.write(_:as:with:options:to:)`), not as findings.
  static func check(_ checker: Checker, _ request: CheckRequest, format: ReportFormat) async throws -> Report {
    let jobs = availableCores()
    var withProgress = request
    if format == .json { withProgress.renderFindings = JSONReporter.findingsFragment }
    let line = Terminal.showsProgress ? ProgressLine() : nil
    defer { line?.finish() }
    if let line { withProgress.progress = { phase, done, total in line.update(phase, done, total) } }
    do {
      return try await checker.run(withProgress, jobs: jobs)
    } catch {
      Output.standardError("bomcheck: \(error)")
      throw ExitCode(2)
    }
  }
}
