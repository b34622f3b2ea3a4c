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

  /// Keyword (words joined by one space) to the position of its kind in `table`.
  private static let index: [String: Int] = {
    var result: [String: Int] = [:]
    for (position, (_, keywords)) in table.enumerated() {
      for keyword in keywords {
        let words = keyword.split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: " ")
        if result[words] == nil { result[words] = position }
      }
    }
    return result
  }()

  /// Longest keyword in words.
  private static let longest = index.keys.map { $0.split(separator: " ").count }.max() ?? 1

  /// The first two bytes (or the one byte) of every word of every keyword, as `b0 << 8 | b1`:
  /// a token whose start is not here can end no keyword.
  private static let wordStarts: [Bool] = {
    var result = Array(repeating: false, count: 1 << 16)
    for key in index.keys {
      for word in key.split(separator: " ") {
        let bytes = Array(word.utf8)
        result[Int(bytes[0]) << 8 | Int(bytes.count > 1 ? bytes[1] : 0)] = true
      }
    }
    return result
  }()

  /// Whether an ASCII text certainly holds no keyword: none of its letter-and-digit runs starts
  /// like a keyword's word (most mpns and manufacturers). False when it might, or is not ASCII.
  static func certainlyNoKeyword(_ text: String) -> Bool {
    // On the UTF-8 buffer, with the table read through a pointer (parts' names, mpns and makers
    // all pass here).
    return text.withUTF8Bytes { bytes in
      wordStarts.withUnsafeBufferPointer { starts in
        var first: UInt8 = 0
        var length = 0
        for byte in bytes {
          guard byte < 0x80 else { return false }
          let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
          let isWordByte = (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57)
          if isWordByte {
            if length == 0 { first = lower }
            if length == 1, starts[Int(first) << 8 | Int(lower)] { return false }
            length += 1
          } else {
            if length == 1, starts[Int(first) << 8] { return false }
            length = 0
          }
        }
        return !(length == 1 && starts[Int(first) << 8])
      }
    }
  }

  /// The lower-cased words of the text's head (before the first comma that follows some text), as
  /// the general tokeniser makes them, for ASCII text (nil otherwise): bytes instead of characters.
  static func asciiTokens(_ text: String) -> [Substring]? {
    guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
    let lowered = text.lowercased()
    var tokens: [Substring] = []
    var start: String.Index?
    var seenText = false
    let utf8 = lowered.utf8
    var index = utf8.startIndex
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte == UInt8(ascii: ","), seenText { break }
      if byte != UInt8(ascii: ",") { seenText = true }
      let isWordByte = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
      if isWordByte {
        if start == nil { start = index }
      } else if let begun = start {
        tokens.append(lowered[begun..<index])
        start = nil
      }
      index = utf8.index(after: index)
    }
    if let begun = start { tokens.append(lowered[begun..<index]) }
    return tokens
  }

  /// The lower-cased words of the text's head, by characters (any script).
  static func generalTokens(_ text: String) -> [Substring] {
    let lowered = text.lowercased()
    let head = lowered.split(separator: ",", maxSplits: 1).first ?? Substring(lowered)
    return head.split(whereSeparator: { character in
      if let ascii = character.asciiValue {
        return !((ascii >= 97 && ascii <= 122) || (ascii >= 48 && ascii <= 57) || (ascii >= 65 && ascii <= 90))
      }
      return !(character.isLetter || character.isNumber)
    })
  }

  private static func headKind(of text: String) -> PartKind? {
    if certainlyNoKeyword(text) { return nil }
    var tokens = asciiTokens(text) ?? generalTokens(text)
    if let stop = tokens.firstIndex(where: { stopWords.contains($0) }), stop > 0 {
      tokens = Array(tokens[..<stop])
    }
    for end in stride(from: tokens.count - 1, through: 0, by: -1) {
      if let position = match(endingAt: end, in: tokens) { return table[position].0 }
    }
    return nil
  }

  /// The best (lowest) table position of a keyword ending at `end`: several words match exactly;
  /// one word matches a token equal to it or, for keywords of four letters or more, the keyword
  /// plus at most two letters ("motors", "magnets").
  private static func match(endingAt end: Int, in tokens: [Substring]) -> Int? {
    var best: Int?
    func consider(_ position: Int?) {
      guard let position else { return }
      best = min(best ?? position, position)
    }
    let token = tokens[end]
    consider(index[String(token)])
    for cut in 1...2 where token.count - cut >= 4 {
      consider(index[String(token.dropLast(cut))])
    }
    if longest > 1 {
      for words in 2...longest where end - words + 1 >= 0 {
        consider(index[tokens[(end - words + 1)...end].joined(separator: " ")])
      }
    }
    return best
  }
}
