import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unprivilegedIcmp } from '../../../src/core/probe/ping-group-range.js';

/** net.ipv4.ping_group_range as the kernel reads it: any of the process's groups inside the range lets it open ICMP datagram sockets. */
describe('unprivilegedIcmp', () => {
  it('lets nobody in with the default "1 0"', () => {
    assert.deepEqual(unprivilegedIcmp('1\t0\n', [1000, 27, 100]), { allowed: false, range: '1 0' });
  });

  it('lets everyone in with the range distributions set', () => {
    assert.deepEqual(unprivilegedIcmp('0\t2147483647\n', [1000]), { allowed: true, gid: 1000, range: '0 2147483647' });
  });

  it('counts a supplementary group as the kernel does, and bounds that are inclusive', () => {
    assert.deepEqual(unprivilegedIcmp('100 100', [1000, 27, 100]), { allowed: true, gid: 100, range: '100 100' });
    assert.deepEqual(unprivilegedIcmp('101 200', [1000, 27, 100]), { allowed: false, range: '101 200' });
  });

  it('says there is no such setting when the file is missing or not two numbers', () => {
    assert.deepEqual(unprivilegedIcmp(null, [1000]), { allowed: false, range: null });
    assert.deepEqual(unprivilegedIcmp('', [1000]), { allowed: false, range: null });
    assert.deepEqual(unprivilegedIcmp('0 all', [1000]), { allowed: false, range: null });
    assert.deepEqual(unprivilegedIcmp('0 1 2', [1000]), { allowed: false, range: null });
  });
});
