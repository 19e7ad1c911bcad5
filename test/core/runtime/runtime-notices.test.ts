import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChosenNotices } from '../../../src/core/notify/chosen-notices.js';
import type { NoticeKind } from '../../../src/core/notify/notifier.js';
import { noticeGroup, type NoticeGroup } from '../../../src/shared/config-schema.js';
import { tempDir } from '../../support/tmp.js';
import { CONFIG } from '../monitors/failover-fakes.js';
import { outage, RecordingNotifier, runtimeRig, S0, updownConfig } from './runtime-rig.js';

const LINK = { up: true, address: '192.0.2.1' };

describe('runtime: every kind of event reaches every channel that asked for it', () => {
  it('outages, causes, sessions, degraded periods, failovers, IP changes and pauses, each only where chosen', async () => {
    const everything = new RecordingNotifier('everything');
    const outages = new RecordingNotifier('outages');
    const network = new RecordingNotifier('network');
    const choices: Array<[RecordingNotifier, readonly NoticeGroup[]]> = [
      [everything, noticeGroup.options],
      [outages, ['outage', 'restored']],
      [network, ['failover', 'ip-change', 'degraded']],
    ];
    const { runtime, clock, stop, settle } = runtimeRig(tempDir(), outage(10.5, 20), undefined, () => choices.map(([channel, groups]) => new ChosenNotices(channel, groups)));
    await runtime.start();
    await clock.advance(30_000);
    // What the failover, ddns and degraded monitors publish, as they publish it.
    runtime.bus.publish({ type: 'failover', at: S0 + 30, kind: 'switch', active: 'standby', primary: { ...LINK, up: false }, standby: LINK, verified: true });
    runtime.bus.publish({ type: 'ip-change', at: S0 + 31, family: 'ipv4', old: '198.51.100.1', new: '198.51.100.2', provider: 'https://ip.example' });
    runtime.bus.publish({ type: 'degraded', target: 'internet', start: S0 + 32, loss_pct: 20, median_rtt_ms: 5, baseline_rtt_ms: 5, reason: 'loss 20 %' });
    runtime.bus.publish({ type: 'degraded-end', target: 'internet', start: S0 + 32, end: S0 + 92, loss_pct: 20, median_rtt_ms: 5, baseline_rtt_ms: 5, reason: 'loss 20 %' });
    await settle(runtime.pause(15, 'maintenance'));
    await settle(runtime.resume());
    await stop();

    const kinds = (channel: RecordingNotifier): NoticeKind[] => channel.notices.map((n) => n.kind);
    assert.deepEqual(new Set(kinds(everything)), new Set(['started', 'up', 'down', 'cause', 'failover', 'ip-change', 'degraded', 'degraded-end', 'stopped', 'paused', 'resumed']));
    assert.deepEqual(kinds(outages), ['up', 'down', 'up', 'up']);
    assert.deepEqual(kinds(network), ['failover', 'ip-change', 'degraded', 'degraded-end']);
  });
});

describe('runtime: a failover link is not an updown target', () => {
  it("a link's sessions and transitions are recorded but told to no channel: the failover notice tells what the traffic did", async () => {
    const channel = new RecordingNotifier();
    const config = { ...updownConfig(), failover: { ...CONFIG, enabled: false } };
    const { runtime, clock, stop } = runtimeRig(tempDir(), () => ({ kind: 'reply', rttMs: 5 }), config, () => [channel]);
    await runtime.start();
    await clock.advance(2_000);
    runtime.bus.publish({ type: 'session', target: 'fibre', address: '203.0.113.10', kind: 'started', at: S0 + 2 });
    runtime.bus.publish({ type: 'transition', target: 'fibre', status: 'DOWN', at: S0 + 3, initial: false });
    runtime.bus.publish({ type: 'failover', at: S0 + 4, kind: 'switch', active: 'standby', primary: { ...LINK, up: false }, standby: LINK, verified: true });
    await stop();
    assert.deepEqual(channel.notices.map((n) => [n.kind, 'target' in n ? n.target : null]), [
      ['started', 'internet'],
      ['up', 'internet'],
      ['failover', null],
      ['stopped', 'internet'],
    ]);
    const failover = channel.notices.find((n) => n.kind === 'failover');
    assert.match(JSON.stringify(failover), /lte/, 'the links by their names');
  });
});
