/// Decodes waiver entries, from a BOM's `product.waivers` or a config's `waivers`.
public enum WaiverDecoder {
  static let keys = ["rule", "product", "part", "markets", "reason", "approved_by", "expires"]
  /// Required in every waiver; a configuration's waivers also need `product`.
  static let required = ["rule", "reason", "approved_by", "expires"]

  /// Decodes one waiver; nil when a required field is missing or malformed (each reported).
  public static func decode(_ node: YAMLNode, inProduct: Bool, _ context: inout DecodeContext)
    -> WaiverSpec?
  {
    let known = inProduct ? keys.filter { $0 != "product" } : keys
    let required = inProduct ? Self.required : Self.required + ["product"]
    guard
      let fields = context.fields(of: node, what: "a waiver", known: known, required: required)
    else { return nil }
    let rule = context.text(fields["rule"])
    let product = context.text(fields["product"])
    let part = context.text(fields["part"])
    let markets = context.textList(fields["markets"])?.map(\.0) ?? []
    let reason = context.text(fields["reason"])
    let approver = context.text(fields["approved_by"])
    let expires = context.day(fields["expires"])
    guard let rule, let reason, let approver, let expires else { return nil }
    if !inProduct && product == nil { return nil }
    return WaiverSpec(
      rule: rule, product: product, part: part, markets: markets, reason: reason,
      approvedBy: approver, expires: expires, location: context.location(node.mark))
  }
}
