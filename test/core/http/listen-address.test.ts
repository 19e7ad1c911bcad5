import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostPolicy } from '../../../src/core/http/host-policy.js';
import { parseListenAddress } from '../../../src/core/http/listen-address.js';

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

});

describe('the Host header a request may carry', () => {
  it("takes this machine's own names and any address, whatever --http was given", () => {
    for (const listen of ['127.0.0.1', '0.0.0.0', '::1', '127.1']) {
      const accepts = hostPolicy(listen, 'Pi4');
      for (const host of ['localhost:8754', 'LOCALHOST', 'pi4:8754', 'pi4.local', 'PI4.LOCAL.', '127.0.0.1:8754', '127.1.2.3', '[::1]:8754', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.1]:80', '192.0.2.7:8754']) {
        assert.equal(accepts(host), true, `${listen}: ${host}`);
      }
    }
  });

  it('takes the name --http was given', () => {
    assert.equal(hostPolicy('nas.example', 'pi4')('NAS.example:8754'), true);
  });

  it('refuses any other name, as a page that rebound its name to this machine would send, and no Host at all', () => {
    for (const listen of ['127.0.0.1', '0.0.0.0', 'localhost', '[::1]']) {
      const accepts = hostPolicy(listen, 'pi4');
      for (const host of ['rebound.example', 'rebound.example:8754', 'localhost.rebound.example', 'pi4.rebound.example', '127.0.0.1.rebound.example', '']) {
        assert.equal(accepts(host), false, `${listen}: ${host}`);
      }
      assert.equal(accepts(undefined), false);
    }
  });
});
