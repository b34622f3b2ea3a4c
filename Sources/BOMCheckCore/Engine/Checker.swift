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
  /// product) and kept as those bytes (`FindingSpill`: in memory up to a budget, then in a
  /// temporary file) rather than as findings: the report then carries them as `spilledFindings`,
  /// for a reporter that streams them (the JSON report).
  public var renderFindings: (@Sendable ([Finding]) -> any RenderedBytes)?
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
      let products = run.accept(batch, consume decoded)
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
    let batches = run.batches(width: max(1, jobs))
    func decode(_ batch: [String]) -> Task<[(BOMFile?, [Diagnostic])], Never> {
      Task { await parallelMap(batch, jobs: jobs) { await loader.decodeFile($0, jobs: jobs) } }
    }
    // The next batch is read while this one is judged, so that no core waits at the end of a
    // batch for its slowest file (the results are used in file order all the same).
    var next = batches.first.map(decode)
    for (index, batch) in batches.enumerated() {
      guard let decoded = await next?.value else { break }
      // (The finished task is let go here, and with it its copy of the decoded files: a product's
      // parts are then held once, and resolved in place.)
      next = index + 1 < batches.count ? decode(batches[index + 1]) : nil
      let products = run.accept(batch, consume decoded)
      // The spill and the products judged so far stay out of the copy the judging tasks share: a
      // second reference to either would make the next append copy all it holds.
      let spill = run.spill.take()
      var earlier: [JudgedProduct] = []
      swap(&earlier, &run.judged)
      let frozen = run
      let judged = await parallelMap(products, jobs: jobs) { await frozen.judge($0, jobs: jobs) }
      run.spill = consume spill
      run.judged = consume earlier
      try run.record(judged)
    }
    return run.finish()
  }
}
