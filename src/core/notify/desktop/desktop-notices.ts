import type { DesktopNotifyConfig, NoticeGroup } from '../../../shared/config-schema.js';
import type { Clock, Timer } from '../../clock.js';
import type { Zone } from '../../time/zone.js';
import { GROUP_OF } from '../chosen-notices.js';
import type { Notice, Notifier } from '../notifier.js';
import { BurstWindows } from './burst-windows.js';
import { DegradedSpells } from './degraded-spells.js';
import { OutageBook, type Outage } from './outage-book.js';
import { inQuietHours, quietHoursEnd } from './quiet-hours.js';
import type { Toast } from './toast.js';
import { burstToast, downToast, newsToast, quietToast, restoredToast, type NewsNotice, type QuietRecord } from './toast-text.js';

/**
 * How long a confirmed outage's toast waits for its cause. The cause comes after the down (the
 * engine probes the gateway, DNS and the extra addresses first, each for at most `pingwait`);
 * past this the outage is told without it, since a late "Internet down" is worth less.
 */
export const CAUSE_WAIT_MS = 3_000;

export interface DesktopNoticesDeps {
  clock: Clock;
  /** Whose wall clock the quiet hours and the times in the words follow. */
  zone: Zone;
  config: DesktopNotifyConfig;
  /** The user is looking at the dashboard: a toast would only repeat what is in front of them. */
  isDashboardInFront(): boolean;
  show(toast: Toast): void;
}

interface QuietLedger {
  readonly outages: Set<Outage>;
  readonly news: NewsNotice[];
  timer: Timer;
}

/**
 * The desktop's notices: which notices become toasts, and when. A kind not chosen is never
 * shown; an outage waits a moment for its cause; a flapping link is told in one summary per
 * window (burst-windows.ts), a line whose quality comes and goes as one spell
 * (degraded-spells.ts); nothing is shown in quiet hours, and one summary of them is shown
 * when they end; nothing is shown while the dashboard is in front. The configuration may be
 * replaced at any time and applies at once.
 */
export class DesktopNotices implements Notifier {
  readonly name = 'desktop';
  private config: DesktopNotifyConfig;
  private readonly book = new OutageBook();
  private readonly bursts: BurstWindows;
  private readonly degraded: DegradedSpells;
  private readonly awaitingCause = new Map<Outage, Timer>();
  private quiet: QuietLedger | null = null;

  constructor(private readonly deps: DesktopNoticesDeps) {
    this.config = deps.config;
    this.bursts = new BurstWindows(deps.clock, (outages, held) => this.summarize(outages, held));
    // A spell's end that comes due in quiet hours is not told: the summary says the target worked poorly.
    this.degraded = new DegradedSpells(deps.clock, (end) => {
      if (!this.isQuiet()) this.show(newsToast(end, deps.zone));
    });
  }

  notify(notice: Notice): void {
    // The book follows every outage, told or not: a restored toast names the length of an outage whose down was not shown.
    const outage = this.book.record(notice);
    if (notice.kind === 'down') this.degraded.wentDown(notice.target);
    if (!this.config.enabled) return;
    if (this.quiet && !this.isQuiet()) this.endQuiet();
    if (this.isQuiet()) {
      this.hold(notice, outage);
      return;
    }
    switch (notice.kind) {
      case 'down':
        if (outage && this.bursts.began(outage, this.config.coalesceS)) this.awaitCause(outage);
        return;
      case 'cause':
        if (outage && this.awaitingCause.has(outage)) this.tellDown(outage);
        return;
      case 'up':
        if (!outage) return;
        // Over before its cause came: the restored toast tells the whole outage, and a down shown now would be stale.
        this.stopAwaiting(outage);
        if (this.bursts.ended(outage)) this.show(restoredToast(outage, this.nowS()));
        return;
      case 'degraded':
        if (this.degraded.began(notice.target, notice.at)) this.show(newsToast(notice, this.deps.zone));
        return;
      case 'degraded-end':
        this.degraded.ended(notice, this.config.coalesceS);
        return;
      case 'failover':
      case 'ip-change':
        this.show(newsToast(notice, this.deps.zone));
        return;
      default:
        return;
    }
  }

  /** Settings saved: the new configuration applies from now on, to what is held too. */
  update(config: DesktopNotifyConfig): void {
    this.config = config;
    if (!config.enabled) {
      this.forgetAll();
      return;
    }
    const quiet = this.quiet;
    if (!quiet) return;
    this.deps.clock.clearTimeout(quiet.timer);
    if (this.isQuiet()) quiet.timer = this.quietTimer();
    else this.endQuiet();
  }

  /** Nothing is queued: a toast is shown or dropped when it is due. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  /** Stops every timer; what is held is not shown. */
  stop(): void {
    this.forgetAll();
  }

  private awaitCause(outage: Outage): void {
    if (outage.cause !== null) {
      this.tellDown(outage);
      return;
    }
    this.awaitingCause.set(
      outage,
      this.deps.clock.setTimeout(() => this.tellDown(outage), CAUSE_WAIT_MS),
    );
  }

  private tellDown(outage: Outage): void {
    this.stopAwaiting(outage);
    if (this.isQuiet()) this.holdOutages([outage]);
    else this.show(downToast(outage, this.nowS(), this.deps.zone));
  }

  private stopAwaiting(outage: Outage): void {
    const timer = this.awaitingCause.get(outage);
    if (timer === undefined) return;
    this.deps.clock.clearTimeout(timer);
    this.awaitingCause.delete(outage);
  }

  /** A burst window closed with these outages of one target; in quiet hours they keep only what was not told. */
  private summarize(outages: Outage[], held: Outage[]): void {
    if (this.isQuiet()) {
      this.holdOutages(held);
      return;
    }
    const [only] = outages;
    const now = this.nowS();
    if (outages.length === 1 && only) this.show(only.end === null ? downToast(only, now, this.deps.zone) : restoredToast(only, now));
    else if (only) this.show(burstToast(outages, this.book.isDown(only.target), now));
  }

  private hold(notice: Notice, outage: Outage | null): void {
    if ((notice.kind === 'down' || notice.kind === 'up') && outage) this.holdOutages([outage]);
    if (notice.kind === 'degraded' || notice.kind === 'failover' || notice.kind === 'ip-change') this.ledger().news.push(notice);
  }

  private holdOutages(outages: readonly Outage[]): void {
    const ledger = this.ledger();
    for (const outage of outages) ledger.outages.add(outage);
  }

  private ledger(): QuietLedger {
    this.quiet ??= { outages: new Set(), news: [], timer: this.quietTimer() };
    return this.quiet;
  }

  private quietTimer(): Timer {
    const hours = this.config.quietHours;
    const now = this.deps.clock.now();
    const wait = hours === null ? 0 : quietHoursEnd(hours, now, this.deps.zone) - now;
    return this.deps.clock.setTimeout(() => this.endQuiet(), wait);
  }

  /** One toast of what the quiet hours held; the burst windows open before them are told in it too. */
  private endQuiet(): void {
    const quiet = this.quiet;
    if (!quiet) return;
    this.deps.clock.clearTimeout(quiet.timer);
    if (this.isQuiet()) {
      quiet.timer = this.quietTimer();
      return;
    }
    this.quiet = null;
    this.bursts.clear();
    this.degraded.clear();
    const toast = quietToast(this.quietRecord(quiet), this.nowS());
    if (toast) this.show(toast);
  }

  private quietRecord(quiet: QuietLedger): QuietRecord {
    const byTarget = new Map<string, Outage[]>();
    if (this.chose('outage') || this.chose('restored')) {
      for (const o of [...quiet.outages].sort((a, b) => a.start - b.start)) byTarget.set(o.target, [...(byTarget.get(o.target) ?? []), o]);
    }
    return {
      outages: [...byTarget].map(([target, outages]) => ({ target, outages, stillDown: this.book.isDown(target) })),
      news: quiet.news.filter((n) => this.chose(GROUP_OF[n.kind])),
    };
  }

  private show(toast: Toast): void {
    if (!this.shows(toast) || this.deps.isDashboardInFront()) return;
    this.deps.show(toast);
  }

  private shows(toast: Toast): boolean {
    switch (toast.kind) {
      case 'burst':
        return this.chose('outage') || this.chose('restored');
      case 'quiet-hours':
        return true;
      default:
        return this.chose(toast.kind);
    }
  }

  private chose(group: NoticeGroup): boolean {
    return this.config.enabled && (this.config.events as readonly NoticeGroup[]).includes(group);
  }

  private isQuiet(): boolean {
    return inQuietHours(this.config.quietHours, this.deps.clock.now(), this.deps.zone);
  }

  private forgetAll(): void {
    this.bursts.clear();
    this.degraded.clear();
    for (const timer of this.awaitingCause.values()) this.deps.clock.clearTimeout(timer);
    this.awaitingCause.clear();
    if (this.quiet) this.deps.clock.clearTimeout(this.quiet.timer);
    this.quiet = null;
  }

  private nowS(): number {
    return Math.floor(this.deps.clock.now() / 1000);
  }
}
