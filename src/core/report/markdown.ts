import type { DegradedRow, Latency, LatencyPeriod, OutageRow, ReportDocument, TargetSection } from './document/report-document.js';
import { milliseconds, percent } from './document/words.js';
import { LineBuffer, type TextSink } from './text-sink.js';

/** The evidence report as Markdown: the same content as the HTML and PDF, as text tables. */
export async function writeMarkdownReport(doc: ReportDocument, sink: TextSink): Promise<void> {
  const out = new LineBuffer(sink);
  await out.push(`# ${doc.title}`, '', `Period: ${doc.period}  `, `Made: ${doc.generatedAt}`);
  for (const target of doc.targets) await writeTarget(target, out);
  if (doc.events.length > 0) {
    await out.push('', '## Events', '', '| Time | Event |', '|---|---|');
    for (const e of doc.events) await out.push(`| ${e.time} | ${cell(e.text)} |`);
  }
  const { clock, digest, method } = doc.evidence;
  await out.push('', '## How this record was kept', '');
  for (const sentence of method) await out.push(`- ${sentence}`);
  await out.push('', `Clock: ${clock.state} (${clock.source}), checked when this report was made.`, '');
  await out.push(`Data files: ${digest.files.length}, SHA-256 of the list below: \`${digest.sha256}\``, '', '```');
  for (const line of digest.manifest.split('\n').filter(Boolean)) await out.push(line);
  await out.push('```');
  await out.flush();
}

async function writeTarget(t: TargetSection, out: LineBuffer): Promise<void> {
  await out.push('', `## ${cell(t.name)}${t.address ? ` (${t.address})` : ''}`, '', `**${t.headline}**`, '', '| Measure | Value |', '|---|---|');
  for (const f of t.figures) await out.push(`| ${f.label} | ${f.value} |`);
  if (t.sla) {
    await out.push('', `### Contract (SLA)`, '', t.sla.summary, '', '| Term | Value |', '|---|---|');
    for (const f of t.sla.figures) await out.push(`| ${f.label} | ${cell(f.value)} |`);
  }
  if (t.causes.length > 0) {
    await out.push('', '### Causes', '', '| Cause | Outages | Duration |', '|---|---|---|');
    for (const c of t.causes) await out.push(`| ${c.label} | ${c.count} | ${c.duration} |`);
  }
  if (t.latency) await writeLatency(t.latency, out);
  await out.push('', '### Outages', '');
  await writeRows(t.outages, t.noOutages, out);
  if (t.targetOnly.length > 0) {
    await out.push('', '### The watched address alone was silent (not internet downtime)', '');
    await writeRows(t.targetOnly, '', out);
  }
  if (t.degraded.length > 0) await writeDegraded(t.degraded, out);
}

async function writeDegraded(rows: DegradedRow[], out: LineBuffer): Promise<void> {
  await out.push('', '### Degraded periods', '', 'The connection worked, but badly: these periods are not counted as downtime.', '');
  await out.push('| Start | End | Duration | What was measured | Loss and round trip |', '|---|---|---|---|---|');
  for (const r of rows) await out.push(`| ${r.start} | ${r.end} | ${r.duration} | ${cell(r.reason)} | ${cell(r.measured)} |`);
}

/**
 * Up to about two months, a row per day; past that, a row per month. A year of days is 365 rows
 * a reader scrolls past without taking in; twelve months show the trend, the charts of the HTML
 * and PDF reports show the days, and the JSON report carries every one of them.
 */
const DAY_ROWS_UP_TO = 62;

async function writeLatency(latency: Latency, out: LineBuffer): Promise<void> {
  const [unit, periods] = latency.hours
    ? (['Hour', latency.hours] as const)
    : latency.days.length <= DAY_ROWS_UP_TO
      ? (['Day', latency.days] as const)
      : (['Month', latency.months] as const);
  await out.push('', '### Response time and loss', '', `Per ${unit.toLowerCase()} (local time), from the ping monitor's samples of every minute.`, '');
  await out.push(`| ${unit} | Requests | Lost | Fastest | Average | Slowest | Jitter |`, '|---|---|---|---|---|---|---|');
  for (const p of periods) await out.push(latencyRow(p.period, p));
  await out.push(latencyRow('**Whole period**', latency.total));
}

function latencyRow(label: string, p: LatencyPeriod): string {
  if (p.sent === 0) return `| ${label} | 0 | – | – | – | – | – |`;
  return `| ${label} | ${p.sent} | ${percent(p.loss, 2)} | ${milliseconds(p.minMs)} | ${milliseconds(p.avgMs)} | ${milliseconds(p.maxMs)} | ${milliseconds(p.jitterMs, '–')} |`;
}

async function writeRows(rows: OutageRow[], none: string, out: LineBuffer): Promise<void> {
  if (rows.length === 0) {
    await out.push(none);
    return;
  }
  await out.push('| Start | End | Duration | Cause | When exactly | Evidence |', '|---|---|---|---|---|---|');
  for (const r of rows) await out.push(`| ${r.start} | ${r.end} | ${r.duration} | ${r.cause} | ${cell(r.uncertainty)} | ${cell(r.evidence)} |`);
}

/** Text inside a table cell: a pipe or a line break would end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
