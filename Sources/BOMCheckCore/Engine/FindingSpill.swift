import Foundation

/// Findings a run rendered product by product (with `CheckRequest.renderFindings`), kept in memory
/// up to `SpillWriter.memoryBudget` bytes and past that in an unlinked temporary file, so that the
/// run's memory does not grow with the number of files; a streaming reporter reads them back in
/// report order.
public final class FindingSpill: Sendable {
  /// Where the bytes are.
  private let storage: SpillWriter.Storage
  /// Byte ranges of the rendered findings, in report order (products by id; a large product's
  /// findings may be in several ranges, each holding whole findings); empty ranges are left out.
  public let ranges: [Range<Int>]

  init(storage: SpillWriter.Storage, ranges: [Range<Int>]) {
    self.storage = storage
    self.ranges = ranges.filter { !$0.isEmpty }
  }

  /// Whether the findings went to a temporary file (they outgrew the memory budget).
  public var isOnDisk: Bool {
    if case .file = storage { return true }
    return false
  }

  /// Calls `body` with each product's rendered findings, in report order, at most `chunk` bytes
  /// at a time (a product's bytes may come in several calls; the first of them has `startsRange`
  /// set).
  public func forEachChunk(
    chunk: Int = 1 << 20, _ body: (_ startsRange: Bool, UnsafeRawBufferPointer) throws -> Void
  ) throws {
    switch storage {
    case .memory(let pieces, let starts):
      // Each range is one appended piece, found by where it starts.
      let pieceAt = Dictionary(uniqueKeysWithValues: zip(starts, pieces.indices))
      for range in ranges {
        guard let index = pieceAt[range.lowerBound], pieces[index].count == range.count else {
          throw SpillError.read(EINVAL)
        }
        try pieces[index].withUnsafeBytes { piece in
          for start in stride(from: 0, to: piece.count, by: chunk) {
            try body(start == 0, UnsafeRawBufferPointer(rebasing: piece[start..<min(start + chunk, piece.count)]))
          }
        }
      }
    case .file(let file):
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

/// The writing side of a spill: appends each product's rendered findings, in memory until they
/// pass `memoryBudget` bytes, then (all of them) in a temporary file.
struct SpillWriter: Sendable {
  /// Rendered findings kept in memory before they go to a temporary file: most runs stay under
  /// it and never touch the disk; a larger run's memory stays bounded by it.
  static let memoryBudget = 32 << 20

  /// Where a spill's bytes are: the pieces as appended (not copied into one buffer) with where
  /// each starts, or a file.
  enum Storage: Sendable {
    case memory(pieces: [any RenderedBytes], starts: [Int])
    case file(SpillFile)
  }

  private var pieces: [any RenderedBytes] = []
  private var starts: [Int] = []
  private var file: SpillFile?
  private let budget: Int
  private(set) var size = 0

  init(memoryBudget: Int = Self.memoryBudget) {
    budget = memoryBudget
  }

  /// Appends `bytes`; the range they occupy.
  mutating func append(_ bytes: any RenderedBytes) throws(SpillError) -> Range<Int> {
    let start = size
    if bytes.count == 0 {
      return start..<start  // not kept: an empty range is never read back
    } else if file == nil && size + bytes.count <= budget {
      pieces.append(bytes)
      starts.append(start)
    } else {
      if file == nil {
        let created = try Self.createFile()
        for piece in pieces { try Self.write(piece, to: created) }
        pieces = []
        starts = []
        file = created
      }
      if let file { try Self.write(bytes, to: file) }
    }
    size += bytes.count
    return start..<size
  }

  /// The finished spill, with the ranges in report order.
  func finish(ranges: [Range<Int>]) -> FindingSpill {
    FindingSpill(storage: file.map { .file($0) } ?? .memory(pieces: pieces, starts: starts), ranges: ranges)
  }

  /// Creates and unlinks a temporary file in `TMPDIR` (or /tmp).
  private static func createFile() throws(SpillError) -> SpillFile {
    let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((directory + "/bomcheck-findings-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
    guard descriptor >= 0 else { throw .create(errno) }
    template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
    return SpillFile(descriptor: descriptor)
  }

  private static func write(_ bytes: any RenderedBytes, to file: SpillFile) throws(SpillError) {
    if let code = bytes.withUnsafeBytes({ writeAll($0, to: file.descriptor) }) { throw .write(code) }
  }
}
