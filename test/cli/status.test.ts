import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { samplesFileName } from '../../src/core/store/samples-file.js';
import { encodeSample } from '../../src/core/store/samples-record.js';
import { Status } from '../../src/core/store/transition-record.js';
import { runCli } from '../support/cli.js';
import { SEED_LOGS } from '../support/fixtures.js';
import { v2Bytes } from '../support/records.js';
import { tempDir } from '../support/tmp.js';

describe('nom status', () => {
  it('says a running target is up or down, since when, and its last outage', () => {
    const root = tempDir();
    const now = Math.floor(Date.now() / 1000);
    for (const [name, last] of [['wan', Status.UP], ['lan', Status.DOWN]] as const) {
      const dir = join(root, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'target.json'), JSON.stringify({ name, address: name === 'wan' ? '203.0.113.10' : '192.0.2.1' }));
      writeFileSync(join(dir, 'uptime_x.log'), v2Bytes([[now - 600, Status.STARTED], [now - 600, Status.UP], [now - 300, Status.DOWN], [now - 240, Status.UP], [now - 60, last]]));
      writeFileSync(join(dir, '.alive'), '');
      utimesSync(join(dir, '.alive'), now, now);
    }
    const r = runCli(['status', '--data', root]);
    assert.equal(r.code, 0, r.stderr);
    const [lan, wan] = r.stdout.trimEnd().split('\n');
    assert.match(lan!, /^lan \(192\.0\.2\.1\): DOWN since .* \(1m \d+s\); down since /);
    assert.match(wan!, /^wan \(203\.0\.113\.10\): UP since .* \(1m \d+s\); last outage .*, lasted 1m 0s$/);
  });

  it('says what the ping monitor measured last, for a target it alone watches too', () => {
    const root = tempDir();
    const now = Math.floor(Date.now() / 1000);
    const minute = Math.floor(now / 60) * 60 - 120;
    const sample = (at: number, received: number) =>
      encodeSample(received === 0 ? { at, sent: 10, received, minMs: null, avgMs: null, maxMs: null, jitterMs: null } : { at, sent: 10, received, minMs: 9, avgMs: 12.25, maxMs: 30, jitterMs: 1 });
    mkdirSync(join(root, 'ping-only'));
    // The newest month's file is torn and holds no whole record: the month before has the last sample.
    writeFileSync(join(root, 'ping-only', samplesFileName(minute - 40 * 86_400)), Buffer.concat([sample(minute - 40 * 86_400 - 60, 10), sample(minute - 40 * 86_400, 9)]));
    writeFileSync(join(root, 'ping-only', 'samples_2099-12.bin'), Buffer.alloc(10, 1));
    mkdirSync(join(root, 'both'));
    writeFileSync(join(root, 'both', 'uptime_x.log'), v2Bytes([[now - 600, Status.STARTED], [now - 600, Status.UP]]));
    writeFileSync(join(root, 'both', samplesFileName(minute)), sample(minute, 0));
    const r = runCli(['status', '--data', root]);
    assert.equal(r.code, 0, r.stderr);
    const [both, pingOnly] = r.stdout.trimEnd().split('\n');
    assert.match(both!, /^both: not monitored: last record UP at .*; no outage recorded; last ping minute .* \(\dm \d+s ago\): no reply$/);
    assert.match(pingOnly!, /^ping-only: ping samples only; last ping minute .* \(40d \dm \d+s ago\): 12\.3 ms average, 10 % lost$/);
  });

  it('says when nothing is monitoring a target', () => {
    const r = runCli(['status', '--data', `${SEED_LOGS}/v2-sessions-1`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'v2-sessions-1: not monitored: last record STOPPED at 2025-10-14 02:02:36; last outage 2025-10-14 01:02:16, lasted 10m 46s\n');
  });
});
