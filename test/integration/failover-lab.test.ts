import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { saveConfig } from '../../src/core/config/config-file.js';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { readTransitionDir } from '../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../src/core/store/transition-record.js';
import type { FailoverConfig } from '../../src/shared/config-schema.js';
import { DualWanLab } from '../lab/dual-wan.js';
import { CLI, ROOT, runCli } from '../support/cli.js';

/** Appends each call's arguments, one line per call, as imon's sample script logs them. */
const ACTION_SCRIPT = `#!/bin/bash
echo "$*" >> "$(dirname "$0")/calls.log"
`;
/** Short, so the lab need not wait the default 30 s for a failback. */
const FAILBACK_AFTER = 4;

let lab: DualWanLab;
let work: string;
let daemon: ChildProcess | null = null;
let log = '';

const data = () => join(work, 'data');
const calls = (): string[] => {
  try {
    return readFileSync(join(work, 'calls.log'), 'utf8').trim().split('\n');
  } catch {
    return [];
  }
};
const callsOf = (command: string) => calls().filter((line) => line.split(' ')[2] === command);
const statuses = (name: string) => [...readTransitionDir(join(data(), name)).statuses].map((s) => STATUS_NAMES[s]);

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // Not there yet.
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- daemon log ---\n${log}\n--- calls ---\n${calls().join('\n')}`);
    await sleep(100);
  }
}

async function routeDev(): Promise<string | null> {
  const routes = await lab.defaultRoutes();
  return routes.length === 1 ? (routes[0]?.dev ?? null) : null;
}

function failoverConfig(preferPrimary: boolean): FailoverConfig {
  const a = lab.addr;
  return {
    enabled: true,
    interval: 1,
    pingcount: 1,
    pingwait: 1,
    preferPrimary,
    metric: 201,
    failbackAfter: FAILBACK_AFTER,
    primary: { name: 'fibre', interface: a.primary.interface, gateway: a.primary.gateway, ping: a.target, postping: null },
    standby: { name: 'lte', interface: a.standby.interface, gateway: a.standby.gateway, ping: a.target, postping: a.postping },
  };
}

/** The daemon inside imrouter with only failover enabled. */
function startDaemon(preferPrimary: boolean): void {
  const config = defaultConfig('lab');
  config.updown.enabled = false;
  config.action = { script: join(work, 'action'), timeout: 10 };
  config.failover = failoverConfig(preferPrimary);
  saveConfig(join(work, 'lab.json'), config);
  log = '';
  const child = lab.spawn('imrouter', process.execPath, [CLI, 'daemon', '--config', join(work, 'lab.json'), '--data', data()], { cwd: ROOT });
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  daemon = child;
}

async function stopDaemon(): Promise<number | null> {
  const child = daemon;
  if (!child) return null;
  child.kill('SIGTERM');
  await waitFor('the daemon to exit', () => child.exitCode !== null);
  daemon = null;
  return child.exitCode;
}

const PRIMARY_INFO = 'fibre:Primary:wan1:198.51.100.2';
const STANDBY_INFO = 'lte:Standby:wan2:198.51.100.130';

describe('nom daemon failover in a dual-WAN lab', { timeout: 180_000 }, () => {
  before(async () => {
    lab = await DualWanLab.create('failover');
    work = mkdtempSync(join(tmpdir(), 'nom-failover-lab-'));
    // The daemon runs here as root, so the script runs as nobody: it must reach this folder.
    chmodSync(work, 0o777);
    mkdirSync(data());
    writeFileSync(join(work, 'action'), ACTION_SCRIPT, { mode: 0o755 });
    startDaemon(true);
  });

  after(async () => {
    if (daemon && daemon.exitCode === null) daemon.kill('SIGKILL');
    await lab?.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  it('starts on the primary: sets the default route, and tells the script both links are online', async () => {
    await waitFor('a default route via wan1', async () => (await routeDev()) === 'wan1');
    assert.ok(await lab.reachesInternet());
    await waitFor('failover-primary', () => callsOf('failover-primary').length === 1);
    assert.deepEqual(
      calls().map((line) => line.split(' ').slice(2).join(' ')),
      [`failover-initial ${PRIMARY_INFO} online`, `failover-initial ${STANDBY_INFO} online`, `failover-primary ${PRIMARY_INFO}`],
    );
    assert.deepEqual(await lab.defaultRoutes(), [{ dst: 'default', gateway: lab.addr.primary.gateway, dev: 'wan1', metric: 201, flags: [] }]);
  });

  it('primary loses the internet: the default route moves to the standby, traffic flows, postping is checked', async () => {
    await lab.fail('primary', 'uplink');
    await waitFor('a default route via wan2', async () => (await routeDev()) === 'wan2');
    assert.deepEqual(await lab.defaultRoutes(), [{ dst: 'default', gateway: lab.addr.standby.gateway, dev: 'wan2', metric: 201, flags: [] }]);
    assert.ok(await lab.reachesInternet());
    await waitFor('failover-postping', () => callsOf('failover-postping').length === 1);
    assert.deepEqual(callsOf('failover-standby').map((l) => l.split(' ').slice(3).join(' ')), [STANDBY_INFO]);
    assert.equal(callsOf('failover-postping')[0]?.split(' ').slice(3).join(' '), `${STANDBY_INFO} online`);
  });

  it(`primary returns: traffic goes back only after ${FAILBACK_AFTER} s of unbroken success`, async () => {
    await lab.restore('primary', 'uplink');
    await sleep((FAILBACK_AFTER - 1) * 1000);
    assert.equal(await routeDev(), 'wan2', 'failback must wait');
    await waitFor('a default route via wan1 again', async () => (await routeDev()) === 'wan1');
    assert.ok(await lab.reachesInternet());
    assert.equal(callsOf('failover-primary').length, 2);
  });

  it('both links down: reported once, not every round', async () => {
    await Promise.all([lab.fail('primary', 'uplink'), lab.fail('standby', 'wan')]);
    await waitFor('failover-bothdown', () => callsOf('failover-bothdown').length === 1);
    await sleep(5_000);
    assert.deepEqual(callsOf('failover-bothdown').map((l) => l.split(' ').slice(3).join(' ')), [`${PRIMARY_INFO} ${STANDBY_INFO}`]);
    await Promise.all([lab.restore('primary', 'uplink'), lab.restore('standby', 'wan')]);
    await waitFor('the internet through the primary', async () => (await routeDev()) === 'wan1' && (await lab.reachesInternet()));
  });

  it("records each link's own availability, so a report shows each WAN's history", async () => {
    const report = (name: string) => {
      const result = runCli(['report', '--data', data(), '--target', name, '--format', 'json']);
      assert.equal(result.code, 0, result.stderr);
      return (JSON.parse(result.stdout) as { targets: Array<{ name: string; address: string; outages: Array<{ cause: string }> }> }).targets;
    };
    await waitFor('the standby link back up', () => statuses('lte').at(-1) === 'UP');
    const [fibre] = report('fibre');
    const [lte] = report('lte');
    assert.equal(fibre?.address, lab.addr.target);
    assert.deepEqual(fibre?.outages.map((o) => o.cause), ['isp', 'isp'], 'its router answered; the internet did not');
    assert.deepEqual(lte?.outages.map((o) => o.cause), ['local'], 'its own link was down');
  });

  it('keeps the active link across a restart that lost the routes, and does not fail back when not preferred', async () => {
    await lab.fail('primary', 'uplink');
    await waitFor('a default route via wan2', async () => (await routeDev()) === 'wan2');
    assert.equal(await stopDaemon(), 0);
    assert.equal(statuses('fibre').at(-1), 'STOPPED');
    const state = JSON.parse(readFileSync(join(data(), '_events', 'failover-state.json'), 'utf8')) as { active: string };
    assert.equal(state.active, 'standby');

    await lab.restore('primary', 'uplink');
    await lab.clearDefaultRoutes();
    const switchesBefore = callsOf('failover-primary').length;
    startDaemon(false);
    await waitFor('a default route via wan2 again', async () => (await routeDev()) === 'wan2');
    await sleep((FAILBACK_AFTER + 3) * 1000);
    assert.equal(await routeDev(), 'wan2');
    assert.equal(callsOf('failover-primary').length, switchesBefore);
    assert.ok(await lab.reachesInternet());
  });

  it('stops cleanly on SIGTERM, closing both links with STOPPED and leaving the route in place', async () => {
    assert.equal(await stopDaemon(), 0);
    assert.equal(statuses('fibre').at(-1), 'STOPPED');
    assert.equal(statuses('lte').at(-1), 'STOPPED');
    assert.equal(await routeDev(), 'wan2');
  });
});
