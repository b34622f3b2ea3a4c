/// A problem that stops a YAML file from being read; rendered `path:line:column: error: message`.
public enum YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file is larger than the configured limit (bytes).
  case fileTooLarge(size: Int, limit: Int)
  /// The file holds no YAML document (empty or only comments).
  case empty
  /// A NUL byte: a binary file, not YAML text.
  case nulByte(Mark)
  /// Bytes that are not UTF-8.
  case notUTF8(Mark, detail: String)
  /// libyaml's own scanner or parser problem.
  case syntax(Mark, problem: String)
  /// More than one document in one file.
  case multipleDocuments(Mark)
  /// Nesting deeper than the limit.
  case tooDeep(Mark, limit: Int)
  /// An alias to an anchor that is still being defined.
  case recursiveAlias(Mark, name: String)
  /// An alias to an anchor that was never defined.
  case undefinedAlias(Mark, name: String)
  /// Expanding aliases would create more nodes than the limit.
  case expansionLimit(Mark, limit: Int)
  /// A merge key whose value is not a mapping or a list of mappings.
  case badMerge(Mark)

  /// Where the problem is, if it has a position.
  public var mark: Mark? {
    switch self {
    case .fileTooLarge, .empty: return nil
    case .nulByte(let mark), .notUTF8(let mark, _), .syntax(let mark, _),
      .multipleDocuments(let mark), .tooDeep(let mark, _), .recursiveAlias(let mark, _),
      .undefinedAlias(let mark, _), .expansionLimit(let mark, _), .badMerge(let mark):
      return mark
    }
  }

  /// A stable code for the JSON report (`yaml.*`).
  public var code: String {
    switch self {
    case .fileTooLarge: return "yaml.file-too-large"
    case .empty: return "yaml.empty"
    case .nulByte: return "yaml.nul-byte"
    case .notUTF8: return "yaml.not-utf8"
    case .syntax: return "yaml.syntax"
    case .multipleDocuments: return "yaml.multiple-documents"
    case .tooDeep: return "yaml.too-deep"
    case .recursiveAlias: return "yaml.recursive-alias"
    case .undefinedAlias: return "yaml.undefined-alias"
    case .expansionLimit: return "yaml.alias-expansion"
    case .badMerge: return "yaml.bad-merge"
    }
  }

  /// The plain-language message, without position.
  public var description: String {
    switch self {
    case .fileTooLarge(let size, let limit):
      return "file is \(size) bytes, larger than the limit of \(limit) bytes; not parsed"
    case .empty:
      return "file holds no YAML document (it is empty or only comments)"
    case .nulByte:
      return "file contains a NUL byte: it looks binary, not YAML text"
    case .notUTF8(_, let detail):
      return "file is not valid UTF-8 (\(detail))"
    case .syntax(_, let problem):
      return "YAML syntax error: \(problem)"
    case .multipleDocuments:
      return "file holds several YAML documents; a BOM file must be exactly one document"
    case .tooDeep(_, let limit):
      return "YAML nesting is deeper than \(limit) levels"
    case .recursiveAlias(_, let name):
      return "alias *\(name) refers to its own anchor (recursive alias); refused"
    case .undefinedAlias(_, let name):
      return "alias *\(name) has no anchor &\(name) before it"
    case .expansionLimit(_, let limit):
      return "aliases expand to more than \(limit) nodes (alias bomb?); refused"
    case .badMerge:
      return "merge key `<<` must be a mapping or a list of mappings"
    }
  }
}

/// Limits applied while reading YAML; defaults are the spec's reliability limits.
public struct YAMLLimits: Sendable, Hashable {
  /// Largest file read, in bytes (default 32 MiB).
  public var maxFileBytes: Int
  /// Largest number of nodes copied in by aliases (default 1,000,000); nodes written out in the
  /// file are bounded by `maxFileBytes` instead.
  public var maxNodes: Int
  /// Deepest nesting of collections (default 64).
  public var maxDepth: Int

  /// Creates limits; defaults are the specification's.
  public init(maxFileBytes: Int = 32 * 1024 * 1024, maxNodes: Int = 1_000_000, maxDepth: Int = 64) {
    self.maxFileBytes = maxFileBytes
    self.maxNodes = maxNodes
    self.maxDepth = maxDepth
  }
}

/// A key written twice in one mapping: an error, but the rest of the file is still read (the
/// first occurrence is kept in the tree).
public struct DuplicateKey: Sendable, Equatable {
  /// Where the second occurrence of the key is.
  public var mark: Mark
  /// The duplicated key.
  public var key: String
  /// Where the key first appeared.
  public var firstMark: Mark
}
