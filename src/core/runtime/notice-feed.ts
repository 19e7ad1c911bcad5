import { noticeOfEvent, type LinkNames } from '../notify/notice-of-event.js';
import type { Notice, Notifier } from '../notify/notifier.js';
import type { EventBus } from './event-bus.js';

/** Told to the channels as they are; transitions, causes and sessions are made into notices here. */
const NEWS = ['failover', 'ip-change', 'degraded', 'degraded-end', 'pause', 'resume'] as const;

/**
 * Turns what the bus carries into the notices every channel (Discord, webhook, ntfy, the action
 * script, the desktop) is offered; each channel keeps only the kinds it asked for. A transition
 * becomes `up` or `down` with how long the state before it lasted, which only a listener that
 * saw both knows. A failover link's own sessions and transitions are its record, not news: the
 * failover notice tells what happened to the traffic (and imon's scripts hear failover-*, never
 * updown-*, of a link).
 */
export class NoticeFeed {
  private readonly last = new Map<string, { status: 'UP' | 'DOWN'; at: number }>();
  private readonly addresses = new Map<string, string>();
  private readonly unsubscribe: Array<() => void>;

  constructor(
    bus: EventBus,
    private notifiers: readonly Notifier[],
    private readonly links: () => LinkNames | undefined,
  ) {
    this.unsubscribe = [
      bus.on(['session'], (e) => {
        if (this.isLink(e.target)) return;
        this.addresses.set(e.target, e.address);
        if (e.kind === 'started') this.last.delete(e.target);
        this.send({ kind: e.kind, target: e.target, address: e.address, at: e.at });
      }),
      bus.on(['transition'], (e) => {
        if (this.isLink(e.target)) return;
        const previous = this.last.get(e.target);
        this.last.set(e.target, { status: e.status, at: e.at });
        const lasted = previous && previous.status !== e.status ? e.at - previous.at : null;
        const address = this.addresses.get(e.target) ?? e.target;
        this.send(e.status === 'UP' ? { kind: 'up', target: e.target, address, at: e.at, downForSeconds: lasted } : { kind: 'down', target: e.target, address, at: e.at, upForSeconds: lasted });
      }),
      bus.on(['outage-start'], (e) => {
        if (!this.isLink(e.target)) this.send({ kind: 'cause', target: e.target, address: this.addresses.get(e.target) ?? e.target, at: e.start, cause: e.cause });
      }),
      bus.on(NEWS, (e) => {
        const notice = noticeOfEvent(e, this.links());
        if (notice) this.send(notice);
      }),
    ];
  }

  /** A new configuration's channels; the old ones are the caller's to flush. */
  replace(notifiers: readonly Notifier[]): void {
    this.notifiers = notifiers;
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
  }

  private isLink(target: string): boolean {
    const links = this.links();
    return links !== undefined && (links.primary === target || links.standby === target);
  }

  private send(notice: Notice): void {
    for (const n of this.notifiers) n.notify(notice);
  }
}
