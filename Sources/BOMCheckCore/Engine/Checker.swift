/// What one run checks: paths, date, markets, and the injected environment.
public struct CheckRequest: Sendable {
  /// Files or directories to check.
  public var paths: [String]
  /// Absolute working directory (display paths are relative to it).
  public var workingDirectory: String
  /// The evaluation date.
  public var asOf: Day
  /// The markets of this run (`--market`): when given, every product is judged in exactly these
  /// markets, which narrows its own list or adds to it; when empty, each product's own markets
  /// plus the configuration's `markets`.
  public var extraMarkets: [String] = []
  /// Tool version written in reports.
  public var toolVersion: String
  /// YAML limits.
  public var limits = YAMLLimits()
  /// Pack files or directories to load.
  public var packLocations: [String]
  /// The configuration (`.bomcheck.yaml`), already read.
  public var config = Config()
  /// Problems found reading the configuration.
  public var configDiagnostics: [Diagnostic] = []
  /// When set, each product's findings are rendered with it (in the worker that judged the
  /// product) and kept in a temporary file rather than in memory: the report then carries them
  /// as `spilledFindings`, for a reporter that streams them (the JSON report).
  public var renderFindings: (@Sendable ([Finding]) -> [UInt8])?
  /// Called with a phase ("reading", "judging"), items done and the total, for progress displays.
  public var progress: (@Sendable (String, Int, Int) -> Void)?

  /// Creates a request.
  public init(paths: [String], workingDirectory: String, asOf: Day, toolVersion: String) {
    self.paths = paths
    self.workingDirectory = workingDirectory
    self.asOf = asOf
    self.toolVersion = toolVersion
    self.packLocations = []
  }
}

/// Runs a check: loads the BOMs, judges every product, and builds the report.
public struct Checker: Sendable {
  /// Code lists used for validation.
  public let codes: Codes

  /// Creates a checker.
  public init(codes: Codes = Codes()) {
    self.codes = codes
  }

  /// Loads the packs of `request`, with a warning per pack evaluated after its `verified_through`.
  public func loadRegimes(_ request: CheckRequest) -> (RegimeSet, [Diagnostic]) {
    let (packs, packProblems) = PackLoader(codes: codes, workingDirectory: request.workingDirectory)
      .load(request.packLocations)
    var regimes = RegimeSet(packs: packs)
    regimes.overrides = request.config.overrides
    var diagnostics = packProblems
    for pack in packs where request.asOf > pack.verifiedThrough {
      diagnostics.append(
        Diagnostic(
          code: "pack.unverified", severity: .warning, file: pack.file, mark: nil,
          message: "evaluating on \(request.asOf), after the pack's verified_through \(pack.verifiedThrough): "
            + "statuses that were scheduled to change since then are reported as indeterminate"))
    }
    return (regimes, diagnostics)
  }

  /// Market names accepted with `--market` and in BOMs: ISO codes and the packs' groups.
  public func knownMarkets(_ regimes: RegimeSet) -> Set<String> {
    codes.countries.union(MarketGroupNames.known).union(regimes.groups.keys)
  }

  /// Loads and judges everything in `request`, one file after another.
  public func run(_ request: CheckRequest) throws(SpillError) -> Report {
    var run = try CheckRun(checker: self, request: request)
    for batch in run.batches(width: 1) {
      let decoded = batch.map { run.loader.decodeFile($0) }
      let products = run.accept(batch, decoded)
      try run.record(products.map { run.judge($0) })
    }
    return run.finish()
  }

  /// Loads and judges everything in `request`, reading and judging up to `jobs` files at a time
  /// (a task group per batch; results are put back in file order, so the bytes are the same
  /// whatever the parallelism).
  public func run(_ request: CheckRequest, jobs: Int) async throws(SpillError) -> Report {
    var run = try CheckRun(checker: self, request: request)
    let loader = run.loader
    for batch in run.batches(width: max(1, jobs)) {
      let decoded = await parallelMap(batch, jobs: jobs) { await loader.decodeFile($0, jobs: jobs) }
      let products = run.accept(batch, decoded)
      let frozen = run
      try run.record(await parallelMap(products, jobs: jobs) { await frozen.judge($0, jobs: jobs) })
    }
    return run.finish()
  }
}

/// Maps `items` with up to `jobs` concurrent tasks, keeping the order of `items`.
func parallelMap<T: Sendable, R: Sendable>(
  _ items: [T], jobs: Int, _ transform: @escaping @Sendable (T) async -> R
) async -> [R] {
  guard jobs > 1, items.count > 1 else {
    var results: [R] = []
    for item in items { results.append(await transform(item)) }
    return results
  }
  return await withTaskGroup(of: (Int, R).self) { group in
    var results: [R?] = Array(repeating: nil, count: items.count)
    var next = 0
    func start() {
      guard next < items.count else { return }
      let index = next
      let item = items[index]
      group.addTask { (index, await transform(item)) }
      next += 1
    }
    for _ in 0..<min(jobs, items.count) { start() }
    while let (index, result) = await group.next() {
      results[index] = result
      start()
    }
    return results.compactMap { $0 }
  }
}

/// One judged product as a run keeps it: its result, its findings (or their rendering, to be
/// spilled), their counts, and the waivers they matched.
struct JudgedProduct: Sendable {
  var result: ProductResult
  var findings: [Finding]
  /// The findings rendered in pieces (each a run of whole findings), in order.
  var rendered: [[UInt8]] = []
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

  init(checker: Checker, request: CheckRequest) throws(SpillError) {
    if request.renderFindings != nil { spill = try SpillWriter() }
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
  mutating func accept(_ batch: [String], _ decoded: [(BOMFile?, [Diagnostic])]) -> [LoadedProduct] {
    for (path, (bom, problems)) in zip(batch, decoded) { session.register(path, bom, problems) }
    var products: [LoadedProduct] = []
    for (path, (bom, _)) in zip(batch, decoded) {
      guard var product = session.accept(path, .some(bom)) else { continue }
      product.inputErrors = session.diagnostics.filter { $0.severity == .error && $0.file == product.file }.count
      waivers += product.product.waivers.map { waiver in
        var own = waiver
        own.product = product.product.id
        return own
      }
      products.append(product)
    }
    processed += batch.count
    request.progress?("checking files", processed, files.count)
    return products
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
    guard let render = request.renderFindings, findings.count >= 4096, jobs > 1 else {
      return keep(product, result, findings)
    }
    // Many findings: rendered in pieces by concurrent tasks (the spill joins them as it joins products).
    let size = (findings.count + jobs * 4 - 1) / (jobs * 4)
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
    _ product: LoadedProduct, _ result: ProductResult, _ findings: [Finding], rendered: [[UInt8]]? = nil
  ) -> JudgedProduct {
    let waivers =
      request.config.waivers
      + product.product.waivers.map { waiver in
        var own = waiver
        own.product = product.product.id
        return own
      }
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
      if var writer = spill {
        for piece in result.rendered { result.spilled.append(try writer.append(piece)) }
        result.rendered = []
        spill = writer
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
