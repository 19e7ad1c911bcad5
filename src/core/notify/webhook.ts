import { NOTICE_JSON_VERSION, type NoticeJson } from '../../shared/notice-json.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { isoUtc } from '../time/clock-format.js';
import { localZone, type Zone } from '../time/zone.js';
import { DeliveryQueue, type ChannelOptions, type Delivery } from './delivery-queue.js';
import { post } from './http-post.js';
import { deliveryNotes, detail, headline, subject } from './notice-text.js';
import type { DegradedFigures, Notice, Notifier } from './notifier.js';

const NO_OUTAGE = { up_for_s: null, down_for_s: null, cause: null } as const;

/** The JSON body for one delivery (src/shared/notice-json.ts, docs/notifications.md). */
export function noticeBody(delivery: Delivery, zone: Zone): NoticeJson {
  const { notice } = delivery;
  const common: Pick<NoticeJson, 'version' | 'id' | 'time' | 'sent_at' | 'late' | 'dropped_before' | 'text'> = {
    version: NOTICE_JSON_VERSION,
    id: delivery.id,
    time: isoUtc(notice.at),
    sent_at: isoUtc(Math.floor(delivery.sentAt / 1000)),
    late: delivery.late,
    dropped_before: delivery.dropped,
    text: [`${headline(notice)}.`, detail(notice, zone), ...deliveryNotes(delivery, zone)].join(' '),
  };
  switch (notice.kind) {
    case 'started':
    case 'stopped':
    case 'down':
    case 'up':
    case 'cause':
      return {
        ...common,
        kind: notice.kind,
        target: notice.target,
        address: notice.address,
        up_for_s: notice.kind === 'down' ? notice.upForSeconds : null,
        down_for_s: notice.kind === 'up' ? notice.downForSeconds : null,
        cause: notice.kind === 'cause' ? notice.cause : null,
      };
    case 'failover': {
      const { change, active, primary, standby, verified, checked } = notice;
      return {
        ...common,
        ...NO_OUTAGE,
        kind: 'failover',
        target: subject(notice),
        address: active === null ? null : notice[active].address,
        failover: { change, active, primary, standby, verified, checked },
      };
    }
    case 'ip-change':
      return { ...common, ...NO_OUTAGE, kind: 'ip-change', target: null, address: null, ip_change: { family: notice.family, old: notice.old, new: notice.new, provider: notice.provider } };
    case 'degraded':
      return { ...common, ...NO_OUTAGE, kind: 'degraded', target: notice.target, address: null, degraded: degradedJson(notice.at, null, notice.figures) };
    case 'degraded-end':
      return { ...common, ...NO_OUTAGE, kind: 'degraded-end', target: notice.target, address: null, degraded: degradedJson(notice.since, notice.at - notice.since, notice.figures) };
    case 'paused':
      return { ...common, ...NO_OUTAGE, kind: 'paused', target: null, address: null, pause: { until: notice.until === null ? null : isoUtc(notice.until), reason: notice.reason } };
    case 'resumed':
      return { ...common, ...NO_OUTAGE, kind: 'resumed', target: null, address: null, pause: null };
  }
}

function degradedJson(since: number, lastedSeconds: number | null, figures: DegradedFigures) {
  return {
    since: isoUtc(since),
    lasted_s: lastedSeconds,
    loss_pct: figures.lossPct,
    median_rtt_ms: figures.medianRttMs,
    baseline_rtt_ms: figures.baselineRttMs,
    reason: figures.reason,
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
