import ArgumentParser
import BOMCheckCore
import BOMCheckReporters
import Foundation
import Synchronization

/// Where rendered output goes.
enum Output {
  /// Writes `text` to `path`, or to standard output when `path` is nil.
  static func write(_ text: String, to path: String?) throws {
    try write(bytes: Array(text.utf8), to: path)
  }

  /// Writes `bytes` to `path`, or to standard output when `path` is nil.
  static func write(bytes: [UInt8], to path: String?) throws {
    try stream(to: path) { output in try bytes.withUnsafeBytes { try output($0) } }
  }

  /// Writes `report` in `format` to `path` (standard output when nil): JSON is streamed from the
  /// findings the run spilled; other formats are rendered whole by `reporter`.
  static func write(
    _ report: Report, as format: ReportFormat, with reporter: any Reporter, options: RenderOptions, to path: String?
  ) throws {
    if format == .json {
      try stream(to: path) { try JSONReporter().write(report, to: $0) }
    } else {
      try write(bytes: try reporter.renderBytes(report, options: options), to: path)
    }
  }

  /// Opens `path` (or standard output when nil) and lets `body` write to it piece by piece.
  static func stream(to path: String?, _ body: (@escaping (UnsafeRawBufferPointer) throws -> Void) throws -> Void)
    throws
  {
    do {
      let handle = try path.map(openForWriting) ?? FileHandle.standardOutput
      defer { if path != nil { try? handle.close() } }
      try body { piece in
        if let code = writeAll(piece, to: handle.fileDescriptor) {
          throw WriteError(reason: String(cString: strerror(code)))
        }
      }
    } catch let error as WriteError {
      standardError("bomcheck: cannot write \(path ?? "standard output"): \(error.reason)")
      throw ExitCode(2)
    } catch {
      standardError("bomcheck: cannot write \(path ?? "standard output"): \(error.localizedDescription)")
      throw ExitCode(2)
    }
  }

  /// Opens `path` the way a shell's `>` does: created when missing, else truncated, and written
  /// in place (through a symlink, into a device or a FIFO). Foundation's `createFile` writes a new
  /// file and renames it over the path: it turned `-o /dev/null`, run as root, into a regular file.
  static func openForWriting(_ path: String) throws -> FileHandle {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw WriteError(reason: String(cString: strerror(errno))) }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }

  /// Why `openForWriting` or a write failed (the system's words, e.g. "No such file or directory").
  struct WriteError: Error {
    let reason: String
  }

  /// One line to standard error.
  static func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

/// Facts about the terminal.
enum Terminal {
  /// Standard output is a terminal and `NO_COLOR` is not set.
  static var isColorTerminal: Bool {
    isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }

  /// Standard error is a terminal and CI is not set (for progress lines).
  static var showsProgress: Bool {
    isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
  }
}

/// What a command leaves for the process's exit to reclaim: its finished report. Released as the
/// command returns, a large report's products and findings were let go one by one, which took
/// time and freed nothing that the exit would not.
enum AtExit {
  private static let kept = Mutex<[Report]>([])

  static func keep(_ report: Report) {
    kept.withLock { $0.append(report) }
  }
}

/// Chooses the exit code.
enum ExitStatus {
  /// 2 when input could not be checked; 1 when findings reach `failOn`; else 0.
  static func code(for report: Report, failOn: Severity?) -> ExitCode {
    if report.hasInputErrors { return ExitCode(2) }
    if let failOn, report.failingFindings(atOrAbove: failOn) > 0 { return ExitCode(1) }
    return .success
  }
}
