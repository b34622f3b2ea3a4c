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
    switch read(path) {
    case .problem(let problem): return (nil, [problem])
    case .document(let document): return decoder.decode(document, file: display(path))
    }
  }

  /// `decodeFile`, with a long top-level parts list decoded by up to `jobs` concurrent tasks.
  func decodeFile(_ path: String, jobs: Int) async -> (BOMFile?, [Diagnostic]) {
    switch read(path) {
    case .problem(let problem): return (nil, [problem])
    case .document(let document): return await decoder.decode(document, file: display(path), jobs: jobs)
    }
  }

  private var decoder: BOMDecoder {
    var decoder = BOMDecoder(codes: codes, maxPartDepth: options.maxPartDepth)
    decoder.marketGroups = options.marketGroups
    return decoder
  }

  /// A file read and parsed, or why it could not be.
  private enum ReadOutcome {
    case document(YAMLDocument)
    case problem(Diagnostic)
  }

  /// Reads and parses one file within the limits.
  private func read(_ path: String) -> ReadOutcome {
    let shown = display(path)
    let unreadable = Diagnostic(
      code: "io.unreadable", severity: .error, file: shown, mark: nil, message: "cannot read the file")
    guard let size = FileSystem.size(path) else { return .problem(unreadable) }
    if size > options.limits.maxFileBytes {
      return .problem(YAMLError.fileTooLarge(size: size, limit: options.limits.maxFileBytes).diagnostic(file: shown))
    }
    guard let bytes = FileSystem.read(path) else { return .problem(unreadable) }
    do {
      return .document(try YAMLReader(limits: options.limits).read(bytes))
    } catch {
      return .problem(error.diagnostic(file: shown))
    }
  }
}
