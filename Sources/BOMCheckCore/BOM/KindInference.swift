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
        "bracket", "propeller", "spring", "pin", "flange", "cover", "plate", "enclosure", "pulley",
        "fastener", "fasteners", "mount", "codewheel", "spacer", "coupling", "clamp", "hub", "belt",
      ]
    ),
  ]

  /// The inferred kind for a part's texts, or nil when no keyword matches.
  ///
  /// The name is read first, then the mpn, then the manufacturer. Within a text the head noun wins:
  /// words after "for", "with", "of" or a comma are ignored, and the rightmost keyword is taken, so
  /// "Motor shaft" is mechanical, "Codewheel for encoder" is not an encoder and "BLDC motor" a motor.
  public static func infer(name: String?, mpn: String?, manufacturer: String?) -> PartKind? {
    for text in [name, mpn, manufacturer].compactMap({ $0 }) {
      if let kind = headKind(of: text) { return kind }
    }
    return nil
  }

  private static let stopWords: Set<Substring> = ["for", "with", "of", "incl", "including", "w"]

  private static func headKind(of text: String) -> PartKind? {
    let lowered = text.lowercased()
    let head = lowered.split(separator: ",", maxSplits: 1).first.map(String.init) ?? lowered
    var tokens = head.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    if let stop = tokens.firstIndex(where: { stopWords.contains($0) }), stop > 0 {
      tokens = Array(tokens[..<stop])
    }
    guard !tokens.isEmpty else { return nil }
    for end in stride(from: tokens.count - 1, through: 0, by: -1) {
      for (kind, keywords) in table where keywords.contains(where: { matches($0, endingAt: end, in: tokens) }) {
        return kind
      }
    }
    return nil
  }

  /// A keyword of several words matches consecutive tokens ending at `end`; one word matches a
  /// token that equals it or starts with it plus at most two letters ("motors", "magnets").
  private static func matches(_ keyword: String, endingAt end: Int, in tokens: [Substring]) -> Bool {
    let parts = keyword.split(whereSeparator: { $0 == " " || $0 == "-" })
    let start = end - parts.count + 1
    guard start >= 0 else { return false }
    if parts.count == 1 {
      let token = tokens[end]
      let part = parts[0]
      return token == part || (token.hasPrefix(part) && token.count <= part.count + 2 && part.count >= 4)
    }
    return parts.enumerated().allSatisfy { offset, part in tokens[start + offset] == part }
  }
}
