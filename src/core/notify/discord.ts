import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { formatSeedDuration } from '../time/duration.js';
import { localZone, type Zone } from '../time/zone.js';
import { DeliveryQueue, type ChannelOptions, type Delivery } from './delivery-queue.js';
import { switchedOver } from './failover-text.js';
import { post } from './http-post.js';
import { deliveryNotes, detail, headline } from './notice-text.js';
import type { Notice, Notifier } from './notifier.js';

interface DiscordEmbed {
  title: string;
  description: string | null;
  color: number;
}

const GREEN = 0x2ecc71;
const RED = 0xe74c3c;
const BLUE = 0x0389fa;
/** For the kinds network-outage-monitor did not have (colour()). */
const ORANGE = 0xe67e22;
const YELLOW = 0xf1c40f;
const PURPLE = 0x9b59b6;
const GREY = 0x95a5a6;

/**
 * network-outage-monitor's Discord messages: the same username, titles and colours. Its "Was
 * unreachable for …" line only appeared after a restart, because its test was inverted; here it
 * tells how long the previous state lasted whenever that is known. The kinds it did not have use
 * the words the other channels use (notice-text.ts).
 */
export function discordEmbed(notice: Notice, zone: Zone): DiscordEmbed | null {
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
    default:
      return { title: headline(notice), description: detail(notice, zone), color: colour(notice) };
  }
}

/** Red: no internet; orange, yellow: it works, worse than it should; green: back to normal; the rest is news of another sort. */
function colour(notice: Exclude<Notice, { kind: 'started' | 'stopped' | 'up' | 'down' | 'cause' }>): number {
  switch (notice.kind) {
    case 'failover':
      if (!switchedOver(notice)) return RED;
      return notice.active === 'standby' ? ORANGE : GREEN;
    case 'ip-change':
      return PURPLE;
    case 'degraded':
      return YELLOW;
    case 'degraded-end':
      return GREEN;
    case 'paused':
      return GREY;
    case 'resumed':
      return BLUE;
  }
}

/** The embed with what its delivery adds (a folded outage, a late or dropped notice) under the description. */
export function discordDelivery(delivery: Delivery, zone: Zone): DiscordEmbed | null {
  const embed = discordEmbed(delivery.notice, zone);
  if (!embed) return null;
  const lines = [embed.description, ...deliveryNotes(delivery, zone)].filter((line): line is string => line !== null);
  return { ...embed, description: lines.length ? lines.join('\n') : null };
}

export class DiscordNotifier implements Notifier {
  readonly name = 'discord';
  private readonly queue: DeliveryQueue;
  private readonly zone: Zone;

  constructor(url: string, clock: Clock, log: Logger, options: ChannelOptions = {}) {
    this.zone = options.zone ?? localZone();
    this.queue = new DeliveryQueue(this.name, (delivery, signal) => send(url, delivery, this.zone, signal), clock, log, options.delivery);
  }

  /** Causes are not queued: network-outage-monitor's messages have no place for them. */
  notify(notice: Notice): void {
    if (discordEmbed(notice, this.zone)) this.queue.push(notice);
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
