public import BOMCheckCore

/// The JSON report, schema `bomcheck-report/1` (cli-and-output.md); keys sorted, stable bytes.
public struct JSONReporter: Reporter {
  /// Creates the reporter.
  public init() {}

  public func render(_ report: Report, options: RenderOptions) throws -> String {
    String(decoding: try renderBytes(report, options: options), as: UTF8.self)
  }

  public func renderBytes(_ report: Report, options: RenderOptions) throws -> [UInt8] {
    var writer = JSONWriter(capacity: 1024 * (report.findings.count + report.products.count + 16))
    try writer.write(Self.value(report))
    writer.bytes.append(10)
    return writer.bytes.array()
  }

  /// Writes the report to `output` piece by piece (about a megabyte at a time); spilled findings
  /// are copied from their temporary file, so the report is never held whole. Same bytes as
  /// `renderBytes`.
  public func write(_ report: Report, to output: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
    var writer = JSONWriter(capacity: 1 << 21)
    writer.output = output
    try writer.write(Self.value(report))
    writer.bytes.append(10)
    try writer.flush()
  }

  /// The findings of one product as the items of the report's `findings` array (padded, joined
  /// with `,` and a newline, no brackets), for `CheckRequest.renderFindings`.
  public static func findingsFragment(_ findings: [Finding]) -> any RenderedBytes {
    // About 2 kB a finding (its message, settle text and sources): the buffer rarely grows.
    var writer = JSONWriter(capacity: 2048 * findings.count + 4096)
    // Through a buffer pointer: each finding is read in place, not copied out of the array.
    findings.withUnsafeBufferPointer { findings in
      guard let base = findings.baseAddress else { return }
      for index in findings.indices {
        if index > 0 { writer.raw(",\n") }
        writer.pad(4)
        writer.writeFinding(at: base + index, indent: 4)
      }
    }
    // Kept as it is (not copied into an array) unless a quarter of it would be unused.
    let bytes = writer.bytes
    return bytes.capacity - bytes.count > bytes.count / 4 ? bytes.array() : bytes
  }

  /// The report as a JSON value (schema `bomcheck-report/1`).
  static func value(_ report: Report) -> JSONValue {
    let counts = report.summary
    return .object([
      ("schema", .string("bomcheck-report/1")),
      ("tool", .object([("name", .string("bomcheck")), ("version", .string(report.toolVersion))])),
      ("as_of", .string(report.asOf.description)),
      ("disclaimer", .string(Disclaimer.text)),
      (
        "regimes",
        .array(
          report.regimes.map { regime in
            .object([
              ("id", .string(regime.id)), ("jurisdiction", .string(regime.jurisdiction)),
              ("title", .string(regime.title)),
              ("verified_through", .string(regime.verifiedThrough.description)),
            ])
          })
      ),
      ("products", .lazyArray(count: report.products.count) { product(report.products[$0]) }),
      (
        "findings",
        report.spilledFindings.map { .spilled($0) }
          ?? .lazyArray(count: report.findings.count) { .finding(report.findings[$0]) }
      ),
      ("diagnostics", .array(report.diagnostics.map(diagnostic))),
      (
        "summary",
        .object([
          ("files", .int(counts.files)), ("products", .int(counts.products)), ("parts", .int(counts.parts)),
          ("errors", .int(counts.errors)), ("warnings", .int(counts.warnings)), ("notes", .int(counts.notes)),
          ("conflicts", .int(counts.conflicts)), ("waived", .int(counts.waived)),
        ])
      ),
    ])
  }

  static func product(_ product: ProductResult) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .string(product.id)), ("file", .string(product.file)), ("line", .int(product.location.line)),
      ("part_count", .int(product.partCount)), ("inferred_kinds", .int(product.inferredKinds)),
      (
        "cells",
        .array(
          product.cells.map { cell in
            .object([
              ("market", .string(cell.market)),
              ("status", .object(cell.status.map { ($0.key, .string($0.value.rawValue)) })),
              ("conflict", .string(cell.conflict.rawValue)),
            ])
          })
      ),
    ]
    if let name = product.name { members.append(("name", .string(name))) }
    return .object(members)
  }

  static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("code", .string(diagnostic.code)), ("severity", .string(diagnostic.severity.rawValue)),
      ("file", .string(diagnostic.file)), ("message", .string(diagnostic.message)),
    ]
    if let mark = diagnostic.mark { members += [("line", .int(mark.line)), ("column", .int(mark.column))] }
    return .object(members)
  }
}
