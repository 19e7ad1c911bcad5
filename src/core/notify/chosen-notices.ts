import type { NoticeGroup } from '../../shared/config-schema.js';
import type { Notice, NoticeKind, Notifier } from './notifier.js';

/** The group each kind is chosen by, in a channel's `events` (config-schema.ts). */
export const GROUP_OF: Record<NoticeKind, NoticeGroup> = {
  down: 'outage',
  up: 'restored',
  cause: 'cause',
  started: 'session',
  stopped: 'session',
  degraded: 'degraded',
  'degraded-end': 'degraded',
  failover: 'failover',
  'ip-change': 'ip-change',
  paused: 'pause',
  resumed: 'pause',
};

/**
 * A channel told only the notices of the groups its configuration chose. The rest are dropped
 * here, before the channel's queue, so they take no place in it and are never sent, and no
 * channel needs its own copy of the test.
 */
export class ChosenNotices implements Notifier {
  readonly name: string;
  private readonly groups: ReadonlySet<NoticeGroup>;

  constructor(
    private readonly channel: Notifier,
    groups: readonly NoticeGroup[],
  ) {
    this.name = channel.name;
    this.groups = new Set(groups);
  }

  private wants(notice: Notice): boolean {
    return this.groups.has(GROUP_OF[notice.kind]);
  }

  notify(notice: Notice): void {
    if (this.wants(notice)) this.channel.notify(notice);
  }

  flush(ms: number): Promise<void> {
    return this.channel.flush(ms);
  }
}
