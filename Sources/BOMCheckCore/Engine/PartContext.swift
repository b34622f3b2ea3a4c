/// A part as the engine sees it: its path from the product, its ancestors' origins and its chips.
///
/// A class so that the many condition evaluations on one part share it instead of copying the
/// part's fields each time. Immutable but for `magnetAnswers` and `consultedMarket`, which only the
/// task judging the part writes, while it judges it (hence `@unchecked`).
final class PartContext: @unchecked Sendable {
  let part: Part
  /// Refs from the product, joined with `/`.
  let path: String
  /// Origins from the product's assembly country down to the parent (nil = unknown).
  let ancestorOrigins: [String?]
  /// The product's end use (all a condition reads of the product: keeping the product itself
  /// would retain and release its fields for every part judged).
  let endUse: EndUse
  /// Chips identified in the part.
  let chips: [IdentifiedChip]
  /// What `MagnetFacts.holds` answered for each element list asked about: several rules ask about
  /// the same list, and each market class asks again.
  /// (Neither this nor `consultedMarket` is checked for exclusive access at run time: only the
  /// task judging the part reads or writes them, and each access would otherwise pay for a check.)
  @exclusivity(unchecked) var magnetAnswers: [(elements: [String], truth: Truth)] = []
  /// Set when an evaluation reads the market or the earlier results of its market class: until
  /// then, what it found holds for every class (`ProductRun.judge` then evaluates a rule once).
  @exclusivity(unchecked) var consultedMarket = false

  init(part: Part, path: String, ancestorOrigins: [String?], product: Product, chips: [IdentifiedChip]) {
    self.part = part
    self.path = path
    self.ancestorOrigins = ancestorOrigins
    endUse = product.endUse
    self.chips = chips
  }

  /// The parent's origin (for a top-level part, the product's `assembled_in`); nil = unknown.
  var parentOrigin: String? { ancestorOrigins.last ?? nil }

  /// A short name for messages: the part's name, or its ref.
  var label: String { part.name.map { "\($0) (\(path))" } ?? path }
}
