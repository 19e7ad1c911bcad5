import type { NotifyConfig } from '../../shared/config-schema.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { DiscordNotifier } from './discord.js';
import type { Notifier } from './notifier.js';
import { NtfyNotifier } from './ntfy.js';
import { WebhookNotifier } from './webhook.js';

/** One notifier per channel the configuration names, each with its own queue and logger. */
export function notifiersFromConfig(notify: NotifyConfig, clock: Clock, log: Logger): Notifier[] {
  const notifiers: Notifier[] = [];
  if (notify.discord) notifiers.push(new DiscordNotifier(notify.discord.webhook, clock, log.child('discord')));
  if (notify.webhook) notifiers.push(new WebhookNotifier(notify.webhook.url, clock, log.child('webhook')));
  if (notify.ntfy) notifiers.push(new NtfyNotifier(notify.ntfy, clock, log.child('ntfy')));
  return notifiers;
}
