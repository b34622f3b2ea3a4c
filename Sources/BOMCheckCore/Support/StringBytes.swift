extension String {
  /// Calls `body` with the string's UTF-8 bytes, read where they are for native strings
  /// (`withUTF8` must be called on a mutable copy: a retain and a release each time, on paths that
  /// run for every scalar or every finding).
  @inlinable
  public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = self
    return try copy.withUTF8(body)
  }
}
