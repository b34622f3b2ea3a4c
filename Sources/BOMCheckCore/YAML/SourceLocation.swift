/// A position in a source file: 1-based line and 1-based column (counted in Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The file path as shown to the user (relative to the working directory, `/`-separated).
  public var file: String
  /// 1-based line number.
  public var line: Int
  /// 1-based column number, counted in Unicode scalars.
  public var column: Int

  /// Creates a location; `line` and `column` are 1-based.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// Creates a location in `file` at a mark from the YAML tree.
  public init(file: String, mark: Mark) {
    self.init(file: file, line: mark.line, column: mark.column)
  }

  /// `path:line:column`, the compiler-style prefix.
  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}

/// A position inside one file, without the file name: 1-based line and 1-based column.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// 1-based line number.
  public var line: Int
  /// 1-based column number, counted in Unicode scalars.
  public var column: Int

  /// Creates a mark; both numbers are 1-based.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// `line:column`.
  public var description: String { "\(line):\(column)" }

  public static func < (lhs: Mark, rhs: Mark) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}
