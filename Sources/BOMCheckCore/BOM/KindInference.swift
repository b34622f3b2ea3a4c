/// Infers a part's kind from its name, mpn and manufacturer when `kind:` is missing.
///
/// The table is ordered from specific to general, so "motor driver board" is a board and
/// "BLDC motor" a motor. Inferred kinds are always reported as inferred.
public enum KindInference {
  /// Keywords per kind, matched as whole words or word prefixes in lower-cased text.
  static let table: [(PartKind, [String])] = [
    (.magnet, ["magnet", "ndfeb", "smco", "neodymium", "samarium"]),
    (.servo, ["servo"]),
    (.actuator, ["actuator"]),
    (.generator, ["generator", "alternator"]),
    (.speaker, ["speaker", "loudspeaker", "woofer", "tweeter"]),
    (.encoder, ["encoder", "resolver"]),
    (.battery, ["battery", "lipo", "li-ion", "accumulator"]),
    (.cable, ["cable", "harness", "wire", "wiring"]),
    (
      .module,
      [
        "atlas 200", "atlas 300", "atlas 500", "atlas 800", "atlas 900", "jetson", "module", "card",
        "accelerator", "cloudmatrix",
      ]
    ),
    (.chip, ["ascend", "gpu", "npu", "tpu", "asic", "soc", "processor", "fpga", "chip"]),
    (.board, ["board", "pcb", "pcba", "esc", "inverter", "controller", "driver"]),
    (.sensor, ["sensor", "camera", "lidar", "imu", "hall", "gps", "gnss"]),
    (.motor, ["motor", "bldc", "pmsm", "outrunner", "stepper", "e-axle", "spindle"]),
    (.computer, ["computer", "server", "pc", "laptop"]),
    (
      .mechanical,
      [
        "screw", "bolt", "nut", "washer", "bearing", "housing", "frame", "gear", "gearbox", "shaft",
        "bracket", "propeller", "spring", "pin", "flange", "cover", "plate", "enclosure",
      ]
    ),
  ]

  /// The inferred kind for a part's texts, or nil when no keyword matches.
  public static func infer(name: String?, mpn: String?, manufacturer: String?) -> PartKind? {
    let words = [name, mpn, manufacturer].compactMap { $0 }.joined(separator: " ").lowercased()
    guard !words.isEmpty else { return nil }
    let tokens = tokenize(words)
    for (kind, keywords) in table {
      for keyword in keywords where matches(keyword, in: tokens) {
        return kind
      }
    }
    return nil
  }

  private static func tokenize(_ text: String) -> [Substring] {
    text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
  }

  /// A keyword of several words matches consecutive tokens; one word matches a token that starts
  /// with it (so "motors" and "magnets" match).
  private static func matches(_ keyword: String, in tokens: [Substring]) -> Bool {
    let parts = keyword.split(separator: " ")
    guard parts.count <= tokens.count else { return false }
    for start in 0...(tokens.count - parts.count) {
      var all = true
      for (offset, part) in parts.enumerated() {
        let token = tokens[start + offset]
        let ok =
          parts.count == 1 ? (token == part || (token.hasPrefix(part) && token.count <= part.count + 2)) : token == part
        if !ok {
          all = false
          break
        }
      }
      if all { return true }
    }
    return false
  }
}
