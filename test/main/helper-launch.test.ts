import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  helperLaunch,
  INSTALLED_APP,
  INSTALLED_HELPER_MAIN,
  POLICY_ACTION,
  POLICY_PATH,
  WRAPPER_PATH,
  type HelperLaunchFacts,
} from '../../src/main/helper-launch.js';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

const POLICY_FILE = join(ROOT, 'packaging/linux/org.nom.monitor.policy');
const WRAPPER_FILE = join(ROOT, 'packaging/linux/nom-helper');

/** The deb's app on Linux with the policy installed, unless a test says otherwise. */
const deb = (change: Partial<HelperLaunchFacts> = {}, present = ['/usr/bin/pkexec', POLICY_PATH, WRAPPER_PATH]): HelperLaunchFacts => ({
  platform: 'linux',
  packaged: true,
  executable: INSTALLED_APP,
  resourcesDir: '/opt/nom/resources',
  devHelperMain: '/home/me/nom/dist/helper/main.js',
  exists: (path) => present.includes(path),
  ...change,
});

describe('how the desktop app starts the helper', () => {
  it('in the deb on Linux with the policy installed: ping first, the helper run by the app as Node, then pkexec through the wrapper', () => {
    assert.deepEqual(helperLaunch(deb()), {
      pingFirst: true,
      helperCommand: { command: '/usr/bin/env', args: ['ELECTRON_RUN_AS_NODE=1', INSTALLED_APP, '--optimize-for-size', INSTALLED_HELPER_MAIN] },
      elevatedHelperCommand: { command: '/usr/bin/pkexec', args: [WRAPPER_PATH] },
    });
  });

  it('offers no pkexec without the policy, the wrapper or pkexec itself', () => {
    for (const missing of ['/usr/bin/pkexec', POLICY_PATH, WRAPPER_PATH]) {
      const present = ['/usr/bin/pkexec', POLICY_PATH, WRAPPER_PATH].filter((p) => p !== missing);
      assert.equal(helperLaunch(deb({}, present)).elevatedHelperCommand, null, `without ${missing}`);
    }
  });

  it('offers no pkexec to another copy of the app (an AppImage), which the wrapper would not run', () => {
    const appImage = helperLaunch(deb({ executable: '/tmp/.mount_nomXYZ/nom', resourcesDir: '/tmp/.mount_nomXYZ/resources' }));
    assert.equal(appImage.elevatedHelperCommand, null);
    assert.deepEqual(appImage.helperCommand, {
      command: '/usr/bin/env',
      args: ['ELECTRON_RUN_AS_NODE=1', '/tmp/.mount_nomXYZ/nom', '--optimize-for-size', '/tmp/.mount_nomXYZ/resources/app.asar.unpacked/dist/helper/main.js'],
    });
  });

  it('on macOS the bundled helper only; on Windows none yet', () => {
    const mac = helperLaunch(deb({ platform: 'darwin', executable: '/Applications/nom.app/Contents/MacOS/nom', resourcesDir: '/Applications/nom.app/Contents/Resources' }));
    assert.deepEqual(mac.helperCommand?.args.slice(0, 2), ['ELECTRON_RUN_AS_NODE=1', '/Applications/nom.app/Contents/MacOS/nom']);
    assert.equal(mac.elevatedHelperCommand, null);
    const windows = helperLaunch(deb({ platform: 'win32', executable: 'C:\\Program Files\\nom\\nom.exe', resourcesDir: 'C:\\Program Files\\nom\\resources' }));
    assert.deepEqual(windows, { pingFirst: true, helperCommand: null, elevatedHelperCommand: null });
  });

  it('in a development run, the checkout\'s helper on node, and no pkexec', () => {
    assert.deepEqual(helperLaunch(deb({ packaged: false, executable: '/home/me/nom/node_modules/electron/dist/electron' })), {
      pingFirst: true,
      helperCommand: { command: 'node', args: ['--optimize-for-size', '/home/me/nom/dist/helper/main.js'] },
      elevatedHelperCommand: null,
    });
  });
});

describe('the polkit policy and the wrapper the deb installs', () => {
  const policy = readFileSync(POLICY_FILE, 'utf8');

  it('is well-formed XML', () => {
    assert.deepEqual(xmlProblems(policy), []);
    // The check itself tells broken XML apart.
    assert.notDeepEqual(xmlProblems(policy.replace('</defaults>', '')), []);
    assert.notDeepEqual(xmlProblems(policy.replace('<vendor>nom</vendor>', '<vendor>nom & co</vendor>')), []);
    assert.notDeepEqual(xmlProblems(policy.replace('<action id="', '<action id=')), []);
    assert.notDeepEqual(xmlProblems(`${policy}<policyconfig/>`), []);
  });

  it('names the action and the wrapper helper-launch.ts uses, asks an administrator once in a while, and says why in words', () => {
    const actions = [...policy.matchAll(/<action id="([^"]+)">([\s\S]*?)<\/action>/g)];
    assert.deepEqual(actions.map((a) => a[1]), [POLICY_ACTION]);
    const action = actions[0]?.[2] ?? '';
    assert.equal(/<annotate key="org\.freedesktop\.policykit\.exec\.path">([^<]+)<\/annotate>/.exec(action)?.[1], WRAPPER_PATH);
    assert.equal(/<allow_active>([^<]+)<\/allow_active>/.exec(action)?.[1], 'auth_admin_keep');
    assert.equal(/<allow_any>([^<]+)<\/allow_any>/.exec(action)?.[1], 'auth_admin');
    assert.equal(/<message>([^<]+)<\/message>/.exec(action)?.[1], 'nom needs permission to send ICMP echo requests (ping) to watch your connection');
    assert.equal(POLICY_PATH, `/usr/share/polkit-1/actions/${POLICY_ACTION.replace(/\.helper$/, '')}.policy`);
  });

  it('the wrapper runs the installed app as Node on the installed helper', () => {
    const wrapper = readFileSync(WRAPPER_FILE, 'utf8');
    assert.match(wrapper, /^#!\/bin\/sh\n/);
    assert.match(wrapper, new RegExp(`^APP=${INSTALLED_APP}$`, 'm'));
    assert.match(wrapper, new RegExp(`^HELPER=${INSTALLED_HELPER_MAIN.replaceAll('.', '\\.')}$`, 'm'));
    assert.ok(spawnSync('sh', ['-n', WRAPPER_FILE]).status === 0, 'sh can parse it');
  });

  it('with the empty environment pkexec gives it, sets ELECTRON_RUN_AS_NODE and passes the helper its arguments untouched', () => {
    const dir = tempDir('nom-wrapper-');
    const app = join(dir, 'app');
    writeFileSync(app, '#!/bin/sh\necho "ELECTRON_RUN_AS_NODE=${ELECTRON_RUN_AS_NODE:-unset}"\nfor a in "$@"; do echo "arg:$a"; done\n');
    chmodSync(app, 0o755);
    const copy = join(dir, 'nom-helper');
    writeFileSync(copy, readFileSync(WRAPPER_FILE, 'utf8').replace(/^APP=.*$/m, `APP=${app}`));
    chmodSync(copy, 0o755);
    const run = spawnSync('env', ['-i', copy, '--route-link', 'eth0=192.0.2.1', 'two words'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      'ELECTRON_RUN_AS_NODE=1',
      'arg:--optimize-for-size',
      'arg:--max-semi-space-size=1',
      'arg:--max-old-space-size=256',
      `arg:${INSTALLED_HELPER_MAIN}`,
      'arg:--route-link',
      'arg:eth0=192.0.2.1',
      'arg:two words',
    ]);
  });
});

/**
 * Enough of XML 1.0 to tell a well-formed policy from a broken one, with no parser to install:
 * a declaration, a DOCTYPE without an internal subset, comments, elements properly nested under
 * one root, quoted and unrepeated attributes, and no bare `<` or `&` in text.
 */
function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  let rest = text.replace(/^<\?xml\s[^?]*\?>/, '').replace(/<!DOCTYPE\s[^[>]*>/, '');
  rest = rest.replace(/<!--([\s\S]*?)-->/g, (_all, body: string) => {
    if (body.includes('--')) problems.push('"--" inside a comment');
    return '';
  });
  const open: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of rest.matchAll(token)) {
    const [, close, name, attrs = '', selfClose, textPart, stray] = m;
    if (stray !== undefined) problems.push(`a bare "<" at ${m.index}`);
    else if (textPart !== undefined) {
      if (open.length === 0 && textPart.trim() !== '') problems.push('text outside the root element');
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(textPart)) problems.push(`a bare "&" at ${m.index}`);
    } else if (close) {
      if (open.pop() !== name) problems.push(`</${name}> closes nothing open`);
    } else {
      const names = [...attrs.matchAll(/([A-Za-z_][\w.:-]*)\s*=/g)].map((a) => a[1]);
      if (new Set(names).size !== names.length) problems.push(`<${name}> repeats an attribute`);
      if (open.length === 0) roots++;
      if (!selfClose) open.push(name ?? '');
    }
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
