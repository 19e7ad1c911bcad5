import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cannotProbeAdvice, pingWorksBecause } from '../../../src/core/probe/probe-advice.js';
import { healthEvent } from '../../../src/shared/live-events.js';

const NOBODY = { allowed: false, range: '1 0' } as const;
const HELPER_EPERM = 'EPERM: raw ICMP socket: Operation not permitted';

describe('the words when nothing can probe', () => {
  it('says ping is missing and the group is not allowed, and how to fix each', () => {
    assert.equal(
      cannotProbeAdvice({ ping: 'spawn ping ENOENT', icmp: NOBODY, helper: HELPER_EPERM, refused: false }),
      'nom cannot send pings: ping is not installed and unprivileged ICMP is not allowed for your group (net.ipv4.ping_group_range = 1 0); ' +
        'the ICMP helper could not start (EPERM: raw ICMP socket: Operation not permitted). ' +
        "Install iputils-ping, or allow it with: sudo sysctl net.ipv4.ping_group_range='0 2147483647', or choose TCP probes in Settings.",
    );
  });

  it('names what ping said when it is there but not allowed, and that the permission dialog was refused', () => {
    const words = cannotProbeAdvice({ ping: 'ping: socket: Operation not permitted', icmp: NOBODY, helper: HELPER_EPERM, refused: true });
    assert.match(words, /^nom cannot send pings: ping does not work here \(ping: socket: Operation not permitted\) and unprivileged ICMP is not allowed/);
    assert.match(words, /the ICMP helper could not start \(EPERM[^)]*\), and the permission to run it was not given\. Allow it with: sudo sysctl/);
    assert.doesNotMatch(words, /Install iputils-ping/);
  });

  it('does not blame the group setting where there is none or it allows the group', () => {
    for (const icmp of [{ allowed: false, range: null } as const, { allowed: true, gid: 1000, range: '0 2147483647' } as const]) {
      const words = cannotProbeAdvice({ ping: 'spawn ping ENOENT', icmp, helper: HELPER_EPERM, refused: false });
      assert.doesNotMatch(words, /ping_group_range/);
      assert.match(words, /\. Install iputils-ping, or choose TCP probes in Settings\.$/);
    }
  });

  it('stays within a health event, however long what ping printed', () => {
    const words = cannotProbeAdvice({ ping: 'x'.repeat(5_000), icmp: { allowed: false, range: '4294967294 4294967295' }, helper: 'y'.repeat(5_000), refused: true });
    assert.ok(healthEvent.safeParse({ type: 'health', at: 0, probing: false, detail: words }).success, `${words.length} characters`);
  });

  it('says which way ping works without privilege from nom', () => {
    assert.equal(pingWorksBecause({ allowed: true, gid: 1000, range: '0 2147483647' }), 'unprivileged ICMP: group 1000 is in net.ipv4.ping_group_range 0 2147483647');
    assert.equal(pingWorksBecause(NOBODY), 'ping has the privilege itself: setcap cap_net_raw or setuid');
  });
});
