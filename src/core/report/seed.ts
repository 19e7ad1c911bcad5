import type { TimeRange } from '../accounting/time-range.js';
import type { Totals } from '../accounting/totals.js';
import type { TransitionSeries } from '../store/transition-log.js';
import { STATUS_NAMES } from '../store/transition-record.js';
import { formatSeedDuration } from '../time/duration.js';
import { ClockFormatter } from '../time/clock-format.js';
import { localZone } from '../time/zone.js';
import { LineBuffer, type TextSink } from './text-sink.js';

/**
 * network-outage-monitor's `log` output, byte for byte: the two totals, a blank line, and the
 * table of records in local time. Logs of the 4-byte era only knew UP and DOWN, and its
 * table's Status column was one character narrower.
 */
export function writeSeedReport(series: TransitionSeries, totals: Totals, range: TimeRange, sink: TextSink): void {
  const narrow = series.formats.size === 1 && series.formats.has('v1');
  const width = narrow ? 6 : 7;
  const out = new LineBuffer(sink);
  out.push(`Total uptime: ${formatSeedDuration(totals.uptime)}`);
  out.push(`Total downtime: ${formatSeedDuration(totals.downtime)}`);
  out.push('');
  out.push(`| ${'Time'.padEnd(19)} | ${'Status'.padEnd(width)} |`);
  out.push(`|${'-'.repeat(21)}|${'-'.repeat(width + 2)}|`);

  const clock = new ClockFormatter(localZone());
  const names = STATUS_NAMES.map((name) => name.padEnd(width));
  const { times, statuses } = series;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (t < range.from || t > range.to) continue;
    out.push(`| ${clock.format(t)} | ${names[statuses[i]!]} |`);
  }
  out.flush();
}
