import Foundation

/// The code lists the BOM format validates against: ISO 3166-1 alpha-2 countries and ISO 4217
/// currencies (from Foundation), and chemical element symbols.
public struct Codes: Sendable {
  /// ISO 3166-1 alpha-2 codes, upper case.
  public let countries: Set<String>
  /// ISO 4217 currency codes, upper case.
  public let currencies: Set<String>
  /// Element symbols as in the periodic table (`Dy`, not `dy`).
  public let elements: Set<String>
  /// `countries` as a table over two upper-case letters (`(c0 - 65) * 26 + (c1 - 65)`).
  private let countryTable: [Bool]
  /// `currencies` as a table over three upper-case letters.
  private let currencyTable: [Bool]
  /// `elements` as a table over a capital letter and an optional small one (`elementSlot`).
  private let elementTable: [Bool]

  /// Builds the lists from Foundation's ISO tables and the periodic table.
  public init() {
    countries = Set(
      Locale.Region.isoRegions.map(\.identifier).filter {
        $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase }
      })
    currencies = Set(
      Locale.Currency.isoCurrencies.map(\.identifier).filter {
        $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isUppercase }
      })
    elements = Set(Codes.elementSymbols)
    countryTable = Self.table(countries, length: 2)
    currencyTable = Self.table(currencies, length: 3)
    var elementTable = [Bool](repeating: false, count: 26 * 27)
    for symbol in Codes.elementSymbols { if let slot = Self.elementSlot(symbol) { elementTable[slot] = true } }
    self.elementTable = elementTable
  }

  /// Whether `symbol` is an element symbol (`elements.contains`, without hashing).
  public func isElement(_ symbol: String) -> Bool {
    Self.elementSlot(symbol).map { elementTable[$0] } ?? false
  }

  /// The position of a capital letter and an optional small one in a table of all such pairs.
  private static func elementSlot(_ symbol: String) -> Int? {
    let bytes = symbol.utf8
    guard let first = bytes.first, (65...90).contains(first), bytes.count <= 2 else { return nil }
    guard bytes.count == 2, let second = bytes.last else { return Int(first - 65) * 27 }
    guard (97...122).contains(second) else { return nil }
    return Int(first - 65) * 27 + Int(second - 96)
  }

  /// Whether `code` is an ISO 3166-1 alpha-2 code (`countries.contains`, without hashing).
  public func isCountry(_ code: String) -> Bool {
    Self.slot(code, length: 2).map { countryTable[$0] } ?? false
  }

  /// Whether `code` is an ISO 4217 code (`currencies.contains`, without hashing).
  public func isCurrency(_ code: String) -> Bool {
    Self.slot(code, length: 3).map { currencyTable[$0] } ?? false
  }

  /// The position of a code of `length` upper-case letters in a table of all such codes.
  private static func slot(_ code: String, length: Int) -> Int? {
    guard code.utf8.count == length else { return nil }
    var slot = 0
    for byte in code.utf8 {
      guard (65...90).contains(byte) else { return nil }
      slot = slot * 26 + Int(byte - 65)
    }
    return slot
  }

  /// A table marking `codes` (each of `length` upper-case letters) by `slot`.
  private static func table(_ codes: Set<String>, length: Int) -> [Bool] {
    var table = Array(repeating: false, count: (0..<length).reduce(1) { size, _ in size * 26 })
    for code in codes { if let slot = slot(code, length: length) { table[slot] = true } }
    return table
  }

  /// The English name of a country code, when Foundation knows it.
  public func countryName(_ code: String) -> String? {
    Locale(identifier: "en_US").localizedString(forRegionCode: code)
  }

  /// The 118 element symbols, in atomic-number order.
  public static let elementSymbols: [String] = [
    "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl",
    "Ar", "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As",
    "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In",
    "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb",
    "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl",
    "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk",
    "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh",
    "Fl", "Mc", "Lv", "Ts", "Og",
  ]
}

/// Finds the closest candidate to a misspelt word (edit distance), for "did you mean" hints.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
  let lower = Array(word.lowercased().unicodeScalars)
  var best: (String, Int)?
  for candidate in candidates {
    let target = Array(candidate.lowercased().unicodeScalars)
    let allowed = max(1, min(3, candidate.count / 3))
    // The distance is at least the difference in length: skip the quadratic comparison when that
    // already rules the candidate out (a megabyte-long word is then checked in constant time).
    guard abs(lower.count - target.count) <= allowed else { continue }
    let distance = editDistance(lower, target)
    guard distance <= allowed else { continue }
    if let current = best, (distance, candidate) >= (current.1, current.0) { continue }
    best = (candidate, distance)
  }
  return best?.0
}

private func editDistance(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Int {
  if left.isEmpty { return right.count }
  if right.isEmpty { return left.count }
  var previous = Array(0...right.count)
  var current = [Int](repeating: 0, count: right.count + 1)
  for (i, leftScalar) in left.enumerated() {
    current[0] = i + 1
    for (j, rightScalar) in right.enumerated() {
      let cost = leftScalar == rightScalar ? 0 : 1
      current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + cost)
    }
    swap(&previous, &current)
  }
  return previous[right.count]
}
