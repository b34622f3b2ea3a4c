/// The type a scalar resolves to under YAML 1.1 rules (as libyaml-based loaders read it).
public enum ResolvedScalar: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
}

private let trueWords: Set<String> = ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
private let falseWords: Set<String> = ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]

/// Whether a plain scalar's text is YAML 1.1's null (`""`, `~`, `null`).
/// (Compared directly: most texts are ruled out by their length, and the rest by one comparison
/// of small strings, where a set would hash each text.)
func isNullWord(_ text: String) -> Bool {
  switch text.utf8.count {
  case 0: return true
  case 1: return text == "~"
  case 4: return text == "null" || text == "Null" || text == "NULL"
  default: return false
  }
}

/// Resolves a scalar's text to a typed value: quoted scalars and `!!str` are strings; plain
/// scalars follow YAML 1.1 (null, bool, decimal/hex/octal integers with `_`, floats).
public func resolvedScalar(text: String, style: ScalarStyle, tag: String?) -> ResolvedScalar {
  if style == .quoted || tag == "tag:yaml.org,2002:str" { return .string(text) }
  // Null and boolean words start with a letter or `~` (or are empty); numbers never do.
  if text.utf8.count <= 5, !(text.utf8.first.map(isNumberStart) ?? false) {
    if isNullWord(text) { return .null }
    if trueWords.contains(text) { return .bool(true) }
    if falseWords.contains(text) { return .bool(false) }
  }
  if let number = parseDecimal(text) { return .int(number) }
  if !isDecimalFraction(text), let number = parseInteger(text) { return .int(number) }
  if let number = parseFloat(text) { return .float(number) }
  return .string(text)
}

/// Whether a byte is a digit, a sign or `.`: the first byte of a number, never of a null or boolean word.
private func isNumberStart(_ byte: UInt8) -> Bool {
  (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
    || byte == UInt8(ascii: ".")
}

private func parseInteger(_ text: String) -> Int? {
  guard let first = text.utf8.first,
    first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
      || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
  else { return nil }
  var body = Substring(text)
  var negative = false
  if body.first == "-" || body.first == "+" {
    negative = body.first == "-"
    body = body.dropFirst()
  }
  let digits = body.filter { $0 != "_" }
  // One sign only: `--1` is text, not 1.
  guard !digits.isEmpty, digits.first != "-", digits.first != "+" else { return nil }
  let value: Int?
  if digits.hasPrefix("0x") {
    value = Int(digits.dropFirst(2), radix: 16)
  } else if digits.hasPrefix("0b") {
    value = Int(digits.dropFirst(2), radix: 2)
  } else if digits.count > 1, digits.hasPrefix("0") {
    value = Int(digits.dropFirst(), radix: 8)
  } else {
    value = Int(digits, radix: 10)
  }
  guard let value else { return nil }
  return negative ? -value : value
}

/// The common case of `parseInteger`, on bytes: an optional sign and up to 18 decimal digits
/// without a leading zero or `_` (anything else is left to `parseInteger`).
private func parseDecimal(_ text: String) -> Int? {
  return text.withUTF8Bytes { bytes -> Int? in
    var value = 0
    var digits = 0
    var negative = false
    for (index, byte) in bytes.enumerated() {
      switch byte {
      case UInt8(ascii: "-") where index == 0: negative = true
      case UInt8(ascii: "+") where index == 0: continue
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if byte == UInt8(ascii: "0") && digits == 0 && bytes.count > index + 1 { return nil }
        digits += 1
        if digits > 18 { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      default: return nil
      }
    }
    guard digits > 0 else { return nil }
    return negative ? -value : value
  }
}

/// Whether the text is made of digits, signs, `.` and exponent letters only and has a `.` or an
/// exponent: then it is no integer under any YAML 1.1 form (those need digits only, `0x`, `0b`, `_`).
private func isDecimalFraction(_ text: String) -> Bool {
  var fraction = false
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"): continue
    case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): fraction = true
    default: return false
    }
  }
  return fraction
}

private func parseFloat(_ text: String) -> Double? {
  // The common case on bytes: only digits, signs, `.` and exponents, no `_`.
  var plain = true
  var hasDigit = false
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): hasDigit = true
    case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
    default: plain = false
    }
    if !plain { break }
  }
  if plain {
    guard hasDigit else { return nil }
    return text.withUTF8Bytes { plainDecimal($0) } ?? Double(text)
  }
  switch text {
  case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
  case "-.inf", "-.Inf", "-.INF": return -.infinity
  case ".nan", ".NaN", ".NAN": return .nan
  default: break
  }
  let cleaned = text.filter { $0 != "_" }
  guard cleaned.contains(where: { $0.isNumber }),
    cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) })
  else { return nil }
  return Double(cleaned)
}

/// `<digits>[.<digits>]` with at most 15 digits, read exactly as `Double(_:)` reads it, without
/// `strtod`: the digits make an exact integer, a power of ten up to 10^15 is exact, and their
/// quotient is correctly rounded, as `strtod` rounds. Nil for any other text (signs, exponents,
/// `5.`, `.5`, more digits).
func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
  var mantissa: UInt64 = 0
  var digits = 0
  var decimals = -1  // digits after the point; -1 before it
  for (index, byte) in bytes.enumerated() {
    if byte == UInt8(ascii: "."), decimals < 0, index > 0 {
      decimals = 0
      continue
    }
    guard (48...57).contains(byte), digits < 15 else { return nil }
    mantissa = mantissa * 10 + UInt64(byte - 48)
    digits += 1
    if decimals >= 0 { decimals += 1 }
  }
  guard digits > 0, decimals != 0 else { return nil }
  return Double(mantissa) / decimalPowersOfTen[max(decimals, 0)]
}

/// 10^0 ... 10^15, each exact as a `Double`.
private let decimalPowersOfTen: [Double] = (0...15).map { exponent in
  (0..<exponent).reduce(1.0) { value, _ in value * 10 }
}
