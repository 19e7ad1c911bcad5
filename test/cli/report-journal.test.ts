import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Status } from '../../src/core/store/transition-record.js';
import type { MonitorEvent } from '../../src/shared/events.js';
import { reportJson } from '../../src/shared/report-json.js';
import { runCli } from '../support/cli.js';
import { v2Bytes } from '../support/records.js';
import { tempDir, treeDigest } from '../support/tmp.js';

const S = Date.UTC(2025, 9, 10, 14, 0, 0) / 1000;

function daemonFolder(journal: string): string {
  const root = tempDir();
  const dir = join(root, 'internet');
  mkdirSync(dir);
  writeFileSync(join(dir, 'target.json'), JSON.stringify({ name: 'internet', address: '203.0.113.10' }));
  writeFileSync(
    join(dir, 'uptime_2025-10.log'),
    v2Bytes([[S, Status.STARTED], [S, Status.UP], [S + 131, Status.DOWN], [S + 200, Status.UP], [S + 300, Status.STOPPED]]),
  );
  writeFileSync(join(dir, 'events_2025-10.jsonl'), journal);
  return root;
}

const start: MonitorEvent = {
  type: 'outage-start',
  target: 'internet',
  start: S + 131,
  cause: 'isp',
  evidence: {
    first_failure: { ok: false, reason: 'unreachable', from: '192.0.2.1', detail: 'net unreachable' },
    gateway: { address: '192.0.2.1', result: { ok: true, rtt_ms: 0.4 } },
    dns: { server: '203.0.113.53', name: 'example.test', answered: false, detail: 'no answer in 1000 ms' },
    addping: [{ address: '198.51.100.7', result: { ok: false, reason: 'timeout' } }],
  },
};
const end: MonitorEvent = {
  type: 'outage-end',
  target: 'internet',
  start: S + 131,
  end: S + 200,
  bounds: { last_success_before: (S + 130) * 1000 + 250, first_failure: (S + 131) * 1000 + 250, last_failure: (S + 199) * 1000 + 250, first_success_after: (S + 200) * 1000 + 250 },
  addping: [],
};

describe('reports with the daemon journal', () => {
  it('give each outage its cause, evidence, bounds and the target address', () => {
    const root = daemonFolder(`${JSON.stringify(start)}\n${JSON.stringify(end)}\n`);
    const r = runCli(['report', '--data', root, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const [target] = reportJson.parse(JSON.parse(r.stdout)).targets;
    assert.equal(target!.address, '203.0.113.10');
    const [outage] = target!.outages;
    assert.equal(outage!.cause, 'isp');
    assert.deepEqual(outage!.evidence.bounds, {
      last_success_before: '2025-10-10T14:02:10.250Z',
      first_failure: '2025-10-10T14:02:11.250Z',
      last_failure: '2025-10-10T14:03:19.250Z',
      first_success_after: '2025-10-10T14:03:20.250Z',
    });
    assert.equal(outage!.evidence.gateway?.result.ok, true);
    assert.equal(outage!.evidence.addping[0]!.address, '198.51.100.7');

    const csv = runCli(['report', '--data', root, '--format', 'csv']);
    assert.match(csv.stdout, /internet,2025-10-10T14:02:11\+00:00,2025-10-10T14:03:20\+00:00,69,isp,up\r\n/);
  });

  it('skip a last journal line cut short by a crash', () => {
    const root = daemonFolder(`${JSON.stringify(start)}\n${JSON.stringify(end).slice(0, 40)}`);
    const r = runCli(['report', '--data', root, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(reportJson.parse(JSON.parse(r.stdout)).targets[0]!.outages[0]!.cause, 'isp');
  });

  it('refuse a damaged journal line with one clear error, touching nothing', () => {
    const root = daemonFolder(`{"type":"outage-start","oops":true}\n${JSON.stringify(end)}\n`);
    const before = treeDigest(root);
    const r = runCli(['report', '--data', root]);
    assert.notEqual(r.code, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^nom: .*events_2025-10\.jsonl:1: not a journal entry\n$/);
    assert.equal(treeDigest(root), before);
  });

  it('refuse a damaged target.json', () => {
    const root = daemonFolder('');
    writeFileSync(join(root, 'internet', 'target.json'), '{"name": 3}');
    const r = runCli(['report', '--data', root]);
    assert.match(r.stderr, /^nom: .*target\.json: not a target description/);
  });
});
