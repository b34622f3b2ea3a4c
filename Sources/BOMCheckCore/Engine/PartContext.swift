/// A part as the engine sees it: its path from the product, its ancestors' origins and its chips.
///
/// A class (immutable) so that the many condition evaluations on one part share it instead of
/// copying the part's fields each time.
final class PartContext: Sendable {
  let part: Part
  /// Refs from the product, joined with `/`.
  let path: String
  /// Origins from the product's assembly country down to the parent (nil = unknown).
  let ancestorOrigins: [String?]
  /// The product.
  let product: Product
  /// Chips identified in the part.
  let chips: [IdentifiedChip]

  init(part: Part, path: String, ancestorOrigins: [String?], product: Product, chips: [IdentifiedChip]) {
    self.part = part
    self.path = path
    self.ancestorOrigins = ancestorOrigins
    self.product = product
    self.chips = chips
  }

  /// The parent's origin (for a top-level part, the product's `assembled_in`); nil = unknown.
  var parentOrigin: String? { ancestorOrigins.last ?? nil }

  /// A short name for messages: the part's name, or its ref.
  var label: String { part.name.map { "\($0) (\(path))" } ?? path }
}
