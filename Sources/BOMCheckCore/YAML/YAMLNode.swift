/// How a scalar was written, which decides how plain text is resolved to a type.
public enum ScalarStyle: Sendable, Hashable {
  /// Unquoted text: resolved by YAML 1.1 rules (null, bool, int, float, string).
  case plain
  /// Single-quoted, double-quoted, literal or folded: always a string.
  case quoted
}

/// One node of the located YAML tree built from libyaml's events.
///
/// Aliases are resolved into copies of the anchored node (sharing storage), so the tree holds no
/// references. A node reached through an alias keeps the anchor's positions inside it, but its own
/// `mark` is the position where the alias is used.
public struct YAMLNode: Sendable {
  /// The content of a node.
  public enum Content: Sendable {
    /// A scalar with its text and style.
    case scalar(String, ScalarStyle)
    /// A sequence of nodes.
    case sequence([YAMLNode])
    /// A mapping, in source order, with merge keys (`<<`) already applied and duplicates removed.
    case mapping([YAMLPair])
  }

  /// What the node holds.
  public var content: Content
  /// Where the node starts (1-based); for an alias, where the alias is used.
  public var mark: Mark
  /// The explicit tag, if one was written (e.g. `tag:yaml.org,2002:str`).
  public var tag: String?

  /// Creates a node.
  public init(_ content: Content, mark: Mark, tag: String? = nil) {
    self.content = content
    self.mark = mark
    self.tag = tag
  }

  /// The scalar text, if this node is a scalar.
  public var scalarText: String? {
    if case .scalar(let text, _) = content { return text }
    return nil
  }

  /// A short name of the node's type, for error messages ("a mapping", "a list", "text").
  public var typeDescription: String {
    switch content {
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .scalar(let text, let style):
      switch resolvedScalar(text: text, style: style, tag: tag) {
      case .null: return "an empty value"
      case .bool: return "a boolean"
      case .int, .float: return "a number"
      case .string: return "text"
      }
    }
  }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
  /// The key node (usually a scalar).
  public var key: YAMLNode
  /// The value node.
  public var value: YAMLNode

  /// Creates a pair.
  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }
}
