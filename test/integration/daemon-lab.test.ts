import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JournalEntry } from '../../src/core/store/journal.js';
import { readJournal } from '../../src/core/store/journal.js';
import { readTransitionDir } from '../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../src/core/store/transition-record.js';
import { Lab } from '../lab/lab.js';
import { CLI, ROOT } from '../support/cli.js';

const DNS_NAME = 'resolver-check.test';

let lab: Lab;
let data: string;
let daemon: ChildProcess;
let log = '';

const targetDir = () => join(data, 'internet');
const statuses = () => [...readTransitionDir(targetDir()).statuses].map((s) => STATUS_NAMES[s]);
const records = () => {
  const s = readTransitionDir(targetDir());
  return [...s.times].map((t, i) => ({ t, status: STATUS_NAMES[s.statuses[i]!] }));
};

async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | null | undefined | false;
    try {
      value = probe();
    } catch {
      value = null;
    }
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- daemon log ---\n${log}`);
    await sleep(100);
  }
}

/** Waits until the log holds `count` records, the last one `status`. */
const waitForRecord = (count: number, status: string) =>
  waitFor(`record #${count} ${status}`, () => {
    const s = statuses();
    return s.length >= count && s[count - 1] === status;
  });

function outageStart(start: number): JournalEntry & { type: 'outage-start' } {
  const entry = readJournal(targetDir()).find((e): e is JournalEntry & { type: 'outage-start' } => e.type === 'outage-start' && e.start === start);
  assert.ok(entry, `journal has the outage starting at ${start}`);
  return entry;
}

describe('nom daemon in the network lab', { timeout: 180_000 }, () => {
  before(async () => {
    lab = await Lab.create({ name: 'daemon' });
    await lab.startDns({ answers: { [DNS_NAME]: '203.0.113.80' } });
    data = mkdtempSync(join(tmpdir(), 'nom-daemon-lab-'));
    daemon = lab.spawn('client', process.execPath, [
      CLI, 'daemon', '--data', data,
      '--target', `${lab.addr.target}=internet`,
      '--dns-server', lab.addr.dns, '--dns-name', DNS_NAME,
      '--addping', lab.addr.spare[0]!,
    ], { cwd: ROOT });
    daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    daemon.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitForRecord(2, 'UP');
  });

  after(async () => {
    if (daemon.exitCode === null) daemon.kill('SIGKILL');
    await lab?.destroy();
    rmSync(data, { recursive: true, force: true });
  });

  it('says which probe it uses', () => {
    assert.match(log, /probing with /);
  });

  it('records a WAN outage backdated to within a second of the truth, cause isp, with evidence', async () => {
    const count = statuses().length;
    const downAt = Date.now() / 1000;
    await lab.linkDown('wan');
    await waitForRecord(count + 1, 'DOWN');
    const knownAfter = Date.now() / 1000 - downAt;
    await sleep(6000 - (Date.now() / 1000 - downAt) * 1000);
    const upAt = Date.now() / 1000;
    await lab.linkUp('wan');
    await waitForRecord(count + 2, 'UP');

    const [down, up] = records().slice(count);
    assert.ok(Math.abs(down!.t - downAt) <= 1, `start ${down!.t} vs truth ${downAt.toFixed(2)}`);
    assert.ok(Math.abs(up!.t - upAt) <= 1, `end ${up!.t} vs truth ${upAt.toFixed(2)}`);
    assert.ok(knownAfter <= 3, `DOWN known after ${knownAfter.toFixed(2)} s`);

    const start = await waitFor('outage-start in the journal', () => outageStart(down!.t));
    assert.equal(start.cause, 'isp');
    assert.deepEqual(start.evidence.gateway?.result.ok, true, 'the home router still answered');
    assert.equal(start.evidence.first_failure.ok, false);
    assert.equal(start.evidence.first_failure.ok === false && start.evidence.first_failure.reason, 'unreachable');
    assert.equal(start.evidence.dns?.answered, false);
    assert.deepEqual(start.evidence.addping.map((a) => a.result.ok), [false]);
    const end = await waitFor('outage-end in the journal', () => readJournal(targetDir()).find((e) => e.type === 'outage-end' && e.start === down!.t));
    assert.equal(end.type === 'outage-end' && end.addping[0]?.result.ok, true, 'addping answered again after the outage');
  });

  it('records a LAN outage with cause local, and survives its own link going away', async () => {
    const count = statuses().length;
    await lab.linkDown('lan');
    await waitForRecord(count + 1, 'DOWN');
    await sleep(3000);
    await lab.linkUp('lan');
    await waitForRecord(count + 2, 'UP');
    const down = records()[count]!;
    assert.equal((await waitFor('outage-start', () => outageStart(down.t))).cause, 'local');
    assert.equal(daemon.exitCode, null, 'still running');
  });

  it('tells a silent target from a dead internet: cause target when DNS still answers', async () => {
    const count = statuses().length;
    await lab.blockIcmpTo(lab.addr.target, true);
    await waitForRecord(count + 1, 'DOWN');
    await lab.blockIcmpTo(lab.addr.target, false);
    await waitForRecord(count + 2, 'UP');
    const start = await waitFor('outage-start', () => outageStart(records()[count]!.t));
    assert.equal(start.cause, 'target');
    assert.equal(start.evidence.dns?.answered, true);
  });

  it('restarts a killed helper and loses no record', async () => {
    const pids = await lab.exec('client', 'pgrep', ['-P', String(daemon.pid)]);
    const helperPids = pids.stdout.trim().split('\n').filter(Boolean);
    if (helperPids.length === 0) {
      assert.match(log, /probing with (the system ping|TCP)/, 'no helper process only when another probe is in use');
      return;
    }
    const count = statuses().length;
    for (const pid of helperPids) process.kill(Number(pid), 'SIGKILL');
    await sleep(2000);
    assert.equal(statuses().length, count, 'killing the helper is no outage');
    await lab.linkDown('wan');
    await waitForRecord(count + 1, 'DOWN');
    await lab.linkUp('wan');
    await waitForRecord(count + 2, 'UP');
  });

  it('ends cleanly on SIGTERM with a STOPPED record', async () => {
    daemon.kill('SIGTERM');
    const [code] = (await once(daemon, 'exit')) as [number | null];
    assert.equal(code, 0, log);
    assert.equal(statuses().at(-1), 'STOPPED');
    assert.equal(statuses()[0], 'STARTED');
  });
});
