/// A licence held (`licences:` in `.bomcheck.yaml`).
public struct Licence: Sendable, Hashable {
  /// Licence number.
  public var id: String
  /// Regime id it belongs to (`cn-rare-earth`, `us-ai-chips`).
  public var regime: String
  /// Instruments it is granted under.
  public var instruments: [String]
  /// `individual` or `general`.
  public var kind: String
  /// The exporter, matched against part manufacturers (nil: any).
  public var exporter: String?
  /// Products it covers (empty: all).
  public var products: [String]
  /// Destinations it covers (codes or groups).
  public var markets: [String]
  /// First valid day.
  public var validFrom: Day
  /// Last valid day.
  public var validUntil: Day
  /// Where it is written.
  public var location: SourceLocation
}

/// The project configuration (`.bomcheck.yaml`).
public struct Config: Sendable {
  /// Markets added to every product.
  public var markets: [String] = []
  /// Where each of `markets` is written.
  public var marketMarks: [Mark] = []
  /// `fail_on`: nil means `none`; absent leaves the default.
  public var failOn: Severity??
  /// Pack files or directories, absolute or relative to the working directory.
  public var regimes: [String] = []
  /// Licences held.
  public var licences: [Licence] = []
  /// Waivers (with `product`).
  public var waivers: [WaiverSpec] = []
  /// Pinned instrument statuses.
  public var overrides: [RegimeOverride] = []
  /// Display path of the file (nil when there is none).
  public var file: String?

  /// An empty configuration.
  public init() {}
}
