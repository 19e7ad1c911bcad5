import { join } from 'node:path';
import type { PingConfig, TargetConfig } from '../../../shared/config-schema.js';
import type { PingSampleEvent } from '../../../shared/ping-events.js';
import type { Service, ServiceDeps } from '../../runtime/service.js';
import { UserError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { resolveHost } from '../../net/resolve-host.js';
import { SamplesWriter } from '../../store/samples-writer.js';
import type { Sample } from '../../store/samples-record.js';
import { pingResultCall } from './ping-stats.js';
import { PingTarget, type ResolveHost } from './ping-target.js';

export interface PingServiceOptions {
  /** How a target's host name becomes an address; tests give a scripted one. */
  resolve?: ResolveHost;
}

/**
 * imon's ping monitor as a daemon service: each target gets a round of `pingcount` echo
 * requests every `interval` seconds, handed to the action script as imon's `ping-result`, and
 * kept as per-minute samples in `DATA/<target>/samples_YYYY-MM.bin` (beside updown's files when
 * a target of the same name is watched by both).
 */
export function createPingService(config: PingConfig, deps: ServiceDeps, options: PingServiceOptions = {}): Service {
  const seen = new Set<string>();
  for (const { name } of config.targets) {
    if (seen.has(name)) throw new UserError(`ping: two targets are named "${name}"; each needs a folder of its own`);
    seen.add(name);
  }
  return new PingService(config, deps, options.resolve ?? ((host) => resolveHost(host, 'ping target')));
}

class PingService implements Service {
  readonly name = 'ping';
  private readonly log: Logger;
  private readonly targets: PingTarget[];

  constructor(
    private readonly config: PingConfig,
    private readonly deps: ServiceDeps,
    resolve: ResolveHost,
  ) {
    this.log = deps.log.child('ping');
    this.targets = config.targets.map((target) => {
      const samples = new SamplesWriter(join(deps.dataDir, target.name));
      return new PingTarget({
        target,
        config,
        prober: deps.prober,
        clock: deps.clock,
        log: this.log,
        resolve,
        onRound: (address, round) => deps.actions.call(pingResultCall(address, round)),
        onMinute: (address, sample) => this.record(samples, target, address, sample),
      });
    });
  }

  start(): void {
    const { config } = this;
    this.log.info(`pinging ${config.targets.map((t) => `${t.name} (${t.address})`).join(', ')} every ${config.interval}s`, {
      requests: config.pingcount,
      wait_s: config.pingwait,
      samples: join(this.deps.dataDir, '<target>', 'samples_YYYY-MM.bin'),
    });
    for (const target of this.targets) target.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.targets.map((target) => target.stop()));
  }

  private record(samples: SamplesWriter, target: TargetConfig, address: string, sample: Sample): void {
    try {
      samples.append(sample);
    } catch (err) {
      // A full disk must not stop the monitor: the live views and the next minutes still count.
      this.log.error('could not write a sample', { target: target.name, error: err instanceof Error ? err.message : String(err) });
    }
    this.deps.bus.publish(sampleEvent(target.name, address, sample));
  }
}

function sampleEvent(target: string, address: string, s: Sample): PingSampleEvent {
  return {
    type: 'ping-sample',
    target,
    address,
    at: s.at,
    sent: s.sent,
    received: s.received,
    min_ms: s.minMs,
    avg_ms: s.avgMs,
    max_ms: s.maxMs,
    jitter_ms: s.jitterMs,
  };
}
