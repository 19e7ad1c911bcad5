import type { TimeRange } from '../accounting/time-range.js';
import type { Totals } from '../accounting/totals.js';
import type { TransitionSeries } from '../store/transition-log.js';
import { STATUS_NAMES } from '../store/transition-record.js';
import { formatSeedDuration } from '../time/duration.js';
import { ClockFormatter } from '../time/clock-format.js';
import { localZone } from '../time/zone.js';
import type { TextSink } from './text-sink.js';

const CHUNK_BYTES = 256 * 1024;

/**
 * network-outage-monitor's `log` output, byte for byte: the two totals, a blank line, and the
 * table of records in local time. Logs of the 4-byte era only knew UP and DOWN, and that era's
 * table had a Status column one character narrower.
 */
export async function writeSeedReport(series: TransitionSeries, totals: Totals, range: TimeRange, sink: TextSink): Promise<void> {
  const narrow = series.formats.size === 1 && series.formats.has('v1');
  const width = narrow ? 6 : 7;
  await sink(
    [
      `Total uptime: ${formatSeedDuration(totals.uptime)}`,
      `Total downtime: ${formatSeedDuration(totals.downtime)}`,
      '',
      `| ${'Time'.padEnd(19)} | ${'Status'.padEnd(width)} |`,
      `|${'-'.repeat(21)}|${'-'.repeat(width + 2)}|`,
      '',
    ].join('\n'),
  );
  await writeRows(series, range, width, sink);
}

/**
 * Rows are fixed-width, so each is written into a reused byte buffer: a million of them
 * stream out without a million strings to collect.
 */
async function writeRows(series: TransitionSeries, range: TimeRange, width: number, sink: TextSink): Promise<void> {
  const rowBytes = `| ${'x'.repeat(19)} | ${'x'.repeat(width)} |\n`.length;
  const statusCells = STATUS_NAMES.map((name) => Buffer.from(`${name.padEnd(width)} |\n`, 'latin1'));
  const chunk = Buffer.alloc(Math.floor(CHUNK_BYTES / rowBytes) * rowBytes);
  const clock = new ClockFormatter(localZone());
  const { times, statuses } = series;
  let at = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (t < range.from || t > range.to) continue;
    chunk.write('| ', at, 'latin1');
    chunk.write(clock.format(t), at + 2, 'latin1');
    chunk.write(' | ', at + 21, 'latin1');
    statusCells[statuses[i]!]!.copy(chunk, at + 24);
    at += rowBytes;
    if (at === chunk.length) {
      await sink(Buffer.from(chunk));
      at = 0;
    }
  }
  if (at > 0) await sink(chunk.subarray(0, at));
}
