import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { saveConfig } from '../../src/core/config/config-file.js';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { readSystemJournal } from '../../src/core/store/system-journal.js';
import type { IpUnknownEvent } from '../../src/shared/system-events.js';
import { LabIpProvider } from '../lab/ip-provider-process.js';
import { Lab } from '../lab/lab.js';
import { CLI, ROOT } from '../support/cli.js';

/** Appends each call's arguments, one line per call, as imon's sample script logs them. */
const ACTION_SCRIPT = `#!/bin/bash
echo "$*" >> "$(dirname "$0")/calls.log"
`;

let lab: Lab;
let work: string;
let providers: LabIpProvider[];
let daemon: ChildProcess;
let log = '';

const data = () => join(work, 'data');
const calls = (): string[] => {
  try {
    return readFileSync(join(work, 'calls.log'), 'utf8').trim().split('\n');
  } catch {
    return [];
  }
};
/** The arguments after INSTANCE SYSLOGFLAG COMMAND of each call of `command`. */
const callsOf = (command: string) => calls().map((line) => line.split(' ')).filter((words) => words[2] === command).map((words) => words.slice(3).join(' '));
const unknowns = () => readSystemJournal(data()).filter((e): e is IpUnknownEvent => e.type === 'ip-unknown');

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- calls ---\n${calls().join('\n')}\n--- daemon log ---\n${log}`);
    await sleep(100);
  }
}

/** Waits for `count` more calls of `command` than there are now. */
async function nextCalls(command: string, count = 1): Promise<string[]> {
  const before = callsOf(command).length;
  await waitFor(`${count} more ${command}`, () => callsOf(command).length >= before + count);
  return callsOf(command).slice(before);
}

function startDaemon(): ChildProcess {
  const child = lab.spawn('client', process.execPath, [CLI, 'daemon', '--config', join(work, 'lab.json'), '--data', data()], { cwd: ROOT });
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return child;
}

async function stopDaemon(): Promise<void> {
  daemon.kill('SIGTERM');
  await waitFor('the daemon to exit', () => daemon.exitCode !== null);
  assert.equal(daemon.exitCode, 0);
}

describe('ddns in the network lab: providers that change, fail, hang and lie', { timeout: 180_000 }, () => {
  before(async () => {
    lab = await Lab.create({ name: 'ddns' });
    work = mkdtempSync(join(tmpdir(), 'nom-ddns-lab-'));
    // The daemon runs here as root, so the script runs as nobody: it must reach this folder.
    chmodSync(work, 0o777);
    mkdirSync(data());
    writeFileSync(join(work, 'action'), ACTION_SCRIPT, { mode: 0o755 });
    const [first, second, third] = lab.addr.spare;
    providers = await Promise.all([first, second, third].map((address) => LabIpProvider.start(lab, address ?? '', 'status 503')));
    const config = defaultConfig('lab');
    config.action = { script: join(work, 'action'), timeout: 10 };
    config.updown.enabled = false;
    config.ddns = { enabled: true, interval: 1, timeout: 0.5, providers: providers.map((p) => p.url), family: 'ipv4' };
    saveConfig(join(work, 'lab.json'), config);
  });

  after(async () => {
    if (daemon && daemon.exitCode === null) daemon.kill('SIGKILL');
    await lab?.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  it('passes the first address as NEW, with OLD "unknown" as imon did', async () => {
    await providers[0]?.setMode('echo');
    daemon = startDaemon();
    assert.deepEqual(await nextCalls('ddns-ip-update'), [`${lab.addr.client} unknown`]);
    const [change] = readSystemJournal(data());
    assert.deepEqual(change && { ...change, at: 0 }, { type: 'ip-change', at: 0, family: 'ipv4', old: null, new: lab.addr.client, provider: providers[0]?.url });
    assert.doesNotMatch(log, /probing with/, 'ddns alone sends no probe, so no prober (no helper, no raw socket) is started');
  });

  it('calls ddns-ip-update NEW OLD when the address changes', async () => {
    await providers[0]?.setMode('answer 203.0.113.77');
    assert.deepEqual(await nextCalls('ddns-ip-update'), [`203.0.113.77 ${lab.addr.client}`]);
  });

  it('passes over a failing provider and one answering garbage to the next', async () => {
    await providers[1]?.setMode('answer garbage!');
    await providers[2]?.setMode('answer 203.0.113.78');
    await providers[0]?.setMode('status 500');
    assert.deepEqual(await nextCalls('ddns-ip-update'), ['203.0.113.78 203.0.113.77']);
    const change = readSystemJournal(data()).at(-1);
    assert.equal(change?.type === 'ip-change' && change.provider, providers[2]?.url);
  });

  it('calls ddns-no-update each round while providers hang or lie, and journals ip-unknown once', async () => {
    await providers[0]?.setMode('hang');
    await providers[1]?.setMode('huge');
    await providers[2]?.setMode('answer 2001:db8::1');
    await nextCalls('ddns-no-update');
    await providers[2]?.setMode('html');
    await nextCalls('ddns-no-update', 2);
    await providers[1]?.setMode('huge-declared');
    await nextCalls('ddns-no-update', 2);
    const events = unknowns();
    assert.equal(events.length, 1, JSON.stringify(events));
    assert.deepEqual(
      events[0]?.tried.map((t) => t.error),
      ['no answer within 0.5 s', 'answer longer than 1024 bytes', 'an IPv6 address (2001:db8::1) where IPv4 was asked for'],
    );
    assert.deepEqual(callsOf('ddns-no-update').filter((args) => args !== ''), [], 'ddns-no-update has no arguments');
  });

  it('reports nothing new when the same address comes back after an outage', async () => {
    const updates = callsOf('ddns-ip-update').length;
    await providers[0]?.setMode('answer 203.0.113.78');
    await waitFor('the address back', () => /a provider answers again after \d+ failed round/.test(log));
    await lab.linkDown('wan');
    await nextCalls('ddns-no-update', 2);
    assert.equal(unknowns().length, 2);
    assert.match(unknowns()[1]?.tried[0]?.error ?? '', /EHOSTUNREACH|ENETUNREACH|no answer within/);
    const answeredBefore = log.match(/answers again/g)?.length ?? 0;
    await lab.linkUp('wan');
    await waitFor('the address back after the outage', () => (log.match(/answers again/g)?.length ?? 0) > answeredBefore);
    await sleep(1_500);
    assert.equal(callsOf('ddns-ip-update').length, updates);
  });

  it('is not fooled by a restart: the remembered address is no change', async () => {
    const updates = callsOf('ddns-ip-update').length;
    await stopDaemon();
    log = '';
    daemon = startDaemon();
    await waitFor('the first round', () => /external address 203\.0\.113\.78, unchanged since/.test(log));
    await sleep(1_500);
    await stopDaemon();
    assert.equal(callsOf('ddns-ip-update').length, updates);
    assert.match(log, /last_known=203\.0\.113\.78/);
  });
});
