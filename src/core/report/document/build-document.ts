import { DateTime } from 'luxon';
import type { AddressFact, ProbeFact } from '../../../shared/events.js';
import type { SystemEvent } from '../../../shared/system-events.js';
import type { TargetAnalysis } from '../../analysis/analysis.js';
import { clippedSeconds } from '../../analysis/analysis.js';
import type { Latency } from '../../analysis/latency.js';
import { describeBusinessHours, type SlaResult } from '../../analysis/sla.js';
import { ClockFormatter } from '../../time/clock-format.js';
import { OUTAGE_END_NOTE } from '../outage-text.js';
import type { ReportedOutage } from '../report-model.js';
import type { DegradedTime } from '../degraded-time.js';
import { degradedRow } from './degraded-rows.js';
import type { DocumentInput, Figure, OutageRow, ReportDocument, TargetSection } from './report-document.js';
import { CAUSE_SHORT, CAUSE_WORDS, DEGRADED_SENTENCE, exactDuration, humanDuration, milliseconds, pausedSentence, percent, periodWords } from './words.js';

const PROBING =
  'Each watched address was probed every interval; a failed probe was confirmed by quick re-probes before an outage was recorded, and the outage was dated from the first failed probe.';
const UNMONITORED = 'Time when the monitor was not running (stopped, asleep, crashed) is shown as not monitored: it is counted neither as uptime nor as downtime.';
const TARGET_ONLY =
  'When the watched address stopped answering but a DNS server on the internet still did, the internet was working: such spans are listed apart and not counted as internet downtime.';
const DIGEST = 'The digest below pins the data files this report was made from; `sha256sum -c` on the listed files in the data folder checks them.';

export function buildDocument(input: DocumentInput): ReportDocument {
  const { analysis, sla } = input;
  const zone = analysis.zone;
  const at = (s: number) => DateTime.fromSeconds(s, { zone }).toFormat('d LLLL yyyy HH:mm');
  // Thousands of rows, each with up to six times: formatted from the calendar's table of offsets, not by luxon.
  const clock = new ClockFormatter(analysis.calendar.offsets);
  const period = periodWords(analysis.range, zone);
  return {
    title: `Internet connection report ${period}`,
    period: `${at(analysis.range.from)} – ${at(analysis.range.to)} (${zone.name})`,
    zone: zone.name,
    generatedAt: DateTime.fromSeconds(input.generatedAt, { zone }).toFormat('yyyy-MM-dd HH:mm:ss ZZ'),
    generatedAtUnix: input.generatedAt,
    targets: analysis.targets.map((t) =>
      targetSection(t, {
        clock,
        period,
        sla: sla?.get(t.name) ?? null,
        latency: input.latency.get(t.name) ?? null,
        degraded: input.degraded.get(t.name) ?? NO_DEGRADED,
        range: analysis.range,
      }),
    ),
    evidence: { clock: input.clock, digest: input.digest, method: method(input, clock.format(input.generatedAt)) },
    events: input.events
      .filter((e) => e.at >= analysis.range.from && e.at < analysis.range.to)
      .map((event) => ({ time: clock.format(event.at), text: eventText(event), event })),
  };
}

const NO_DEGRADED: DegradedTime = { periods: [], seconds: 0 };

/** How the record was kept; the sentences on pauses, degraded periods and a live session only when they apply. */
function method(input: DocumentInput, madeAt: string): string[] {
  const paused = [...input.paused].filter(([, seconds]) => seconds > 0);
  const degraded = [...input.degraded.values()].some((d) => d.periods.length > 0);
  return [
    PROBING,
    UNMONITORED,
    ...(paused.length > 0 ? [pausedSentence(paused, input.paused.size > 1)] : []),
    TARGET_ONLY,
    ...(degraded ? [DEGRADED_SENTENCE] : []),
    DIGEST,
    ...(input.live.length > 0 ? [liveSentence(input.live, madeAt)] : []),
  ];
}

function liveSentence(names: string[], at: string): string {
  return `This report was made by the running monitor: for ${names.join(', ')}, the state since the last recorded change held until the report was made (${at}), since a change would have been recorded.`;
}

interface SectionContext {
  clock: ClockFormatter;
  period: string;
  sla: SlaResult | null;
  latency: Latency | null;
  degraded: DegradedTime;
  range: { from: number; to: number };
}

function targetSection(t: TargetAnalysis, c: SectionContext): TargetSection {
  const rows = (outages: ReportedOutage[]) => outages.map((o) => outageRow(o, c.clock, c.range, t.lastRecord));
  // A target the ping monitor alone watched has no up/down record: its figures are the ping's.
  const pingOnly = t.recorded ? null : c.latency;
  return {
    name: t.name,
    address: t.address,
    headline: pingOnly ? pingHeadline(pingOnly, c.period) : headline(t, c.period),
    figures: [...(pingOnly ? [] : figures(t)), ...degradedFigure(c.degraded), ...(c.latency ? latencyFigures(c.latency) : [])],
    causes: (['isp', 'local', 'unknown', 'target'] as const)
      .filter((cause) => t.byCause[cause].count > 0)
      .map((cause) => ({ cause, label: CAUSE_SHORT[cause], count: t.byCause[cause].count, duration: humanDuration(t.byCause[cause].seconds) })),
    sla: c.sla && slaSection(c.sla),
    outages: rows(t.outages),
    noOutages: pingOnly ? 'Outages were not watched for: only the ping monitor ran for this address.' : 'No outages in this period.',
    targetOnly: rows(t.targetOnlyOutages),
    degraded: c.degraded.periods.map((p) => degradedRow(p, c.clock)),
    analysis: t,
    daily: t.daily,
    latency: c.latency,
  };
}

/** "Your connection was down 14 times for 3 h 12 m in October 2025; the longest outage lasted 47 minutes." */
export function headline(t: TargetAnalysis, period: string): string {
  const n = t.outages.length;
  const unmonitored = t.unmonitored > 0 ? ` It was not monitored for ${humanDuration(t.unmonitored)} of the period.` : '';
  if (t.availability === null) return `The connection was not monitored ${period}.`;
  if (n === 0) return `Your connection did not go down ${period}.${unmonitored}`;
  const times = n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
  const longest = n > 1 && t.longest ? `; the longest outage lasted ${humanDuration(t.longest.seconds)}` : '';
  return `Your connection was down ${times} for ${humanDuration(t.internetDowntime)} ${period}${longest}.${unmonitored}`;
}

function figures(t: TargetAnalysis): Figure[] {
  const list: Figure[] = [
    { label: 'Availability', value: percent(t.availability) },
    { label: 'Outages', value: String(t.outages.length) },
    { label: 'Downtime', value: humanDuration(t.internetDowntime) },
    { label: 'Longest outage', value: t.longest ? humanDuration(t.longest.seconds) : 'none' },
    { label: 'Mean time to repair (MTTR)', value: t.mttr === null ? 'n/a' : humanDuration(t.mttr) },
    { label: 'Mean time between failures (MTBF)', value: t.mtbf === null ? 'n/a' : humanDuration(t.mtbf) },
    { label: 'Uptime', value: humanDuration(t.uptime + t.targetOnly) },
    { label: 'Not monitored', value: humanDuration(t.unmonitored) },
  ];
  if (t.targetOnly > 0) list.push({ label: 'Watched address silent, internet working', value: humanDuration(t.targetOnly) });
  return list;
}

/** Said only when there were degraded periods: a report without any reads as it always did. */
function degradedFigure(d: DegradedTime): Figure[] {
  return d.periods.length === 0 ? [] : [{ label: 'Degraded (not downtime)', value: humanDuration(d.seconds) }];
}

/** "Only the ping monitor watched this address in October 2025: answers took 12.3 ms on average, and 0.41 % of echo requests were lost." */
function pingHeadline(latency: Latency, period: string): string {
  const { avgMs, loss } = latency.total;
  const answers = avgMs === null ? 'no echo request was answered' : `answers took ${milliseconds(avgMs)} on average, and ${percent(loss, 2)} of echo requests were lost`;
  return `Only the ping monitor watched this address ${period}: ${answers}.`;
}

function latencyFigures(latency: Latency): Figure[] {
  const { avgMs, jitterMs, loss } = latency.total;
  return [
    { label: 'Average response time', value: milliseconds(avgMs) },
    { label: 'Jitter', value: milliseconds(jitterMs, 'not measured') },
    { label: 'Echo requests lost', value: percent(loss, 2) },
  ];
}

function slaSection(r: SlaResult): NonNullable<TargetSection['sla']> {
  const hours = r.terms.hours === 'all' ? 'all hours' : `business hours (${describeBusinessHours(r.terms.hours)})`;
  const min = r.terms.minOutageSeconds > 0 ? `, counting outages of ${humanDuration(r.terms.minOutageSeconds)} or longer` : '';
  const promised = percent(r.terms.target, 2);
  const verdict =
    r.met === null
      ? 'nothing was monitored in those hours'
      : r.met
        ? `met: ${percent(r.availability)} measured, ${humanDuration(Math.max(0, -r.gapHours * 3600))} of allowed downtime to spare`
        : `NOT met: ${percent(r.availability)} measured, ${humanDuration(r.gapHours * 3600)} more downtime than the contract allows`;
  return {
    summary: `Promised availability ${promised} over ${hours}${min}: ${verdict}.`,
    met: r.met,
    result: r,
    figures: [
      { label: 'Promised', value: promised },
      { label: 'Measured', value: percent(r.availability) },
      { label: 'Hours counted', value: hours },
      { label: 'Outages counted', value: String(r.countedOutages) },
      { label: 'Downtime counted', value: humanDuration(r.counted) },
      { label: 'Downtime allowed', value: humanDuration(r.allowed) },
      { label: 'Gap (hours over the allowance)', value: r.gapHours.toFixed(2) },
    ],
  };
}

function outageRow(o: ReportedOutage, clock: ClockFormatter, range: { from: number; to: number }, lastRecord: number | null): OutageRow {
  const seconds = clippedSeconds(o, range, lastRecord);
  const note = OUTAGE_END_NOTE[o.endedBy ?? 'open'];
  return {
    start: clock.format(o.start),
    end: o.end === null ? 'still down' : clock.format(o.end),
    duration: o.end === null ? `${exactDuration(seconds)}+` : exactDuration(seconds) + (note ? ` (${note})` : ''),
    cause: o.cause,
    causeText: CAUSE_WORDS[o.cause],
    uncertainty: uncertainty(o, clock),
    evidence: evidenceText(o),
  };
}

function uncertainty(o: ReportedOutage, clock: ClockFormatter): string {
  const b = o.bounds;
  if (!b) return 'to the second, as recorded (no probe detail in the journal)';
  const t = (ms: number) => clock.time(Math.floor(ms / 1000));
  const began = b.last_success_before === null ? `began by ${t(b.first_failure)}` : `began between ${t(b.last_success_before)} and ${t(b.first_failure)}`;
  const ended =
    b.first_success_after === null ? 'end not observed' : b.last_failure === null ? `ended by ${t(b.first_success_after)}` : `ended between ${t(b.last_failure)} and ${t(b.first_success_after)}`;
  return `${began}; ${ended}`;
}

function probeWords(fact: ProbeFact): string {
  if (fact.ok) return `answered in ${fact.rtt_ms.toFixed(1)} ms`;
  switch (fact.reason) {
    case 'timeout':
      return 'no answer';
    case 'unreachable':
      return `unreachable${fact.from ? ` (reported by ${fact.from})` : ''}`;
    case 'local':
      return 'could not send (own link down)';
    case 'error':
      return 'not checked';
  }
}

function evidenceText(o: ReportedOutage): string {
  const e = o.evidence;
  if (!e) return 'no evidence recorded (log from before nom, or journal missing)';
  const parts = [`first failed probe: ${probeWords(e.first_failure)}`];
  if (e.gateway) parts.push(`router ${e.gateway.address}: ${probeWords(e.gateway.result)}`);
  if (e.dns) parts.push(`DNS ${e.dns.server} for ${e.dns.name}: ${e.dns.answered ? 'answered' : 'no answer'}`);
  parts.push(...e.addping.map((a: AddressFact) => `${a.address}: ${probeWords(a.result)}`));
  return parts.join('; ');
}

function eventText(e: SystemEvent): string {
  switch (e.type) {
    case 'ip-change':
      return e.old === null ? `External ${e.family} address first seen: ${e.new}` : `External ${e.family} address changed from ${e.old} to ${e.new}`;
    case 'ip-unknown':
      return `External ${e.family} address could not be learned (${e.tried.length} providers tried)`;
    case 'failover': {
      const links = `primary ${e.primary.up ? 'up' : 'down'}, standby ${e.standby.up ? 'up' : 'down'}`;
      // A switch the kernel's routes did not confirm moved nothing: say where traffic really is.
      const switched = e.verified === false ? `Traffic could not be moved; it stays on the ${e.active ?? 'no'} link` : `Traffic moved to the ${e.active ?? 'no'} link`;
      const kind = { initial: 'Failover started', switch: switched, 'both-down': 'Both links down', postping: 'Check after failover' }[e.kind];
      return `${kind} (${links})${e.detail ? `: ${e.detail}` : ''}`;
    }
  }
}
