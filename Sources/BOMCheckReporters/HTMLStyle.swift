/// The report's inline stylesheet: readable on screen and on paper (landscape), colour plus text.
enum HTMLStyle {
  static let css = """
    :root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink);
      margin: 0 auto; padding: 1.5rem; max-width: 1400px; }
    h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
    h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
    h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
    .meta, .hint { color: var(--muted); margin: .2rem 0; }
    .disclaimer { border: 1px solid #b58900; background: #fff8e1; padding: .5rem .75rem; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid var(--line); padding: .25rem .4rem; text-align: left; vertical-align: top; }
    thead th { background: #f0f0f0; }
    .legend { margin: .5rem 0; font-size: .85rem; }
    .legend td { border: none; padding: .15rem .4rem; }
    .legend caption { text-align: left; font-weight: bold; }
    .scroll { overflow-x: auto; max-width: 100%; }
    .grid { font-size: .72rem; }
    .grid thead th { position: sticky; top: 0; z-index: 1; text-align: center; }
    .grid th.product { position: sticky; left: 0; background: #fafafa; white-space: nowrap; z-index: 2; }
    .grid td.cell { white-space: nowrap; text-align: left; }
    .grid td.none { color: #999; text-align: center; }
    .badge { display: inline-block; border-radius: 3px; padding: 0 .3em; border: 1px solid transparent; white-space: nowrap; }
    .s-prohibited { background: #7b0d0d; color: #fff; }
    .s-license-required { background: #f4c7c3; color: #7b0d0d; border-color: #c62828; }
    .s-indeterminate { background: #ffe9a8; color: #5c4300; border-color: #c79100; }
    .s-licensed { background: #d6e4ff; color: #0b3a8c; border-color: #3d6fd1; }
    .s-advisory { background: #e8eef3; color: #33475b; border-color: #9fb3c8; }
    .s-clear { background: #e3f4e1; color: #1e5b1a; border-color: #7cb877; }
    td.conflict { outline: 3px solid #7b0d0d; outline-offset: -3px; background: #fff0f0; }
    td.possible { outline: 2px dashed #c79100; outline-offset: -2px; }
    .conflict-mark { font-weight: bold; color: #7b0d0d; }
    .possible-mark { font-weight: bold; color: #7a5a00; }
    .cells { margin: .5rem 0 1rem; }
    ol.findings { padding-left: 1.4rem; }
    li.finding { margin: 0 0 1rem; padding: .4rem .6rem; border-left: 4px solid var(--line); break-inside: avoid; }
    li.finding.error { border-left-color: #c62828; }
    li.finding.warning { border-left-color: #c79100; }
    li.finding.note { border-left-color: #9fb3c8; }
    li.finding.waived { opacity: .75; border-left-style: dashed; }
    li.finding p { margin: .2rem 0; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .3rem 0; font-size: .9rem; }
    dt { font-weight: bold; color: var(--muted); }
    dd { margin: 0; }
    .sources { font-size: .85rem; overflow-wrap: anywhere; }
    a { color: #0b3a8c; }
    footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem; color: var(--muted); }
    @media print {
      @page { size: A4 landscape; margin: 12mm; }
      body { padding: 0; max-width: none; font-size: 10pt; }
      .scroll { overflow: visible; }
      .grid { font-size: 6.5pt; }
      .grid thead { display: table-header-group; }
      .grid th.product, .grid thead th { position: static; }
      section.product { break-before: page; }
      a { color: inherit; text-decoration: none; }
      .badge, td.conflict, td.possible, .disclaimer { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
