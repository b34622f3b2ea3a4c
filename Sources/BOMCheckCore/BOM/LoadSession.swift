/// The state of one load: decoded files by canonical path, includes being followed, diagnostics.
struct LoadSession {
  let loader: BOMLoader
  let root: String
  var decoded: [String: BOMFile?] = [:]
  /// Product files read (their trees are not kept once judged).
  var productPaths: Set<String> = []
  var resolvedAssemblies: [String: (parts: [Part], count: Int)] = [:]
  var products: [LoadedProduct] = []
  var diagnostics: [Diagnostic] = []
  var firstProductFile: [String: (file: String, location: SourceLocation)] = [:]
  /// `FileSystem.canonical` of include targets already followed (a shared assembly is included
  /// from many parts: its path is resolved once, not with a `realpath` per include).
  var canonicalTargets: [String: String?] = [:]

  init(loader: BOMLoader, root: String) {
    self.loader = loader
    self.root = root
  }

  /// The canonical paths of the BOM files under `paths`, sorted and without repeats.
  mutating func discover(_ paths: [String]) -> [String] {
    var found: [String] = []
    for path in paths {
      let absolute = FileSystem.absolute(path, base: loader.options.workingDirectory)
      guard FileSystem.canonical(absolute) != nil else {
        diagnostics.append(
          Diagnostic(
            code: "io.not-found", severity: .error, file: path, mark: nil, message: "no such file or directory"))
        continue
      }
      var candidates = [absolute]
      if FileSystem.isDirectory(absolute) {
        let (files, folderLinks) = FileSystem.yamlFilesAndFolderLinks(under: absolute)
        candidates = files
        for link in folderLinks { reportFolderLink(link) }
      }
      for candidate in candidates {
        guard let canonical = FileSystem.canonical(candidate) else { continue }
        if !FileSystem.isInside(canonical, root: root) {
          diagnostics.append(
            Diagnostic(
              code: "io.symlink-escape", severity: .error, file: loader.display(candidate), mark: nil,
              message: "symbolic link points outside the checked root \(root); not read"))
          continue
        }
        found.append(canonical)
      }
    }
    var seen = Set<String>()
    return found.filter { seen.insert($0).inserted }.sorted { loader.display($0) < loader.display($1) }
  }

  /// A symbolic link to a folder is not walked into; says so (an error when it points outside the
  /// checked root, like a linked file; a warning otherwise, as its files are read only where they are).
  mutating func reportFolderLink(_ link: String) {
    let target = FileSystem.canonical(link) ?? link
    if !FileSystem.isInside(target, root: root) {
      diagnostics.append(
        Diagnostic(
          code: "io.symlink-escape", severity: .error, file: loader.display(link), mark: nil,
          message: "symbolic link to a folder points outside the checked root \(root) (to \(target)); not read"))
    } else {
      diagnostics.append(
        Diagnostic(
          code: "io.symlink-folder", severity: .warning, file: loader.display(link), mark: nil,
          message:
            "symbolic link to a folder is not followed; its files are checked only under \(loader.display(target))"))
    }
  }

  /// Decodes a file once; its diagnostics are reported once, however often it is included.
  mutating func file(_ path: String) -> BOMFile? {
    if let cached = decoded[path] { return cached }
    let (bom, problems) = loader.decodeFile(path)
    diagnostics.append(contentsOf: problems)
    decoded[path] = bom
    return bom
  }

  /// Keeps a file decoded elsewhere (in parallel) so includes find it; products are not kept.
  mutating func register(_ path: String, _ bom: BOMFile?, _ problems: [Diagnostic]) {
    guard decoded[path] == nil, !productPaths.contains(path) else { return }
    diagnostics.append(contentsOf: problems)
    if let bom, bom.product != nil {
      productPaths.insert(path)
    } else {
      decoded[path] = bom
    }
  }

  /// Reads one discovered file (decoding it here unless `register` already did) and returns its
  /// product with includes resolved; assemblies are resolved on their own to report their problems.
  /// A product file's parts are resolved in place: pass the only copy of a decoded file.
  mutating func accept(_ path: String, _ preDecoded: consuming BOMFile?? = nil) -> LoadedProduct? {
    guard var bom = (consume preDecoded) ?? file(path) else { return nil }
    switch bom.header {
    case .assembly:
      _ = assemblyParts(path, chain: [path], depth: 0)
      return nil
    case .product(let product):
      var count = 0
      // Moved out of the file, so that resolving it changes it in place instead of copying it.
      var parts: [Part] = []
      swap(&parts, &bom.parts)
      parts = resolve(parts, chain: [path], depth: 1, count: &count)
      if let first = firstProductFile[product.id] {
        diagnostics.append(
          Diagnostic(
            code: "bom.duplicate-product-id", severity: .error, file: bom.path,
            mark: product.location.line > 0 ? Mark(line: product.location.line, column: product.location.column) : nil,
            message:
              "product id `\(product.id)` is already used by \(first.location); ids must be unique across all BOMs checked together"
          ))
        return nil
      }
      firstProductFile[product.id] = (bom.path, product.location)
      return LoadedProduct(product: product, file: bom.path, parts: parts, partCount: count)
    }
  }

  /// Files read, each once.
  var fileCount: Int { decoded.count + productPaths.count }

  /// Resolves includes in `parts`; `count` receives the number of part nodes. The parts are
  /// changed in place, each list of sub-parts moved out of its part while it is resolved: a list
  /// held only here (a product's, from its decoded file) is not copied; a shared one (a decoded
  /// assembly's, kept for its includes) is copied once, when it is resolved.
  mutating func resolve(_ parts: consuming [Part], chain: [String], depth: Int, count: inout Int) -> [Part] {
    var result = parts
    for index in result.indices {
      count += 1
      if let include = result[index].include, let location = result[index].includeLocation {
        if let (included, includedCount) = follow(include, at: location, chain: chain, depth: depth) {
          result[index].parts = included
          count += includedCount
        }
      } else if !result[index].parts.isEmpty {
        if depth + 1 > loader.options.maxPartDepth {
          let child = result[index].parts[0].location
          diagnostics.append(
            Diagnostic(
              code: "bom.too-deep", severity: .error, file: child.file,
              mark: Mark(line: child.line, column: child.column),
              message: "parts are nested deeper than \(loader.options.maxPartDepth) levels (includes counted)"))
          // Still counted (and judged), but includes below the limit are not followed.
          count += Part.nodeCount(result[index].parts)
        } else {
          var children: [Part] = []
          swap(&children, &result[index].parts)
          result[index].parts = resolve(children, chain: chain, depth: depth + 1, count: &count)
        }
      }
      if count > loader.options.maxParts {
        diagnostics.append(
          Diagnostic(
            code: "bom.too-many-parts", severity: .error, file: result[index].location.file,
            mark: Mark(line: result[index].location.line, column: result[index].location.column),
            message: "the product expands to more than \(loader.options.maxParts) parts through includes; refused"))
        return result
      }
    }
    return result
  }

  /// Follows one `include:`; nil (with an error naming the chain) when it cannot be followed.
  mutating func follow(_ include: String, at location: SourceLocation, chain: [String], depth: Int) -> ([Part], Int)? {
    let mark = Mark(line: location.line, column: location.column)
    let chainText = (chain.map { loader.display($0) }).joined(separator: " -> ")
    func fail(_ code: String, _ message: String) -> ([Part], Int)? {
      diagnostics.append(
        Diagnostic(
          code: "bom.\(code)", severity: .error, file: location.file, mark: mark,
          message: "\(message) (include chain: \(chainText))"))
      return nil
    }
    if include.hasPrefix("/") || include.hasPrefix("~") {
      return fail("include-absolute", "include path `\(include)` must be relative to the including file")
    }
    guard let including = chain.last else { return nil }
    let target = FileSystem.absolute(include, base: FileSystem.directory(of: including))
    if !FileSystem.isInside(target, root: root) {
      return fail("include-escape", "include `\(include)` points outside the checked root \(root)")
    }
    let known = canonicalTargets[target]
    let resolved = known ?? FileSystem.canonical(target)
    if known == nil { canonicalTargets[target] = resolved }
    guard let canonical = resolved else {
      return fail("include-missing", "included file `\(include)` does not exist")
    }
    if !FileSystem.isInside(canonical, root: root) {
      return fail(
        "include-escape",
        "include `\(include)` resolves through a symbolic link to \(canonical), outside the checked root \(root)")
    }
    if chain.contains(canonical) {
      let cycle = (chain + [canonical]).map { loader.display($0) }.joined(separator: " -> ")
      diagnostics.append(
        Diagnostic(
          code: "bom.include-cycle", severity: .error, file: location.file, mark: mark,
          message: "include cycle: \(cycle)"))
      return nil
    }
    if depth + 1 > loader.options.maxPartDepth {
      return fail("too-deep", "parts are nested deeper than \(loader.options.maxPartDepth) levels through includes")
    }
    if productPaths.contains(canonical) {
      return fail(
        "include-not-assembly", "included file `\(include)` is a product; only assembly files can be included")
    }
    guard let bom = file(canonical) else {
      return fail("include-invalid", "included file `\(include)` could not be read (see its errors)")
    }
    guard case .assembly = bom.header else {
      return fail(
        "include-not-assembly", "included file `\(include)` is a product; only assembly files can be included")
    }
    return assemblyParts(canonical, chain: chain + [canonical], depth: depth)
  }

  /// An assembly's parts with its own includes resolved, for an including part at `depth` (0 when
  /// the assembly is read on its own); cached per path and depth when resolved without problems, so
  /// shared assemblies are expanded once per depth however often they are included.
  mutating func assemblyParts(_ path: String, chain: [String], depth: Int) -> ([Part], Int)? {
    let key = "\(depth)#\(path)"
    if let cached = resolvedAssemblies[key] { return cached }
    guard let bom = file(path) else { return nil }
    var count = 0
    let before = diagnostics.count
    let parts = resolve(bom.parts, chain: chain, depth: depth + 1, count: &count)
    if diagnostics.count == before { resolvedAssemblies[key] = (parts, count) }
    return (parts, count)
  }

  func finish(files: [String]) -> LoadResult {
    LoadResult(
      products: products.sorted { $0.product.id < $1.product.id },
      fileCount: fileCount,
      diagnostics: Array(Set(diagnostics)).sorted())
  }
}
