import Foundation

/// File-system helpers for finding and reading BOM files; paths are absolute and `/`-separated.
public enum FileSystem {
  /// The canonical absolute path (symbolic links resolved), or nil when the file does not exist.
  static func canonical(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// `path` made absolute against `base` and normalised (`.` and `..` removed), links untouched.
  static func absolute(_ path: String, base: String) -> String {
    let joined = path.hasPrefix("/") ? path : base + "/" + path
    // Most paths (an include next to its file, below it) are normal already: returned as they are
    // instead of split and joined again (once for every include of every file).
    if isNormal(joined) { return joined }
    var parts: [Substring] = []
    for piece in joined.split(separator: "/", omittingEmptySubsequences: true) {
      if piece == "." { continue }
      if piece == ".." {
        _ = parts.popLast()
        continue
      }
      parts.append(piece)
    }
    return "/" + parts.joined(separator: "/")
  }

  /// Whether `path` is absolute and already normal: no empty, `.` or `..` component, no
  /// trailing `/` (what `absolute` would give back unchanged).
  static func isNormal(_ path: String) -> Bool {
    path.withUTF8Bytes { bytes in
      let slash = UInt8(ascii: "/")
      let dot = UInt8(ascii: ".")
      guard bytes.count > 1, bytes[0] == slash else { return false }
      var start = 1
      for index in 1...bytes.count where index == bytes.count || bytes[index] == slash {
        switch index - start {
        case 0: return false
        case 1 where bytes[start] == dot: return false
        case 2 where bytes[start] == dot && bytes[start + 1] == dot: return false
        default: start = index + 1
        }
      }
      return true
    }
  }

  /// Whether `path` is `root` or inside it.
  static func isInside(_ path: String, root: String) -> Bool {
    root == "/" || path == root || path.hasPrefix(root + "/")
  }

  /// The directory part of a path.
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Whether the path is a directory (following links).
  static func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
  }

  /// File size in bytes, or nil when it cannot be read.
  static func size(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_size)
  }

  /// The bytes of a regular file, or nil when it cannot be read or is anything else (a directory,
  /// a pipe, a device: opened without blocking, so a FIFO does not hang the run, and refused, so
  /// `/dev/zero` does not fill the memory). Read straight into the array: through `Data` the bytes
  /// were copied twice, for every file.
  static func read(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    // The size is a hint (a file may grow; procfs files say 0): whatever is left once the array
    // is full is read in chunks, until the end.
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: max(Int(info.st_size), 0) + 1) { buffer, count in
      count = 0
      guard let base = buffer.baseAddress else { return }
      failed = !readAll(descriptor, into: base, capacity: buffer.count, count: &count)
    }
    guard !failed else { return nil }
    guard bytes.count > Int(info.st_size) else { return bytes }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      var count = 0
      let ok = chunk.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.map { readAll(descriptor, into: $0, capacity: buffer.count, count: &count) } ?? false
      }
      guard ok else { return nil }
      bytes += chunk[..<count]
      if count < chunk.count { return bytes }
    }
  }

  /// Reads into `base` until `capacity` bytes are there or the file ends; false on an error.
  private static func readAll(
    _ descriptor: Int32, into base: UnsafeMutablePointer<UInt8>, capacity: Int, count: inout Int
  ) -> Bool {
    while count < capacity {
      let got = Foundation.read(descriptor, base + count, capacity - count)
      if got < 0 && errno == EINTR { continue }
      guard got >= 0 else { return false }
      if got == 0 { return true }
      count += got
    }
    return true
  }

  /// YAML files (`*.yaml`, `*.yml`) under a directory, skipping hidden files and folders; sorted.
  static func yamlFiles(under directory: String) -> [String] {
    yamlFilesAndFolderLinks(under: directory).files
  }

  /// `yamlFiles(under:)`, and the symbolic links to folders met on the way (which are not walked
  /// into: the caller reports them, so that nothing is skipped without a word).
  static func yamlFilesAndFolderLinks(under directory: String) -> (files: [String], folderLinks: [String]) {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return ([], []) }
    var files: [String] = []
    var links: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = relative.split(separator: "/").last.map(String.init) ?? relative
      if name.hasPrefix(".") {
        enumerator.skipDescendants()
        continue
      }
      let full = directory == "/" ? "/" + relative : directory + "/" + relative
      if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        if !isDirectory(full) { files.append(full) }
      } else if isSymbolicLink(full), isDirectory(full) {
        links.append(full)
      }
    }
    return (files.sorted(), links.sorted())
  }

  /// Whether `path` itself is a symbolic link (not followed).
  static func isSymbolicLink(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
  }

  /// The path shown to users: relative to `workingDirectory` when inside it, else absolute.
  static func display(_ path: String, workingDirectory: String) -> String {
    if path.hasPrefix(workingDirectory + "/") {
      return String(path.dropFirst(workingDirectory.count + 1))
    }
    return path
  }

  /// The deepest directory that contains every path.
  static func commonDirectory(_ paths: [String]) -> String {
    let dirs = paths.map { isDirectory($0) ? $0 : directory(of: $0) }
    guard var common = dirs.first?.split(separator: "/").map(String.init) else { return "/" }
    for dir in dirs.dropFirst() {
      let parts = dir.split(separator: "/").map(String.init)
      var count = 0
      while count < min(common.count, parts.count) && common[count] == parts[count] { count += 1 }
      common = Array(common.prefix(count))
    }
    return "/" + common.joined(separator: "/")
  }

  /// The nearest directory at or above `start` that holds `.git`, if any.
  static func repositoryRoot(from start: String) -> String? {
    var current = start
    while true {
      if FileManager.default.fileExists(atPath: current + "/.git") { return current }
      if current == "/" { return nil }
      current = directory(of: current)
    }
  }
}

extension FileSystem {
  /// `path` made absolute against `base` and normalised; for callers outside Core.
  public static func absolutePath(_ path: String, base: String) -> String { absolute(path, base: base) }
}
