import type { DegradedJson, LatencyPeriodJson, OutageJson, ReportJson, TargetJson } from '../../shared/report-json.js';
import type { TargetAnalysis } from '../analysis/analysis.js';
import { describeBusinessHours, type SlaResult } from '../analysis/sla.js';
import { isoUtc } from '../time/clock-format.js';
import type { ReportedDegraded } from './degraded-time.js';
import type { Latency, LatencyPeriod, ReportDocument } from './document/report-document.js';
import { availability, type Report, type ReportedOutage } from './report-model.js';
import type { TextSink } from './text-sink.js';

export function toReportJson(report: Report, doc: ReportDocument): ReportJson {
  return {
    from: isoUtc(report.range.from),
    to: isoUtc(report.range.to),
    zone: doc.zone,
    generated_at: isoUtc(doc.generatedAtUnix),
    targets: report.targets.map((t, i) => {
      const section = doc.targets[i]!;
      return {
        name: t.name,
        address: t.address,
        uptime_s: t.totals.uptime,
        downtime_s: t.totals.downtime,
        unmonitored_s: t.totals.unmonitored,
        availability: roundRatio(availability(t.totals)),
        ...analysisJson(section.analysis),
        sla: section.sla && slaJson(section.sla.result),
        latency: section.latency && latencyJson(section.latency),
        outages: t.outages.map(outageJson),
        degraded: t.degraded.periods.map(degradedJson),
        degraded_s: t.degraded.seconds,
      };
    }),
    events: doc.events.map((e) => e.event),
    evidence: {
      clock: doc.evidence.clock,
      sha256: doc.evidence.digest.sha256,
      files: doc.evidence.digest.files,
    },
  };
}

export async function writeJsonReport(report: Report, doc: ReportDocument, sink: TextSink): Promise<void> {
  await sink(JSON.stringify(toReportJson(report, doc), null, 2) + '\n');
}

function analysisJson(
  a: TargetAnalysis,
): Omit<TargetJson, 'name' | 'address' | 'uptime_s' | 'downtime_s' | 'unmonitored_s' | 'availability' | 'sla' | 'latency' | 'outages' | 'degraded' | 'degraded_s'> {
  return {
    target_only_s: a.targetOnly,
    internet_downtime_s: a.internetDowntime,
    internet_availability: roundRatio(a.availability),
    internet_outages: a.outages.length,
    longest_outage_s: a.longest?.seconds ?? null,
    mttr_s: a.mttr === null ? null : Math.round(a.mttr),
    mtbf_s: a.mtbf === null ? null : Math.round(a.mtbf),
    by_cause: a.byCause,
  };
}

function slaJson(r: SlaResult): NonNullable<TargetJson['sla']> {
  return {
    target: r.terms.target,
    hours: r.terms.hours === 'all' ? 'all' : describeBusinessHours(r.terms.hours),
    min_outage_s: r.terms.minOutageSeconds,
    monitored_s: r.monitored,
    counted_downtime_s: r.counted,
    counted_outages: r.countedOutages,
    availability: roundRatio(r.availability),
    met: r.met,
    gap_hours: Math.round(r.gapHours * 1000) / 1000,
  };
}

function latencyJson(l: Latency): NonNullable<TargetJson['latency']> {
  return { total: periodJson(l.total), days: l.days.map(periodJson), hours: l.hours && l.hours.map(periodJson) };
}

function periodJson(p: LatencyPeriod): LatencyPeriodJson {
  return {
    period: p.period,
    from: isoUtc(p.from),
    to: isoUtc(p.to),
    sent: p.sent,
    received: p.received,
    min_ms: p.minMs,
    avg_ms: p.avgMs,
    max_ms: p.maxMs,
    jitter_ms: p.jitterMs,
    loss: roundRatio(p.loss),
  };
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

function degradedJson(p: ReportedDegraded): DegradedJson {
  return {
    start: isoUtc(p.start),
    end: isoUtc(p.end),
    duration_s: p.end - p.start,
    loss_pct: p.loss_pct,
    median_rtt_ms: p.median_rtt_ms,
    baseline_rtt_ms: p.baseline_rtt_ms,
    reason: p.reason,
  };
}

function isoMs(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function roundRatio(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1e6) / 1e6;
}
