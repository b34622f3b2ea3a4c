/// What one run checks: paths, date, markets, and the injected environment.
public struct CheckRequest: Sendable {
  /// Files or directories to check.
  public var paths: [String]
  /// Absolute working directory (display paths are relative to it).
  public var workingDirectory: String
  /// The evaluation date.
  public var asOf: Day
  /// Markets added to every product (`--market`).
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

  /// Loads and judges everything in `request`.
  public func run(_ request: CheckRequest) -> Report {
    let (regimes, packDiagnostics) = loadRegimes(request)
    var diagnostics = packDiagnostics + request.configDiagnostics
    diagnostics += ConfigValidator(regimes: regimes, known: knownMarkets(regimes), asOf: request.asOf)
      .validate(request.config)
    var options = BOMLoader.Options(workingDirectory: request.workingDirectory)
    options.limits = request.limits
    options.marketGroups = MarketGroupNames.known.union(regimes.groups.keys)
    let loaded = BOMLoader(options: options, codes: codes).load(paths: request.paths, progress: request.progress)
    let engine = Engine(regimes: regimes, asOf: request.asOf)
    let policy = Policy(licences: request.config.licences, waivers: request.config.waivers)
    var products: [ProductResult] = []
    var findings: [Finding] = []
    for (index, product) in loaded.products.enumerated() {
      request.progress?("judging products", index + 1, loaded.products.count)
      let (result, productFindings) = engine.evaluate(
        product, extraMarkets: request.config.markets + request.extraMarkets, policy: policy)
      products.append(result)
      findings += productFindings
    }
    let validator = ConfigValidator(regimes: regimes, known: knownMarkets(regimes), asOf: request.asOf)
    diagnostics += validator.waiverDiagnostics(
      request.config.waivers
        + loaded.products.flatMap { product in
          product.product.waivers.map { waiver in
            var own = waiver
            own.product = product.product.id
            return own
          }
        }, findings: findings)
    var report = Report(
      toolVersion: request.toolVersion, asOf: request.asOf, regimes: regimes.packs.map(\.summary),
      products: products, findings: findings, diagnostics: (diagnostics + loaded.diagnostics).sorted(),
      fileCount: loaded.fileCount)
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
