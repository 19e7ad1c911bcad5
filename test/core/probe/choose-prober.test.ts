import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { UserError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/log.js';
import { chooseProber, type ChooseProberOptions } from '../../../src/core/probe/choose-prober.js';
import { AS_NOBODY, HELPER_MAIN, TestNamespace, TSX } from '../../helper/netns.js';

const NO_PING = { command: '/nonexistent/ping' };
const log = createLogger('probe', { write: () => undefined });

const ns = TestNamespace.create('choose');
const skip = ns ? false : 'needs root and `ip netns`';

/** As a desktop user runs it: the helper gets no raw socket, and ping works through its file capability. */
describe('chooseProber', { skip, timeout: 60_000 }, () => {
  after(() => ns?.delete());
  const FAILING_HELPER = ns?.exec(...AS_NOBODY, ...TSX, HELPER_MAIN) ?? { command: 'false', args: [] };
  const pingInNamespace = () => {
    const { command, args } = ns!.exec(...AS_NOBODY, 'ping');
    return { command, commandArgs: args };
  };

  async function choose(options: Omit<ChooseProberOptions, 'log'>) {
    const chosen = await chooseProber({ ...options, log });
    await chosen.prober.close();
    return { kind: chosen.prober.kind, description: chosen.description };
  }

  it('takes the helper when it starts', async () => {
    const chosen = await choose({ preference: { kind: 'auto' }, helperCommand: ns!.exec(...TSX, HELPER_MAIN), ping: NO_PING });
    assert.deepEqual(chosen, { kind: 'icmp-helper', description: 'the privileged ICMP helper (raw sockets: ipv4, ipv6)' });
  });

  it('falls back to ping when the helper cannot start, and says why', async () => {
    const chosen = await choose({ preference: { kind: 'auto' }, helperCommand: FAILING_HELPER, ping: pingInNamespace() });
    assert.deepEqual(chosen, {
      kind: 'ping-binary',
      description: 'the system ping binary (the ICMP helper did not start (EPERM: raw ICMP socket: Operation not permitted))',
    });
  });

  it('falls back to TCP when neither ICMP way works and a port is configured', async () => {
    const chosen = await choose({ preference: { kind: 'auto', tcpPort: 443 }, helperCommand: FAILING_HELPER, ping: NO_PING });
    assert.equal(chosen.kind, 'tcp');
    assert.match(chosen.description, /^TCP connects to port 443 \(the ICMP helper did not start .*; ping does not work here \(.*ENOENT.*\)\)$/);
  });

  it('says clearly that nothing works, naming each failure', async () => {
    await assert.rejects(
      chooseProber({ preference: { kind: 'auto' }, helperCommand: FAILING_HELPER, ping: NO_PING, log }),
      (err: unknown) => err instanceof UserError && /^no way to probe: the ICMP helper did not start \(EPERM.*\); ping does not work here .*no TCP port/.test(err.message),
    );
  });

  it('keeps to the mechanism asked for', async () => {
    await assert.rejects(chooseProber({ preference: { kind: 'icmp' }, helperCommand: FAILING_HELPER, ping: pingInNamespace(), log }), UserError);
    await assert.rejects(chooseProber({ preference: { kind: 'ping' }, helperCommand: ns!.exec(...TSX, HELPER_MAIN), ping: NO_PING, log }), UserError);
    assert.equal((await choose({ preference: { kind: 'ping' }, helperCommand: FAILING_HELPER, ping: pingInNamespace() })).kind, 'ping-binary');
    assert.deepEqual(await choose({ preference: { kind: 'tcp', port: 22 }, helperCommand: FAILING_HELPER }), {
      kind: 'tcp',
      description: 'TCP connects to port 22 (as asked)',
    });
  });
});
