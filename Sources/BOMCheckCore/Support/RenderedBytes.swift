/// Bytes a reporter rendered ahead (findings, with `CheckRequest.renderFindings`), kept as the
/// reporter made them: its own buffer is held, not copied into an array.
public protocol RenderedBytes: Sendable {
  /// The number of bytes.
  var count: Int { get }
  /// Calls `body` with the bytes.
  func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result
}

extension Array: RenderedBytes where Element == UInt8 {}
