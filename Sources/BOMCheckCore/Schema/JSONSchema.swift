/// One JSON Schema (draft-07) object, with the keywords the BOM schema uses; encodes with the
/// keyword names (`$ref`, `enum`, `if`, …) and leaves unset keywords out.
///
/// `patternErrorMessage` and `errorMessage` are yaml-language-server extensions that editors show
/// instead of the generic message; other validators ignore them.
public struct JSONSchema: Sendable, Hashable, Codable {
  /// `$schema`: the draft's meta-schema URI (root only).
  public var schemaURI: String?
  /// `$ref`: a JSON pointer to a definition, e.g. `#/definitions/part`.
  public var ref: String?
  /// A short title.
  public var title: String?
  /// Shown on hover and in completion lists.
  public var description: String?
  /// The accepted JSON types.
  public var type: JSONTypes?
  /// `enum`: the accepted values.
  public var enumValues: [JSONScalar]?
  /// `const`: the one accepted value.
  public var constValue: JSONScalar?
  /// `default`: offered by completion.
  public var defaultValue: JSONScalar?
  /// Example values, offered by completion.
  public var examples: [JSONScalar]?
  /// An ECMA-262 regular expression that strings must match (anywhere, so anchor it).
  public var pattern: String?
  /// yaml-language-server: the message shown when `pattern` fails.
  public var patternErrorMessage: String?
  /// yaml-language-server: the message shown when this schema fails.
  public var errorMessage: String?
  /// Numbers must be ≥ this.
  public var minimum: Double?
  /// Numbers must be ≤ this.
  public var maximum: Double?
  /// Numbers must be > this (draft-07: a number, not a flag).
  public var exclusiveMinimum: Double?
  /// Arrays need at least this many items.
  public var minItems: Int?
  /// Keys an object must have.
  public var required: [String]?
  /// Schemas of an object's known keys.
  public var properties: [String: JSONSchema]?
  /// Keys not in `properties`: `false` rejects them, a schema validates their values.
  public var additionalProperties: Subschema?
  /// A schema every key of an object must match (as a string).
  public var propertyNames: Subschema?
  /// The schema of every array item.
  public var items: Subschema?
  /// Must not match this schema.
  public var not: Subschema?
  /// `if` / `then` / `else`.
  public var ifSchema: Subschema?
  /// Applies when `if` matches.
  public var thenSchema: Subschema?
  /// Applies when `if` does not match.
  public var elseSchema: Subschema?
  /// Must match all of these.
  public var allOf: [JSONSchema]?
  /// Must match at least one of these.
  public var anyOf: [JSONSchema]?
  /// Must match exactly one of these.
  public var oneOf: [JSONSchema]?
  /// Named schemas for `$ref` (draft-07 `definitions`).
  public var definitions: [String: JSONSchema]?

  /// Creates an empty schema (accepts everything); set the keywords needed.
  public init() {}

  enum CodingKeys: String, CodingKey {
    case schemaURI = "$schema"
    case ref = "$ref"
    case title, description, type
    case enumValues = "enum"
    case constValue = "const"
    case defaultValue = "default"
    case examples, pattern, patternErrorMessage, errorMessage, minimum, maximum, exclusiveMinimum
    case minItems, required, properties, additionalProperties, propertyNames, items, not
    case ifSchema = "if"
    case thenSchema = "then"
    case elseSchema = "else"
    case allOf, anyOf, oneOf, definitions
  }
}

/// A schema in a keyword that takes one schema, or `true`/`false`; boxed so that a schema can
/// hold schemas.
public indirect enum Subschema: Sendable, Hashable, Codable {
  /// `true` accepts everything, `false` nothing.
  case always(Bool)
  /// A schema.
  case schema(JSONSchema)

  /// Decodes a boolean or a schema object.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let flag = try? container.decode(Bool.self) {
      self = .always(flag)
    } else {
      self = .schema(try container.decode(JSONSchema.self))
    }
  }

  /// Encodes the boolean or the schema object.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .always(let flag): try container.encode(flag)
    case .schema(let schema): try container.encode(schema)
    }
  }

  /// The schema, when this is not a boolean.
  public var schema: JSONSchema? {
    if case .schema(let schema) = self { return schema }
    return nil
  }
}

/// A JSON type name.
public enum JSONType: String, Sendable, Hashable, Codable, CaseIterable {
  case object, array, string, number, integer, boolean, null
}

/// The `type` keyword: one type name, or a list when several are accepted.
public struct JSONTypes: Sendable, Hashable, Codable, ExpressibleByArrayLiteral {
  /// The accepted types, in the order written.
  public var types: [JSONType]

  /// Creates the keyword from a list of types.
  public init(arrayLiteral types: JSONType...) {
    self.types = types
  }

  /// Decodes a name or a list of names.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let one = try? container.decode(JSONType.self) {
      types = [one]
    } else {
      types = try container.decode([JSONType].self)
    }
  }

  /// Encodes a single type as a name, several as a list.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if types.count == 1 {
      try container.encode(types[0])
    } else {
      try container.encode(types)
    }
  }
}

/// A scalar JSON value in `enum`, `const`, `default` and `examples`.
public enum JSONScalar: Sendable, Hashable, Codable {
  case string(String)
  case integer(Int)
  case number(Double)
  case bool(Bool)

  /// Decodes a string, boolean, integer or other number.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let whole = try? container.decode(Int.self) {
      self = .integer(whole)
    } else {
      self = .number(try container.decode(Double.self))
    }
  }

  /// Encodes the value as JSON.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .integer(let whole): try container.encode(whole)
    case .number(let value): try container.encode(value)
    case .bool(let flag): try container.encode(flag)
    }
  }

  /// The text, when this is a string.
  public var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }
}
