import type { Clock } from '../../../src/core/clock.js';
import { createLogger, type Logger } from '../../../src/core/log.js';
import type { Delivery } from '../../../src/core/notify/delivery-queue.js';
import type { Notice } from '../../../src/core/notify/notifier.js';

export const T0 = Date.UTC(2025, 9, 10, 12, 0, 0);
const S0 = T0 / 1000;
const base = { target: 'internet', address: '203.0.113.10' };

/** Notices at `s` seconds after T0. */
export const at = {
  started: (s: number): Notice => ({ kind: 'started', ...base, at: S0 + s }),
  stopped: (s: number): Notice => ({ kind: 'stopped', ...base, at: S0 + s }),
  down: (s: number, upFor: number | null = null, target = base.target): Notice => ({ kind: 'down', ...base, target, at: S0 + s, upForSeconds: upFor }),
  up: (s: number, downFor: number | null, target = base.target): Notice => ({ kind: 'up', ...base, target, at: S0 + s, downForSeconds: downFor }),
  cause: (s: number, target = base.target): Notice => ({ kind: 'cause', ...base, target, at: S0 + s, cause: 'isp' }),
};

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
