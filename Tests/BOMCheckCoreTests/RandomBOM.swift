@testable import BOMCheckCore

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seedable generator, so that a property-test
/// run is replayed exactly from its seed.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  /// Creates a generator; the same seed gives the same sequence on every platform.
  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}

/// Writes random valid BOM files as YAML text and counts their parts independently of the decoder:
/// nested parts in block and flow style, random kinds, materials, grades, compositions, chips and
/// origins, anchors, aliases, merge keys (`<<`) and includes of earlier assemblies.
struct RandomBOM {
  /// An anchored part that later parts may alias or merge: its anchor, ref and part count.
  private struct Anchor {
    var name: String
    var ref: String
    var count: Int
  }

  private var rng: SplitMix64
  private var lines: [String] = []
  private var anchors: [Anchor] = []
  private var serial = 0
  /// Assemblies written so far: the include path from `products/` and their part counts.
  private(set) var assemblies: [(path: String, count: Int)] = []

  /// Creates a generator drawing from `seed`.
  init(seed: UInt64) {
    rng = SplitMix64(seed: seed)
  }

  /// An assembly file with `id`; later products may include it from `products/` as `path`.
  mutating func assembly(id: String, path: String) -> (text: String, partCount: Int) {
    begin(["bomcheck: 1", "assembly:", "  id: \(id)", "  name: \"Assembly \(id)\"", "parts:"])
    let count = partList(indent: 2, depth: 1, maxDepth: 3)
    assemblies.append((path, count))
    return (lines.joined(separator: "\n") + "\n", count)
  }

  /// A product file with `id`.
  mutating func product(id: String) -> (text: String, partCount: Int) {
    let markets = Array(["US", "EU", "JP", "CN", "DE", "GB", "IN"].shuffled(using: &rng).prefix(pick(1...4)))
    let endUse = EndUse.allCases.randomElement(using: &rng) ?? .civil
    if chance(0.3) {
      begin([
        "bomcheck: 1",
        "product: {id: \(id), assembled_in: \(country()), markets: [\(markets.joined(separator: ", "))]}",
      ])
    } else {
      begin(["bomcheck: 1", "product:", "  id: \(id)", "  name: \"Product \(id) — ünïcödé 昇腾\""])
      lines += ["  assembled_in: \(country())", "  markets: [\(markets.joined(separator: ", "))]"]
      lines += ["  end_use: \(endUse.rawValue)", "  unit_value: \(pick(1...5000)) USD  # per unit"]
    }
    lines.append("parts:")
    let count = partList(indent: 2, depth: 1, maxDepth: 4)
    return (lines.joined(separator: "\n") + "\n", count)
  }

  private mutating func begin(_ header: [String]) {
    lines = header
    anchors = []
  }

  private mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }

  private mutating func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

  private mutating func one(_ options: [String]) -> String { options.randomElement(using: &rng) ?? "" }

  private mutating func country() -> String { one(["CN", "DE", "US", "JP", "TW", "MY", "VN", "unknown"]) }

  /// Writes a list of parts whose `-` is at column `indent + 1`; returns the number of part nodes.
  private mutating func partList(indent: Int, depth: Int, maxDepth: Int) -> Int {
    var siblings = Set<String>()
    var total = 0
    for _ in 0..<pick(1...(depth == 1 ? 5 : 3)) {
      let pad = String(repeating: " ", count: indent)
      let reusable = anchors.filter { !siblings.contains($0.ref) }
      if let anchor = reusable.randomElement(using: &rng), chance(0.3) {
        if chance(0.5) {
          lines.append("\(pad)- *\(anchor.name)")
          siblings.insert(anchor.ref)
        } else {
          // Merge: the anchored part's fields and sub-parts under a new ref.
          let ref = newRef()
          if chance(0.5) {
            lines.append("\(pad)- {<<: *\(anchor.name), ref: \(ref)}")
          } else {
            lines += ["\(pad)- <<: *\(anchor.name)", "\(pad)  ref: \(ref)", "\(pad)  qty: \(pick(1...9))"]
          }
          siblings.insert(ref)
        }
        total += anchor.count
        continue
      }
      let (ref, count) = part(indent: indent, depth: depth, maxDepth: maxDepth)
      siblings.insert(ref)
      total += count
    }
    return total
  }

  private mutating func newRef() -> String {
    serial += 1
    return "\(one(["MOT", "MAG", "U", "C", "GPU", "SCR", "ASM"]))-\(serial)"
  }

  /// Writes one part (anchored sometimes); returns its ref and the part nodes in its subtree.
  private mutating func part(indent: Int, depth: Int, maxDepth: Int) -> (String, Int) {
    let pad = String(repeating: " ", count: indent)
    let ref = newRef()
    let anchor = chance(0.3) ? "p\(serial)" : nil
    let mark = anchor.map { "&\($0) " } ?? ""
    var count = 1
    if chance(0.25) {
      lines.append(
        "\(pad)- \(mark){ref: \(ref), qty: \(pick(1...100)), kind: \(one(PartKind.allCases.map(\.rawValue)))}")
    } else {
      if let anchor { lines.append("\(pad)- &\(anchor)") }
      let fields = ["ref: \(ref)"] + randomFields()
      let keyPad = pad + "  "
      lines.append(anchor == nil ? "\(pad)- \(fields[0])" : "\(keyPad)\(fields[0])")
      lines += fields.dropFirst().map { keyPad + $0 }
      if let assembly = assemblies.randomElement(using: &rng), chance(0.15) {
        lines.append("\(keyPad)include: \(assembly.path)")
        count += assembly.count
      } else if depth < maxDepth, chance(0.4) {
        lines.append("\(keyPad)parts:")
        count += partList(indent: indent + (chance(0.5) ? 2 : 4), depth: depth + 1, maxDepth: maxDepth)
      }
    }
    if let anchor { anchors.append(Anchor(name: anchor, ref: ref, count: count)) }
    return (ref, count)
  }

  /// Random valid fields of a part, one `key: value` per line (no `ref`, `parts` or `include`).
  private mutating func randomFields() -> [String] {
    var fields: [String] = []
    let names = [
      "BLDC motor", "Rotor arc magnet", "Steel bracket", "Digital servo", "AI inference card", "M3 screw",
      "Encoder", "Battery pack", "Camera module", "Cable harness", "Cycloidal gearbox", "Main board",
      "Motor für Achse 2", "Huawei Ascend 910B module", "NVIDIA H100 PCIe 80GB",
    ]
    if chance(0.8) { fields.append("name: \"\(one(names))\"") }
    if chance(0.4) { fields.append("kind: \(one(PartKind.allCases.map(\.rawValue)))") }
    if chance(0.3) {
      let (maker, mpn) =
        [("NVIDIA", "H100"), ("Huawei", "Atlas 300I Duo"), ("Kollmorgen", "TBM2G-08510")]
        .randomElement(using: &rng) ?? ("", "")
      fields += ["manufacturer: \(maker)", "mpn: \"\(mpn)\""]
    }
    if chance(0.6) { fields.append("origin: \(country())") }
    if chance(0.2) { fields.append("refined_in: \(country())") }
    if chance(0.2) {
      fields += ["unit: \(one(["kg", "g", "m", "l"]))", "qty: \(Double(pick(1...40)) / 4)"]
    } else if chance(0.5) {
      fields.append("qty: \(pick(1...50))   # per parent")
    }
    if chance(0.3) { fields.append("mass_g: \(Double(pick(1...900)) / 10)") }
    if chance(0.3) {
      fields += [
        "material: \(one(Material.allCases.map(\.rawValue)))",
        "grade: \(one(["N42SH", "N52", "N35EH", "N48M", "YXG-28"]))",
      ]
    }
    if chance(0.25) { fields.append("composition: {\(composition())}") }
    if chance(0.15) { fields.append("chip: {\(chip())}") }
    if chance(0.15) { fields.append("eccn: \(one(["3A090.a", "4A090.a", "5A992.c", "EAR99"]))") }
    if chance(0.2) { fields.append("unit_cost: \(pick(0...900)).5 \(one(["USD", "EUR", "CNY"]))") }
    if chance(0.1) { fields.append("notes: \"free text: not a # comment\"") }
    return fields.shuffled(using: &rng)
  }

  /// 1 to 4 elements whose percentages sum to at most 100.
  private mutating func composition() -> String {
    var left = 100
    return ["Nd", "Pr", "Dy", "Tb", "Fe", "B", "Sm", "Co"].shuffled(using: &rng).prefix(pick(1...4)).map { element in
      let value = pick(0...left)
      left -= value
      return "\(element): \(value)"
    }.joined(separator: ", ")
  }

  private mutating func chip() -> String {
    let chips = [
      "designer: Huawei, family: Ascend, model: 910B", "designer: NVIDIA, family: Hopper, model: H100",
      "designer: Huawei, family: Ascend, model: 310P", "designer: Cambricon, model: MLU370",
    ]
    return "\(one(chips)), count: \(pick(1...8)), tpp: \(pick(0...20_000))"
  }
}
