import type { DesktopNotifyConfig } from '../shared/config-schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { DesktopNotices } from '../core/notify/desktop/desktop-notices.js';
import type { Toast } from '../core/notify/desktop/toast.js';
import type { LinkNames } from '../core/notify/notice-of-event.js';
import { EventBus } from '../core/runtime/event-bus.js';
import { NoticeFeed } from '../core/runtime/notice-feed.js';
import type { Zone } from '../core/time/zone.js';
import type { MonitorSource } from './monitor-source.js';

/** Shows a toast; `onClick` runs where the platform reports a click on it (node-notifier-toasts.ts). */
export interface ToastPort {
  show(toast: Pick<Toast, 'title' | 'body'>, onClick: () => void): void;
}

export interface NotificationsDeps {
  /** The app's own monitors or a watched daemon: its live events are what is told. */
  source: MonitorSource;
  toasts: ToastPort;
  config: DesktopNotifyConfig;
  /** The failover links' names: their own transitions are told by the failover notice, not as outages. */
  links: () => LinkNames | undefined;
  clock: Clock;
  zone: Zone;
  isDashboardInFront(): boolean;
  openDashboard(): void;
  log: Logger;
}

export interface Notifications {
  /** Settings saved: the desktop part of them applies at once. */
  update(config: DesktopNotifyConfig): void;
  stop(): void;
}

/**
 * The desktop notifications: the source's events become notices exactly as they do for every
 * other channel (the runtime's NoticeFeed, over a bus of the app's own that the source fills),
 * the desktop's rules choose which are shown and when (core/notify/desktop), and a click on a
 * toast opens the dashboard.
 */
export function setupNotifications(deps: NotificationsDeps): Notifications {
  const bus = new EventBus(deps.log);
  const desktop = new DesktopNotices({
    clock: deps.clock,
    zone: deps.zone,
    config: deps.config,
    isDashboardInFront: () => deps.isDashboardInFront(),
    show: (toast) => deps.toasts.show(toast, () => deps.openDashboard()),
  });
  const feed = new NoticeFeed(bus, [desktop], deps.links);
  const unsubscribe = deps.source.subscribe((event) => bus.publish(event));
  return {
    update: (config) => desktop.update(config),
    stop: () => {
      unsubscribe();
      feed.dispose();
      desktop.stop();
    },
  };
}
