/// A product with its includes resolved, ready to be judged.
public struct LoadedProduct: Sendable {
  /// The product header.
  public var product: Product
  /// The file it was read from (display path).
  public var file: String
  /// Top-level parts, with every `include:` replaced by the assembly's parts.
  public var parts: [Part]
  /// Every part node of the product, includes expanded.
  public var partCount: Int
  /// Errors found in the product's own file: what they hid was not judged.
  public var inputErrors = 0
}

/// Everything read from a set of paths.
public struct LoadResult: Sendable {
  /// Products that could be judged, sorted by id.
  public var products: [LoadedProduct]
  /// Files read (products, assemblies and broken files).
  public var fileCount: Int
  /// Every problem found, sorted.
  public var diagnostics: [Diagnostic]
}

/// Finds BOM files, reads and decodes them, follows includes inside the checked root, and checks
/// cross-file rules (duplicate product ids). One broken file never stops the others.
public struct BOMLoader: Sendable {
  /// Settings for a load.
  public struct Options: Sendable {
    /// Absolute working directory; display paths are relative to it.
    public var workingDirectory: String
    /// YAML limits (file size, alias expansion, depth).
    public var limits = YAMLLimits()
    /// Deepest nesting of parts, includes counted.
    public var maxPartDepth = 32
    /// Largest number of parts in one product after includes are expanded.
    public var maxParts = 1_000_000
    /// Market groups accepted in `markets:` besides ISO codes.
    public var marketGroups: Set<String> = MarketGroupNames.known

    /// Creates options for a working directory.
    public init(workingDirectory: String) {
      self.workingDirectory = workingDirectory
    }
  }

  let options: Options
  let codes: Codes

  /// Creates a loader.
  public init(options: Options, codes: Codes) {
    self.options = options
    self.codes = codes
  }

  /// The root that includes must stay inside: the repository (`.git`) containing the paths, or
  /// else their common directory.
  public static func checkedRoot(for paths: [String], workingDirectory: String) -> String {
    let absolute = paths.map {
      FileSystem.canonical(FileSystem.absolute($0, base: workingDirectory))
        ?? FileSystem.absolute($0, base: workingDirectory)
    }
    let common = FileSystem.commonDirectory(absolute)
    return FileSystem.repositoryRoot(from: common) ?? common
  }

  /// Reads every BOM under `paths` (files or directories).
  public func load(paths: [String], progress: (@Sendable (String, Int, Int) -> Void)? = nil) -> LoadResult {
    let root = Self.checkedRoot(for: paths, workingDirectory: options.workingDirectory)
    var session = LoadSession(loader: self, root: root)
    let files = session.discover(paths)
    for (index, file) in files.enumerated() {
      progress?("reading files", index + 1, files.count)
      if let product = session.accept(file) { session.products.append(product) }
    }
    return session.finish(files: files)
  }

  func display(_ path: String) -> String {
    FileSystem.display(path, workingDirectory: options.workingDirectory)
  }

  /// Reads and decodes one file (no includes followed).
  func decodeFile(_ path: String) -> (BOMFile?, [Diagnostic]) {
    switch readDirect(path) {
    case .decoded(let decoded): return decoded
    case .bytes(let bytes):
      do {
        return decoder.decode(try YAMLReader(limits: options.limits).read(bytes), file: display(path))
      } catch {
        return (nil, [error.diagnostic(file: display(path))])
      }
    }
  }

  /// `decodeFile` with other tasks: for a file the direct reader gives back, top-level parts are
  /// decoded, 2,048 at a time, by other tasks while libyaml is still parsing the rest of the file (a
  /// file with fewer parts makes no batch). Same result as `decodeFile`.
  func decodeFile(_ path: String, jobs: Int) async -> (BOMFile?, [Diagnostic]) {
    guard jobs > 1 else { return decodeFile(path) }
    let shown = display(path)
    let bytes: [UInt8]
    switch readDirect(path) {
    case .decoded(let decoded): return decoded
    case .bytes(let read): bytes = read
    }
    let reader = YAMLReader(limits: options.limits)
    let decoder = self.decoder
    let codes = self.codes
    let (parsed, early) = await withTaskGroup(of: (Int, BOMDecoder.EarlyParts).self) { group in
      var handed = 0
      let parsed: Result<YAMLDocument, YAMLError>
      do throws(YAMLError) {
        parsed = .success(
          try reader.read(bytes, batch: 2048) { items in
            let index = handed
            handed += 1
            group.addTask {
              var context = DecodeContext(file: shown, codes: codes)
              let parts = items.map { decoder.decodePart($0, depth: 1, &context) }
              return (
                index, BOMDecoder.EarlyParts(marks: items.map(\.mark), parts: parts, diagnostics: context.diagnostics)
              )
            }
          })
      } catch {
        parsed = .failure(error)
      }
      var batches: [(Int, BOMDecoder.EarlyParts)] = []
      for await batch in group { batches.append(batch) }
      let early = batches.sorted { $0.0 < $1.0 }.reduce(into: BOMDecoder.EarlyParts()) { $0.append($1.1) }
      return (parsed, early)
    }
    switch parsed {
    case .failure(let error): return (nil, [error.diagnostic(file: shown)])
    case .success(let document): return decoder.decode(document, file: shown, early: early)
    }
  }

  private var decoder: BOMDecoder {
    var decoder = BOMDecoder(codes: codes, maxPartDepth: options.maxPartDepth)
    decoder.marketGroups = options.marketGroups
    return decoder
  }

  /// A file decoded (or why it could not be read), or its bytes for the general reader.
  private enum ReadOutcome {
    case decoded((BOMFile?, [Diagnostic]))
    case bytes([UInt8])
  }

  /// Reads one file within the size limit and decodes it with `DirectBOMReader` when that reader
  /// takes it. The direct reader goes first whatever the size: without a tree it takes half the
  /// memory, and on a 21 MB file it is quicker on one core than the general reader's batches.
  private func readDirect(_ path: String) -> ReadOutcome {
    let shown = display(path)
    let unreadable = Diagnostic(
      code: "io.unreadable", severity: .error, file: shown, mark: nil, message: "cannot read the file")
    guard let size = FileSystem.size(path) else { return .decoded((nil, [unreadable])) }
    if size > options.limits.maxFileBytes {
      let tooLarge = YAMLError.fileTooLarge(size: size, limit: options.limits.maxFileBytes).diagnostic(file: shown)
      return .decoded((nil, [tooLarge]))
    }
    guard let bytes = FileSystem.read(path) else { return .decoded((nil, [unreadable])) }
    if let direct = DirectBOMReader(decoder: decoder, limits: options.limits).read(bytes, file: shown) {
      return .decoded(direct)
    }
    return .bytes(bytes)
  }
}
