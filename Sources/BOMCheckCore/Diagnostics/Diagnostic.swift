/// How serious a diagnostic or finding is; ordered `note < warning < error`.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
  case note
  case warning
  case error

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

  /// 0 for notes, 1 for warnings, 2 for errors.
  public var rank: Int {
    switch self {
    case .note: return 0
    case .warning: return 1
    case .error: return 2
    }
  }
}

/// A problem with the input (a BOM, a config, a pack), located where it was found.
///
/// Diagnostics are values collected by the caller; the library never prints them.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// A stable code such as `bom.unknown-key` or `yaml.syntax`.
  public var code: String
  /// Error, warning or note.
  public var severity: Severity
  /// The file the diagnostic is about (display path).
  public var file: String
  /// The 1-based position, when the problem has one.
  public var mark: Mark?
  /// The plain-language message.
  public var message: String

  /// Creates a diagnostic.
  public init(code: String, severity: Severity, file: String, mark: Mark?, message: String) {
    self.code = code
    self.severity = severity
    self.file = file
    self.mark = mark
    self.message = message
  }

  /// The location as `SourceLocation`, if there is a mark.
  public var location: SourceLocation? {
    mark.map { SourceLocation(file: file, mark: $0) }
  }

  /// Compiler style: `path:line:column: severity: message`.
  public var description: String {
    let place = mark.map { "\(file):\($0.line):\($0.column)" } ?? file
    return "\(place): \(severity.rawValue): \(message)"
  }

  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    let left = (lhs.file, lhs.mark?.line ?? 0, lhs.mark?.column ?? 0, lhs.code, lhs.message)
    let right = (rhs.file, rhs.mark?.line ?? 0, rhs.mark?.column ?? 0, rhs.code, rhs.message)
    return left < right
  }
}

extension YAMLError {
  /// This error as a diagnostic for `file`.
  public func diagnostic(file: String) -> Diagnostic {
    Diagnostic(code: code, severity: .error, file: file, mark: mark, message: description)
  }
}
