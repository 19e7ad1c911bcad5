import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildEchoRequest, canonicalAddress, internetChecksum, parseIcmp } from '../../src/helper/icmp-packet.js';
import { icmpErrorDetail } from '../../src/helper/icmp-text.js';

const TOKEN = Buffer.from('0123456789abcdef', 'hex');

function ipv4Header(source: number[], destination: number[], payloadLength: number): Buffer {
  const header = Buffer.alloc(20);
  header[0] = 0x45;
  header.writeUInt16BE(20 + payloadLength, 2);
  header[8] = 64;
  header[9] = 1;
  Buffer.from(source).copy(header, 12);
  Buffer.from(destination).copy(header, 16);
  return header;
}

function ipv6Header(destination: Buffer): Buffer {
  const header = Buffer.alloc(40);
  header[0] = 0x60;
  header[6] = 58;
  destination.copy(header, 24);
  return header;
}

/** What the kernel would hand an IPv4 raw socket: the IP header, then ICMP with a right checksum. */
function ipv4Packet(icmp: Buffer): Buffer {
  icmp.writeUInt16BE(0, 2);
  icmp.writeUInt16BE(internetChecksum(icmp), 2);
  return Buffer.concat([ipv4Header([198, 51, 100, 1], [198, 51, 100, 2], icmp.length), icmp]);
}

describe('ICMP packets', () => {
  it('builds an IPv4 echo request with identifier, sequence, token and a valid checksum', () => {
    const packet = buildEchoRequest('ipv4', 0x1234, 0xfffe, TOKEN, 56);
    assert.equal(packet.length, 64);
    assert.deepEqual([packet[0], packet[1], packet.readUInt16BE(4), packet.readUInt16BE(6)], [8, 0, 0x1234, 0xfffe]);
    assert.deepEqual(packet.subarray(8, 16), TOKEN);
    assert.equal(internetChecksum(packet), 0);
  });

  it('leaves the ICMPv6 checksum to the kernel', () => {
    const packet = buildEchoRequest('ipv6', 7, 9, TOKEN, 8);
    assert.deepEqual([packet[0], packet.readUInt16BE(2), packet.length], [128, 0, 16]);
  });

  it('reads an IPv4 echo reply and rejects one with a broken checksum', () => {
    const reply = buildEchoRequest('ipv4', 0x1234, 42, TOKEN, 56);
    reply[0] = 0;
    const packet = ipv4Packet(reply);
    assert.deepEqual(parseIcmp('ipv4', packet), { kind: 'echo-reply', identifier: 0x1234, sequence: 42, token: TOKEN });
    packet[40] = (packet[40] ?? 0) ^ 0xff;
    assert.equal(parseIcmp('ipv4', packet), null);
  });

  it('reads an IPv4 ICMP error back to the echo it quotes, with the destination it was going to', () => {
    const echo = buildEchoRequest('ipv4', 0x1234, 42, TOKEN, 56);
    const quoted = Buffer.concat([ipv4Header([198, 51, 100, 2], [203, 0, 113, 9], echo.length), echo.subarray(0, 8)]);
    const error = Buffer.concat([Buffer.from([3, 1, 0, 0, 0, 0, 0, 0]), quoted]);
    assert.deepEqual(parseIcmp('ipv4', ipv4Packet(error)), {
      kind: 'error',
      icmpType: 3,
      icmpCode: 1,
      mtu: 0,
      identifier: 0x1234,
      sequence: 42,
      destination: '203.0.113.9',
      token: null,
    });
  });

  it('reads an ICMPv6 packet-too-big about our echo, with its MTU and token', () => {
    const echo = buildEchoRequest('ipv6', 77, 5, TOKEN, 56);
    const destination = Buffer.from('20010db8000000000000000000000099', 'hex');
    const error = Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0x05, 0x00]), ipv6Header(destination), echo]);
    assert.deepEqual(parseIcmp('ipv6', error), {
      kind: 'error',
      icmpType: 2,
      icmpCode: 0,
      mtu: 1280,
      identifier: 77,
      sequence: 5,
      destination: '2001:db8::99',
      token: TOKEN,
    });
  });

  it('ignores echo requests (our own, looped back), other types, and truncated packets', () => {
    assert.equal(parseIcmp('ipv4', ipv4Packet(buildEchoRequest('ipv4', 1, 1, TOKEN, 8))), null);
    assert.equal(parseIcmp('ipv6', buildEchoRequest('ipv6', 1, 1, TOKEN, 8)), null);
    assert.equal(parseIcmp('ipv6', Buffer.from([135, 0, 0, 0, 0, 0, 0, 0])), null);
    assert.equal(parseIcmp('ipv4', Buffer.alloc(10)), null);
    assert.equal(parseIcmp('ipv6', Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 0x60])), null);
  });

  it('spells addresses one way, so a quoted destination compares with a requested one', () => {
    assert.equal(canonicalAddress('2001:DB8:0:0::99'), '2001:db8::99');
    assert.equal(canonicalAddress('fe80::1%eth0'), 'fe80::1');
    assert.equal(canonicalAddress('198.51.100.7'), '198.51.100.7');
  });

  it('says what an ICMP error means in words', () => {
    assert.equal(icmpErrorDetail('ipv4', 3, 0, 0), 'net unreachable');
    assert.equal(icmpErrorDetail('ipv4', 3, 4, 1400), 'fragmentation needed (mtu 1400)');
    assert.equal(icmpErrorDetail('ipv4', 11, 0, 0), 'time to live exceeded in transit');
    assert.equal(icmpErrorDetail('ipv6', 1, 3, 0), 'address unreachable');
    assert.equal(icmpErrorDetail('ipv6', 3, 0, 0), 'hop limit exceeded in transit');
    assert.equal(icmpErrorDetail('ipv4', 3, 99, 0), 'destination unreachable (code 99)');
  });
});
