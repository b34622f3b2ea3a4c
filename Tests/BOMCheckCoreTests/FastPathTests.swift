import Testing

@testable import BOMCheckCore

/// The byte-level fast paths taken for speed must read text exactly as the general code does.
@Suite struct FastPathTests {
  @Test(arguments: [
    ("N42SH", "SH"), ("n42sh", "SH"), ("N52", ""), ("42UH", "UH"), ("N35EH-x", "EH"), ("NEH", "EH"), ("", ""),
    ("Ｎ42SH", "Ｎ"), ("N45ÄH", "ÄH"),
  ])
  func gradeSuffixes(grade: String, suffix: String) {
    #expect(MagnetFacts.suffix(of: grade) == suffix)
  }

  @Test(arguments: ["0.85 USD", "  0.85   USD ", "1", "", "   ", "a b c", "ä ö", "12\u{A0}EUR"])
  func wordsSplitLikeTheStandardLibrary(text: String) {
    #expect(DecodeContext.words(text) == text.split(separator: " ", omittingEmptySubsequences: true))
  }

  @Test(arguments: [
    ("Huawei Ascend 910B", [UInt8]("huaweiascend910b".utf8)), ("A-B_c 1", [UInt8]("abc1".utf8)),
    ("昇腾310P", Array(ChipIdentifier.normalize("昇腾310P").utf8)),
  ])
  func chipTextNormalisesToTheSameBytes(text: String, bytes: [UInt8]) {
    #expect(ChipIdentifier.normalizedBytes(text) == bytes)
    #expect(ChipIdentifier.normalizedBytes(text) == Array(ChipIdentifier.normalize(text).utf8))
  }

  @Test func countryCodesWithoutHashing() {
    let codes = Codes()
    for code in ["DE", "CN", "US", "XX", "de", "D", "DEU", "", "ÄB"] {
      #expect(codes.isCountry(code) == codes.countries.contains(code), "\(code)")
    }
  }
}
