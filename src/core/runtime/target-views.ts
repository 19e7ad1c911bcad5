import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { TargetStatus } from '../../shared/api-contract.js';
import type { OutageCause } from '../../shared/events.js';
import type { TargetState } from '../../shared/live-events.js';
import { readTransitionDir } from '../store/transition-log.js';
import { Status } from '../store/transition-record.js';
import type { Zone } from '../time/zone.js';
import type { EventBus } from './event-bus.js';

interface View {
  name: string;
  address: string;
  kind: 'updown' | 'link';
  state: TargetState;
  since: number | null;
  outage: { start: number; cause: OutageCause | null } | null;
  /** Outage starts of the last two days, for "today" in any zone. */
  recentOutages: number[];
}

const TWO_DAYS_S = 2 * 86_400;

/**
 * What each target is doing now, as the views show it, kept from the bus alone: up, down (with
 * the open outage and its cause), degraded, unknown until the first answer, paused. Publishes a
 * `state` event whenever what a view shows changes.
 */
export class TargetViews {
  private readonly views = new Map<string, View>();
  private paused: { since: number } | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly deps: { dataDir: string; zone: Zone; now: () => number },
  ) {
    bus.on(['session'], (e) => {
      const view = this.views.get(e.target);
      if (view && e.kind === 'started' && !this.paused) this.set(view, 'unknown', null, null);
    });
    bus.on(['transition'], (e) => {
      const view = this.views.get(e.target);
      if (!view) return;
      if (e.status === 'DOWN') {
        view.recentOutages.push(e.at);
        this.set(view, 'down', e.at, { start: e.at, cause: null });
      } else this.set(view, 'up', e.at, null);
    });
    bus.on(['outage-start'], (e) => {
      const view = this.views.get(e.target);
      if (view?.outage?.start === e.start) this.set(view, view.state, view.since, { start: e.start, cause: e.cause });
    });
    bus.on(['degraded'], (e) => {
      const view = this.views.get(e.target);
      if (view?.state === 'up') this.set(view, 'degraded', e.start, null);
    });
    bus.on(['degraded-end'], (e) => {
      const view = this.views.get(e.target);
      if (view?.state === 'degraded') this.set(view, 'up', e.end, null);
    });
    bus.on(['pause'], (e) => {
      this.paused = { since: e.at };
      for (const view of this.views.values()) this.set(view, 'paused', e.at, null);
    });
    bus.on(['resume'], () => {
      this.paused = null;
    });
  }

  /** The targets and links a configuration watches; views of others are dropped, new ones read today's outages from disk. */
  expect(targets: ReadonlyArray<{ name: string; address: string; kind: 'updown' | 'link' }>): void {
    const names = new Set(targets.map((t) => t.name));
    for (const name of this.views.keys()) if (!names.has(name)) this.views.delete(name);
    for (const t of targets) {
      const existing = this.views.get(t.name);
      if (existing) {
        existing.address = t.address;
        continue;
      }
      const paused = this.paused;
      this.views.set(t.name, { ...t, state: paused ? 'paused' : 'unknown', since: paused?.since ?? null, outage: null, recentOutages: this.outagesOnDisk(t.name) });
    }
  }

  status(): TargetStatus[] {
    const now = this.deps.now();
    const today = DateTime.fromSeconds(now, { zone: this.deps.zone }).startOf('day').toSeconds();
    return [...this.views.values()].map((v) => {
      v.recentOutages = v.recentOutages.filter((start) => start > now - TWO_DAYS_S);
      return {
        name: v.name,
        address: v.address,
        kind: v.kind,
        state: v.state,
        since: v.since,
        outage: v.outage,
        outagesToday: v.recentOutages.filter((start) => start >= today).length,
      };
    });
  }

  private set(view: View, state: TargetState, since: number | null, outage: View['outage']): void {
    const changed = view.state !== state || view.since !== since || view.outage?.cause !== outage?.cause;
    view.state = state;
    view.since = since;
    view.outage = outage;
    if (changed) this.bus.publish({ type: 'state', target: view.name, state, since, cause: outage?.cause ?? null });
  }

  /** DOWN records of the last two days: a restarted daemon still counts the day's earlier outages. */
  private outagesOnDisk(name: string): number[] {
    const dir = join(this.deps.dataDir, name);
    if (!existsSync(dir)) return [];
    try {
      const { times, statuses } = readTransitionDir(dir);
      const from = this.deps.now() - TWO_DAYS_S;
      const starts: number[] = [];
      for (let i = times.length - 1; i >= 0 && times[i]! > from; i--) if (statuses[i] === Status.DOWN && statuses[i - 1] !== Status.DOWN) starts.unshift(times[i]!);
      return starts;
    } catch {
      // The session recorder refuses a folder it cannot read, with the reason; the view just starts at nothing.
      return [];
    }
  }
}
