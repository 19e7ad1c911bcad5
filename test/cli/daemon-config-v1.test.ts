import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultConfig } from '../../src/core/config/defaults.js';
import { readTransitionDir } from '../../src/core/store/transition-log.js';
import { STATUS_NAMES } from '../../src/core/store/transition-record.js';
import type { NotifyConfig } from '../../src/shared/config-schema.js';
import { Lab } from '../lab/lab.js';
import { CLI, ROOT } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

/**
 * A configuration file of version 1, as `nom configure` wrote it before the desktop app's
 * notifications existed, runs `nom daemon --config` as it always did: migrated as it is read,
 * the file left as it was. The daemon probes inside the network lab (DESIGN.md "Network safety").
 */
describe('nom daemon --config with a version-1 file', { timeout: 60_000 }, () => {
  let lab: Lab;
  let daemon: ChildProcess;
  let log = '';
  const work = tempDir();
  const data = join(work, 'data');
  const path = join(work, 'home.json');
  let text = '';
  const statuses = () => [...readTransitionDir(join(data, 'isp')).statuses].map((s) => STATUS_NAMES[s]);

  async function waitFor(what: string, check: () => boolean): Promise<void> {
    const deadline = Date.now() + 15_000;
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

  before(async () => {
    lab = await Lab.create({ name: 'cfgv1' });
    mkdirSync(data);
    const config = defaultConfig('home');
    const notify: Partial<NotifyConfig> = { ...config.notify };
    delete notify.desktop;
    text = JSON.stringify({ ...config, version: 1, updown: { ...config.updown, targets: [{ name: 'isp', address: lab.addr.target }] }, notify }, null, 2) + '\n';
    writeFileSync(path, text, { mode: 0o600 });
    daemon = lab.spawn('client', process.execPath, [CLI, 'daemon', '--config', path, '--data', data], { cwd: ROOT });
    daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    daemon.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  });

  after(async () => {
    if (daemon.exitCode === null) daemon.kill('SIGKILL');
    await lab?.destroy();
  });

  it('starts, monitors, and stops cleanly, leaving the file as it was', async () => {
    await waitFor('UP', () => statuses()[1] === 'UP');
    assert.match(log, /configuration .*home\.json \(instance home\)/);
    const mtime = statSync(path).mtimeMs;
    daemon.kill('SIGTERM');
    await waitFor('exit', () => daemon.exitCode !== null);
    assert.equal(daemon.exitCode, 0, log);
    assert.deepEqual(statuses(), ['STARTED', 'UP', 'STOPPED']);
    assert.equal(readFileSync(path, 'utf8'), text, 'reading never rewrites the file');
    assert.equal(statSync(path).mtimeMs, mtime);
  });
});
