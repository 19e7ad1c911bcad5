import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UserError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/log.js';
import { chooseProber, type ChooseProberOptions } from '../../../src/core/probe/choose-prober.js';
import { encodeLine, HELPER_PROTOCOL_VERSION } from '../../../src/shared/helper-lines.js';
import { tempDir } from '../../support/tmp.js';

/**
 * The desktop's `auto` (pingFirst) with stand-ins for ping, the helper and pkexec: small shell
 * scripts that print what the real ones print and leave a mark when they are run, so each test
 * sees what was tried and what never was. Nothing is sent anywhere: no stand-in opens a socket.
 */
const dir = tempDir('nom-order-');
const log = createLogger('probe', { write: () => undefined });
const ALLOWED = { allowed: true, gid: 1000, range: '0 2147483647' } as const;
const NOBODY = { allowed: false, range: '1 0' } as const;

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho "$0 $*" >> ${join(dir, 'ran')}\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
/** Whether the stand-in ran itself, not only was named on another's command line. */
const ran = (name: string) => existsSync(join(dir, 'ran')) && readFileSync(join(dir, 'ran'), 'utf8').split('\n').some((line) => line.startsWith(`${join(dir, name)} `));

const READY = encodeLine({ type: 'ready', protocol: HELPER_PROTOCOL_VERSION, families: ['ipv4'] }).trim();
const FAILED = encodeLine({ type: 'failed', error: { code: 'EPERM', message: 'raw ICMP socket: Operation not permitted' } }).trim();
const goodPing = script('good-ping', `echo '64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.045 ms'; echo '1 packets transmitted, 1 received'`);
const deniedPing = script('denied-ping', `echo 'ping: socket: Operation not permitted' >&2; exit 2`);
const readyHelper = script('ready-helper', `echo '${READY}'; cat > /dev/null`);
const failingHelper = script('failing-helper', `echo '${FAILED}'; exit 1`);
const pkexecAllows = script('pkexec-allows', `exec "$@"`);
const pkexecDismissed = script('pkexec-dismissed', 'exit 126');
const shortLivedHelper = script('short-lived-helper', `echo '${READY}'; sleep 0.3; exit 1`);
/** Allows the first time, and the dialog is dismissed every time after. */
const pkexecOnce = script('pkexec-once', `[ -e ${join(dir, 'asked')} ] && exit 126; touch ${join(dir, 'asked')}; exec "$@"`);
const runs = (name: string) => readFileSync(join(dir, 'ran'), 'utf8').split('\n').filter((line) => line.startsWith(`${join(dir, name)} `)).length;

type Order = Omit<ChooseProberOptions, 'log' | 'preference'> & { tcpPort?: number };

async function choose({ tcpPort, ...options }: Order) {
  writeFileSync(join(dir, 'ran'), '');
  const chosen = await chooseProber({ pingFirst: true, preference: { kind: 'auto', ...(tcpPort !== undefined && { tcpPort }) }, ...options, log });
  await chosen.prober.close();
  return { kind: chosen.prober.kind, description: chosen.description };
}

describe("the desktop's order: no privilege asked where none is needed", { timeout: 30_000 }, () => {
  it('takes ping when it works, says why it needs nothing, and starts no helper', async () => {
    const helpers = { helperCommand: { command: readyHelper, args: [] }, elevatedHelperCommand: { command: pkexecAllows, args: [readyHelper] } };
    assert.deepEqual(await choose({ ...helpers, ping: { command: goodPing }, icmp: ALLOWED }), {
      kind: 'ping-binary',
      description: 'the system ping binary (unprivileged ICMP: group 1000 is in net.ipv4.ping_group_range 0 2147483647)',
    });
    assert.ok(ran('good-ping') && !ran('ready-helper') && !ran('pkexec-allows'));
    assert.equal((await choose({ ...helpers, ping: { command: goodPing }, icmp: NOBODY })).description, 'the system ping binary (ping has the privilege itself: setcap cap_net_raw or setuid)');
  });

  it('takes the helper as it is when ping cannot, and asks for no permission', async () => {
    const chosen = await choose({ helperCommand: { command: readyHelper, args: [] }, elevatedHelperCommand: { command: pkexecAllows, args: [readyHelper] }, ping: { command: deniedPing }, icmp: NOBODY });
    assert.deepEqual(chosen, { kind: 'icmp-helper', description: 'the privileged ICMP helper (raw sockets: ipv4) (ping does not work here: ping: socket: Operation not permitted)' });
    assert.ok(ran('denied-ping') && ran('ready-helper') && !ran('pkexec-allows'));
  });

  it('asks through pkexec only when the helper has no privilege of its own', async () => {
    const chosen = await choose({ helperCommand: { command: failingHelper, args: [] }, elevatedHelperCommand: { command: pkexecAllows, args: [readyHelper] }, ping: { command: deniedPing }, icmp: NOBODY });
    assert.equal(chosen.kind, 'icmp-helper');
    assert.match(chosen.description, new RegExp(`^the ICMP helper, run with your permission through ${pkexecAllows} \\(raw sockets: ipv4\\)`));
    assert.ok(ran('failing-helper') && ran('pkexec-allows') && ran('ready-helper'));
  });

  it('when the dialog is dismissed and no TCP port is set, fails with words the user can act on', async () => {
    const order = { helperCommand: { command: failingHelper, args: [] }, elevatedHelperCommand: { command: pkexecDismissed, args: [readyHelper] }, ping: { command: join(dir, 'no-such-ping') }, icmp: NOBODY };
    await assert.rejects(choose(order), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(
        err.message,
        'nom cannot send pings: ping is not installed and unprivileged ICMP is not allowed for your group (net.ipv4.ping_group_range = 1 0); ' +
          'the ICMP helper could not start (EPERM: raw ICMP socket: Operation not permitted), and the permission to run it was not given. ' +
          "Install iputils-ping, or allow it with: sudo sysctl net.ipv4.ping_group_range='0 2147483647', or choose TCP probes in Settings.",
      );
      return true;
    });
    assert.ok(ran('pkexec-dismissed') && !ran('ready-helper'));
  });

  it('asks again when the helper it was allowed to run dies, but not once the user has said no', async () => {
    writeFileSync(join(dir, 'ran'), '');
    const chosen = await chooseProber({
      pingFirst: true,
      preference: { kind: 'auto' },
      helperCommand: { command: failingHelper, args: [] },
      elevatedHelperCommand: { command: pkexecOnce, args: [shortLivedHelper] },
      ping: { command: join(dir, 'no-such-ping') },
      icmp: NOBODY,
      helper: { backoffMs: [50, 100] },
      log,
    });
    try {
      assert.equal(chosen.prober.kind, 'icmp-helper');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.equal(runs('pkexec-once'), 2, 'asked when first chosen, and once more when the helper died');
      const result = await chosen.prober.probe('192.0.2.1', 500);
      assert.ok(!result.ok && result.reason === 'error');
      assert.match(result.detail, /the ICMP helper is not running: the permission to run it was not given \(.*pkexec-once exited with code 126\)/);
    } finally {
      await chosen.prober.close();
    }
  });

  it('raises no dialog on a retry nobody asked for, and says the same', async () => {
    const order = { helperCommand: { command: failingHelper, args: [] }, elevatedHelperCommand: { command: pkexecAllows, args: [readyHelper] }, ping: { command: join(dir, 'no-such-ping') }, icmp: NOBODY, mayAsk: false };
    await assert.rejects(choose(order), /and the permission to run it was not given\./);
    assert.ok(ran('failing-helper') && !ran('pkexec-allows'));
  });

  it('falls back to TCP when a port is configured', async () => {
    const chosen = await choose({ helperCommand: { command: failingHelper, args: [] }, elevatedHelperCommand: null, ping: { command: deniedPing }, icmp: NOBODY, tcpPort: 443 });
    assert.equal(chosen.kind, 'tcp');
    assert.match(chosen.description, /^TCP connects to port 443 \(ping does not work here: ping: socket: Operation not permitted; the ICMP helper did not start: EPERM/);
  });

  it('keeps the daemon order without pingFirst: the helper first, even where ping works', async () => {
    const chosen = await choose({ pingFirst: false, helperCommand: { command: readyHelper, args: [] }, ping: { command: goodPing } });
    assert.deepEqual(chosen, { kind: 'icmp-helper', description: 'the privileged ICMP helper (raw sockets: ipv4)' });
    assert.ok(!ran('good-ping'));
  });

  it('says so when this platform has no way to start the helper', async () => {
    await assert.rejects(choose({ helperCommand: null, ping: { command: deniedPing }, icmp: { allowed: false, range: null } }), /the ICMP helper could not start \(nom has no way to start it on this system\)\. Choose TCP probes in Settings\.$/);
  });
});
