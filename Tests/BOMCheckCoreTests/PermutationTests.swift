import Testing

@testable import BOMCheckCore

/// A product's findings are put in report order by moving each one once along the cycles of the
/// sorting permutation (`Engine.permute`): the same as building the array in that order.
@Suite struct PermutationTests {
  @Test(arguments: [0, 1, 2, 3, 7, 64, 257])
  func permutingInPlaceGivesTheOrderedArray(count: Int) {
    var generator = SplitMix64(seed: UInt64(count) &+ 11)
    for _ in 0..<20 {
      // Class-held items: a wrong move would lose or duplicate one, which the identities show.
      let items = (0..<count).map { Box($0) }
      let order = Array(items.indices).shuffled(using: &generator)
      var permuted = items
      Engine.permute(&permuted, by: order)
      #expect(permuted.map(\.value) == order.map { items[$0].value })
      #expect(permuted.map(ObjectIdentifier.init) == order.map { ObjectIdentifier(items[$0]) })
    }
  }

  private final class Box {
    let value: Int
    init(_ value: Int) { self.value = value }
  }
}
