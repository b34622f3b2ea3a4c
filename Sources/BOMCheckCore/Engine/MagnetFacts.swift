/// What a magnet part's data says about its rare-earth content.
struct MagnetFacts {
  let grades: MagnetGrades?

  /// The grade's suffix letters: `N42SH` → `SH`, `N52` → ``.
  static func suffix(of grade: String) -> String {
    if let ascii = asciiSuffix(of: grade) { return ascii }
    var scalars = Substring(grade.uppercased())
    if scalars.first == "N" { scalars = scalars.dropFirst() }
    scalars = scalars.drop { $0.isNumber }
    return String(scalars.prefix { $0.isLetter })
  }

  /// `suffix(of:)` on bytes for ASCII grades (nil for other text), without an array in between.
  private static func asciiSuffix(of grade: String) -> String? {
    return grade.withUTF8Bytes { bytes -> String? in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
      func upper(_ byte: UInt8) -> UInt8 { (97...122).contains(byte) ? byte - 32 : byte }
      var start = bytes.first.map(upper) == UInt8(ascii: "N") ? 1 : 0
      while start < bytes.count, (48...57).contains(bytes[start]) { start += 1 }
      var end = start
      while end < bytes.count, (65...90).contains(upper(bytes[end])) { end += 1 }
      return String(unsafeUninitializedCapacity: end - start) { out in
        for offset in 0..<(end - start) { out[offset] = upper(bytes[start + offset]) }
        return end - start
      }
    }
  }

  /// Whether the declared composition settles the question for `elements`: it names one of them,
  /// or it sums to at least 99.5 %.
  static func compositionIsConclusive(_ composition: [String: Double], for elements: [String]) -> Bool {
    // Summed in symbol order: a dictionary's order varies from one instance to the next, and a
    // floating-point sum with it (99.49999999999999 or 99.5).
    // (The few declared symbols are looked for in the list, rather than each listed one hashed.)
    composition.keys.contains { elements.contains($0) }
      || composition.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } >= 99.5
  }

  /// Whether a bare magnet holds one of `elements`.
  func holds(_ elements: [String], in context: PartContext) -> Truth {
    // (The part is read field by field from its context: passed as a value, it was copied whole.)
    guard context.part.kind == .magnet else { return .no }
    if let composition = context.part.composition, Self.compositionIsConclusive(composition, for: elements) {
      // The elements declared above zero, in the list's order: found by going over the few
      // declared symbols for each, rather than hashing every element of a long list.
      var listed: [String] = []
      for element in elements {
        guard let share = composition.first(where: { $0.key == element })?.value, share > 0 else { continue }
        listed.append("\(element) \(BOMDecoder.format(share)) %")
      }
      guard !listed.isEmpty else { return .no }
      return .yes(.declared, ["composition declares \(listed.joined(separator: ", "))"])
    }
    switch context.part.material {
    case .smco:
      if elements.contains("Sm") { return .yes(.declared, ["SmCo is a samarium-cobalt magnet"]) }
      return context.part.composition == nil ? .unknown(["the magnet's composition"]) : .no
    case .ndfeb:
      return ndfeb(elements, in: context)
    case .ferrite, .alnico:
      return .no
    case .other:
      return .unknown(["the magnet's composition (material `other`)"])
    case nil:
      return .unknown(["the magnet's `material` (NdFeB, SmCo, ferrite, AlNiCo) or its composition"])
    }
  }

  private func ndfeb(_ elements: [String], in context: PartContext) -> Truth {
    guard let grade = context.part.grade else {
      return .unknown(["the magnet's composition (Dy/Tb content) or its grade"])
    }
    let suffix = Self.suffix(of: grade)
    if !elements.contains(where: { $0 == "Dy" || $0 == "Tb" }) {
      return .unknown(["a composition certificate showing whether \(elements.joined(separator: ", ")) are present"])
    }
    if (grades?.heavySuffixes ?? []).contains(suffix) {
      return .yes(.presumed, ["grade \(grade) is presumed Dy/Tb-bearing (suffix \(suffix))"])
    }
    if (grades?.plainSuffixes ?? []).contains(suffix) { return .no }
    return .unknown(["the magnet's composition (grade \(grade) is not a known NdFeB grade)"])
  }

  /// An NdFeB magnet without conclusive composition whose grade is plain or `M`.
  func isPlainGrade(_ context: PartContext) -> Truth {
    guard context.part.kind == .magnet, context.part.material == .ndfeb, let grade = context.part.grade else {
      return .no
    }
    if let composition = context.part.composition,
      Self.compositionIsConclusive(composition, for: ["Dy", "Tb"])
    {
      return .no
    }
    guard (grades?.plainSuffixes ?? []).contains(Self.suffix(of: grade)) else { return .no }
    return .yes(.presumed, ["grade \(grade) is usually Dy/Tb-free, but no composition is declared"])
  }
}
