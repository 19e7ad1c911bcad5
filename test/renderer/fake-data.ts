import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { historyOutage, HistoryValue, OutageValue, StatusValue } from '../../src/shared/api-contract.js';
import { CONFIG_VERSION, nomConfig, type NomConfig } from '../../src/shared/config-schema.js';
import type { OutageCause } from '../../src/shared/events.js';

/**
 * Made-up records for the dashboard's browser test: the same answer to the same question, so
 * that a history asked twice shows the same outages. Addresses from the documentation ranges.
 */
export const ZONE = 'Europe/Berlin';
export const TARGETS = [
  { name: 'router', address: '192.0.2.1' },
  { name: 'internet', address: '198.51.100.7' },
];
const CAUSES: OutageCause[] = ['isp', 'local', 'isp', 'target', 'unknown', 'isp'];
const DAY = 86_400;

type Outage = z.infer<typeof historyOutage>;

/** A number in [0, 1) fixed by `n`: the same outage every time it is asked for. */
function noise(n: number): number {
  const x = Math.sin(n * 12.9898) * 43_758.5453;
  return x - Math.floor(x);
}

/** The share of slots that hold an outage, as measured over a year of this noise: some days are bad, most are quiet. */
const MEAN_KEPT = 0.16;

/** About `perYear` outages a year over all targets, at fixed places in time. */
export function outagesIn(from: number, to: number, perYear: number, now: number): Outage[] {
  const period = Math.round((365 * DAY * TARGETS.length * MEAN_KEPT) / perYear);
  const outages: Outage[] = [];
  TARGETS.forEach((t, k) => {
    for (let i = Math.floor(from / period); i * period < to; i++) {
      const start = i * period + Math.floor(noise(i * 7 + k) * (period / 2)) + k * 97;
      const duration = 5 + Math.floor(noise(i * 13 + k) ** 6 * 1_200);
      const badness = 0.02 + 0.98 * noise(Math.floor(start / DAY) + 0.5) ** 8;
      if (noise(i * 5 + k + 0.25) > badness) continue;
      if (start < from || start >= to || start >= now) continue;
      const end = start + duration;
      outages.push({ target: t.name, start, end: end > now ? null : end, duration_s: Math.min(end, now) - start, cause: CAUSES[(i + k) % CAUSES.length] ?? 'unknown' });
    }
  });
  return outages.sort((a, b) => a.start - b.start);
}

export function historyOf(from: number, to: number, perYear: number, now: number): HistoryValue {
  const outages = outagesIn(from, to, perYear, now);
  const days: HistoryValue['days'] = [];
  const byDay = new Map<string, { downtime_s: number; outages: number }>();
  for (let d = DateTime.fromSeconds(from, { zone: ZONE }).startOf('day'); d.toSeconds() < to; d = d.plus({ days: 1 })) {
    const figure = { downtime_s: 0, outages: 0 };
    byDay.set(d.toISODate() ?? '', figure);
    days.push({ day: d.toISODate() ?? '', ...figure });
  }
  for (const o of outages) {
    const figure = byDay.get(DateTime.fromSeconds(o.start, { zone: ZONE }).toISODate() ?? '');
    if (figure === undefined) continue;
    figure.downtime_s += o.duration_s;
    figure.outages += 1;
  }
  const every = (days: number, offset: number, length: number) => {
    const spans: { start: number; end: number }[] = [];
    for (let t = Math.floor(from / (days * DAY)) * days * DAY + offset; t < Math.min(to, now); t += days * DAY) if (t >= from) spans.push({ start: t, end: Math.min(t + length, now) });
    return spans;
  };
  const downtime = (name: string) => outages.filter((o) => o.target === name).reduce((s, o) => s + o.duration_s, 0);
  const covered = Math.max(0, Math.min(to, now) - from);
  return {
    from,
    to,
    zone: ZONE,
    targets: TARGETS.map((t) => ({ name: t.name, downtime_s: downtime(t.name), unmonitored_s: 7_200, uptime_s: Math.max(0, covered - downtime(t.name) - 7_200) })),
    outages,
    degraded: every(3, 9 * 3_600, 7_200).map((s) => ({ target: 'internet', ...s, loss_pct: 7.5, median_rtt_ms: 84, baseline_rtt_ms: 21, reason: 'loss 7.5 % (threshold 5 %)' })),
    unmonitored: every(7, 4 * DAY + 2 * 3_600, 7_200).map((s) => ({ target: 'router', ...s })),
    days: days.map((d) => ({ day: d.day, ...(byDay.get(d.day) ?? { downtime_s: 0, outages: 0 }) })),
  };
}

export function outageDetail(o: Outage): OutageValue {
  const ms = o.start * 1000;
  const closed = o.end !== null;
  return {
    outage: o,
    evidence: {
      first_failure: { ok: false, reason: 'timeout' },
      gateway: o.target === 'router' ? null : { address: '192.0.2.1', result: o.cause === 'local' ? { ok: false, reason: 'timeout' } : { ok: true, rtt_ms: 0.8 } },
      dns: { server: '203.0.113.53', name: 'example.com', answered: false, detail: 'no answer in 2 s' },
      addping: [{ address: '203.0.113.10', result: { ok: false, reason: 'unreachable', from: '192.0.2.1' } }],
    },
    bounds: closed ? { last_success_before: ms - 1_312, first_failure: ms + 188, last_failure: (o.end ?? 0) * 1000 - 2_044, first_success_after: (o.end ?? 0) * 1000 + 421 } : null,
    addping_after: closed ? [{ address: '203.0.113.10', result: { ok: true, rtt_ms: 14.2 } }] : [],
    uncertainty_s: { start: 1.5, end: closed ? 2.465 : null },
  };
}

export function statusOf(now: number, perYear: number, states: Map<string, StatusValue['targets'][number]['state']>, since: Map<string, number>, paused: StatusValue['paused']): StatusValue {
  const today = outagesIn(DateTime.fromSeconds(now, { zone: ZONE }).startOf('day').toSeconds(), now, perYear, now);
  return {
    now: Math.floor(now),
    instance: 'home',
    zone: ZONE,
    targets: TARGETS.map((t) => {
      const state = states.get(t.name) ?? 'up';
      const at = since.get(t.name) ?? Math.floor(now) - 3 * 3_600 - 1_234;
      return { ...t, kind: 'updown' as const, state, since: at, outage: state === 'down' ? { start: at, cause: 'isp' as const } : null, outagesToday: today.filter((o) => o.target === t.name).length + (state === 'down' ? 1 : 0) };
    }),
    paused,
    probing: { ok: true, detail: 'ICMP through the helper' },
    monitors: ['updown', 'ping'],
    ip: { address: '203.0.113.77', since: Math.floor(now) - 5 * DAY },
  };
}

export function samplesOf(nowMs: number): { name: string; at_ms: number[]; rtt_ms: (number | null)[] }[] {
  return TARGETS.map((t, k) => {
    const at_ms: number[] = [];
    const rtt_ms: (number | null)[] = [];
    for (let at = nowMs - 3_600_000; at <= nowMs; at += 10_000) {
      const i = Math.floor(at / 10_000);
      at_ms.push(at);
      rtt_ms.push(noise(i + k) < 0.015 ? null : (k === 0 ? 1.2 : 18) + noise(i * 3 + k) * (k === 0 ? 1.5 : 9) + (noise(Math.floor(i / 60)) > 0.85 ? 25 : 0));
    }
    return { name: t.name, at_ms, rtt_ms };
  });
}

/** A valid configuration, with a section the form has no field for (failover), which a save must keep. */
export function initialConfig(): NomConfig {
  return nomConfig.parse({
    version: CONFIG_VERSION,
    instance: 'home',
    note: 'kept as it was',
    probe: 'auto',
    action: null,
    updown: { enabled: true, interval: 5, pingcount: 1, pingwait: 1, confirm: 3, targets: TARGETS, addping: ['203.0.113.10'], dns: { server: '203.0.113.53', name: 'example.com' } },
    ping: { enabled: true, interval: 10, pingcount: 5, pingwait: 1, targets: [{ name: 'internet', address: '198.51.100.7' }] },
    ddns: { enabled: false, interval: 300, timeout: 5, providers: ['https://ip.example/'], family: 'ipv4' },
    failover: {
      enabled: false,
      interval: 1,
      pingcount: 1,
      pingwait: 1,
      preferPrimary: true,
      metric: 201,
      failbackAfter: 30,
      primary: { name: 'fibre', interface: 'eth0', gateway: '192.0.2.1', ping: null, postping: null },
      standby: { name: 'lte', interface: 'wwan0', gateway: '198.51.100.1', ping: null, postping: null },
    },
    notify: { discord: null, webhook: null, ntfy: { url: 'https://ntfy.example/home', token: null } },
  });
}
