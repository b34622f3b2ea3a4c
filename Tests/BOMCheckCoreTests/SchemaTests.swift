import Foundation
import Testing

@testable import BOMCheckCore

/// The BOM JSON Schema: valid, stable JSON that states the decoder's keys and rules. The schema is
/// run against the example and broken BOMs by `Scripts/validate-schema` (Python jsonschema) in CI.
@Suite struct SchemaTests {
  let schema = BOMSchema(codes: sharedCodes).schema()

  func definition(_ name: String) throws -> JSONSchema {
    try #require(schema.definitions?[name], "no definition \(name)")
  }

  func keys(_ object: JSONSchema) -> Set<String> { Set(object.properties?.keys.map { $0 } ?? []) }

  func matches(_ pattern: String, _ text: String) throws -> Bool {
    let regex = try NSRegularExpression(pattern: pattern)
    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }

  @Test func rendersTheSameValidJSONEveryTime() throws {
    let first = try BOMSchema(codes: sharedCodes).json()
    let second = try BOMSchema(codes: Codes()).json()
    #expect(first == second)
    #expect(first.last == 0x0A)
    let object = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
    #expect(object["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    #expect(try JSONDecoder().decode(JSONSchema.self, from: first) == schema)
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasPrefix("{\n  \"$schema\""))
  }

  @Test func everyObjectHasExactlyTheDecodersKeys() throws {
    #expect(keys(schema) == Set(BOMDecoder.topKeys))
    #expect(keys(try definition("product")) == Set(BOMDecoder.productKeys))
    #expect(keys(try definition("assembly")) == Set(BOMDecoder.assemblyKeys))
    #expect(keys(try definition("part")) == Set(BOMDecoder.partKeys))
    #expect(keys(try definition("chip")) == Set(BOMDecoder.chipKeys))
    #expect(keys(try definition("waiver")) == Set(WaiverDecoder.keys).subtracting(["product"]))

    #expect(schema.required == BOMDecoder.topRequired)
    #expect(try definition("product").required == BOMDecoder.productRequired)
    #expect(try definition("assembly").required == BOMDecoder.assemblyRequired)
    #expect(try definition("part").required == BOMDecoder.partRequired)
    #expect(try definition("chip").required == nil)
    #expect(try definition("waiver").required == WaiverDecoder.required)

    for object in [schema] + (try ["product", "assembly", "part", "chip", "waiver"].map(definition)) {
      #expect(object.additionalProperties == .always(false), "unknown keys must be rejected")
      #expect(object.type == [.object])
      #expect(object.properties?.values.allSatisfy { $0.description?.isEmpty == false } == true)
    }
  }

  @Test func enumsAreTheModelsCases() throws {
    let part = try definition("part")
    #expect(part.properties?["kind"]?.enumValues == PartKind.allCases.map { .string($0.rawValue) })
    #expect(part.properties?["material"]?.enumValues == Material.allCases.map { .string($0.rawValue) })
    #expect(part.properties?["unit"]?.enumValues == QuantityUnit.allCases.map { .string($0.rawValue) })
    #expect(part.properties?["unit"]?.defaultValue == .string("pcs"))
    let product = try definition("product")
    #expect(product.properties?["end_use"]?.enumValues == EndUse.allCases.map { .string($0.rawValue) })
    #expect(product.properties?["end_use"]?.defaultValue == .string("civil"))
  }

  @Test func countriesAndMarketsComeFromFoundationAndThePacks() throws {
    let countries = (try definition("country").enumValues ?? []).compactMap(\.string)
    #expect(countries == sharedCodes.countries.sorted() + ["unknown"])
    #expect(countries.contains("NO") && countries.contains("DE"))

    let withPacks = BOMSchema(codes: sharedCodes, marketGroups: ["EU", "D1"]).schema()
    let market = try #require(withPacks.definitions?["market"])
    let markets = (market.enumValues ?? []).compactMap(\.string)
    #expect(Set(markets) == sharedCodes.countries.union(["EU", "D1"]))
    #expect(markets == markets.sorted())
    #expect(!markets.contains("unknown"))
    let product = try definition("product")
    #expect(product.properties?["markets"]?.minItems == 1)
    #expect(product.properties?["markets"]?.items?.schema?.ref == "#/definitions/market")
  }

  @Test(arguments: ["kx2-knee-actuator", "a", "0.9_x-y", "KX2", "-a", ".a", "a b", "kx2/a", "é", ""])
  func idAndRefPatternsAgreeWithTheDecoder(sample: String) throws {
    let id = try #require(try definition("product").properties?["id"]?.pattern)
    let ref = try #require(try definition("part").properties?["ref"]?.pattern)
    #expect(try matches(id, sample) == Patterns.isID(sample))
    #expect(try matches(ref, sample) == Patterns.isRef(sample))
  }

  @Test(arguments: [
    ("0.85 USD", true), ("1850 USD", true), ("12.50  EUR", true), ("0 JPY", true), ("0.85 usd", false),
    ("USD 0.85", false), ("0.85 XYZ", false), ("-1 USD", false), ("1. USD", false), ("0.85", false),
  ])
  func moneyNeedsAnAmountAndAnISOCurrency(sample: String, valid: Bool) throws {
    let pattern = try #require(try definition("money").pattern)
    #expect(try matches(pattern, sample) == valid)
  }

  @Test func numbersAndCompositionHaveTheFormatsBounds() throws {
    let part = try definition("part")
    #expect(part.properties?["qty"]?.exclusiveMinimum == 0)
    #expect(part.properties?["qty"]?.defaultValue == .integer(1))
    #expect(part.properties?["mass_g"]?.exclusiveMinimum == 0)
    let percent = try definition("percent")
    #expect(percent.minimum == 0 && percent.maximum == 100)
    let composition = try definition("composition")
    #expect(composition.propertyNames?.schema?.enumValues == Codes.elementSymbols.map { .string($0) })
    #expect(composition.additionalProperties?.schema?.ref == "#/definitions/percent")
    let chip = try definition("chip")
    #expect(chip.properties?["count"]?.type == [.integer])
    #expect(chip.properties?["count"]?.minimum == 1)
    #expect(schema.properties?["bomcheck"]?.constValue == .integer(1))
  }

  @Test func productXorAssemblyIncludeXorPartsAndRecursiveParts() throws {
    #expect(schema.oneOf == [.requiring(["product"]), .requiring(["assembly"])])
    let part = try definition("part")
    let rules = try #require(part.allOf)
    #expect(rules.first?.not?.schema?.required == ["include", "parts"])
    let whole = try #require(rules.last)
    #expect(whole.ifSchema?.schema?.required == ["unit"])
    #expect(whole.elseSchema?.schema?.properties?["qty"]?.type == [.integer])
    #expect(schema.properties?["parts"]?.items?.schema?.ref == "#/definitions/part")
    #expect(schema.properties?["parts"]?.minItems == 1)
    #expect(part.properties?["parts"]?.items?.schema?.ref == "#/definitions/part")
    #expect(part.properties?["parts"]?.minItems == 1)
  }

  @Test func everyReferenceResolves() throws {
    let names = Set(schema.definitions?.keys.map { "#/definitions/\($0)" } ?? [])
    let references = Self.references(in: schema)
    #expect(!references.isEmpty)
    #expect(references.subtracting(names) == [])
    #expect(names.subtracting(references) == [], "unused definitions")
  }

  /// Every `$ref` anywhere in `schema`.
  static func references(in schema: JSONSchema) -> Set<String> {
    var children: [JSONSchema] = []
    children += schema.properties.map { Array($0.values) } ?? []
    children += schema.definitions.map { Array($0.values) } ?? []
    children += (schema.allOf ?? []) + (schema.anyOf ?? []) + (schema.oneOf ?? [])
    let single = [
      schema.items, schema.additionalProperties, schema.propertyNames, schema.not, schema.ifSchema,
      schema.thenSchema, schema.elseSchema,
    ]
    children += single.compactMap { $0?.schema }
    return children.reduce(into: Set(schema.ref.map { [$0] } ?? [])) { $0.formUnion(references(in: $1)) }
  }

  /// The broken BOMs that CI checks the schema rejects are errors for `bomcheck check` too.
  @Test func brokenSchemaFixturesAreAlsoDecoderErrors() throws {
    let folder = "\(packageRoot)/Tests/BOMCheckCoreTests/Fixtures/schema-bad"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(names.count >= 7)
    for name in names {
      let bytes = try #require(FileManager.default.contents(atPath: "\(folder)/\(name)"))
      let document = try YAMLReader().read(Array(bytes))
      let (_, diagnostics) = BOMDecoder(codes: sharedCodes).decode(document, file: name)
      #expect(diagnostics.contains { $0.severity == .error }, "\(name) decodes without errors")
    }
  }
}
