import notifier from 'node-notifier';
import type { Logger } from '../core/log.js';
import type { ToastPort } from './notifications.js';

/** The slice of node-notifier used; its callback's `err` is the notifier's stderr text on Linux, not always an Error. */
export interface NotifierPort {
  notify(options: Record<string, string | boolean>, callback: (err: unknown, response: string | undefined) => void): unknown;
}

export interface NodeNotifierToastsDeps {
  /** An image file for the toast (the tray's "down" or "up" picture serves). */
  icon: string;
  log: Logger;
  notifier?: NotifierPort;
  platform?: NodeJS.Platform;
}

/** The Windows AppUserModelID: electron-builder.yml's appId, under which the installed app's toasts are shown. */
const WINDOWS_APP_ID = 'org.nom.monitor';

/**
 * Toasts through node-notifier: notify-send on Linux, the toast notifier on Windows, the
 * Notification Center on macOS. Only the last two report clicks, and only while node-notifier
 * waits for them; notify-send cannot, and waiting would only shorten the toast, so it does
 * not. A toast that cannot be shown is logged: no notification may break the app.
 */
export function nodeNotifierToasts({ icon, log, notifier: port = notifier, platform = process.platform }: NodeNotifierToastsDeps): ToastPort {
  const own: Record<string, string | boolean> =
    platform === 'linux' ? { 'app-name': 'nom', wait: false } : platform === 'win32' ? { appID: WINDOWS_APP_ID, wait: true } : { wait: true };
  return {
    show(toast, onClick) {
      const failed = (err: unknown) => log.warn('a desktop notification could not be shown', { title: toast.title, error: err instanceof Error ? err.message : String(err) });
      try {
        port.notify({ title: toast.title, message: toast.body, icon, ...own }, (err, response) => {
          if (err) failed(err);
          else if (response === 'activate') onClick();
        });
      } catch (err) {
        failed(err);
      }
    },
  };
}
