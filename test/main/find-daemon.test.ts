import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UserError } from '../../src/core/errors.js';
import { startHttpServer, type RunningServer } from '../../src/core/http/http-server.js';
import { listenRecordPath, writeListenRecord, type ListenRecord } from '../../src/core/http/listen-record.js';
import { createLogger } from '../../src/core/log.js';
import { configFileSaver, runtimeHandlers } from '../../src/core/runtime/api-handlers.js';
import { namedZone } from '../../src/core/time/zone.js';
import { findDaemon, type FindDaemonDeps } from '../../src/main/find-daemon.js';
import { appPreferences, type AppPreferences } from '../../src/shared/app-preferences.js';
import { outage, runtimeRig } from '../core/runtime/runtime-rig.js';
import { tempDir, treeDigest } from '../support/tmp.js';

/**
 * Which daemon the app watches: one named on its command line or in its settings first, else
 * one serving on this machine whose listen record is in the data folder, if it is alive and
 * answers. The daemons here are the real HTTP server over a runtime, on 127.0.0.1; a named
 * daemon that must not answer is at a port nothing listens on, also on 127.0.0.1.
 */
const TOKEN = 'find-daemon-test-token-0123456789abcdefgh';
const quiet = createLogger('test', { write: () => undefined });
const NO_PREFERENCES: AppPreferences = appPreferences.parse({});

/** A pid no process has: one that has just ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('findDaemon', () => {
  const rig = runtimeRig(tempDir(), outage(999, 999));
  let open: RunningServer;
  let guarded: RunningServer;
  /** A loopback address where nothing listens. */
  let nowhere: string;

  before(async () => {
    const serve = (token: string | null) =>
      startHttpServer(
        { host: '127.0.0.1', port: 0 },
        {
          handlers: runtimeHandlers(rig.runtime, { dataDir: tempDir(), settings: configFileSaver(null), zone: namedZone('UTC') }),
          subscribe: () => () => undefined,
          dataDir: tempDir(),
          reports: { run: () => Promise.reject(new Error('no reports here')), close() {} },
          now: () => rig.runtime.status().now,
          liveTargets: () => [],
          uiDir: tempDir(),
          token,
          log: quiet,
        },
      );
    open = await serve(null);
    guarded = await serve(TOKEN);
    const gone = await serve(null);
    nowhere = gone.url;
    await gone.close();
  });
  after(async () => {
    await open.close();
    await guarded.close();
  });

  /** A data folder with the given record in it, and what findDaemon said while looking. */
  async function find(record: ListenRecord | null, change: Partial<FindDaemonDeps> = {}) {
    const dataDir = tempDir();
    if (record !== null) await writeListenRecord(dataDir, record);
    const notes: string[] = [];
    const found = await findDaemon({ argv: [], env: {}, preferences: NO_PREFERENCES, dataDir, note: (line) => notes.push(line), log: quiet, ...change });
    return { found, notes, dataDir };
  }
  const recordOf = (url: string, change: Partial<ListenRecord> = {}): ListenRecord => ({ url, pid: process.pid, instance: 'test', tokenFile: null, ...change });

  it('finds nothing, and says nothing, where no daemon left a record', async () => {
    const { found, notes } = await find(null);
    assert.equal(found, null);
    assert.deepEqual(notes, []);
  });

  it('watches the daemon serving on this machine that left its record in the data folder', async () => {
    const { found, notes } = await find(recordOf(open.url));
    assert.deepEqual(found, { url: open.url, token: null, why: 'running-here' });
    assert.deepEqual(notes, []);
  });

  it("reads the token of one that asks for it from the file its record names", async () => {
    const tokenFile = join(tempDir(), '.http-token');
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    const { found } = await find(recordOf(guarded.url, { tokenFile }));
    assert.deepEqual(found, { url: guarded.url, token: TOKEN, why: 'running-here' });
  });

  it('monitors here when the recorded daemon is no longer running, and says so', async () => {
    const pid = deadPid();
    const { found, notes, dataDir } = await find(recordOf(open.url, { pid }));
    assert.equal(found, null);
    assert.deepEqual(notes, [`the daemon recorded in ${listenRecordPath(dataDir)} (pid ${pid}, ${open.url}) is no longer running; monitoring on this computer instead`]);
  });

  it('monitors here when the recorded daemon does not answer, or answers as another instance', async () => {
    const silent = await find(recordOf(nowhere));
    assert.equal(silent.found, null);
    assert.match(silent.notes[0] ?? '', /\) does not answer: the daemon at http:\/\/127\.0\.0\.1:\d+ cannot be reached: nothing answers at that port .*; monitoring on this computer instead$/);

    const other = await find(recordOf(open.url, { instance: 'kitchen' }));
    assert.equal(other.found, null);
    assert.match(other.notes[0] ?? '', /answers as instance "test", not the "kitchen" recorded: the record is stale; monitoring on this computer instead$/);
  });

  it('monitors here when it cannot read the token the recorded daemon asks for', async () => {
    const { found, notes } = await find(recordOf(guarded.url, { tokenFile: join(tempDir(), 'missing-token') }));
    assert.equal(found, null);
    assert.match(notes[0] ?? '', /asks for its access token, which this app cannot read \(.*missing-token: no such file or folder\); monitoring on this computer instead$/);
  });

  it('ignores a record that is not one, and says where it is', async () => {
    const dataDir = tempDir();
    writeFileSync(listenRecordPath(dataDir), '{"url": "somewhere"}');
    const notes: string[] = [];
    const found = await findDaemon({ argv: [], env: {}, preferences: NO_PREFERENCES, dataDir, note: (line) => notes.push(line), log: quiet });
    assert.equal(found, null);
    assert.match(notes[0] ?? '', /\.nom-daemon\.json is not used: it is not a daemon's listen record \(url: .*\); monitoring on this computer instead$/);
  });

  it('takes the daemon named in settings before the one running here', async () => {
    const preferences = appPreferences.parse({ watch: { url: guarded.url, token: TOKEN } });
    const { found, notes } = await find(recordOf(open.url), { preferences });
    assert.deepEqual(found, { url: guarded.url, token: TOKEN, why: 'named' });
    assert.deepEqual(notes, []);
  });

  it('takes the one named on the command line before the settings, with NOM_TOKEN or --watch-token-file', async () => {
    const preferences = appPreferences.parse({ watch: { url: open.url, token: null } });
    const fromEnv = await find(null, { preferences, argv: ['/usr/bin/nom-app', '--watch', guarded.url], env: { NOM_TOKEN: TOKEN } });
    assert.deepEqual(fromEnv.found, { url: guarded.url, token: TOKEN, why: 'named' });

    const tokenFile = join(tempDir(), 'pi-token');
    writeFileSync(tokenFile, `${TOKEN}\n`);
    const fromFile = await find(null, { preferences, argv: ['/usr/bin/nom-app', `--watch=${guarded.url}/`, '--watch-token-file', tokenFile] });
    assert.deepEqual(fromFile.found, { url: guarded.url, token: TOKEN, why: 'named' });
    assert.deepEqual([...fromEnv.notes, ...fromFile.notes], []);
  });

  it('still watches a named daemon that does not answer, and says why it is out of reach', async () => {
    const preferences = appPreferences.parse({ watch: { url: nowhere, token: null } });
    const { found, notes } = await find(recordOf(open.url), { preferences });
    assert.deepEqual(found, { url: nowhere, token: null, why: 'named' });
    assert.equal(notes.length, 1);
    assert.match(notes[0] ?? '', /^the daemon named in settings, http:\/\/127\.0\.0\.1:\d+, does not answer: the daemon at .* cannot be reached: .*; it is shown as out of reach until it does, and nothing is monitored on this computer$/);

    const unauthorised = await find(null, { argv: ['--watch', guarded.url] });
    assert.deepEqual(unauthorised.found, { url: guarded.url, token: null, why: 'named' });
    assert.match(unauthorised.notes[0] ?? '', /^the daemon named on the command line, .*, does not answer: this server needs its access token/);
  });

  it('refuses a bad --watch, token file or NOM_TOKEN with one line naming it, and touches nothing', async () => {
    const dataDir = tempDir();
    await writeListenRecord(dataDir, recordOf(open.url));
    const before = treeDigest(dataDir);
    const refused = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      const err = await findDaemon({ argv, env, preferences: NO_PREFERENCES, dataDir, note: () => assert.fail('no note for bad input'), log: quiet }).then(
        () => assert.fail('refused expected'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof UserError);
      assert.doesNotMatch(err.message, /\n/);
      return err.message;
    };
    assert.equal(await refused(['--watch', 'ftp://pi.local']), `--watch: "ftp://pi.local" must be the daemon's address, such as http://pi.local:8754 (http or https, no path)`);
    assert.equal(await refused(['--watch', 'http://pi.local:8754/dashboard']), `--watch: "http://pi.local:8754/dashboard" must be the daemon's address, such as http://pi.local:8754 (http or https, no path)`);
    assert.equal(await refused(['--watch']), '--watch needs a value');
    assert.equal(await refused(['--watch', open.url, '--watch', guarded.url]), 'give --watch once');
    assert.equal(await refused(['--watch-token-file', '/etc/hostname']), '--watch-token-file is the token of the daemon given with --watch, and no --watch was given');
    const missing = join(dataDir, 'no-token');
    assert.equal(await refused(['--watch', open.url, '--watch-token-file', missing]), `--watch-token-file: ${missing}: no such file or folder`);
    const notToken = join(tempDir(), 'not-a-token');
    writeFileSync(notToken, 'two words\n');
    assert.match(await refused(['--watch', open.url, '--watch-token-file', notToken]), /^--watch-token-file: .*not-a-token: must be the daemon's access token/);
    assert.match(await refused(['--watch', open.url], { NOM_TOKEN: 'has spaces in it' }), /^NOM_TOKEN must be the daemon's access token/);
    assert.equal(treeDigest(dataDir), before);
  });
});
