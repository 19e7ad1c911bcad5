import type { ApiValue } from '../../shared/api-contract.js';
import type { ProbeEvent } from '../../shared/live-events.js';

/** One target's recent probes, oldest first: times in unix seconds, round trips in ms, null for no answer. */
export interface Series {
  at: number[];
  rtt: (number | null)[];
}

const EMPTY: Series = { at: [], rtt: [] };

/**
 * The live chart's points, outside the component tree: a probe a second per target must not
 * re-render the dashboard, only redraw its own chart.
 */
export class LiveSeries {
  private readonly series = new Map<string, Series>();
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly windowS: number) {}

  /** The samples call's answer; probes heard while it was asked are kept after it. */
  load(value: ApiValue<'samples'>): void {
    for (const t of value.targets) {
      const at = t.at_ms.map((ms) => ms / 1000);
      const last = at.at(-1) ?? -Infinity;
      const heard = this.series.get(t.name) ?? EMPTY;
      const keep = heard.at.findIndex((s) => s > last);
      const series = { at, rtt: [...t.rtt_ms] };
      if (keep >= 0) {
        series.at.push(...heard.at.slice(keep));
        series.rtt.push(...heard.rtt.slice(keep));
      }
      this.series.set(t.name, series);
      this.tell(t.name);
    }
  }

  append(probe: ProbeEvent): void {
    let s = this.series.get(probe.target);
    if (s === undefined) {
      s = { at: [], rtt: [] };
      this.series.set(probe.target, s);
    }
    const at = probe.at_ms / 1000;
    s.at.push(at);
    s.rtt.push(probe.rtt_ms);
    const old = s.at.findIndex((t) => t >= at - this.windowS);
    if (old > 0) {
      s.at.splice(0, old);
      s.rtt.splice(0, old);
    }
    this.tell(probe.target);
  }

  get(name: string): Series {
    return this.series.get(name) ?? EMPTY;
  }

  listen(name: string, listener: () => void): () => void {
    let set = this.listeners.get(name);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  private tell(name: string): void {
    for (const l of this.listeners.get(name) ?? []) l();
  }
}

/** The figures under a chart: the mean round trip and the probes without answer. */
export function summary(s: Series): { probes: number; lost: number; meanMs: number | null } {
  let lost = 0;
  let sum = 0;
  for (const r of s.rtt) {
    if (r === null) lost += 1;
    else sum += r;
  }
  const answered = s.rtt.length - lost;
  return { probes: s.rtt.length, lost, meanMs: answered === 0 ? null : sum / answered };
}
