import type { Clock } from '../../../src/core/clock.js';
import { createLogger, type Logger } from '../../../src/core/log.js';
import type { Delivery } from '../../../src/core/notify/delivery-queue.js';
import type { FailoverNotice, Notice } from '../../../src/core/notify/notifier.js';

export const T0 = Date.UTC(2025, 9, 10, 12, 0, 0);
const S0 = T0 / 1000;
const base = { target: 'internet', address: '203.0.113.10' };
const degradedFigures = { lossPct: 20, medianRttMs: 180.4, baselineRttMs: 24.6, reason: 'loss 20 % (threshold 5 %)' };

/** Notices at `s` seconds after T0. */
export const at = {
  started: (s: number): Notice => ({ kind: 'started', ...base, at: S0 + s }),
  stopped: (s: number): Notice => ({ kind: 'stopped', ...base, at: S0 + s }),
  down: (s: number, upFor: number | null = null, target = base.target): Notice => ({ kind: 'down', ...base, target, at: S0 + s, upForSeconds: upFor }),
  up: (s: number, downFor: number | null, target = base.target): Notice => ({ kind: 'up', ...base, target, at: S0 + s, downForSeconds: downFor }),
  cause: (s: number, target = base.target): Notice => ({ kind: 'cause', ...base, target, at: S0 + s, cause: 'isp' }),
  /** By default the primary (fiber) went down and traffic moved to the standby (lte), verified. */
  failover: (s: number, change: FailoverNotice['change'] = 'switch', more: Partial<FailoverNotice> = {}): Notice => ({
    kind: 'failover',
    at: S0 + s,
    change,
    active: 'standby',
    primary: { name: 'fiber', address: '192.0.2.10', up: false },
    standby: { name: 'lte', address: '198.51.100.7', up: true },
    verified: true,
    checked: null,
    ...more,
  }),
  ipChange: (s: number): Notice => ({ kind: 'ip-change', at: S0 + s, family: 'ipv4', old: '203.0.113.7', new: '203.0.113.99', provider: 'https://api.ipify.org' }),
  degraded: (s: number): Notice => ({ kind: 'degraded', target: base.target, at: S0 + s, figures: degradedFigures }),
  degradedEnd: (s: number, since: number): Notice => ({ kind: 'degraded-end', target: base.target, at: S0 + s, since: S0 + since, figures: degradedFigures }),
  paused: (s: number, until: number | null, reason: string | null = 'router maintenance'): Notice => ({ kind: 'paused', at: S0 + s, until: until === null ? null : S0 + until, reason }),
  resumed: (s: number): Notice => ({ kind: 'resumed', at: S0 + s }),
};

/** One notice of every kind, a second apart. */
export const EVERY_KIND: readonly Notice[] = [
  at.started(0),
  at.down(1),
  at.cause(1),
  at.up(2, 1),
  at.stopped(3),
  at.failover(4),
  at.ipChange(5),
  at.degraded(6),
  at.degradedEnd(7, 6),
  at.paused(8, null),
  at.resumed(9),
];

/** A send that fails with ENETUNREACH, as with the link gone, until told the link is back. */
export function scriptedSend(clock: Clock) {
  const attempts: Array<{ at: number; ok: boolean; delivery: Delivery }> = [];
  const state = { linkUp: false };
  const send = (delivery: Delivery): Promise<void> => {
    attempts.push({ at: clock.now() - T0, ok: state.linkUp, delivery });
    return state.linkUp ? Promise.resolve() : Promise.reject(Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' }));
  };
  const delivered = (): Delivery[] => attempts.filter((a) => a.ok).map((a) => a.delivery);
  return { attempts, send, state, delivered };
}

export function capturedLog(): { lines: string[]; log: Logger } {
  const lines: string[] = [];
  return { lines, log: createLogger('nom', { write: (line) => lines.push(line), minLevel: 'debug', journal: false }) };
}
