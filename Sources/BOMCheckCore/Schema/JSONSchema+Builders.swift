extension JSONSchema {
  /// A closed mapping: only `properties` are accepted (`additionalProperties: false`).
  static func closedObject(
    _ description: String, properties: [String: JSONSchema], required: [String] = []
  ) -> JSONSchema {
    var schema = JSONSchema()
    schema.type = [.object]
    schema.description = description
    schema.properties = properties
    schema.required = required.isEmpty ? nil : required
    schema.additionalProperties = .always(false)
    return schema
  }

  /// `{"$ref": "#/definitions/<name>"}` with a description for hover (ignored by validators).
  static func reference(_ name: String, _ description: String? = nil) -> JSONSchema {
    var schema = JSONSchema()
    schema.ref = "#/definitions/\(name)"
    schema.description = description
    return schema
  }

  /// Free text. bomcheck takes any scalar as written, so a plain `4090` or `1.0` (a number to a
  /// YAML reader) is text too.
  static func text(_ description: String) -> JSONSchema {
    var schema = JSONSchema()
    schema.type = [.string, .number]
    schema.description = description
    return schema
  }

  /// A string, optionally matching `pattern`.
  static func string(
    _ description: String, pattern: String? = nil, patternMessage: String? = nil, examples: [String] = []
  ) -> JSONSchema {
    var schema = JSONSchema()
    schema.type = [.string]
    schema.description = description
    schema.pattern = pattern
    schema.patternErrorMessage = patternMessage
    schema.examples = examples.isEmpty ? nil : examples.map(JSONScalar.string)
    return schema
  }

  /// Text matching `pattern`, or a plain whole number (which YAML reads as a number, and BOMs take
  /// as written: `ref: 1`, `id: 2024`).
  static func textOrWholeNumber(_ description: String, pattern: String, patternMessage: String) -> JSONSchema {
    var schema = string(description, pattern: pattern, patternMessage: patternMessage)
    schema.type = [.string, .integer]
    schema.minimum = 0
    return schema
  }

  /// One of a closed set of strings.
  static func choice(_ description: String, _ values: [String], default value: String? = nil) -> JSONSchema {
    var schema = JSONSchema()
    schema.type = [.string]
    schema.description = description
    schema.enumValues = values.map(JSONScalar.string)
    schema.defaultValue = value.map(JSONScalar.string)
    return schema
  }

  /// A number, with optional bounds.
  static func number(
    _ description: String, type: JSONType = .number, minimum: Double? = nil, maximum: Double? = nil,
    above: Double? = nil, default value: JSONScalar? = nil
  ) -> JSONSchema {
    var schema = JSONSchema()
    schema.type = [type]
    schema.description = description
    schema.minimum = minimum
    schema.maximum = maximum
    schema.exclusiveMinimum = above
    schema.defaultValue = value
    return schema
  }

  /// A list of `item`.
  static func list(_ description: String, of item: JSONSchema, minItems: Int? = nil) -> JSONSchema {
    var schema = JSONSchema()
    schema.type = [.array]
    schema.description = description
    schema.items = .schema(item)
    schema.minItems = minItems
    return schema
  }

  /// An object that has all of `keys` (a building block of `oneOf`, `not` and `if`).
  static func requiring(_ keys: [String]) -> JSONSchema {
    var schema = JSONSchema()
    schema.required = keys
    return schema
  }
}
