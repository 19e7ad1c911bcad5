import { defaultConfig } from '../../../src/core/config/defaults.js';
import { createLogger } from '../../../src/core/log.js';
import type { Notice, Notifier } from '../../../src/core/notify/notifier.js';
import { Runtime } from '../../../src/core/runtime/runtime.js';
import { namedZone } from '../../../src/core/time/zone.js';
import type { BusEvent } from '../../../src/shared/live-events.js';
import type { NomConfig } from '../../../src/shared/config-schema.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ScriptedProber, type Network } from '../../support/fake-network.js';

export const T0 = Date.UTC(2025, 9, 10, 12, 0, 0);
export const S0 = T0 / 1000;
export const TARGET = { name: 'internet', address: '203.0.113.10' };

export class RecordingNotifier implements Notifier {
  readonly notices: Notice[] = [];
  constructor(readonly name = 'recording') {}
  notify(notice: Notice): void {
    this.notices.push(notice);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
}

/** An updown-only configuration watching `targets` (documentation addresses: the network is scripted). */
export function updownConfig(targets = [TARGET], change: Partial<NomConfig> = {}): NomConfig {
  const config = defaultConfig('test');
  return { ...config, updown: { ...config.updown, targets }, ...change };
}

/** A runtime on a fake clock and a scripted network, with one recording channel per configuration it has run. */
export function runtimeRig(dataDir: string, network: Network, config = updownConfig(), channelsOf: () => Notifier[] = () => [new RecordingNotifier()]) {
  const clock = new FakeClock(T0);
  const lines: string[] = [];
  const channels: RecordingNotifier[] = [];
  const events: BusEvent[] = [];
  const runtime = new Runtime(config, {
    dataDir,
    clock,
    log: createLogger('test', { write: (line) => lines.push(line) }),
    zone: namedZone('UTC'),
    chooseProber: () => Promise.resolve({ prober: new ScriptedProber(clock, network), description: 'the scripted network' }),
    channels: () => {
      const made = channelsOf();
      channels.push(...made.filter((n): n is RecordingNotifier => n instanceof RecordingNotifier));
      return { notifiers: made, actions: null };
    },
    evidence: { gateway: () => '192.0.2.1', dns: null },
  });
  runtime.bus.onAny((event) => events.push(event));
  /** Stops while time runs on, so probes in flight can finish. */
  const stop = async (): Promise<void> => {
    const stopping = runtime.stop();
    await clock.advance(10_000);
    await stopping;
  };
  /** Waits for a lifecycle call while time runs on in small steps: stopping a monitor waits for its probes in flight. */
  const settle = async <T>(work: Promise<T>): Promise<T> => {
    let done = false;
    const finished = work.finally(() => (done = true));
    while (!done) await clock.advance(10);
    return finished;
  };
  return { runtime, clock, channels, events, lines, stop, settle };
}

/** Down from `fromS` to `toS` seconds after T0 for the addresses given, answering in 5 ms otherwise. */
export const outage =
  (fromS: number, toS: number, addresses = [TARGET.address]): Network =>
  (address, sentMs) => {
    const s = (sentMs - T0) / 1000;
    return addresses.includes(address) && s >= fromS && s < toS ? { kind: 'drop' } : { kind: 'reply', rttMs: 5 };
  };
