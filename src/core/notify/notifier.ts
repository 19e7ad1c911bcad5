import type { OutageCause } from '../../shared/events.js';
import type { FailoverEvent } from '../../shared/system-events.js';

export type LinkRole = NonNullable<FailoverEvent['active']>;

/** A failover link as a notice names it. `address`: the interface's own, null when it has none. */
export interface LinkNotice {
  name: string;
  address: string | null;
  up: boolean;
}

/** How a degraded period was measured (loss in percent, round trips in ms), and the reason in words. */
export interface DegradedFigures {
  lossPct: number | null;
  medianRttMs: number | null;
  baselineRttMs: number | null;
  reason: string;
}

/**
 * Something worth telling the user: about one target (started … cause, degraded), or about the
 * whole instance (failover, ip-change, paused, resumed). `at` is when it happened, unix seconds.
 */
export type Notice =
  | { kind: 'started'; target: string; address: string; at: number }
  | { kind: 'stopped'; target: string; address: string; at: number }
  | { kind: 'down'; target: string; address: string; at: number; upForSeconds: number | null }
  | { kind: 'up'; target: string; address: string; at: number; downForSeconds: number | null }
  | { kind: 'cause'; target: string; address: string; at: number; cause: OutageCause }
  /**
   * switch: traffic moved to `active` (or, not verified, could not be moved); both-down: no link
   * works; postping-failed: after a switch, `checked` did not answer through the active link.
   * `verified`: the new default route was read back and matched; null when not checked.
   */
  | {
      kind: 'failover';
      at: number;
      change: 'switch' | 'both-down' | 'postping-failed';
      active: LinkRole | null;
      primary: LinkNotice;
      standby: LinkNotice;
      verified: boolean | null;
      checked: string | null;
    }
  | { kind: 'ip-change'; at: number; family: 'ipv4' | 'ipv6'; old: string; new: string; provider: string }
  | { kind: 'degraded'; target: string; at: number; figures: DegradedFigures }
  /** `at` is when the period ended, `since` when it began. */
  | { kind: 'degraded-end'; target: string; at: number; since: number; figures: DegradedFigures }
  /** `until`: when probing resumes by itself; null: when someone resumes it. */
  | { kind: 'paused'; at: number; until: number | null; reason: string | null }
  | { kind: 'resumed'; at: number };

export type NoticeKind = Notice['kind'];
export type FailoverNotice = Extract<Notice, { kind: 'failover' }>;

/** A channel (Discord, a webhook, the desktop…). notify() must return at once: delivery happens behind it. */
export interface Notifier {
  readonly name: string;
  notify(notice: Notice): void;
  /** Delivers what is queued, for at most `ms`, then gives up on the rest. */
  flush(ms: number): Promise<void>;
}
