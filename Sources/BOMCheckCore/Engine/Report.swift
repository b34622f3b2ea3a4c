/// A pack as listed in a report.
public struct PackSummary: Sendable, Hashable {
  /// Pack id.
  public var id: String
  /// `CN` or `US`.
  public var jurisdiction: String
  /// Last date the pack's statuses were checked against sources.
  public var verifiedThrough: Day
  /// Pack title.
  public var title: String
}

/// An instrument as listed in a report: its status on the evaluation date and its sources.
public struct InstrumentSummary: Sendable, Hashable {
  /// Instrument id.
  public var id: String
  /// Pack id.
  public var pack: String
  /// Title.
  public var title: String
  /// Status on the evaluation date, as a sentence.
  public var status: String
  /// `high`, `medium` or `low`.
  public var confidence: String
  /// What is not confirmed.
  public var unconfirmed: String?
  /// Sources: title and address.
  public var sources: [PackSource]
}

/// One product × market cell.
public struct Cell: Sendable, Hashable {
  /// Market code (or `EU` when folded).
  public var market: String
  /// Worst status per regime id.
  public var status: [String: Status]
  /// Conflict level.
  public var conflict: ConflictLevel
  /// Fingerprints of the findings (waived ones too) that fall in this cell, in report order.
  public var findings: [String] = []
}

/// One product's results.
public struct ProductResult: Sendable {
  /// Product id.
  public var id: String
  /// Product name.
  public var name: String?
  /// File (display path).
  public var file: String
  /// Every part node read, includes expanded.
  public var partCount: Int
  /// Parts whose kind was inferred from their name, mpn or manufacturer (not written in the BOM).
  public var inferredKinds = 0
  /// Cells, in market order.
  public var cells: [Cell]
  /// Where the product header is.
  public var location: SourceLocation
}

/// Counts for the closing line and the JSON summary.
public struct Summary: Sendable, Hashable {
  public var files = 0
  public var products = 0
  public var parts = 0
  /// Errors: non-waived findings and diagnostics of severity error.
  public var errors = 0
  public var warnings = 0
  public var notes = 0
  /// Cells with a conflict or a possible conflict.
  public var conflicts = 0
  /// Waived findings (not counted above).
  public var waived = 0
}

/// Counts of findings by severity (waived ones apart), for the summary and `--fail-on`.
public struct FindingStats: Sendable, Hashable {
  /// Findings, waived ones included.
  public var total = 0
  /// Non-waived findings by severity rank (note, warning, error).
  public var bySeverity = [0, 0, 0]
  /// Waived findings.
  public var waived = 0

  /// Counts `findings`.
  public init(_ findings: [Finding] = []) {
    // Through a buffer pointer: two fields are read in place (iterating copies each finding).
    findings.withUnsafeBufferPointer { all in
      for index in all.indices { add(waived: all[index].waived, severity: all[index].severity) }
    }
  }

  /// Counts one finding.
  public mutating func add(_ finding: Finding) {
    add(waived: finding.waived, severity: finding.severity)
  }

  private mutating func add(waived isWaived: Bool, severity: Severity) {
    total += 1
    if isWaived {
      waived += 1
    } else {
      bySeverity[severity.rank] += 1
    }
  }

  /// Adds another count.
  public mutating func add(_ other: FindingStats) {
    total += other.total
    waived += other.waived
    for index in bySeverity.indices { bySeverity[index] += other.bySeverity[index] }
  }
}

/// Everything a run produced; the reporters render it.
public struct Report: Sendable {
  /// Tool name and version.
  public var toolVersion: String
  /// Evaluation date.
  public var asOf: Day
  /// Packs used.
  public var regimes: [PackSummary]
  /// Products, sorted by id.
  public var products: [ProductResult]
  /// Findings, sorted (empty when they were spilled: see `spilledFindings`).
  public var findings: [Finding]
  /// The findings rendered per product and kept in a temporary file, when the run was asked to
  /// (`CheckRequest.renderFindings`); then `findings` is empty.
  public var spilledFindings: FindingSpill?
  /// Counts of all findings (spilled or not).
  public var findingStats: FindingStats
  /// Input problems, sorted.
  public var diagnostics: [Diagnostic]
  /// Counts.
  public var summary: Summary
  /// The rules of the loaded packs (for rule metadata in SARIF and reports).
  public var rules: [Rule] = []
  /// The instruments of the loaded packs with their status on the evaluation date.
  public var instruments: [InstrumentSummary] = []

  /// Creates a report and computes its summary.
  public init(
    toolVersion: String, asOf: Day, regimes: [PackSummary], products: [ProductResult],
    findings: [Finding], diagnostics: [Diagnostic], fileCount: Int, spilled: (FindingSpill, FindingStats)? = nil
  ) {
    self.toolVersion = toolVersion
    self.asOf = asOf
    self.regimes = regimes
    self.products = products
    self.findings = findings
    self.diagnostics = diagnostics
    spilledFindings = spilled?.0
    let stats = spilled?.1 ?? FindingStats(findings)
    findingStats = stats
    var summary = Summary()
    summary.files = fileCount
    summary.products = products.count
    summary.parts = products.reduce(0) { $0 + $1.partCount }
    summary.waived = stats.waived
    summary.notes = stats.bySeverity[0]
    summary.warnings = stats.bySeverity[1]
    summary.errors = stats.bySeverity[2]
    for diagnostic in diagnostics { summary.add(diagnostic.severity) }
    summary.conflicts = products.reduce(0) { total, product in
      total + product.cells.filter { $0.conflict != .none }.count
    }
    self.summary = summary
  }

  /// Non-waived findings at or above `threshold` (what `--fail-on` counts).
  public func failingFindings(atOrAbove threshold: Severity) -> Int {
    findingStats.bySeverity[threshold.rank...].reduce(0, +)
  }

  /// Whether any input problem stopped part of the check (exit code 2).
  public var hasInputErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Summary {
  mutating func add(_ severity: Severity) {
    switch severity {
    case .error: errors += 1
    case .warning: warnings += 1
    case .note: notes += 1
    }
  }
}
