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

  /// Creates a request.
  public init(paths: [String], workingDirectory: String, asOf: Day, toolVersion: String) {
    self.paths = paths
    self.workingDirectory = workingDirectory
    self.asOf = asOf
    self.toolVersion = toolVersion
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

  /// Loads and judges everything in `request`.
  public func run(_ request: CheckRequest) -> Report {
    var options = BOMLoader.Options(workingDirectory: request.workingDirectory)
    options.limits = request.limits
    let loaded = BOMLoader(options: options, codes: codes).load(paths: request.paths)
    let products = loaded.products.map { product in
      ProductResult(
        id: product.product.id, name: product.product.name, file: product.file,
        partCount: product.partCount, cells: [], location: product.product.location)
    }
    return Report(
      toolVersion: request.toolVersion, asOf: request.asOf, regimes: [], products: products,
      findings: [], diagnostics: loaded.diagnostics, fileCount: loaded.fileCount)
  }
}
