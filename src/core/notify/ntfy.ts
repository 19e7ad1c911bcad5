import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { localZone, type Zone } from '../time/zone.js';
import { DeliveryQueue, type ChannelOptions, type Delivery } from './delivery-queue.js';
import { switchedOver } from './failover-text.js';
import { post } from './http-post.js';
import { deliveryNotes, detail, headline, subject } from './notice-text.js';
import type { Notice, Notifier } from './notifier.js';

export interface NtfyTopic {
  /** The topic's URL, e.g. https://ntfy.sh/my-topic: anyone who knows it can read and post, so it is a secret. */
  url: string;
  /** An access token (tk_…) for a protected topic. */
  token: string | null;
}

export interface NtfyMessage {
  title: string;
  /** ntfy's priority names (docs.ntfy.sh/publish, "Message priority"): high = 4, default = 3, low = 2. */
  priority: 'high' | 'default' | 'low';
  /** Emoji short codes become icons; what the notice is about (notice-text.ts subject) is a plain tag to filter on. */
  tags: string[];
  body: string;
}

interface Look {
  priority: NtfyMessage['priority'];
  emoji: string;
}

/**
 * Losing the internet is worth waking someone for (an outage, no working link); its return or a
 * move to the backup link, less so; the rest should not buzz at all.
 */
function look(notice: Notice): Look {
  switch (notice.kind) {
    case 'down':
      return { priority: 'high', emoji: 'rotating_light' };
    case 'up':
      return { priority: 'default', emoji: 'white_check_mark' };
    case 'cause':
      return { priority: 'low', emoji: 'mag' };
    case 'started':
      return { priority: 'low', emoji: 'arrow_forward' };
    case 'stopped':
      return { priority: 'low', emoji: 'stop_button' };
    case 'failover':
      if (switchedOver(notice)) return { priority: 'default', emoji: 'twisted_rightwards_arrows' };
      return { priority: 'high', emoji: 'rotating_light' };
    case 'ip-change':
      return { priority: 'low', emoji: 'globe_with_meridians' };
    case 'degraded':
      return { priority: 'low', emoji: 'snail' };
    case 'degraded-end':
      return { priority: 'low', emoji: 'ok' };
    case 'paused':
      return { priority: 'low', emoji: 'pause_button' };
    case 'resumed':
      return { priority: 'low', emoji: 'arrow_forward' };
  }
}

export function ntfyMessage(delivery: Delivery, zone: Zone): NtfyMessage {
  const { notice } = delivery;
  const { priority, emoji } = look(notice);
  const about = subject(notice);
  return {
    title: headline(notice),
    priority,
    tags: [emoji, ...(about === null ? [] : [about]), ...(delivery.late ? ['late'] : [])],
    body: [detail(notice, zone), ...deliveryNotes(delivery, zone)].join('\n'),
  };
}

/**
 * ntfy's publish API: a POST to the topic URL, the message as the body, the rest in the headers
 * ntfy documents (Title, Priority, Tags; Authorization: Bearer for an access token).
 */
export class NtfyNotifier implements Notifier {
  readonly name = 'ntfy';
  private readonly queue: DeliveryQueue;

  constructor(topic: NtfyTopic, clock: Clock, log: Logger, options: ChannelOptions = {}) {
    const zone = options.zone ?? localZone();
    this.queue = new DeliveryQueue(this.name, (delivery, signal) => send(topic, ntfyMessage(delivery, zone), signal), clock, log, options.delivery);
  }

  notify(notice: Notice): void {
    this.queue.push(notice);
  }

  flush(ms: number): Promise<void> {
    return this.queue.flush(ms);
  }
}

function send(topic: NtfyTopic, message: NtfyMessage, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    Title: message.title,
    Priority: message.priority,
    Tags: message.tags.join(','),
  };
  if (topic.token !== null) headers.Authorization = `Bearer ${topic.token}`;
  return post(topic.url, headers, message.body, signal);
}
