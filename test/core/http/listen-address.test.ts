import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopback, parseListenAddress } from '../../../src/core/http/listen-address.js';

describe('--http [HOST:]PORT', () => {
  it('listens on loopback only when given a bare port', () => {
    assert.deepEqual(parseListenAddress('8080'), { host: '127.0.0.1', port: 8080 });
    assert.deepEqual(parseListenAddress('0'), { host: '127.0.0.1', port: 0 });
  });

  it('takes a host name, an IPv4 address or a bracketed IPv6 address', () => {
    assert.deepEqual(parseListenAddress('0.0.0.0:80'), { host: '0.0.0.0', port: 80 });
    assert.deepEqual(parseListenAddress('localhost:9000'), { host: 'localhost', port: 9000 });
    assert.deepEqual(parseListenAddress('[::1]:8080'), { host: '::1', port: 8080 });
    assert.deepEqual(parseListenAddress('[2001:db8::5]:65535'), { host: '2001:db8::5', port: 65_535 });
  });

  it('refuses anything else with one line naming the flag', () => {
    for (const bad of ['', 'http://x:80', '65536', '8080:host', '::1:8080', '[nonsense]:80', 'a b:80', '-1']) {
      assert.throws(() => parseListenAddress(bad), /^UserError: --http: /, bad);
    }
  });

  it('knows which addresses only this machine reaches', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) assert.equal(isLoopback(host), true, host);
    for (const host of ['0.0.0.0', '::', '192.0.2.1', 'nas.example']) assert.equal(isLoopback(host), false, host);
  });
});
