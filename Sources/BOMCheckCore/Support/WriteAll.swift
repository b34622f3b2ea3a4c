import Foundation

/// Writes all of `bytes` to the open file `descriptor`, straight from the caller's buffer, again
/// after a call a signal interrupted; nil when all was written, else the failed write's `errno`.
public func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
  guard let base = bytes.baseAddress else { return nil }
  var written = 0
  while written < bytes.count {
    let count = write(descriptor, base + written, bytes.count - written)
    if count < 0 && errno == EINTR { continue }
    guard count > 0 else { return count < 0 ? errno : EIO }
    written += count
  }
  return nil
}
