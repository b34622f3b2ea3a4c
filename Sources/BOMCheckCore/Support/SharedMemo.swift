import Synchronization

/// Answers of a pure function by key, shared by every task of the process (BOMs repeat the same
/// texts across files, which are decoded in parallel). Capped: past `capacity` entries nothing is
/// added, so endless distinct keys in a hostile input cost time, not memory. The lock is held only
/// to read or add an entry, never while computing.
final class SharedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  private let entries = Mutex<[Key: Value]>([:])
  let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// The answer for `key`, computed by `compute` unless already known.
  func value(for key: Key, _ compute: (Key) -> Value) -> Value {
    if let known = entries.withLock({ $0[key] }) { return known }
    let value = compute(key)
    entries.withLock { entries in
      if entries.count < capacity { entries[key] = value }
    }
    return value
  }
}
