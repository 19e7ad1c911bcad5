import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { span, trayView, unreachableView } from '../../src/main/tray-state.js';
import type { StatusValue, TargetStatus } from '../../src/shared/api-contract.js';
import type { OutageCause } from '../../src/shared/events.js';

// Wednesday 11 March 2026, 14:00 in Oslo (13:00 UTC).
const NOW = Date.UTC(2026, 2, 11, 13, 0) / 1000;
const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

function target(name: string, change: Partial<TargetStatus> = {}): TargetStatus {
  return { name, address: '192.0.2.1', kind: 'updown', state: 'up', since: NOW - HOUR, outage: null, outagesToday: 0, ...change };
}

function status(targets: TargetStatus[], change: Partial<StatusValue> = {}): StatusValue {
  return { now: NOW, instance: 'home', zone: 'Europe/Oslo', targets, paused: null, probing: { ok: true, detail: 'ICMP through the helper' }, monitors: ['updown'], ip: null, ...change };
}

describe('the tray: the connection state and its line', () => {
  it('up when every updown target is up, for as long as the last of them, with the busiest target’s outages today', () => {
    const view = trayView(status([target('router', { since: NOW - 3 * DAY - 5 * HOUR, outagesToday: 1 }), target('internet', { since: NOW - 3 * DAY - 4 * HOUR - 20 * MIN, outagesToday: 2 })]), NOW);
    assert.equal(view.state, 'up');
    assert.equal(view.line, 'Up 3 d 4 h · 2 outages today');
    assert.equal(trayView(status([target('internet', { since: NOW - 125 * MIN })]), NOW).line, 'Up 2 h 5 min · no outages today');
    assert.equal(trayView(status([target('internet', { since: NOW - 30, outagesToday: 1 })]), NOW).line, 'Up < 1 min · 1 outage today');
  });

  it('down when any target is down, however many are up: for how long, and the open outage’s cause', () => {
    const down = (cause: OutageCause | null) =>
      trayView(status([target('internet', { state: 'down', since: NOW - 2 * MIN - 10, outage: { start: NOW - 2 * MIN - 10, cause } })]), NOW);
    assert.equal(down('local').state, 'down');
    assert.equal(down('local').line, 'Down 2 min · router unreachable');
    assert.equal(down('isp').line, 'Down 2 min · the provider (the router answers)');
    assert.equal(down('target').line, 'Down 2 min · only this address (the internet works)');
    assert.equal(down('unknown').line, 'Down 2 min · cause unknown');
    assert.equal(down(null).line, 'Down 2 min · finding the cause…');

    const mixed = status([
      target('router'),
      target('internet', { state: 'down', since: NOW - 5 * MIN, outage: { start: NOW - 5 * MIN, cause: 'isp' } }),
      target('dns', { state: 'down', since: NOW - 2 * MIN, outage: { start: NOW - 2 * MIN, cause: 'target' } }),
      target('nas', { state: 'degraded', since: NOW - HOUR }),
    ]);
    const view = trayView(mixed, NOW);
    assert.equal(view.state, 'down');
    assert.equal(view.line, 'Down 5 min · the provider (the router answers) (internet)', 'the longest outage, named among several targets');
  });

  it('degraded when one works poorly and none is down', () => {
    const view = trayView(status([target('router'), target('internet', { state: 'degraded', since: NOW - 5 * MIN })]), NOW);
    assert.deepEqual([view.state, view.line], ['degraded', 'Degraded 5 min · slow or losing packets (internet)']);
  });

  it('paused until a time in the monitor’s zone, or until resumed; the targets say since when', () => {
    const targets = [target('internet', { state: 'paused', since: NOW - 10 * MIN })];
    const forAWhile = trayView(status(targets, { paused: { since: NOW - 10 * MIN, until: NOW + 30 * MIN, reason: 'paused from the tray' }, monitors: [] }), NOW);
    assert.deepEqual(forAWhile, { state: 'paused', line: 'Paused until 14:30', targets: ['internet — paused since 13:50'] });
    const overnight = trayView(status(targets, { paused: { since: NOW, until: NOW + 12 * HOUR, reason: 'x' } }), NOW);
    assert.equal(overnight.line, 'Paused until Thu 02:00');
    const untilResumed = trayView(status(targets, { paused: { since: NOW, until: null, reason: 'x' } }), NOW);
    assert.equal(untilResumed.line, 'Paused until resumed');
  });

  it('says why it cannot probe, and is neither up nor down then', () => {
    const view = trayView(status([target('internet')], { probing: { ok: false, detail: 'ICMP is not allowed for this user: start the helper or choose TCP probes' } }), NOW);
    assert.deepEqual([view.state, view.line], ['paused', 'Cannot probe: ICMP is not allowed for this user: start the helper or choose TCP probes']);
  });

  it('starting while any target has not answered yet; and says so when nothing is watched', () => {
    const starting = trayView(status([target('router'), target('internet', { state: 'unknown', since: null })]), NOW);
    assert.deepEqual(starting, { state: 'paused', line: 'Starting…', targets: ['router — up since 13:00', 'internet — not known yet'] });
    const nothing = trayView(status([target('wan1', { kind: 'link' })], { monitors: ['failover'] }), NOW);
    assert.deepEqual([nothing.state, nothing.line, nothing.targets], ['paused', 'Not watching any target', ['wan1 — up since 13:00']], 'failover links are listed, not the connection');
  });

  it('a monitor that does not answer is the line, with nothing claimed', () => {
    assert.deepEqual(unreachableView('connection refused'), { state: 'paused', line: 'Cannot reach the monitor: connection refused', targets: [] });
  });
});

describe('the tray: since when, in the monitor’s zone', () => {
  const sinceOf = (since: number, zone = 'Europe/Oslo') => trayView(status([target('router', { since })], { zone }), NOW).targets[0];

  it('a time today, a weekday within the week, a date before that, and the year when it is another', () => {
    assert.equal(sinceOf(NOW - 4 * HOUR - 48 * MIN), 'router — up since 09:12');
    assert.equal(sinceOf(NOW - 2 * DAY - 4 * HOUR - 48 * MIN), 'router — up since Mon 09:12');
    assert.equal(sinceOf(NOW - 9 * DAY), 'router — up since 2 Mar 14:00');
    assert.equal(sinceOf(NOW - 120 * DAY), 'router — up since 11 Nov 2025 14:00');
  });

  it('counts the day in the zone, not in UTC', () => {
    // 00:30 in Oslo is still yesterday in UTC: today all the same.
    const justAfterMidnight = Date.UTC(2026, 2, 10, 23, 30) / 1000;
    assert.equal(sinceOf(justAfterMidnight), 'router — up since 00:30');
    assert.equal(sinceOf(justAfterMidnight, 'UTC'), 'router — up since Tue 23:30');
  });
});

describe('the tray: durations', () => {
  it('to the minute, in the dashboard’s units, two at most', () => {
    assert.deepEqual([0, 59, 60, 61 * MIN, 2 * HOUR, 25 * HOUR + 59 * MIN, 3 * DAY + 4 * HOUR + 59 * MIN].map(span), ['< 1 min', '< 1 min', '1 min', '1 h 1 min', '2 h', '1 d 1 h', '3 d 4 h']);
  });
});
