/**
 * The report's only stylesheet, inline: the file is sent to an ISP as an attachment and opened
 * anywhere, offline, so nothing may come from the network (no web fonts: the reader's own sans
 * serif). Light backgrounds only, and print rules: a page per section, table heads repeated on
 * every page, no row split across two.
 */
export const HTML_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #ffffff; color: #1f1f1f; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem; font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid #444; }
h3 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
p { margin: .4rem 0; }
h1, h2, h3, .headline, dd { overflow-wrap: anywhere; }
td { overflow-wrap: break-word; }
code, pre, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
.period { font-size: 1.1rem; color: #333; margin-bottom: 1.4rem; }
.summary-target { margin: 1.2rem 0 1.6rem; break-inside: avoid; }
.summary-target h2 { margin-top: 0; font-size: 1.25rem; border-bottom: 1px solid #999; }
.headline { font-size: 1.45rem; line-height: 1.35; font-weight: 600; margin: .6rem 0 .9rem; }
.address { font-weight: normal; color: #444; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: .5rem .9rem; margin: 0; }
.figures div { border-left: 3px solid #c8c8c8; padding: .15rem .55rem; }
.figures dt { font-size: .8rem; color: #444; }
.figures dd { margin: 0; font-size: 1.1rem; font-weight: 600; }
.verdict { margin: .9rem 0 0; padding: .55rem .8rem; border: 1px solid; border-left-width: 6px; }
.verdict.met { border-color: #1e7b34; }
.verdict.not-met { border-color: #b3261e; }
.verdict.unknown { border-color: #777; }
.verdict strong { margin-right: .3rem; }
.note { color: #444; font-size: .9rem; }
.record-note { margin-top: 2rem; padding-top: .6rem; border-top: 1px solid #bbb; }
.legend { margin: .4rem 0 .8rem; padding-left: 1.2rem; font-size: .9rem; }
figure { margin: 1.4rem 0; break-inside: avoid; }
figure svg { display: block; width: 100%; max-width: 680px; height: auto; }
figcaption { font-size: .85rem; color: #444; margin-top: .3rem; max-width: 680px; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
caption { caption-side: top; text-align: left; color: #444; font-size: .9rem; padding: .2rem 0 .4rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid #d6d6d6; }
thead th { border-bottom: 2px solid #555; background: #f0f0f0; font-size: .85rem; }
.terms th[scope=row] { font-weight: normal; color: #333; width: 45%; }
.terms td { font-weight: 600; }
.terms caption { color: inherit; font-size: 1.15rem; font-weight: 700; }
.outages, .events { font-size: .8rem; }
.outages td:nth-child(-n+3) { white-space: nowrap; }
.outages tbody tr:nth-child(even), .events tbody tr:nth-child(even) { background: #f7f7f7; }
.degraded { font-size: .8rem; border-left: 4px solid #b06000; }
.degraded thead th { background: #fdf0d5; border-bottom-color: #b06000; }
.degraded tbody tr:nth-child(even) { background: #fef8ec; }
.degraded td:nth-child(-n+3) { white-space: nowrap; }
.cause-isp { color: #b3261e; font-weight: 600; }
.cause-local { color: #8a5100; font-weight: 600; }
.cause-target { color: #1a5fb4; font-weight: 600; }
.cause-unknown { color: #333; font-weight: 600; }
.digest { font-weight: 700; word-break: break-all; }
pre.manifest { white-space: pre-wrap; word-break: break-all; font-size: .75rem; line-height: 1.4; background: #f7f7f7; border: 1px solid #ddd; padding: .6rem .8rem; }
footer { margin-top: 3rem; font-size: .8rem; color: #555; }
@media (max-width: 40rem) { .figures { grid-template-columns: repeat(2, 1fr); } .outages td:nth-child(-n+2), .degraded td:nth-child(-n+2) { white-space: normal; } }
@page { size: A4; margin: 14mm 12mm 16mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; color: #555; } }
@media print {
  html { font-size: 14px; }
  body { max-width: none; padding: 0; font-size: 1rem; }
  .page { break-before: page; }
  h2, h3, h4, caption, .table-title { break-after: avoid; }
  .table-title { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .outages, .events, .degraded { font-size: 7.5pt; }
  .outages td:nth-child(-n+2), .degraded td:nth-child(-n+2) { white-space: normal; }
  figure svg { max-width: 100%; }
  thead th, tbody tr:nth-child(even), pre.manifest { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
