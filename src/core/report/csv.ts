import { ClockFormatter } from '../time/clock-format.js';
import type { Zone } from '../time/zone.js';
import type { Report } from './report-model.js';
import type { TextSink } from './text-sink.js';

const HEADER = ['target', 'start', 'end', 'duration_s', 'cause', 'ended_by'];
const CHUNK_ROWS = 8192;

/**
 * One row per outage, RFC 4180 (CRLF, quoted where needed); times ISO 8601 with the zone's offset.
 * Outages only: a spreadsheet sums duration_s into downtime, and a degraded period is not
 * downtime. The JSON report lists the degraded periods.
 */
export async function writeCsvReport(report: Report, zone: Zone, sink: TextSink): Promise<void> {
  const clock = new ClockFormatter(zone);
  let rows = [csvRow(HEADER)];
  for (const target of report.targets) {
    for (const o of target.outages) {
      rows.push(
        csvRow([
          target.name,
          clock.iso(o.start),
          o.end === null ? '' : clock.iso(o.end),
          o.end === null ? '' : String(o.end - o.start),
          o.cause,
          o.endedBy ?? '',
        ]),
      );
      if (rows.length >= CHUNK_ROWS) {
        await sink(rows.join(''));
        rows = [];
      }
    }
  }
  await sink(rows.join(''));
}

function csvRow(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',') + '\r\n';
}
