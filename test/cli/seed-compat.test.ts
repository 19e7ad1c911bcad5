import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { reportJson } from '../../src/shared/report-json.js';
import { runCli } from '../support/cli.js';
import { SEED_LOGS, seedLogNames } from '../support/fixtures.js';

const names = seedLogNames();

describe("byte for byte with network-outage-monitor's log (TZ=UTC)", () => {
  it('has fixtures of both formats to check against', () => {
    assert.ok(names.some((n) => n.startsWith('v1')));
    assert.ok(names.some((n) => n.startsWith('v2')));
  });

  for (const name of names) {
    const expected = readFileSync(`${SEED_LOGS}/${name}.expected.txt`, 'utf8');

    it(`nom log --load ${name}`, () => {
      const r = runCli(['log', '--load', `${SEED_LOGS}/${name}`]);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      assert.equal(r.stdout, expected);
    });

    it(`nom report --format seed --data ${name}`, () => {
      const r = runCli(['report', '--data', `${SEED_LOGS}/${name}`, '--format', 'seed']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, expected);
    });

    it(`nom report --format json totals equal the seed's for ${name}`, () => {
      const r = runCli(['report', '--data', `${SEED_LOGS}/${name}`, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const report = reportJson.parse(JSON.parse(r.stdout));
      const [target] = report.targets;
      assert.ok(target);
      const [, up, down] = /^Total uptime: (.*)\nTotal downtime: (.*)\n/.exec(expected) ?? [];
      assert.equal(seedDuration(target.uptime_s), up);
      assert.equal(seedDuration(target.downtime_s), down);
    });
  }

  it('prints local time as the TZ variable says, like the original', () => {
    const r = runCli(['log', '--load', `${SEED_LOGS}/v2-plain-1`], { TZ: 'America/New_York' });
    assert.match(r.stdout, /\| 2025-10-10 16:12:08 \| UP {6}\|/);
  });
});

function seedDuration(s: number): string {
  const parts = [];
  if (s >= 86_400) parts.push(`${Math.floor(s / 86_400)}d`);
  if (s % 86_400 >= 3600) parts.push(`${Math.floor((s % 86_400) / 3600)}h`);
  if (s % 3600 >= 60) parts.push(`${Math.floor((s % 3600) / 60)}m`);
  parts.push(`${s % 60}s`);
  return parts.join(' ');
}
