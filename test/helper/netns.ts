import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** How tests run TypeScript entry points: the same node, with tsx. */
export const TSX = [process.execPath, '--import', 'tsx'] as const;
/** Prefix that runs a command as `nobody`: no raw sockets, though file capabilities (setcap ping) still apply. */
export const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] as const;
export const HELPER_MAIN = fileURLToPath(new URL('../../src/helper/main.ts', import.meta.url));

const live = new Set<TestNamespace>();
let hooked = false;

/**
 * A network namespace of this test's own, with only loopback up: nothing run in it can reach the
 * host's interfaces, so no packet can leave the machine. Deleted by `delete()` (call it in after())
 * and, should a test die first, on process exit or SIGINT/SIGTERM.
 */
export class TestNamespace {
  private constructor(readonly name: string) {}

  /** Null when namespaces cannot be made here (not root, no `ip`): the caller skips its tests. */
  static create(label: string): TestNamespace | null {
    const name = `nomprobe-${process.pid}-${randomBytes(3).toString('hex')}-${label}`;
    const made = spawnSync('ip', ['netns', 'add', name], { stdio: 'ignore', timeout: 5_000 });
    if (made.status !== 0) return null;
    const ns = new TestNamespace(name);
    live.add(ns);
    hookExit();
    ns.ip('link', 'set', 'lo', 'up');
    return ns;
  }

  /** `ip -n <ns> …` */
  ip(...args: string[]): void {
    execFileSync('ip', ['-n', this.name, ...args], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5_000 });
  }

  nft(ruleset: string): void {
    execFileSync('ip', ['netns', 'exec', this.name, 'nft', '-f', '-'], { input: ruleset, stdio: ['pipe', 'ignore', 'pipe'], timeout: 5_000 });
  }

  /** Command and arguments that run `argv` inside the namespace. */
  exec(...argv: string[]): { command: string; args: string[] } {
    return { command: 'ip', args: ['netns', 'exec', this.name, ...argv] };
  }

  delete(): void {
    if (!live.delete(this)) return;
    deleteSync(this.name);
  }
}

function deleteSync(name: string): void {
  try {
    const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8', timeout: 5_000 }).split('\n').filter((p) => /^\d+$/.test(p));
    for (const pid of pids) {
      try {
        if (Number(pid) !== process.pid) process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
  } catch {
    // No such namespace.
  }
  spawnSync('ip', ['netns', 'delete', name], { stdio: 'ignore', timeout: 5_000 });
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const cleanup = () => {
    for (const ns of [...live]) ns.delete();
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
}

/**
 * The lab every helper/prober test uses, built inside one namespace:
 * - 198.51.100.1/24 on `d0`, an ifb device: it drops what it is given and has no ARP, so an
 *   echo to another 198.51.100.x (BLACKHOLE) is never answered.
 * - 198.51.100.99 and 2001:db8::99 are ours, and an nft input rule answers echoes (and TCP
 *   SYNs) to them with ICMP net unreachable / no route, as a router would (REJECTING*).
 * - 203.0.113.0/24 has no route at all (NO_ROUTE) but for an `unreachable` route to
 *   203.0.113.192/26 (UNREACHABLE_ROUTE); 192.0.2.0/24 has a `prohibit` route (PROHIBITED).
 */
export const LAB = {
  BLACKHOLE: '198.51.100.50',
  BLACKHOLE6: '2001:db8::50',
  REJECTING: '198.51.100.99',
  REJECTING6: '2001:db8::99',
  NO_ROUTE: '203.0.113.5',
  UNREACHABLE_ROUTE: '203.0.113.200',
  PROHIBITED: '192.0.2.7',
} as const;

export function buildLab(ns: TestNamespace): void {
  ns.ip('link', 'add', 'd0', 'type', 'ifb');
  ns.ip('link', 'set', 'd0', 'up');
  ns.ip('addr', 'add', '198.51.100.1/24', 'dev', 'd0');
  ns.ip('addr', 'add', `${LAB.REJECTING}/32`, 'dev', 'd0');
  ns.ip('-6', 'addr', 'add', '2001:db8::1/64', 'dev', 'd0', 'nodad');
  ns.ip('-6', 'addr', 'add', `${LAB.REJECTING6}/128`, 'dev', 'd0', 'nodad');
  ns.ip('route', 'add', 'prohibit', '192.0.2.0/24');
  ns.ip('route', 'add', 'unreachable', '203.0.113.192/26');
  ns.nft(`
table inet nomtest {
  chain input {
    type filter hook input priority 0; policy accept;
    ip daddr ${LAB.REJECTING} icmp type echo-request reject with icmp type net-unreachable
    ip daddr ${LAB.REJECTING} tcp flags syn reject with icmp type net-unreachable
    ip6 daddr ${LAB.REJECTING6} icmpv6 type echo-request reject with icmpv6 type no-route
  }
}
`);
}
