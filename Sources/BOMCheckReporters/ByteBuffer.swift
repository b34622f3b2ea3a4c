import BOMCheckCore

/// The growing bytes of a `JSONWriter`. An append is a capacity check and a copy: an array's
/// append also goes through generic code and uniqueness checks, which were most of the cost of
/// writing findings. Copy-on-write, like an array (hence sendable: a shared storage is never
/// written).
struct ByteBuffer: RandomAccessCollection, RenderedBytes, @unchecked Sendable {
  /// An allocation of fixed capacity (a larger one replaces it).
  private final class Storage {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
      self.capacity = Swift.max(capacity, 16)
      base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }
  }

  private var storage: Storage
  private(set) var count = 0
  /// While claimed (`claim`), the end of the storage, known to be this buffer's own: appends that
  /// stay below it skip the uniqueness check. Zero otherwise.
  private var claimedEnd = 0

  init(capacity: Int) {
    storage = Storage(capacity: capacity)
  }

  /// The bytes allocated.
  var capacity: Int { storage.capacity }

  var startIndex: Int { 0 }
  var endIndex: Int { count }

  subscript(position: Int) -> UInt8 {
    precondition(position >= 0 && position < count, "index out of range")
    return storage.base[position]
  }

  /// Makes room for `extra` more bytes in a storage of its own.
  @inline(__always)
  private mutating func reserve(_ extra: Int) {
    if count + extra <= claimedEnd { return }
    if count + extra > storage.capacity || !isKnownUniquelyReferenced(&storage) { grow(extra) }
    if claimedEnd > 0 { claimedEnd = storage.capacity }
  }

  /// Makes the storage the buffer's own, for the appends that follow to skip the check that it is
  /// still not shared, until `unclaim()`. The buffer must not be copied in between (the copy
  /// would share the claim).
  mutating func claim() {
    if !isKnownUniquelyReferenced(&storage) { grow(0) }
    claimedEnd = storage.capacity
  }

  /// Ends a `claim`: appends check the storage again.
  mutating func unclaim() {
    claimedEnd = 0
  }

  private mutating func grow(_ extra: Int) {
    let larger = Storage(capacity: Swift.max(storage.capacity * 2, count + extra))
    larger.base.initialize(from: storage.base, count: count)
    storage = larger
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    reserve(1)
    (storage.base + count).initialize(to: byte)
    count += 1
  }

  @inline(__always)
  mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    (storage.base + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  /// Appends `count` copies of `byte` (indents).
  @inline(__always)
  mutating func append(repeating byte: UInt8, count extra: Int) {
    guard extra > 0 else { return }
    reserve(extra)
    (storage.base + count).initialize(repeating: byte, count: extra)
    count += extra
  }

  mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
    append(contentsOf: bytes.bindMemory(to: UInt8.self))
  }

  mutating func append(contentsOf bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
  }

  mutating func append(contentsOf text: String.UTF8View) {
    for byte in text { append(byte) }
  }

  /// Empties the buffer (keeping its allocation when asked and not shared).
  mutating func removeAll(keepingCapacity: Bool) {
    if !keepingCapacity || !isKnownUniquelyReferenced(&storage) {
      storage = Storage(capacity: keepingCapacity ? storage.capacity : 16)
    }
    count = 0
  }

  func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    try body(UnsafeRawBufferPointer(start: storage.base, count: count))
  }

  /// The bytes from `start` on, as an array.
  func array(from start: Int = 0) -> [UInt8] {
    precondition(start >= 0 && start <= count, "index out of range")
    let source = storage.base + start
    let length = count - start
    return [UInt8](unsafeUninitializedCapacity: length) { target, initialized in
      target.baseAddress?.initialize(from: source, count: length)
      initialized = length
    }
  }
}
