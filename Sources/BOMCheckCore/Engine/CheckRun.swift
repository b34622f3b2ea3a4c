/// One judged product as a run keeps it: its result, its findings (or their rendering, to be
/// spilled), their counts, and the waivers they matched.
struct JudgedProduct: Sendable {
  var result: ProductResult
  var findings: [Finding]
  /// The findings rendered in pieces (each a run of whole findings), in order.
  var rendered: [any RenderedBytes] = []
  /// Where the pieces went in the spill file.
  var spilled: [Range<Int>] = []
  var stats: FindingStats
  var matchedWaivers: Set<WaiverSpec>
}

/// The state of one check: packs, the load session, and what was judged so far.
struct CheckRun: Sendable {
  let request: CheckRequest
  let regimes: RegimeSet
  let loader: BOMLoader
  let engine: Engine
  let policy: Policy
  let knownMarkets: Set<String>
  var diagnostics: [Diagnostic]
  var session: LoadSession
  var files: [String] = []
  var processed = 0
  var waivers: [WaiverSpec] = []
  var judged: [JudgedProduct] = []
  var spill: SpillWriter?
  /// Errors in `session.diagnostics[..<countedDiagnostics]`, by file (`inputErrors(in:)`).
  private var errorsByFile: [String: Int] = [:]
  private var countedDiagnostics = 0

  init(checker: Checker, request: CheckRequest) throws(SpillError) {
    if request.renderFindings != nil { spill = SpillWriter() }
    self.request = request
    let (regimes, packDiagnostics) = checker.loadRegimes(request)
    self.regimes = regimes
    knownMarkets = checker.knownMarkets(regimes)
    diagnostics = packDiagnostics + request.configDiagnostics
    diagnostics += ConfigValidator(regimes: regimes, known: knownMarkets, asOf: request.asOf).validate(request.config)
    var options = BOMLoader.Options(workingDirectory: request.workingDirectory)
    options.limits = request.limits
    options.marketGroups = MarketGroupNames.known.union(regimes.groups.keys)
    loader = BOMLoader(options: options, codes: checker.codes)
    session = LoadSession(
      loader: loader, root: BOMLoader.checkedRoot(for: request.paths, workingDirectory: request.workingDirectory))
    engine = Engine(regimes: regimes, asOf: request.asOf)
    policy = Policy(licences: request.config.licences, waivers: request.config.waivers)
  }

  /// The discovered files in batches: small enough to bound memory by a few files, large enough
  /// to keep `width` workers busy.
  mutating func batches(width: Int) -> [[String]] {
    files = session.discover(request.paths)
    let size = max(8, width * 8)
    return stride(from: 0, to: files.count, by: size).map { Array(files[$0..<min($0 + size, files.count)]) }
  }

  /// Registers a batch's decoded files (so includes find them), then resolves its products in
  /// file order.
  mutating func accept(_ batch: [String], _ decoded: consuming [(BOMFile?, [Diagnostic])]) -> [LoadedProduct] {
    for (path, (bom, problems)) in zip(batch, decoded) { session.register(path, bom, problems) }
    var products: [LoadedProduct] = []
    var decoded = decoded
    for (index, path) in batch.enumerated() {
      // Each file is moved out of the batch (its only copy, for a product: its parts are then
      // resolved in place).
      var bom: BOMFile?
      swap(&bom, &decoded[index].0)
      guard var product = session.accept(path, .some(consume bom)) else { continue }
      product.inputErrors = inputErrors(in: product.file)
      waivers += product.product.waivers
      products.append(product)
    }
    processed += batch.count
    request.progress?("checking files", processed, files.count)
    return products
  }

  /// The errors reported so far in `file`: counted as diagnostics come (by file), not by
  /// scanning them all for every product (quadratic on a large run with many bad files).
  private mutating func inputErrors(in file: String) -> Int {
    let diagnostics = session.diagnostics
    for diagnostic in diagnostics[countedDiagnostics...] where diagnostic.severity == .error {
      errorsByFile[diagnostic.file, default: 0] += 1
    }
    countedDiagnostics = diagnostics.count
    return errorsByFile[file] ?? 0
  }

  func judge(_ product: LoadedProduct) -> JudgedProduct {
    let (judged, extra) = marketsOfRun(product)
    let (result, findings) = engine.evaluate(judged, extraMarkets: extra, policy: policy)
    return keep(product, result, findings)
  }

  /// `judge`, with a large product's parts walked by up to `jobs` concurrent tasks.
  func judge(_ product: LoadedProduct, jobs: Int) async -> JudgedProduct {
    let (judged, extra) = marketsOfRun(product)
    let (result, findings) = await engine.evaluate(judged, extraMarkets: extra, policy: policy, jobs: jobs)
    guard let render = request.renderFindings, findings.count >= 4096 else {
      return keep(product, result, findings)
    }
    // Many findings: rendered in pieces of at most 4,096 findings, by concurrent tasks when there
    // are several cores (the spill joins them as it joins products); one rendering of them all
    // would hold them twice, whole, while its buffer grows and is copied out.
    let size = min(4096, (findings.count + jobs * 4 - 1) / (jobs * 4))
    let ranges = stride(from: 0, to: findings.count, by: size).map { $0..<min($0 + size, findings.count) }
    let pieces = await parallelMap(ranges, jobs: jobs) { render(Array(findings[$0])) }
    return keep(product, result, findings, rendered: pieces)
  }

  /// The product with the run's markets (`--market` replaces its own), and the extra markets.
  private func marketsOfRun(_ product: LoadedProduct) -> (LoadedProduct, [String]) {
    guard !request.extraMarkets.isEmpty else { return (product, request.config.markets) }
    var judged = product
    let location = product.product.location
    judged.product.markets = request.extraMarkets.map { ($0, location) }
    return (judged, [])
  }

  /// What the run keeps of a judged product: counts, matched waivers, and its findings (or
  /// their rendering, to be spilled).
  private func keep(
    _ product: LoadedProduct, _ result: ProductResult, _ findings: [Finding], rendered: [any RenderedBytes]? = nil
  ) -> JudgedProduct {
    let waivers = request.config.waivers + product.product.waivers
    let matched = Set(waivers.filter { waiver in findings.contains { PolicyApplier.matches(waiver, $0) } })
    guard let render = request.renderFindings else {
      return JudgedProduct(result: result, findings: findings, stats: FindingStats(findings), matchedWaivers: matched)
    }
    return JudgedProduct(
      result: result, findings: [], rendered: rendered ?? [render(findings)], stats: FindingStats(findings),
      matchedWaivers: matched)
  }

  mutating func record(_ results: [JudgedProduct]) throws(SpillError) {
    for var result in results {
      // Appended in place (a copy of the writer would copy the findings it holds).
      if spill != nil {
        for piece in result.rendered { if let range = try spill?.append(piece) { result.spilled.append(range) } }
        result.rendered = []
      }
      judged.append(result)
    }
  }

  func finish() -> Report {
    let ordered = judged.sorted { $0.result.id < $1.result.id }
    let matched = ordered.reduce(into: Set<WaiverSpec>()) { $0.formUnion($1.matchedWaivers) }
    var all = diagnostics
    all += ConfigValidator(regimes: regimes, known: knownMarkets, asOf: request.asOf)
      .waiverDiagnostics(request.config.waivers + waivers, matched: matched)
    all += session.diagnostics
    let stats = ordered.reduce(into: FindingStats()) { $0.add($1.stats) }
    var report = Report(
      toolVersion: request.toolVersion, asOf: request.asOf, regimes: regimes.packs.map(\.summary),
      products: ordered.map(\.result), findings: ordered.flatMap(\.findings), diagnostics: Array(Set(all)).sorted(),
      fileCount: session.fileCount, spilled: spill.map { ($0.finish(ranges: ordered.flatMap(\.spilled)), stats) })
    report.rules = regimes.rules
    report.instruments = regimes.packs.flatMap { pack in
      pack.instruments.map { instrument in
        InstrumentSummary(
          id: instrument.id, pack: pack.id, title: instrument.title,
          status: regimes.state(of: instrument.id, on: request.asOf)?.sentence ?? "unknown",
          confidence: instrument.confidence, unconfirmed: instrument.unconfirmed,
          sources: instrument.sources.compactMap { id in pack.sources.first { $0.id == id } })
      }
    }
    return report
  }
}
