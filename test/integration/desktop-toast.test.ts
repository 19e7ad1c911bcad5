import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Toast } from '../../src/core/notify/desktop/toast.js';
import { tempDir } from '../support/tmp.js';

/**
 * A real desktop notification: the app's toasts go through node-notifier and notify-send to a
 * real dunst, on a private X display (xvfb-run) and session bus (dbus-run-session), whose one
 * rule runs a script that records each toast's app name, title and body. What dunst recorded
 * must be exactly what the app made. The tools come from apt (.ci/run); without them this test
 * fails, saying which are missing.
 */
const PROBE = fileURLToPath(new URL('./toast-probe.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOOLS = { 'xvfb-run': 'xvfb', xauth: 'xauth', 'dbus-run-session': 'dbus', 'dbus-send': 'dbus', dunst: 'dunst', 'notify-send': 'libnotify-bin' };

async function missingTools(): Promise<string[]> {
  const found = await Promise.all(
    Object.keys(TOOLS).map((tool) =>
      promisify(execFile)('sh', ['-c', `command -v ${tool}`]).then(
        () => null,
        () => tool,
      ),
    ),
  );
  return found.filter((t): t is string => t !== null);
}

describe('a real desktop notification', () => {
  it('"connection restored" reaches dunst through node-notifier and notify-send with the title and body the app made', { timeout: 20_000 }, async () => {
    const missing = await missingTools();
    const packages = [...new Set(missing.map((t) => TOOLS[t as keyof typeof TOOLS]))];
    assert.deepEqual(missing, [], `missing ${missing.join(', ')}: apt-get install ${packages.join(' ')}`);

    const dir = tempDir('nom-toast-');
    const recorder = join(dir, 'record-toast.sh');
    writeFileSync(recorder, `#!/bin/sh\n# dunst runs this as: script appname summary body icon urgency\nprintf '%s\\t%s\\t%s\\n' "$1" "$2" "$3" >> '${join(dir, 'record')}'\n`);
    chmodSync(recorder, 0o755);
    writeFileSync(join(dir, 'dunstrc'), `[global]\n    always_run_script = true\n\n[record]\n    summary = "*"\n    script = ${recorder}\n`);

    let stdout: string;
    try {
      ({ stdout } = await promisify(execFile)('xvfb-run', ['-a', 'dbus-run-session', '--', process.execPath, '--import', 'tsx', PROBE, dir], { cwd: ROOT, timeout: 18_000 }));
    } catch (err) {
      const failed = err as { stdout?: string; stderr?: string; message: string };
      assert.fail(`the toast probe failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
    }
    const made = stdout
      .split('\n')
      .filter((line) => line.startsWith('TOAST '))
      .map((line) => JSON.parse(line.slice('TOAST '.length)) as Toast);
    const recorded = readFileSync(join(dir, 'record'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));

    const restored = made.find((t) => t.kind === 'restored');
    assert.ok(restored, `the app made a "connection restored" toast: ${stdout}`);
    assert.match(restored.body, /^router \(192\.0\.2\.1\) answers again after 3 minutes down\. Cause: the internet provider/);
    assert.deepEqual(
      recorded,
      made.map((t) => ['nom', t.title, t.body]),
      'dunst showed each toast as made, under the app name nom',
    );
    assert.deepEqual(recorded.at(-1), ['nom', 'Connection restored', restored.body]);
  });
});
