import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { formatSeedDuration } from '../time/duration.js';
import { localZone, type Zone } from '../time/zone.js';
import { DeliveryQueue, type ChannelOptions, type Delivery } from './delivery-queue.js';
import { post } from './http-post.js';
import { deliveryNotes } from './notice-text.js';
import type { Notice, Notifier } from './notifier.js';

interface DiscordEmbed {
  title: string;
  description: string | null;
  color: number;
}

const GREEN = 0x2ecc71;
const RED = 0xe74c3c;
const BLUE = 0x0389fa;

/**
 * network-outage-monitor's Discord messages: the same username, titles and colours. Its "Was
 * unreachable for …" line only appeared after a restart, because its test was inverted; here it
 * tells how long the previous state lasted whenever that is known.
 */
export function discordEmbed(notice: Notice): DiscordEmbed | null {
  switch (notice.kind) {
    case 'started':
      return { title: `Started monitoring ${notice.address}`, description: null, color: BLUE };
    case 'stopped':
      return { title: `Stopped monitoring ${notice.address}`, description: null, color: BLUE };
    case 'up':
      return {
        title: `${notice.address} is REACHABLE`,
        description: notice.downForSeconds === null ? null : `Was unreachable for ${formatSeedDuration(notice.downForSeconds)}`,
        color: GREEN,
      };
    case 'down':
      return {
        title: `${notice.address} is UNREACHABLE`,
        description: notice.upForSeconds === null ? null : `Was reachable for ${formatSeedDuration(notice.upForSeconds)}`,
        color: RED,
      };
    case 'cause':
      return null;
  }
}

/** The embed with what its delivery adds (a folded outage, a late or dropped notice) under the description. */
export function discordDelivery(delivery: Delivery, zone: Zone): DiscordEmbed | null {
  const embed = discordEmbed(delivery.notice);
  if (!embed) return null;
  const lines = [embed.description, ...deliveryNotes(delivery, zone)].filter((line): line is string => line !== null);
  return { ...embed, description: lines.length ? lines.join('\n') : null };
}

export class DiscordNotifier implements Notifier {
  readonly name = 'discord';
  private readonly queue: DeliveryQueue;

  constructor(url: string, clock: Clock, log: Logger, options: ChannelOptions = {}) {
    const zone = options.zone ?? localZone();
    this.queue = new DeliveryQueue(this.name, (delivery, signal) => send(url, delivery, zone, signal), clock, log, options.delivery);
  }

  /** Causes are not queued: network-outage-monitor's messages have no place for them. */
  notify(notice: Notice): void {
    if (discordEmbed(notice)) this.queue.push(notice);
  }

  flush(ms: number): Promise<void> {
    return this.queue.flush(ms);
  }
}

async function send(url: string, delivery: Delivery, zone: Zone, signal: AbortSignal): Promise<void> {
  const embed = discordDelivery(delivery, zone);
  if (!embed) return;
  await post(url, { 'Content-Type': 'application/json' }, JSON.stringify({ username: 'Network Outage Monitor', embeds: [embed] }), signal);
}
