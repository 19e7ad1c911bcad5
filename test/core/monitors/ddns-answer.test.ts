import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIpAnswer } from '../../../src/core/monitors/ddns/ip-answer.js';

const accepted = (body: string, family: 'ipv4' | 'ipv6') => {
  const answer = parseIpAnswer(body, family);
  assert.ok(answer.ok, `${JSON.stringify(body)} refused: ${answer.ok ? '' : answer.error}`);
  return answer.address;
};
const refused = (body: string, family: 'ipv4' | 'ipv6') => {
  const answer = parseIpAnswer(body, family);
  assert.ok(!answer.ok, `${JSON.stringify(body)} accepted as ${answer.ok ? answer.address : ''}`);
  return answer.error;
};

describe('ddns: a provider answer', () => {
  it('is trimmed and taken when it is one address of the asked family', () => {
    assert.equal(accepted('203.0.113.7\n', 'ipv4'), '203.0.113.7');
    assert.equal(accepted('  \t198.51.100.200\r\n', 'ipv4'), '198.51.100.200');
    assert.equal(accepted('2001:db8::7\n', 'ipv6'), '2001:db8::7');
  });

  it('writes IPv6 in canonical form, so one address never looks like a change', () => {
    assert.equal(accepted('2001:DB8:0:0:0:0:0:7', 'ipv6'), '2001:db8::7');
    assert.equal(accepted('2001:0db8::0007', 'ipv6'), '2001:db8::7');
  });

  it('takes an IPv4-mapped IPv6 answer as the IPv4 address it is', () => {
    assert.equal(accepted('::ffff:203.0.113.7', 'ipv4'), '203.0.113.7');
    assert.match(refused('::ffff:203.0.113.7', 'ipv6'), /IPv4 address .* where IPv6 was asked for/);
  });

  it('refuses an address of the other family', () => {
    assert.match(refused('2001:db8::7', 'ipv4'), /an IPv6 address \(2001:db8::7\) where IPv4 was asked for/);
    assert.match(refused('203.0.113.7', 'ipv6'), /an IPv4 address \(203\.0\.113\.7\) where IPv6 was asked for/);
  });

  it('refuses HTML pages, JSON, empty bodies and anything more than one address', () => {
    assert.match(refused('<html><body>502</body></html>\n', 'ipv4'), /^not an address: "<html><body>502<\/body><\/html>"$/);
    assert.match(refused('{"ip":"203.0.113.7"}', 'ipv4'), /not an address/);
    assert.match(refused('', 'ipv4'), /empty answer/);
    assert.match(refused(' \n ', 'ipv6'), /empty answer/);
    assert.match(refused('203.0.113.7 203.0.113.8', 'ipv4'), /not an address/);
    assert.match(refused('203.0.113.7\n198.51.100.1', 'ipv4'), /not an address/);
    assert.match(refused('203.0.113.07', 'ipv4'), /not an address/);
    assert.match(refused('203.0.113.256', 'ipv4'), /not an address/);
  });

  it('cuts a long bad answer short in its message', () => {
    const error = refused(`<html>${'x'.repeat(500)}</html>`, 'ipv4');
    assert.ok(error.length < 70, error);
    assert.match(error, /…"$/);
  });

  it('refuses addresses no remote server can see a client come from', () => {
    for (const address of ['0.0.0.0', '127.0.0.1', '127.8.9.10', '169.254.1.1', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255']) {
      assert.match(refused(address, 'ipv4'), /cannot be an external address/, address);
    }
    for (const address of ['::', '::1', 'fe80::1', 'ff02::1', '::ffff:7f00:1']) {
      assert.match(refused(address, 'ipv6'), /cannot be an external address/, address);
    }
    assert.match(refused('fe80::1%eth0', 'ipv6'), /not an address/);
  });

  it('takes private, shared and documentation addresses: a provider inside the network honestly sees them', () => {
    for (const address of ['10.1.2.3', '172.16.0.1', '192.168.1.20', '100.64.0.1', '192.0.2.10', '198.51.100.1', '203.0.113.10']) {
      assert.equal(accepted(address, 'ipv4'), address);
    }
    for (const address of ['fd00::1', '2001:db8::1']) assert.equal(accepted(address, 'ipv6'), address);
  });
});
