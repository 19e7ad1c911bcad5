import type { OutageCause } from '../../shared/events.js';

/** Something worth telling the user about one target. */
export type Notice =
  | { kind: 'started'; target: string; address: string; at: number }
  | { kind: 'stopped'; target: string; address: string; at: number }
  | { kind: 'down'; target: string; address: string; at: number; upForSeconds: number | null }
  | { kind: 'up'; target: string; address: string; at: number; downForSeconds: number | null }
  | { kind: 'cause'; target: string; address: string; at: number; cause: OutageCause };

/** A channel (Discord, a webhook, the desktop…). notify() must return at once: delivery happens behind it. */
export interface Notifier {
  readonly name: string;
  notify(notice: Notice): void;
  /** Delivers what is queued, for at most `ms`, then gives up on the rest. */
  flush(ms: number): Promise<void>;
}
