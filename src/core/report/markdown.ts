import { formatSeedDuration } from '../time/duration.js';
import { ClockFormatter } from '../time/clock-format.js';
import type { Zone } from '../time/zone.js';
import { OUTAGE_END_NOTE } from './outage-text.js';
import { availability, type Report, type TargetReport } from './report-model.js';
import { LineBuffer, type TextSink } from './text-sink.js';

export async function writeMarkdownReport(report: Report, zone: Zone, sink: TextSink): Promise<void> {
  const clock = new ClockFormatter(zone);
  const out = new LineBuffer(sink);
  await out.push('# Network outage report');
  await out.push('');
  await out.push(`Period: ${clock.format(report.range.from)} to ${clock.format(report.range.to)} (${zone.name})`);
  for (const target of report.targets) await writeTarget(target, clock, out);
  await out.flush();
}

async function writeTarget(target: TargetReport, clock: ClockFormatter, out: LineBuffer): Promise<void> {
  const { totals } = target;
  const ratio = availability(totals);
  await out.push('');
  await out.push(`## ${target.name}${target.address ? ` (${target.address})` : ''}`);
  await out.push('');
  await out.push('| Measure | Value |');
  await out.push('|---|---|');
  await out.push(`| Uptime | ${formatSeedDuration(totals.uptime)} |`);
  await out.push(`| Downtime | ${formatSeedDuration(totals.downtime)} |`);
  await out.push(`| Not monitored | ${formatSeedDuration(totals.unmonitored)} |`);
  await out.push(`| Availability | ${ratio === null ? 'n/a' : `${(ratio * 100).toFixed(3)} %`} |`);
  await out.push(`| Outages | ${target.outages.length} |`);
  await out.push('');
  if (target.outages.length === 0) {
    await out.push('No outages in this period.');
    return;
  }
  await out.push('| Start | End | Duration | Cause | Note |');
  await out.push('|---|---|---|---|---|');
  for (const o of target.outages) {
    const end = o.end === null ? 'open' : clock.format(o.end);
    const duration = o.end === null ? 'open' : formatSeedDuration(o.end - o.start);
    await out.push(`| ${clock.format(o.start)} | ${end} | ${duration} | ${o.cause} | ${OUTAGE_END_NOTE[o.endedBy ?? 'open']} |`);
  }
}
