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
import { reportJson } from '../../src/shared/report-json.js';
import { Lab } from '../lab/lab.js';
import { CLI, ROOT } from '../support/cli.js';

/** Logs each call the way imon's sample script does: arguments, and the NOM_* facts. */
const ACTION_SCRIPT = `#!/bin/bash
echo "$1 $2 $3 $4 $5 | down=$NOM_DOWN_SECONDS" >> "$(dirname "$0")/calls.log"
`;

/** Inside the client's own namespace: nothing else listens there. */
const HTTP_PORT = 8181;

/** Asks the daemon's HTTP API from inside the client's namespace, where its loopback is. */
async function getInLab(path: string): Promise<{ status: number; type: string; body: string }> {
  const script = `const r = await fetch('http://127.0.0.1:${HTTP_PORT}${path}'); console.log(JSON.stringify({ status: r.status, type: r.headers.get('content-type'), body: await r.text() }));`;
  const result = await lab.exec('client', process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(result.stdout) as { status: number; type: string; body: string };
}

let lab: Lab;
let work: string;
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
const statuses = () => [...readTransitionDir(join(data(), 'isp')).statuses].map((s) => STATUS_NAMES[s]);

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // Not written yet.
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- daemon log ---\n${log}`);
    await sleep(100);
  }
}

describe('nom daemon --config in the network lab: updown with an imon action script', { timeout: 120_000 }, () => {
  before(async () => {
    lab = await Lab.create({ name: 'config' });
    work = mkdtempSync(join(tmpdir(), 'nom-config-lab-'));
    // The daemon runs here as root, so the script runs as nobody: it must reach this folder.
    chmodSync(work, 0o777);
    mkdirSync(data());
    writeFileSync(join(work, 'action'), ACTION_SCRIPT, { mode: 0o755 });
    const config = defaultConfig('lab');
    config.action = { script: join(work, 'action'), timeout: 10 };
    config.updown.targets = [{ name: 'isp', address: lab.addr.target }];
    saveConfig(join(work, 'lab.json'), config);
    daemon = lab.spawn('client', process.execPath, [CLI, 'daemon', '--instance', 'lab', '--data', data(), '--http', `${HTTP_PORT}`], {
      cwd: ROOT,
      env: { ...process.env, NOM_CONFIG_DIR: work },
    });
    daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    daemon.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitFor('UP', () => statuses()[1] === 'UP');
  });

  after(async () => {
    if (daemon.exitCode === null) daemon.kill('SIGKILL');
    await lab?.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  it('reads the instance configuration', () => {
    assert.match(log, /configuration .*lab\.json \(instance lab\)/);
    assert.match(log, /action scripts run as uid 65534, never as root/);
  });

  it('calls updown-offline and updown-online with the outage as D:H:M:S', async () => {
    await lab.linkDown('wan');
    await waitFor('updown-offline', () => calls().length >= 1);
    await sleep(3_000);
    await lab.linkUp('wan');
    await waitFor('updown-online', () => calls().length >= 2);
    const [offline, online] = calls();
    assert.equal(offline, `lab 1 updown-offline ${lab.addr.target}  | down=`);
    const match = new RegExp(`^lab 1 updown-online ${lab.addr.target.replaceAll('.', '\\.')} 0:0:0:(\\d+) \\| down=(\\d+)$`).exec(online ?? '');
    assert.ok(match, online);
    assert.equal(match[1], match[2]);
    assert.ok(Number(match[1]) >= 3 && Number(match[1]) <= 6, `down for ${match[1]} s`);
  });

  it('serves the report of what it records over HTTP, made by the report engine while it monitors', async () => {
    assert.match(log, /dashboard and API at http:\/\/127\.0\.0\.1:8181/);
    const response = await getInLab('/api/report?format=json&target=isp&tz=UTC');
    assert.equal(response.status, 200, response.body);
    assert.equal(response.type, 'application/json; charset=utf-8');
    const report = reportJson.parse(JSON.parse(response.body));
    const [isp] = report.targets;
    assert.equal(isp?.address, lab.addr.target);
    assert.equal(isp.outages.length, 1);
    const seconds = isp.outages[0]?.duration_s ?? 0;
    assert.ok(seconds >= 3 && seconds <= 6, `down for ${seconds} s`);
    const page = await getInLab('/');
    assert.match(page.body, /<script type="module" src="app\.js"><\/script>/, 'the dashboard');
    const targets = await getInLab('/api/targets');
    assert.deepEqual(JSON.parse(targets.body), { ok: true, value: { targets: [{ name: 'isp' }] } });
    assert.equal(statuses().filter((s) => s === 'DOWN').length, 1, 'no outage while the report was made');
  });

  it('stops cleanly on SIGTERM', async () => {
    daemon.kill('SIGTERM');
    await waitFor('exit', () => daemon.exitCode !== null);
    assert.equal(daemon.exitCode, 0);
    assert.equal(statuses().at(-1), 'STOPPED');
  });
});
