import type { Clock } from '../../src/core/clock.js';
import type { ProbeResult, Prober } from '../../src/core/probe/prober.js';

/** What happens to one probe sent to an address at a moment. */
export type PathFate =
  | { kind: 'reply'; rttMs: number }
  | { kind: 'drop' }
  | { kind: 'unreachable'; from: string; afterMs: number }
  | { kind: 'local'; code: string }
  | { kind: 'error' };

export type Network = (address: string, sentMs: number) => PathFate;

/** A Prober answering from a scripted network on a (fake) clock; records every probe it sent. */
export class ScriptedProber implements Prober {
  readonly kind = 'icmp-helper' as const;
  readonly sent: Array<{ address: string; at: number; timeoutMs: number }> = [];

  constructor(
    private readonly clock: Clock,
    public network: Network,
  ) {}

  probe(address: string, timeoutMs: number): Promise<ProbeResult> {
    const at = this.clock.now();
    this.sent.push({ address, at, timeoutMs });
    const fate = this.network(address, at);
    return new Promise((resolve) => {
      const after = (ms: number, result: ProbeResult) => this.clock.setTimeout(() => resolve(result), ms);
      switch (fate.kind) {
        case 'reply':
          if (fate.rttMs <= timeoutMs) after(fate.rttMs, { ok: true, rttMs: fate.rttMs, from: address });
          else after(timeoutMs, { ok: false, reason: 'timeout' });
          return;
        case 'drop':
          after(timeoutMs, { ok: false, reason: 'timeout' });
          return;
        case 'unreachable':
          after(fate.afterMs, { ok: false, reason: 'unreachable', from: fate.from, detail: 'net unreachable' });
          return;
        case 'local':
          resolve({ ok: false, reason: 'local', code: fate.code, detail: 'Network is unreachable' });
          return;
        case 'error':
          resolve({ ok: false, reason: 'error', detail: 'helper restarting' });
      }
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A deterministic random source, so a lossy test fails the same way every time it fails. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}
