import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noticeOfEvent } from '../../../src/core/notify/notice-of-event.js';
import type { Notice } from '../../../src/core/notify/notifier.js';
import type { FailoverEvent } from '../../../src/shared/system-events.js';
import { busEvent, type BusEvent, type BusEventType } from '../../../src/shared/live-events.js';

const AT = 1_760_097_600;
const LINKS = { primary: 'fiber', standby: 'lte' };
const figures = { loss_pct: 20, median_rtt_ms: 180, baseline_rtt_ms: 25, reason: 'loss 20 % (threshold 5 %)' };
const noticeFigures = { lossPct: 20, medianRttMs: 180, baselineRttMs: 25, reason: 'loss 20 % (threshold 5 %)' };

/** The primary went down and traffic moved to the standby. */
const failover = (more: Partial<FailoverEvent>): FailoverEvent => ({
  type: 'failover',
  at: AT,
  kind: 'switch',
  active: 'standby',
  primary: { up: false, address: '192.0.2.10' },
  standby: { up: true, address: '198.51.100.7' },
  ...more,
});
const failoverNotice = (more: Partial<Extract<Notice, { kind: 'failover' }>>): Notice => ({
  kind: 'failover',
  at: AT,
  change: 'switch',
  active: 'standby',
  primary: { name: 'fiber', address: '192.0.2.10', up: false },
  standby: { name: 'lte', address: '198.51.100.7', up: true },
  verified: null,
  checked: null,
  ...more,
});

const probeFailure = { ok: false as const, reason: 'timeout' as const };

/** Every type of bus event (the Record makes a new type fail to compile here), with the notice each is news of. */
const TABLE: Record<BusEventType, Array<[why: string, event: BusEvent, notice: Notice | null]>> = {
  session: [
    ['a session opened', { type: 'session', target: 'internet', address: '1.1.1.1', kind: 'started', at: AT }, { kind: 'started', target: 'internet', address: '1.1.1.1', at: AT }],
    ['a session closed', { type: 'session', target: 'internet', address: '1.1.1.1', kind: 'stopped', at: AT }, { kind: 'stopped', target: 'internet', address: '1.1.1.1', at: AT }],
  ],
  failover: [
    ['the state found at start is not news', failover({ kind: 'initial' }), null],
    ['a verified switch', failover({ verified: true }), failoverNotice({ verified: true })],
    ['a switch the routes did not confirm', failover({ active: 'primary', verified: false }), failoverNotice({ active: 'primary', verified: false })],
    [
      'both links down; a link without an address has none',
      failover({ kind: 'both-down', active: null, standby: { up: false, address: '' } }),
      failoverNotice({ change: 'both-down', active: null, standby: { name: 'lte', address: null, up: false } }),
    ],
    ['the check after a switch got no answer', failover({ kind: 'postping', postping: { address: '1.1.1.1', online: false } }), failoverNotice({ change: 'postping-failed', checked: '1.1.1.1' })],
    ['the check after a switch was answered', failover({ kind: 'postping', postping: { address: '1.1.1.1', online: true } }), null],
  ],
  'ip-change': [
    ['the first address seen is not a change', { type: 'ip-change', at: AT, family: 'ipv4', old: null, new: '203.0.113.99', provider: 'https://api.ipify.org' }, null],
    [
      'a change',
      { type: 'ip-change', at: AT, family: 'ipv6', old: '2001:db8::1', new: '2001:db8::2', provider: 'https://api6.ipify.org' },
      { kind: 'ip-change', at: AT, family: 'ipv6', old: '2001:db8::1', new: '2001:db8::2', provider: 'https://api6.ipify.org' },
    ],
  ],
  'ip-unknown': [['no provider answered', { type: 'ip-unknown', at: AT, family: 'ipv4', tried: [{ provider: 'https://api.ipify.org', error: 'timeout' }] }, null]],
  degraded: [['a degraded period began', { type: 'degraded', target: 'internet', start: AT, ...figures }, { kind: 'degraded', target: 'internet', at: AT, figures: noticeFigures }]],
  'degraded-end': [
    [
      'a degraded period ended',
      { type: 'degraded-end', target: 'internet', start: AT, end: AT + 600, ...figures },
      { kind: 'degraded-end', target: 'internet', at: AT + 600, since: AT, figures: noticeFigures },
    ],
  ],
  pause: [
    ['paused for a while', { type: 'pause', at: AT, until: AT + 3600, reason: 'router maintenance' }, { kind: 'paused', at: AT, until: AT + 3600, reason: 'router maintenance' }],
    ['paused until resumed, no reason given', { type: 'pause', at: AT, until: null, reason: ' ' }, { kind: 'paused', at: AT, until: null, reason: null }],
  ],
  resume: [['resumed', { type: 'resume', at: AT }, { kind: 'resumed', at: AT }]],
  transition: [['the engine turns transitions into notices', { type: 'transition', target: 'internet', status: 'DOWN', at: AT, initial: false }, null]],
  'outage-start': [
    [
      'the engine tells of causes',
      { type: 'outage-start', target: 'internet', start: AT, cause: 'isp', evidence: { first_failure: probeFailure, gateway: null, dns: null, addping: [] } },
      null,
    ],
  ],
  'outage-end': [
    [
      'the engine tells of outages ending',
      { type: 'outage-end', target: 'internet', start: AT, end: AT + 60, bounds: { last_success_before: null, first_failure: AT, last_failure: null, first_success_after: null }, addping: [] },
      null,
    ],
  ],
  unmonitored: [['why a session closed: told by its pause', { type: 'unmonitored', target: 'internet', start: AT, until: null, reason: 'paused', detail: '' }, null]],
  'ping-sample': [
    ['a minute of pings', { type: 'ping-sample', target: 'isp', address: '203.0.113.10', at: AT, sent: 60, received: 60, min_ms: 9, avg_ms: 10, max_ms: 12, jitter_ms: 1 }, null],
  ],
  probe: [['one probe', { type: 'probe', target: 'internet', at_ms: AT * 1000, rtt_ms: 12 }, null]],
  state: [['what a view shows', { type: 'state', target: 'internet', state: 'down', since: AT, cause: null }, null]],
  health: [['whether probing works', { type: 'health', at: AT, probing: false, detail: 'no permission to ping' }, null]],
};

describe('the notice a bus event is news of', () => {
  for (const [type, rows] of Object.entries(TABLE)) {
    for (const [why, event, notice] of rows) {
      it(`${type}: ${why}`, () => {
        assert.ok(busEvent.safeParse(event).success, 'the event is one the bus carries');
        assert.deepEqual(noticeOfEvent(event, LINKS), notice);
      });
    }
  }

  it('names the links by role when not told their names', () => {
    const notice = noticeOfEvent(failover({ verified: true }));
    assert.ok(notice?.kind === 'failover');
    assert.deepEqual([notice.primary.name, notice.standby.name], ['primary', 'standby']);
  });
});
