import { DesktopNotices } from '../../../../src/core/notify/desktop/desktop-notices.js';
import type { Toast } from '../../../../src/core/notify/desktop/toast.js';
import type { Notice } from '../../../../src/core/notify/notifier.js';
import { namedZone } from '../../../../src/core/time/zone.js';
import { DESKTOP_NOTIFY_DEFAULTS, type DesktopNotifyConfig } from '../../../../src/shared/config-schema.js';
import type { OutageCause } from '../../../../src/shared/events.js';
import { FakeClock } from '../../../support/fake-clock.js';

export const OSLO = namedZone('Europe/Oslo');
/** 2025-10-10 14:00:00 in Oslo (UTC+2). */
export const TWO_PM = Date.UTC(2025, 9, 10, 12, 0, 0);
export const ROUTER = { target: 'router', address: '192.0.2.1' };

/**
 * The desktop notices on a fake clock in Oslo, fed notices as the notice feed gives them (a
 * target's `at` is the clock's second unless told otherwise), every toast shown recorded.
 */
export class DesktopRig {
  readonly clock: FakeClock;
  readonly toasts: Toast[] = [];
  dashboardInFront = false;
  readonly notices: DesktopNotices;

  constructor(config: Partial<DesktopNotifyConfig> = {}, startMs = TWO_PM) {
    this.clock = new FakeClock(startMs);
    this.notices = new DesktopNotices({
      clock: this.clock,
      zone: OSLO,
      config: { ...DESKTOP_NOTIFY_DEFAULTS, ...config },
      isDashboardInFront: () => this.dashboardInFront,
      show: (toast) => this.toasts.push(toast),
    });
  }

  get now(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  async wait(seconds: number): Promise<void> {
    await this.clock.advance(seconds * 1000);
  }

  tell(notice: Notice): void {
    this.notices.notify(notice);
  }

  /** The outage confirmed now, having begun `ago` seconds before (its first failed probe). */
  down(target = ROUTER, ago = 0): number {
    const at = this.now - ago;
    this.tell({ kind: 'down', ...target, at, upForSeconds: null });
    return at;
  }

  cause(cause: OutageCause, start: number, target = ROUTER): void {
    this.tell({ kind: 'cause', ...target, at: start, cause });
  }

  up(downForSeconds: number | null, target = ROUTER): void {
    this.tell({ kind: 'up', ...target, at: this.now, downForSeconds });
  }

  /** An outage of `seconds`, its cause known at once, ending now + seconds. */
  async outage(seconds: number, cause: OutageCause = 'isp', target = ROUTER): Promise<void> {
    const start = this.down(target);
    this.cause(cause, start, target);
    await this.wait(seconds);
    this.up(seconds, target);
  }

  titles(): string[] {
    return this.toasts.map((t) => t.title);
  }
}
