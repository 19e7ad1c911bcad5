import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Lab } from './lab.js';
import type { DnsServer } from './lab.js';
import type { LookupResult } from './dns-lookup.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DNS_LOOKUP = fileURLToPath(new URL('./dns-lookup.ts', import.meta.url));
const ABANDON = fileURLToPath(new URL('./abandon-lab.ts', import.meta.url));
const LIMIT = { timeout: 30_000 };

function namespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name !== '');
}

const ours = (): string[] => namespaces().filter((name) => name.startsWith(`nom-${process.pid}-`));

/** Gone, or a zombie waiting for a parent that is not us: either way it no longer runs. */
function isRunning(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** Pids whose command line mentions `text`, such as a lab's watchdog naming its namespaces. */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text) && isRunning(Number(pid));
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

function ping(lab: Lab, address: string, count = 2) {
  return lab.exec('client', 'ping', ['-n', '-c', String(count), '-i', '0.2', '-W', '1', address], { timeoutMs: 10_000 });
}

async function lookup(lab: Lab, name: string, extra: string[] = []): Promise<LookupResult> {
  const result = await lab.exec(
    'client',
    process.execPath,
    ['--import', 'tsx', DNS_LOOKUP, '--server', lab.addr.dns, '--name', name, ...extra],
    { timeoutMs: 10_000, cwd: ROOT },
  );
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as LookupResult;
}

/** fping's summary line: "203.0.113.10 : xmt/rcv/%loss = 40/22/45%, ..." */
function received(fpingStderr: string): { sent: number; got: number } {
  const match = /xmt\/rcv\/%loss = (\d+)\/(\d+)\//.exec(fpingStderr);
  assert.ok(match, `no fping summary in: ${fpingStderr}`);
  return { sent: Number(match[1]), got: Number(match[2]) };
}

describe('network lab', () => {
  let lab: Lab;
  let dns: DnsServer;
  const namespacesBefore = ours();

  before(async () => {
    lab = await Lab.create({ name: 'labtest' });
    dns = await lab.startDns({ answers: { 'example.test': lab.addr.target, 'Mixed.Case.test.': lab.addr.spare[0] ?? '' } });
  });

  after(async () => {
    await lab.destroy();
    assert.deepEqual(ours(), namespacesBefore);
  });

  it('builds three namespaces with only lab interfaces in them', LIMIT, async () => {
    assert.deepEqual(Object.keys(lab.ns), ['client', 'router', 'internet']);
    for (const name of Object.values(lab.ns)) assert.ok(namespaces().includes(name), name);
    const links = await lab.exec('client', 'ip', ['-br', 'link']);
    assert.deepEqual(links.stdout.trim().split('\n').map((line) => line.split(/[\s@]/)[0]), ['lo', 'lan']);
  });

  it('lets the client ping the target through the router', LIMIT, async () => {
    const result = await ping(lab, lab.addr.target);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /from 203\.0\.113\.10: icmp_seq=1 ttl=63/);
  });

  it('answers from the router with net unreachable while the wan is down', LIMIT, async () => {
    await lab.linkDown('wan');
    try {
      const target = await ping(lab, lab.addr.target);
      assert.notEqual(target.code, 0);
      assert.match(target.stdout, /From 192\.0\.2\.1 icmp_seq=\d+ Destination Net Unreachable/);
      const gateway = await ping(lab, lab.addr.gateway);
      assert.equal(gateway.code, 0, gateway.stdout);
    } finally {
      await lab.linkUp('wan');
    }
    assert.equal((await ping(lab, lab.addr.target)).code, 0, 'target answers again after linkUp');
  });

  it('cuts the client off from its gateway while the lan is down', LIMIT, async () => {
    await lab.linkDown('lan');
    try {
      const gateway = await ping(lab, lab.addr.gateway, 1);
      assert.notEqual(gateway.code, 0);
      assert.match(gateway.stderr, /Network is unreachable/);
    } finally {
      await lab.linkUp('lan');
    }
    assert.equal((await ping(lab, lab.addr.gateway)).code, 0, 'gateway answers again after linkUp');
    assert.equal((await ping(lab, lab.addr.target)).code, 0, 'target answers again after linkUp');
  });

  it('drops some but not all packets at 50 % loss, and none at 0 %', LIMIT, async () => {
    const burst = ['-c', '40', '-p', '20', '-t', '300', '-q', lab.addr.target];
    await lab.setLoss(50);
    try {
      const lossy = received((await lab.exec('client', 'fping', burst, { timeoutMs: 10_000 })).stderr);
      assert.equal(lossy.sent, 40);
      assert.ok(lossy.got > 0 && lossy.got < 40, `received ${lossy.got} of 40`);
    } finally {
      await lab.setLoss(0);
    }
    const clean = received((await lab.exec('client', 'fping', burst, { timeoutMs: 10_000 })).stderr);
    assert.equal(clean.got, 40);
  });

  it('refuses loss outside 0..100', LIMIT, async () => {
    for (const bad of [-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await assert.rejects(lab.setLoss(bad), RangeError);
    }
  });

  it('serves A records from the map and NXDOMAIN for anything else', LIMIT, async () => {
    assert.deepEqual(await lookup(lab, 'example.test'), { answered: true, rcode: 0, addresses: ['203.0.113.10'] });
    assert.deepEqual(await lookup(lab, 'MIXED.case.TEST'), { answered: true, rcode: 0, addresses: ['203.0.113.11'] });
    assert.deepEqual(await lookup(lab, 'nowhere.test'), { answered: true, rcode: 3, addresses: [] });
  });

  it('ignores garbage and keeps answering', LIMIT, async () => {
    assert.deepEqual(await lookup(lab, 'example.test', ['--garbage']), { answered: true, rcode: 0, addresses: ['203.0.113.10'] });
    assert.equal(dns.process.exitCode, null);
  });

  it('refuses DNS answers that point outside the lab', LIMIT, async () => {
    await assert.rejects(lab.startDns({ answers: { 'real.test': '8.8.8.8' } }), /outside the documentation ranges/);
    await assert.rejects(lab.startDns({ answers: {}, address: '8.8.8.8' }), /not an internet host/);
  });

  it('stops echo to a blocked host while DNS still answers', LIMIT, async () => {
    await lab.blockIcmpTo(lab.addr.target, true);
    try {
      const blocked = await ping(lab, lab.addr.target);
      assert.notEqual(blocked.code, 0);
      assert.doesNotMatch(blocked.stdout, /Unreachable/);
      assert.equal((await ping(lab, lab.addr.dns)).code, 0, 'other hosts still answer echo');
      assert.deepEqual(await lookup(lab, 'example.test'), { answered: true, rcode: 0, addresses: ['203.0.113.10'] });
    } finally {
      await lab.blockIcmpTo(lab.addr.target, false);
    }
    assert.equal((await ping(lab, lab.addr.target)).code, 0);
  });

  it('refuses setDelay without a delay lab', LIMIT, async () => {
    await assert.rejects(lab.setDelay(10), /delay: true/);
  });

  it('runs only in its own namespaces', LIMIT, () => {
    assert.throws(() => lab.spawn('host', 'true'), /not a host of this lab/);
    assert.throws(() => lab.spawn(`nom-${process.pid}-other-client`, 'true'), /not a host of this lab/);
  });
});

/** Round-trip times from iputils ping output, in ms. */
function rtts(pingStdout: string): number[] {
  return [...pingStdout.matchAll(/time=([\d.]+) ms/g)].map((match) => Number(match[1]));
}

describe('network lab with a delayable wan', () => {
  let lab: Lab;

  before(async () => {
    lab = await Lab.create({ name: 'delay', delay: true });
  });

  after(() => lab.destroy());

  it('adds the delay to every round trip across the wan, and only there', LIMIT, async () => {
    assert.equal((await ping(lab, lab.addr.target)).code, 0);
    await lab.setDelay(80);
    try {
      const slow = await ping(lab, lab.addr.target, 3);
      assert.equal(slow.code, 0, slow.stdout);
      assert.ok(Math.min(...rtts(slow.stdout)) >= 80, slow.stdout);
      const gateway = await ping(lab, lab.addr.gateway, 2);
      assert.ok(Math.max(...rtts(gateway.stdout)) < 80, gateway.stdout);
    } finally {
      await lab.setDelay(0);
    }
    const fast = await ping(lab, lab.addr.target, 3);
    assert.ok(Math.min(...rtts(fast.stdout)) < 80, fast.stdout);
  });

  it('still answers net unreachable while the wan is down', LIMIT, async () => {
    await lab.linkDown('wan');
    try {
      assert.match((await ping(lab, lab.addr.target)).stdout, /From 192\.0\.2\.1 icmp_seq=\d+ Destination Net Unreachable/);
    } finally {
      await lab.linkUp('wan');
    }
    assert.equal((await ping(lab, lab.addr.target)).code, 0);
  });

  it('refuses delays that are not whole milliseconds from 0 to 60000', LIMIT, async () => {
    for (const bad of [-1, 1.5, 60_001, Number.NaN]) await assert.rejects(lab.setDelay(bad), RangeError);
  });

  it('removes the wire namespace and the relay on destroy()', LIMIT, async () => {
    const probe = await Lab.create({ delay: true });
    const wire = Object.values(probe.ns)[0]?.replace(/-client$/, '-wire') ?? '';
    assert.ok(namespaces().includes(wire), wire);
    await probe.destroy();
    assert.ok(!namespaces().includes(wire), `${wire} still listed`);
  });
});

describe('lab teardown', () => {
  it('destroy() stops every process, deletes every namespace, and can be called again', LIMIT, async () => {
    const lab = await Lab.create();
    const plain = lab.spawn('client', 'sleep', ['600'], { stdio: 'ignore' });
    const stubborn = lab.spawn('router', 'sh', ['-c', 'trap "" TERM; sleep 600'], { stdio: 'ignore' });
    const escaped = await lab.exec('internet', 'sh', ['-c', 'setsid sleep 600 >/dev/null 2>&1 & echo $!']);
    const pids = [plain.pid, stubborn.pid, Number(escaped.stdout.trim())];
    await new Promise((resolve) => setTimeout(resolve, 100));

    await lab.destroy();
    await lab.destroy();

    for (const name of Object.values(lab.ns)) assert.ok(!namespaces().includes(name), `${name} still listed`);
    for (const pid of pids) assert.ok(await waitUntil(() => !isRunning(pid ?? 0), 2_000), `pid ${pid} still runs`);
    assert.ok(await waitUntil(() => processesMentioning(lab.ns.client).length === 0, 2_000), 'watchdog still runs');
    await assert.rejects(lab.linkDown('wan'), /destroyed/);
  });

  for (const mode of ['exit', 'throw', 'SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`removes the namespaces of a process that ends by ${mode} without destroy()`, LIMIT, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', ABANDON, mode.startsWith('SIG') ? 'signal' : mode], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      const closed = once(child, 'close');
      assert.ok(await waitUntil(() => stdout.includes('\n') || child.exitCode !== null, 15_000), 'fixture never reported');
      const report = JSON.parse(stdout.split('\n')[0] ?? '') as { namespaces: string[]; pid: number };
      if (mode !== 'exit' && mode !== 'throw') child.kill(mode);
      const [code, signal] = (await closed) as [number | null, NodeJS.Signals | null];

      if (mode === 'exit') assert.equal(code, 0);
      if (mode === 'throw') assert.equal(code, 1);
      if (mode.startsWith('SIG')) assert.equal(signal, mode, 'the signal still ends the process');
      const remaining = (): string[] => namespaces().filter((name) => report.namespaces.includes(name));
      // Handlers clean up before the process is gone; after SIGKILL the watchdog needs a moment.
      await waitUntil(() => remaining().length === 0, mode === 'SIGKILL' ? 3_000 : 0);
      const left = remaining();
      // A failure here must not become a leak for the next run.
      for (const name of left) execFileSync('ip', ['netns', 'delete', name]);
      assert.deepEqual(left, []);
      assert.ok(await waitUntil(() => !isRunning(report.pid), 2_000), `lab process ${report.pid} survived`);
    });
  }
});
