import { formatSeedDuration } from '../time/duration.js';
import { ClockFormatter } from '../time/clock-format.js';
import type { Zone } from '../time/zone.js';
import { OUTAGE_END_NOTE } from './outage-text.js';
import { availability, type Report, type TargetReport } from './report-model.js';
import { LineBuffer, type TextSink } from './text-sink.js';

export function writeMarkdownReport(report: Report, zone: Zone, sink: TextSink): void {
  const clock = new ClockFormatter(zone);
  const out = new LineBuffer(sink);
  out.push('# Network outage report');
  out.push('');
  out.push(`Period: ${clock.format(report.range.from)} to ${clock.format(report.range.to)} (${zone.name})`);
  for (const target of report.targets) writeTarget(target, clock, out);
  out.flush();
}

function writeTarget(target: TargetReport, clock: ClockFormatter, out: LineBuffer): void {
  const { totals } = target;
  const ratio = availability(totals);
  out.push('');
  out.push(`## ${target.name}${target.address ? ` (${target.address})` : ''}`);
  out.push('');
  out.push('| Measure | Value |');
  out.push('|---|---|');
  out.push(`| Uptime | ${formatSeedDuration(totals.uptime)} |`);
  out.push(`| Downtime | ${formatSeedDuration(totals.downtime)} |`);
  out.push(`| Not monitored | ${formatSeedDuration(totals.unmonitored)} |`);
  out.push(`| Availability | ${ratio === null ? 'n/a' : `${(ratio * 100).toFixed(3)} %`} |`);
  out.push(`| Outages | ${target.outages.length} |`);
  out.push('');
  if (target.outages.length === 0) {
    out.push('No outages in this period.');
    return;
  }
  out.push('| Start | End | Duration | Cause | Note |');
  out.push('|---|---|---|---|---|');
  for (const o of target.outages) {
    const end = o.end === null ? 'open' : clock.format(o.end);
    const duration = o.end === null ? 'open' : formatSeedDuration(o.end - o.start);
    out.push(`| ${clock.format(o.start)} | ${end} | ${duration} | unknown | ${OUTAGE_END_NOTE[o.endedBy ?? 'open']} |`);
  }
}
