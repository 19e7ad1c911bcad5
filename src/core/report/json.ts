import type { OutageJson, ReportJson } from '../../shared/report-json.js';
import type { Outage } from '../accounting/outages.js';
import { isoUtc } from '../time/clock-format.js';
import { availability, type Report } from './report-model.js';
import type { TextSink } from './text-sink.js';

export function toReportJson(report: Report): ReportJson {
  return {
    from: isoUtc(report.range.from),
    to: isoUtc(report.range.to),
    targets: report.targets.map((t) => ({
      name: t.name,
      address: t.address,
      uptime_s: t.totals.uptime,
      downtime_s: t.totals.downtime,
      unmonitored_s: t.totals.unmonitored,
      availability: roundRatio(availability(t.totals)),
      outages: t.outages.map(outageJson),
    })),
  };
}

export async function writeJsonReport(report: Report, sink: TextSink): Promise<void> {
  await sink(JSON.stringify(toReportJson(report), null, 2) + '\n');
}

function outageJson(outage: Outage): OutageJson {
  return {
    start: isoUtc(outage.start),
    end: outage.end === null ? null : isoUtc(outage.end),
    duration_s: outage.end === null ? null : outage.end - outage.start,
    cause: 'unknown',
    evidence: { ended_by: outage.endedBy },
  };
}

function roundRatio(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1e6) / 1e6;
}
