/// The not-legal-advice statement every report carries.
public enum Disclaimer {
  /// One sentence, shown in text summaries, report footers and JSON.
  public static let text =
    "bomcheck is not legal advice: it flags exposure from the data in your BOMs and in its regime packs, "
    + "which were checked against sources only up to each pack's verified_through date; confirm with counsel."
}
