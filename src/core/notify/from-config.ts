import type { NotifyConfig } from '../../shared/config-schema.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { ChosenNotices } from './chosen-notices.js';
import { DiscordNotifier } from './discord.js';
import type { Notifier } from './notifier.js';
import { NtfyNotifier } from './ntfy.js';
import { WebhookNotifier } from './webhook.js';

/** One notifier per channel the configuration names, each with its own queue and logger, told only the groups it chose. */
export function notifiersFromConfig(notify: NotifyConfig, clock: Clock, log: Logger): Notifier[] {
  const notifiers: Notifier[] = [];
  const { discord, webhook, ntfy } = notify;
  if (discord) notifiers.push(new ChosenNotices(new DiscordNotifier(discord.webhook, clock, log.child('discord')), discord.events));
  if (webhook) notifiers.push(new ChosenNotices(new WebhookNotifier(webhook.url, clock, log.child('webhook')), webhook.events));
  if (ntfy) notifiers.push(new ChosenNotices(new NtfyNotifier(ntfy, clock, log.child('ntfy')), ntfy.events));
  return notifiers;
}
