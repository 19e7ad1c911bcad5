import type { OutageJson, ReportJson } from '../../shared/report-json.js';
import { isoUtc } from '../time/clock-format.js';
import { availability, type Report, type ReportedOutage } from './report-model.js';
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

function outageJson(outage: ReportedOutage): OutageJson {
  const { bounds, evidence } = outage;
  return {
    start: isoUtc(outage.start),
    end: outage.end === null ? null : isoUtc(outage.end),
    duration_s: outage.end === null ? null : outage.end - outage.start,
    cause: outage.cause,
    evidence: {
      ended_by: outage.endedBy,
      bounds: bounds && {
        last_success_before: isoMs(bounds.last_success_before),
        first_failure: new Date(bounds.first_failure).toISOString(),
        last_failure: isoMs(bounds.last_failure),
        first_success_after: isoMs(bounds.first_success_after),
      },
      first_failure: evidence?.first_failure ?? null,
      gateway: evidence?.gateway ?? null,
      dns: evidence?.dns ?? null,
      addping: evidence?.addping ?? [],
    },
  };
}

function isoMs(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function roundRatio(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1e6) / 1e6;
}
