import Testing

@testable import BOMCheckCore

/// Rendered findings are held in memory up to a budget, then moved to a temporary file; either
/// way they read back as written, range by range.
@Suite struct FindingSpillTests {
  /// Pieces of different sizes (one empty), each filled with its own byte.
  private let pieces: [[UInt8]] = [10, 0, 300, 7, 1_000, 64].enumerated().map { index, size in
    Array(repeating: UInt8(index + 65), count: size)
  }

  private func readBack(_ spill: FindingSpill, chunk: Int) throws -> [[UInt8]] {
    var ranges: [[UInt8]] = []
    try spill.forEachChunk(chunk: chunk) { starts, bytes in
      if starts { ranges.append([]) }
      ranges[ranges.count - 1] += Array(bytes)
    }
    return ranges
  }

  @Test(arguments: [1 << 20, 400, 0])
  func piecesReadBackInOrderWhateverTheBudget(budget: Int) throws {
    var writer = SpillWriter(memoryBudget: budget)
    var ranges: [Range<Int>] = []
    for piece in pieces { ranges.append(try writer.append(piece)) }
    #expect(ranges.map(\.count) == pieces.map(\.count))
    // Report order differs from write order: read back in the order given.
    let order = [4, 0, 1, 5, 2, 3]
    let spill = writer.finish(ranges: order.map { ranges[$0] })
    #expect(spill.isOnDisk == (budget < pieces.map(\.count).reduce(0, +)))
    let expected = order.map { pieces[$0] }.filter { !$0.isEmpty }
    for chunk in [1 << 20, 128, 1] {
      #expect(try readBack(spill, chunk: chunk) == expected)
    }
  }
}
