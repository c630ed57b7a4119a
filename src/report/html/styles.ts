// The report's stylesheet, inlined into the file: system fonts only, a print layout, colours that survive printing,
// and a phone layout (below 700 px tables become stacked cards; diagrams keep a readable size in a scrolling box).
import { TIMELINE_WIDTH } from './charts.js';
import { DIAGRAM_WIDTH } from './diagram.js';

export const REPORT_CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --accent: #0969da;
  --ok: #1a7f37; --warn: #bf8700; --bad: #cf222e; --fail: #8250df; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 0 28px 48px; }
header.masthead { background: #0d1117; color: #f0f6fc; padding: 28px 0 22px; }
header.masthead .inner { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
header.masthead h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
header.masthead .meta { color: #9da7b3; font-size: 13px; margin: 0; }
header.masthead .meta b { color: #f0f6fc; font-weight: 600; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 12px 0; border-bottom: 1px solid var(--line); font-size: 13px; }
nav.toc a { color: var(--accent); text-decoration: none; }
h2 { font-size: 20px; margin: 36px 0 6px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 0; }
h4 { font-size: 13px; margin: 18px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
p.lead { color: var(--muted); margin: 4px 0 14px; max-width: 860px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 22px 0 6px; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: #fff; }
.card .value { font-size: 26px; font-weight: 650; line-height: 1.2; }
.card .label { font-size: 12px; color: var(--muted); }
.card.bad { border-color: #ffcecb; background: #fff5f4; } .card.bad .value { color: var(--bad); }
.card.warn { border-color: #f5e0a3; background: #fffbea; } .card.warn .value { color: #9a6700; }
.card.good .value { color: var(--ok); }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); }
tbody tr:hover { background: #fbfcfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.map tr.has-gaps td:first-child { box-shadow: inset 3px 0 0 var(--warn); }
.missing { display: inline-block; color: #9a6700; background: #fff8c5; border: 1px solid #eac54f; border-radius: 4px; padding: 0 5px; font-size: 12px; font-weight: 600; }
.pill { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; border: 1px solid; white-space: nowrap; }
.sev { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; color: #fff; white-space: nowrap; }
.sev-breaking { background: var(--bad); } .sev-warning { background: var(--warn); } .sev-info { background: #6e7781; }
.status { font-size: 12px; font-weight: 600; white-space: nowrap; }
.status-open { color: var(--bad); } .status-acknowledged { color: #9a6700; } .status-accepted { color: var(--accent); } .status-resolved { color: var(--ok); }
.muted { color: var(--muted); }
.small { font-size: 12px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
table.map, table.incidents { table-layout: fixed; }
table.map td, table.incidents td, table.stack td { overflow-wrap: anywhere; }
table.incidents tr.group-head th { background: #fff; color: var(--ink); font-size: 13px; font-weight: 400; padding-top: 14px; border-bottom: 2px solid var(--line); }
table.incidents tr.incident-more td { color: var(--muted); font-size: 12px; }
ul.findings { margin: 4px 0 0; padding-left: 16px; } ul.findings li { margin: 1px 0; }
.figure { border: 1px solid var(--line); border-radius: 10px; padding: 14px; overflow-x: auto; max-width: 100%; background: #fff; }
.figure svg { max-width: 100%; height: auto; display: block; }
.figure svg.timeline { width: 100%; }
/* Never scaled below 1:1, where their smallest text is 10 px or more: on a narrow screen the box scrolls instead. */
.figure svg.diagram { min-width: ${DIAGRAM_WIDTH}px; }
.figure svg.timeline { min-width: ${TIMELINE_WIDTH}px; }
td code.fp { font-size: 11px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; color: var(--muted); margin-top: 8px; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 3px; vertical-align: -1px; margin-right: 5px; border: 2px solid; }
article.connector { border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px; margin: 18px 0; }
article.connector > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 14px; }
article.connector > header .why { color: var(--muted); font-size: 13px; }
table.endpoints svg { display: block; }
.note { background: #f1f8ff; border-left: 3px solid var(--accent); padding: 4px 8px; border-radius: 0 6px 6px 0; white-space: pre-wrap; }
.flag { color: var(--bad); font-weight: 600; }
.empty { color: var(--muted); font-style: italic; padding: 10px 0; }
.problems { border: 1px solid #ffcecb; background: #fff5f4; border-radius: 8px; padding: 8px 14px; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media (max-width: 700px) {
  main, header.masthead .inner { padding-left: 14px; padding-right: 14px; }
  header.masthead h1 { font-size: 21px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  /* Tables become one card per row, each cell under its column's name. */
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th { display: block; width: 100%; }
  table.stack colgroup, table.stack thead { display: none; }
  table.stack tr { border: 1px solid var(--line); border-radius: 10px; margin: 0 0 10px; padding: 6px 12px; }
  table.stack tr.group-head, table.stack tr.incident-more { border: 0; padding: 0; }
  table.stack td, table.stack th { border: 0; padding: 4px 0; text-align: left; white-space: normal; }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: 11px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
  table.map tr.has-gaps td:first-child { box-shadow: none; }
  table.map tr.has-gaps { border-left: 3px solid var(--warn); }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  header.masthead { background: #fff; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  header.masthead .inner { padding: 0; max-width: none; }
  header.masthead .meta, header.masthead .meta b { color: var(--ink); }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.page { break-before: page; page-break-before: always; }
  article.connector, .figure, .card, tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .figure svg.diagram, .figure svg.timeline { min-width: 0; }
  tbody tr:hover { background: none; }
  a { color: var(--ink); text-decoration: none; }
}
`;
