import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { saveConfig } from '../../src/core/config/config-file.js';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { listSampleFiles, readSamples, sampleAt } from '../../src/core/store/samples-reader.js';
import type { Sample } from '../../src/core/store/samples-record.js';
import { Lab } from '../lab/lab.js';
import { CLI, ROOT } from '../support/cli.js';

const DELAY_MS = 100;
const LOSS_PERCENT = 20;
/** Measured for at least this long, so a few hundred requests make the loss share meaningful. */
const RUN_MS = 25_000;

const ACTION_SCRIPT = `#!/bin/bash
echo "$*" >> "$(dirname "$0")/calls.log"
`;

let lab: Lab;
let work: string;
let daemon: ChildProcess;
let log = '';

const targetDir = () => join(work, 'data', 'isp');
const samples = (): Sample[] => {
  const series = readSamples(targetDir());
  return Array.from({ length: series.at.length }, (_, i) => sampleAt(series, i));
};
const calls = (): string[] => {
  try {
    return readFileSync(join(work, 'calls.log'), 'utf8').trim().split('\n');
  } catch {
    return [];
  }
};

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- daemon log ---\n${log}`);
    await sleep(200);
  }
}

describe('nom daemon with only the ping monitor, in the network lab with delay and loss', { timeout: 180_000 }, () => {
  let whileRunning: Sample[] = [];
  let all: Sample[] = [];

  before(async () => {
    lab = await Lab.create({ name: 'ping', delay: true });
    await lab.setDelay(DELAY_MS);
    await lab.setLoss(LOSS_PERCENT);
    work = mkdtempSync(join(tmpdir(), 'nom-ping-lab-'));
    // The daemon runs here as root, so the script runs as nobody: it must reach this folder.
    chmodSync(work, 0o777);
    mkdirSync(join(work, 'data'));
    writeFileSync(join(work, 'action'), ACTION_SCRIPT, { mode: 0o755 });
    const config = defaultConfig('lab');
    config.updown.enabled = false;
    config.action = { script: join(work, 'action'), timeout: 10 };
    // A round waits pingwait for its lost replies (at 20 % loss nearly every round loses one) and the
    // next follows at once: pingwait 0.5 s, five round trips, gives about 13 requests a second.
    config.ping = { enabled: true, interval: 0.5, pingcount: 10, pingwait: 0.5, targets: [{ name: 'isp', address: lab.addr.target }] };
    saveConfig(join(work, 'lab.json'), config);
    const started = Date.now();
    daemon = lab.spawn('client', process.execPath, [CLI, 'daemon', '--config', join(work, 'lab.json'), '--data', join(work, 'data')], { cwd: ROOT });
    daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    daemon.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    // A minute is written once it is over: wait for the first minute's end, and for enough requests.
    await waitFor('a minute of samples', () => listSampleFiles(targetDir()).length > 0 && samples().length > 0, 75_000);
    await sleep(Math.max(0, started + RUN_MS - Date.now()));
    whileRunning = samples();
    daemon.kill('SIGTERM');
    await waitFor('the daemon to stop', () => daemon.exitCode !== null, 15_000);
    all = samples();
  });

  after(async () => {
    if (daemon.exitCode === null) daemon.kill('SIGKILL');
    await lab?.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes each minute once it is over, and the minute in progress at a clean stop', () => {
    assert.equal(daemon.exitCode, 0, log);
    assert.ok(whileRunning.length >= 1);
    assert.ok(all.length > whileRunning.length, 'the part of a minute before SIGTERM is kept');
    assert.deepEqual(all.slice(0, whileRunning.length), whileRunning);
    for (const s of all) assert.equal(s.at % 60, 0);
  });

  it('records the round trip the delay makes', () => {
    const replied = all.filter((s) => s.received > 0);
    const min = Math.min(...replied.map((s) => s.minMs!));
    const received = replied.reduce((n, s) => n + s.received, 0);
    const avg = replied.reduce((sum, s) => sum + s.avgMs! * s.received, 0) / received;
    assert.ok(min >= DELAY_MS * 0.95, `fastest reply ${min} ms, with ${DELAY_MS} ms added`);
    assert.ok(avg >= DELAY_MS && avg < DELAY_MS * 2, `mean round trip ${avg} ms, with ${DELAY_MS} ms added`);
    assert.ok(all.every((s) => s.jitterMs === null || s.jitterMs < DELAY_MS), 'jitter is the spread, not the delay');
  });

  it('records about the share of requests the router drops', () => {
    const sent = all.reduce((n, s) => n + s.sent, 0);
    const received = all.reduce((n, s) => n + s.received, 0);
    const loss = (sent - received) / sent;
    // 200 requests put 20 % loss within ±3 points (one standard deviation), well inside the bounds below.
    assert.ok(sent >= 200, `${sent} requests in ${RUN_MS / 1000} s`);
    assert.ok(loss > 0.1 && loss < 0.32, `lost ${(loss * 100).toFixed(1)} % with ${LOSS_PERCENT} % dropped`);
  });

  it("calls the action script with imon's ping-result every interval", () => {
    const results = calls().filter((line) => line.split(' ')[2] === 'ping-result');
    assert.ok(results.length >= 20, `${results.length} calls`);
    const target = lab.addr.target.replaceAll('.', '\\.');
    for (const line of results) assert.match(line, new RegExp(`^lab [01] ping-result ${target}:(True|False):[\\d.]+:[\\d.]+:[\\d.]+:[\\d.]+:[\\d.]+$`));
  });
});
