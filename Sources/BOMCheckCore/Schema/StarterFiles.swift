/// One file `bomcheck init` writes.
public struct StarterFile: Sendable, Hashable {
  /// Path relative to the folder being set up, with `/`.
  public var path: String
  /// The whole file, UTF-8.
  public var contents: String
}

/// The files `bomcheck init` writes: a commented `.bomcheck.yaml`, the BOM JSON Schema beside it,
/// and a starter BOM whose yaml-language-server modeline points at that schema.
///
/// The configuration is valid as written (the licence, waiver and override examples are comments)
/// and the starter BOM checks without findings.
public enum StarterFiles {
  /// Where the configuration goes.
  public static let configPath = ".bomcheck.yaml"
  /// Where the BOM JSON Schema goes, next to the configuration.
  public static let schemaPath = "bom.schema.json"
  /// Where the starter BOM goes (in the default folder of `bomcheck check`).
  public static let examplePath = "BOMs/example-product.yaml"

  /// The paths of the three files, in the order they are written.
  public static let paths = [configPath, schemaPath, examplePath]

  /// The three files, in the order they are written; `schema` is the text of `bomcheck schema`.
  public static func files(schema: String) -> [StarterFile] {
    [
      StarterFile(path: configPath, contents: config),
      StarterFile(path: schemaPath, contents: schema),
      StarterFile(path: examplePath, contents: exampleBOM),
    ]
  }

  /// The modeline that ties a BOM in `BOMs/` to the schema at the root.
  public static let modeline = "# yaml-language-server: $schema=../\(schemaPath)"

  /// The commented `.bomcheck.yaml`.
  public static let config = """
    # bomcheck configuration, written by `bomcheck init`.
    # bomcheck reads the nearest .bomcheck.yaml at or above the working directory; `--config FILE`
    # picks another. Command-line options win over what is set here.

    # Format version of this file; must be 1.
    bomcheck: 1

    # Markets added to every product's own `markets:` list: ISO 3166-1 alpha-2 codes (upper case)
    # or market groups such as EU. Empty: each product is checked in its own markets only.
    # Example: markets: [US, EU, JP, CN]
    markets: []

    # Lowest severity that fails a run with exit code 1: error, warning, note or none.
    fail_on: error

    # Regime packs: a pack file or folder, or a list of them, relative to this file. Local packs may
    # add rules and market groups. Default (when absent): the packs shipped with bomcheck.
    # regimes: [Regimes, compliance/local-pack.yaml]

    # Licences you hold. A finding the licence covers (its regime and instruments, the exporter as
    # part manufacturer, its products and destination markets, on a date it is valid) is reported
    # as licensed. Uncomment and adapt:
    # licences:
    #   - id: MOFCOM-GL-2025-0042
    #     regime: cn-rare-earth
    #     instruments: [MOFCOM-2025-18]
    #     kind: general                    # individual | general
    #     exporter: Ningbo Yunsheng         # matched against part manufacturer
    #     products: [kx2-knee-actuator]     # optional; all products when omitted
    #     markets: [DE, JP]                 # destinations it covers
    #     valid_from: 2025-12-02
    #     valid_until: 2026-12-01

    # Waivers: accepted findings. A waived finding is still reported (marked waived) and does not
    # fail the run; a waiver that matches nothing is a warning. A product's own BOM may also hold
    # waivers (under `product:`, without `product`). Uncomment and adapt:
    # waivers:
    #   - rule: US-GP10-PRC
    #     product: edge-box-a1
    #     part: U7                          # path of refs from the product, e.g. MOT-1/MAG
    #     markets: [CN]                     # optional; all markets when omitted
    #     reason: "Evaluation units only; replaced by rev C (HW-1123)"   # required
    #     approved_by: jane.doe@example.com                               # required
    #     expires: 2027-01-31               # required; an expired waiver no longer applies

    # Regime overrides: a status you know of that the packs do not have yet. Uncomment and adapt:
    # regime_overrides:
    #   - instrument: MOFCOM-2025-61
    #     status: in-force                  # in-force | suspended | repealed
    #     from: 2026-11-10
    #     note: "Confirmed by counsel on 2026-11-20"

    """

  /// The starter BOM: a small product without findings.
  public static let exampleBOM = """
    \(modeline)
    #
    # Starter BOM written by `bomcheck init`: copy it for your products, then run `bomcheck check`
    # (it checks every *.yaml under BOMs/). This one has no findings.
    #
    # The first line lets editors with yaml-language-server (VS Code's YAML extension, Neovim,
    # Helix, ...) validate and complete this file against ../bom.schema.json; hover over a key to
    # see what it means. After upgrading bomcheck, regenerate the schema:
    #   bomcheck schema > bom.schema.json
    bomcheck: 1
    product:
      id: example-blind-drive          # lower case letters, digits, . _ -; unique across your BOMs
      name: Example motorised window-blind drive
      revision: A
      assembled_in: DE                 # ISO 3166-1 alpha-2 code of final assembly
      markets: [US, EU]                # where it is sold: ISO codes or groups such as EU
      end_use: civil                   # civil | military | dual-use | research | evaluation
      unit_value: 120 USD              # sale value of one product, for value-share rules
    parts:
      - ref: HSG                       # unique among its siblings
        name: Aluminium tube housing
        kind: mechanical
        manufacturer: in-house
        origin: DE                     # where the part is made, or unknown
        mass_g: 310                    # grams per unit
        unit_cost: 6.40 USD
      - ref: MOT
        name: 24 V DC gear motor
        kind: motor
        manufacturer: Example Motors GmbH
        mpn: GM-24-40
        origin: DE
        unit_cost: 18.00 USD
        parts:                         # sub-parts, any depth; a motor without them is presumed to hold magnets
          - ref: MAG
            name: Ferrite ring magnet
            kind: magnet
            material: ferrite          # NdFeB | SmCo | ferrite | AlNiCo | other
            grade: Y30
            origin: JP
            qty: 2                     # per parent: the product holds 1 x 2 of these
            mass_g: 12.5
            composition: {Fe: 61.8, Sr: 8.3, O: 29.9}   # mass percent by element symbol
          - ref: WND
            name: Copper winding
            kind: other
            origin: DE
            mass_g: 40
            composition: {Cu: 100}
      - ref: PCB
        name: Motor controller board
        kind: board
        manufacturer: Example Electronics
        origin: DE
        unit_cost: 9.80 USD
      - ref: CBL
        name: Power cable, 2 x 0.75 mm2
        kind: cable
        origin: DE
        qty: 1.5
        unit: m                        # qty counts metres here (pieces by default)
        unit_cost: 0.90 USD

    """
}
