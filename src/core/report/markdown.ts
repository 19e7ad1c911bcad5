import type { OutageRow, ReportDocument, TargetSection } from './document/report-document.js';
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
  await out.push('', '### Outages', '');
  await writeRows(t.outages, 'No outages in this period.', out);
  if (t.targetOnly.length > 0) {
    await out.push('', '### The watched address alone was silent (not internet downtime)', '');
    await writeRows(t.targetOnly, '', out);
  }
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
