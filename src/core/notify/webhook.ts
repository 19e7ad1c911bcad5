import { NOTICE_JSON_VERSION, type NoticeJson } from '../../shared/notice-json.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { isoUtc } from '../time/clock-format.js';
import { localZone, type Zone } from '../time/zone.js';
import { DeliveryQueue, type ChannelOptions, type Delivery } from './delivery-queue.js';
import { post } from './http-post.js';
import { deliveryNotes, detail, headline } from './notice-text.js';
import type { Notice, Notifier } from './notifier.js';

/** The JSON body for one delivery (src/shared/notice-json.ts, docs/notifications.md). */
export function noticeBody(delivery: Delivery, zone: Zone): NoticeJson {
  const { notice } = delivery;
  return {
    version: NOTICE_JSON_VERSION,
    id: delivery.id,
    kind: notice.kind,
    target: notice.target,
    address: notice.address,
    time: isoUtc(notice.at),
    sent_at: isoUtc(Math.floor(delivery.sentAt / 1000)),
    late: delivery.late,
    up_for_s: notice.kind === 'down' ? notice.upForSeconds : null,
    down_for_s: notice.kind === 'up' ? notice.downForSeconds : null,
    cause: notice.kind === 'cause' ? notice.cause : null,
    dropped_before: delivery.dropped,
    text: [`${headline(notice)}.`, detail(notice), ...deliveryNotes(delivery, zone)].join(' '),
  };
}

/** A generic JSON webhook: every notice, in order, none folded (a program reads it and may keep the sequence). */
export class WebhookNotifier implements Notifier {
  readonly name = 'webhook';
  private readonly queue: DeliveryQueue;

  constructor(url: string, clock: Clock, log: Logger, options: ChannelOptions = {}) {
    const zone = options.zone ?? localZone();
    const send = (delivery: Delivery, signal: AbortSignal): Promise<void> =>
      post(url, { 'Content-Type': 'application/json' }, JSON.stringify(noticeBody(delivery, zone)), signal);
    this.queue = new DeliveryQueue(this.name, send, clock, log, { foldStaleOutages: false, ...options.delivery });
  }

  notify(notice: Notice): void {
    this.queue.push(notice);
  }

  flush(ms: number): Promise<void> {
    return this.queue.flush(ms);
  }
}
