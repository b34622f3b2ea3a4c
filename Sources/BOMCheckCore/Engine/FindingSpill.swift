import Foundation

/// Findings a run rendered product by product (with `CheckRequest.renderFindings`) and kept in an
/// unlinked temporary file instead of memory, so that the run's memory does not grow with the
/// number of files; a streaming reporter reads them back in report order.
public final class FindingSpill: Sendable {
  /// The temporary file.
  private let file: SpillFile
  /// Byte ranges of the rendered findings in the file, in report order (products by id; a large
  /// product's findings may be in several ranges, each holding whole findings); empty ranges are
  /// left out.
  public let ranges: [Range<Int>]

  init(file: SpillFile, ranges: [Range<Int>]) {
    self.file = file
    self.ranges = ranges.filter { !$0.isEmpty }
  }

  /// Calls `body` with each product's rendered findings, in report order, reading at most
  /// `chunk` bytes at a time (a product's bytes may come in several calls; the first of them has
  /// `startsRange` set).
  public func forEachChunk(
    chunk: Int = 1 << 20, _ body: (_ startsRange: Bool, UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var buffer = [UInt8](repeating: 0, count: chunk)
    for range in ranges {
      var offset = range.lowerBound
      while offset < range.upperBound {
        let wanted = min(chunk, range.upperBound - offset)
        let got = buffer.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress, wanted, off_t(offset)) }
        guard got > 0 else { throw SpillError.read(errno) }
        let starts = offset == range.lowerBound
        try buffer.withUnsafeBytes { try body(starts, UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
        offset += got
      }
    }
  }
}

/// A spill file could not be written or read back.
public enum SpillError: Error, CustomStringConvertible {
  case create(Int32)
  case write(Int32)
  case read(Int32)

  public var description: String {
    switch self {
    case .create(let code): return "cannot create a temporary file for findings: \(String(cString: strerror(code)))"
    case .write(let code): return "cannot write findings to a temporary file: \(String(cString: strerror(code)))"
    case .read(let code): return "cannot read findings back from a temporary file: \(String(cString: strerror(code)))"
    }
  }
}

/// An open, already unlinked temporary file, closed when the last user lets go of it (so a run
/// that stops half-way does not leave it open).
final class SpillFile: Sendable {
  let descriptor: Int32

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }
}

/// The writing side of a spill: appends each product's rendered findings to the temporary file.
struct SpillWriter: Sendable {
  let file: SpillFile
  private(set) var size = 0

  /// Creates and unlinks a temporary file in `TMPDIR` (or /tmp).
  init() throws(SpillError) {
    let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((directory + "/bomcheck-findings-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
    guard descriptor >= 0 else { throw .create(errno) }
    template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
    file = SpillFile(descriptor: descriptor)
  }

  /// Appends `bytes`; the range they occupy.
  mutating func append(_ bytes: [UInt8]) throws(SpillError) -> Range<Int> {
    let start = size
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { raw in
        write(file.descriptor, raw.baseAddress.map { $0 + written }, bytes.count - written)
      }
      guard count > 0 else { throw .write(errno) }
      written += count
    }
    size += bytes.count
    return start..<size
  }

  /// The finished spill, with the ranges in report order.
  func finish(ranges: [Range<Int>]) -> FindingSpill {
    FindingSpill(file: file, ranges: ranges)
  }
}
