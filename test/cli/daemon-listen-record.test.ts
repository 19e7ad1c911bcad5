import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenRecord, listenRecordPath, type ListenRecord } from '../../src/core/http/listen-record.js';
import { apiResult, statusValue } from '../../src/shared/api-contract.js';
import { Lab } from '../lab/lab.js';
import { ROOT } from '../support/cli.js';

/**
 * `nom daemon --http` tells the desktop app on its machine where it serves: a listen record in
 * its data folder while it runs, gone once it stops. The daemon runs in the lab's client
 * namespace (it probes the lab's documentation addresses and can reach nothing else), from the
 * source, and its API is asked from inside that namespace, at the address the record gives.
 */
const CLI_SOURCE = join(ROOT, 'src/cli/index.ts');
const statusAnswer = apiResult(statusValue);

describe('nom daemon --http: the listen record', { timeout: 120_000 }, () => {
  let lab: Lab;
  let scratch: string;

  before(async () => {
    lab = await Lab.create({ name: 'listen' });
    scratch = mkdtempSync(join(tmpdir(), 'nom-listen-record-'));
  });
  after(async () => {
    await lab?.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Runs the daemon on `http` with its own data folder until the test stops it; `log` is its stderr. */
  function startDaemon(name: string, http: string): { daemon: ChildProcess; data: string; log: () => string } {
    const data = join(scratch, name);
    let log = '';
    const daemon = lab.spawn('client', process.execPath, ['--import', 'tsx', CLI_SOURCE, 'daemon', '--data', data, '--target', `${lab.addr.target}=internet`, '--probe', 'ping', '--http', http], { cwd: ROOT });
    daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    daemon.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    after(() => {
      if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGKILL');
    });
    return { daemon, data, log: () => log };
  }

  async function recordOf({ daemon, data, log }: ReturnType<typeof startDaemon>): Promise<ListenRecord> {
    const deadline = Date.now() + 60_000;
    while (!existsSync(listenRecordPath(data))) {
      if (Date.now() > deadline || daemon.exitCode !== null) assert.fail(`no listen record\n--- daemon log ---\n${log()}`);
      await sleep(100);
    }
    return listenRecord.parse(JSON.parse(readFileSync(listenRecordPath(data), 'utf8')));
  }

  /** GET /api/status from inside the lab, as the app on that machine would ask it. */
  async function statusFromInside(url: string, token: string | null) {
    const script = `fetch(process.argv[1] + '/api/status', { headers: process.argv[2] ? { Authorization: 'Bearer ' + process.argv[2] } : {} }).then((r) => r.text()).then((t) => process.stdout.write(t))`;
    const answered = await lab.exec('client', process.execPath, ['-e', script, url, token ?? '']);
    assert.equal(answered.code, 0, answered.stderr);
    return statusAnswer.parse(JSON.parse(answered.stdout));
  }

  async function stop(daemon: ChildProcess): Promise<void> {
    const exited = once(daemon, 'exit');
    daemon.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0, 'a clean stop');
  }

  it('on loopback: the address it serves at, its pid and instance, no token; removed when it stops', async () => {
    const started = startDaemon('loopback', '127.0.0.1:0');
    const { daemon, data, log } = started;
    const record = await recordOf(started);
    assert.equal(record.pid, daemon.pid);
    assert.equal(record.tokenFile, null);
    assert.match(record.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(log(), new RegExp(`dashboard and API at ${record.url.replaceAll('.', '\\.')}`));
    const status = await statusFromInside(record.url, null);
    assert.ok(status.ok, JSON.stringify(status));
    assert.equal(status.value.instance, record.instance);
    await stop(daemon);
    assert.equal(existsSync(listenRecordPath(data)), false, 'the record is gone with the daemon');
  });

  it('on every address: reached on loopback, with the file of the token it asks for', async () => {
    const started = startDaemon('everywhere', '0.0.0.0:0');
    const { daemon, data } = started;
    const record = await recordOf(started);
    assert.match(record.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(record.tokenFile, join(data, '.http-token'));
    const token = readFileSync(record.tokenFile, 'utf8').trim();
    const refused = await statusFromInside(record.url, null);
    assert.equal(!refused.ok && refused.error.code, 'forbidden', 'it asks for the token even on loopback');
    const status = await statusFromInside(record.url, token);
    assert.ok(status.ok, JSON.stringify(status));
    await stop(daemon);
    assert.equal(existsSync(listenRecordPath(data)), false);
  });
});
