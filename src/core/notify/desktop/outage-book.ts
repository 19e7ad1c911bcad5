import type { OutageCause } from '../../../shared/events.js';
import type { Notice } from '../notifier.js';

/** One outage of a target as the notices told it; `end` null while it lasts. Times in unix seconds. */
export interface Outage {
  readonly target: string;
  readonly address: string;
  readonly start: number;
  end: number | null;
  cause: OutageCause | null;
}

/** Long enough for the longest quiet hours to be summed up when they end. */
const KEPT_S = 86_400;

/**
 * The outages of each target, pieced together from `down`, `cause` and `up` notices, which come
 * apart in time: the cause after the down (its evidence takes probes), the up much later. A
 * toast that names an outage's length and cause reads them here.
 */
export class OutageBook {
  private readonly byTarget = new Map<string, Outage[]>();

  /** Takes in what a notice says about an outage; the outage it is about, or null. */
  record(notice: Notice): Outage | null {
    switch (notice.kind) {
      case 'down': {
        // A down while the outage lasts is not a new one, and not news.
        if (this.open(notice.target)) return null;
        const outage: Outage = { target: notice.target, address: notice.address, start: notice.at, end: null, cause: null };
        this.add(outage);
        return outage;
      }
      case 'cause': {
        const outage = this.list(notice.target).findLast((o) => o.start === notice.at) ?? this.open(notice.target);
        if (outage) outage.cause = notice.cause;
        return outage ?? null;
      }
      case 'up': {
        const open = this.open(notice.target);
        if (open) {
          open.end = notice.at;
          return open;
        }
        // An outage whose down came before we listened (a daemon watched from mid-outage).
        if (notice.downForSeconds === null) return null;
        const outage: Outage = { target: notice.target, address: notice.address, start: notice.at - notice.downForSeconds, end: notice.at, cause: null };
        this.add(outage);
        return outage;
      }
      case 'stopped': {
        // Nobody watches any more: whatever follows the next start is a new story.
        const open = this.open(notice.target);
        if (open) open.end = notice.at;
        return null;
      }
      default:
        return null;
    }
  }

  isDown(target: string): boolean {
    return this.open(target) !== undefined;
  }

  private open(target: string): Outage | undefined {
    const last = this.list(target).at(-1);
    return last?.end === null ? last : undefined;
  }

  private list(target: string): Outage[] {
    return this.byTarget.get(target) ?? [];
  }

  private add(outage: Outage): void {
    const horizon = outage.start - KEPT_S;
    const kept = this.list(outage.target).filter((o) => o.end === null || o.end >= horizon);
    this.byTarget.set(outage.target, [...kept, outage]);
  }
}
