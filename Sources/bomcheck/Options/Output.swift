import ArgumentParser
import BOMCheckCore
import BOMCheckReporters
import Foundation

/// Where rendered output goes.
enum Output {
  /// Writes `text` to `path`, or to standard output when `path` is nil.
  static func write(_ text: String, to path: String?) throws {
    guard let path else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      standardError("bomcheck: cannot write \(path): \(error.localizedDescription)")
      throw ExitCode(2)
    }
  }

  /// Writes `bytes` to `path`, or to standard output when `path` is nil.
  static func write(bytes: [UInt8], to path: String?) throws {
    do {
      if let path {
        guard FileManager.default.createFile(atPath: path, contents: nil),
          let handle = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        try handle.write(contentsOf: bytes)
      } else {
        try FileHandle.standardOutput.write(contentsOf: bytes)
      }
    } catch {
      standardError("bomcheck: cannot write \(path ?? "standard output"): \(error.localizedDescription)")
      throw ExitCode(2)
    }
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
      let handle: FileHandle
      if let path {
        guard FileManager.default.createFile(atPath: path, contents: nil),
          let file = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteUnknown) }
        handle = file
      } else {
        handle = FileHandle.standardOutput
      }
      defer { if path != nil { try? handle.close() } }
      try body { piece in try handle.write(contentsOf: Data(piece)) }
    } catch {
      standardError("bomcheck: cannot write \(path ?? "standard output"): \(error.localizedDescription)")
      throw ExitCode(2)
    }
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

/// Chooses the exit code.
enum ExitStatus {
  /// 2 when input could not be checked; 1 when findings reach `failOn`; else 0.
  static func code(for report: Report, failOn: Severity?) -> ExitCode {
    if report.hasInputErrors { return ExitCode(2) }
    if let failOn, report.failingFindings(atOrAbove: failOn) > 0 { return ExitCode(1) }
    return .success
  }
}
