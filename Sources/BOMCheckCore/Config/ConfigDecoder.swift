/// Reads `.bomcheck.yaml` with located diagnostics (`config.*`).
public struct ConfigDecoder: Sendable {
  static let topKeys = ["bomcheck", "markets", "fail_on", "regimes", "licences", "waivers", "regime_overrides"]
  let codes: Codes

  /// Creates a decoder.
  public init(codes: Codes) {
    self.codes = codes
  }

  /// The nearest `.bomcheck.yaml` at or above `directory`.
  public static func find(from directory: String) -> String? {
    var current = directory
    while true {
      let candidate = current == "/" ? "/.bomcheck.yaml" : current + "/.bomcheck.yaml"
      if FileSystem.size(candidate) != nil { return candidate }
      if current == "/" { return nil }
      current = FileSystem.directory(of: current)
    }
  }

  /// Reads and decodes the file at `path` (absolute); pack paths are made relative to its folder.
  public func load(_ path: String, workingDirectory: String) -> (Config, [Diagnostic]) {
    let shown = FileSystem.display(path, workingDirectory: workingDirectory)
    guard let bytes = FileSystem.read(path) else {
      return (
        Config(),
        [
          Diagnostic(
            code: "io.unreadable", severity: .error, file: shown, mark: nil, message: "cannot read the configuration")
        ]
      )
    }
    do {
      let document = try YAMLReader().read(bytes)
      var (config, diagnostics) = decode(document, file: shown)
      let folder = FileSystem.directory(of: path)
      config.regimes = config.regimes.map { FileSystem.absolute($0, base: folder) }
      return (config, diagnostics)
    } catch {
      return (Config(), [error.diagnostic(file: shown)])
    }
  }

  /// Decodes a configuration document.
  public func decode(_ document: YAMLDocument, file: String) -> (Config, [Diagnostic]) {
    var context = DecodeContext(file: file, codes: codes, area: "config")
    var config = Config()
    config.file = file
    for duplicate in document.duplicateKeys {
      context.error("duplicate-key", duplicate.mark, "duplicate key `\(duplicate.key)`")
    }
    guard
      let top = context.fields(
        of: document.root, what: "the configuration", known: Self.topKeys, required: ["bomcheck"])
    else { return (config, context.diagnostics) }
    if let version = top["bomcheck"], context.integer(version) != 1 {
      context.error("bad-version", version.value.mark, "`bomcheck` must be 1")
    }
    let markets = context.textList(top["markets"]) ?? []
    config.markets = markets.map(\.0)
    config.marketMarks = markets.map(\.1)
    if let failOn = top["fail_on"], let text = context.text(failOn) {
      if text == "none" {
        config.failOn = .some(nil)
      } else if let severity = Severity(rawValue: text) {
        config.failOn = .some(severity)
      } else {
        context.error(
          "unknown-value", failOn.value.mark, "unknown fail_on `\(text)`; accepted: error, warning, note, none")
      }
    }
    if let regimes = top["regimes"] {
      if case .scalar = regimes.value.content {
        config.regimes = context.text(regimes).map { [$0] } ?? []
      } else {
        config.regimes = context.textList(regimes)?.map(\.0) ?? []
      }
    }
    config.licences = (context.list(top["licences"]) ?? []).compactMap { licence($0, &context) }
    config.waivers = (context.list(top["waivers"]) ?? []).compactMap {
      WaiverDecoder.decode($0, inProduct: false, &context)
    }
    config.overrides = (context.list(top["regime_overrides"]) ?? []).compactMap { override($0, &context) }
    return (config, context.diagnostics)
  }

  private func licence(_ node: YAMLNode, _ context: inout DecodeContext) -> Licence? {
    let keys = [
      "id", "regime", "instruments", "kind", "exporter", "products", "markets", "valid_from", "valid_until", "notes",
    ]
    let required = ["id", "regime", "instruments", "markets", "valid_from", "valid_until"]
    guard let fields = context.fields(of: node, what: "a licence", known: keys, required: required) else { return nil }
    _ = context.text(fields["notes"])
    let kind = context.text(fields["kind"]) ?? "individual"
    if kind != "individual" && kind != "general", let pair = fields["kind"] {
      context.error("unknown-value", pair.value.mark, "licence kind must be `individual` or `general`, got `\(kind)`")
    }
    let from = context.day(fields["valid_from"])
    let until = context.day(fields["valid_until"])
    if let from, let until, until < from, let pair = fields["valid_until"] {
      context.error("bad-date", pair.value.mark, "`valid_until` \(until) is before `valid_from` \(from)")
    }
    guard let id = context.text(fields["id"]), let regime = context.text(fields["regime"]),
      let instruments = context.textList(fields["instruments"]), let markets = context.textList(fields["markets"]),
      let from, let until
    else { return nil }
    return Licence(
      id: id, regime: regime, instruments: instruments.map(\.0), kind: kind, exporter: context.text(fields["exporter"]),
      products: context.textList(fields["products"])?.map(\.0) ?? [], markets: markets.map(\.0), validFrom: from,
      validUntil: until, location: context.location(node.mark))
  }

  private func override(_ node: YAMLNode, _ context: inout DecodeContext) -> RegimeOverride? {
    guard
      let fields = context.fields(
        of: node, what: "a regime override", known: ["instrument", "status", "from", "note"],
        required: ["instrument", "status"]),
      let instrument = context.text(fields["instrument"]),
      let status = context.oneOf(fields["status"], OverrideStatus.self)
    else { return nil }
    return RegimeOverride(
      instrument: instrument, status: status, from: context.day(fields["from"]), note: context.text(fields["note"]),
      mark: node.mark)
  }
}
