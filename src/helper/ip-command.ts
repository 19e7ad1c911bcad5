import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import type { DefaultRoute } from '../shared/helper-protocol.js';

export type IpResult = { ok: true; stdout: string } | { ok: false; message: string };

/** Runs `ip` with these arguments; never through a shell. */
export type RunIp = (args: readonly string[]) => Promise<IpResult>;

/**
 * Fixed system folders, never PATH: whoever controls the helper's environment must not be able
 * to slip in another `ip`.
 */
const IP_PATHS = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'];
/** A wedged `ip` must fail the call, not hang the helper's route queue. */
const IP_TIMEOUT_MS = 5_000;

function findIp(): string | null {
  for (const path of IP_PATHS) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here; try the next folder.
    }
  }
  return null;
}

export function systemIp(): RunIp {
  const path = findIp();
  return (args) =>
    new Promise((resolve) => {
      if (path === null) {
        resolve({ ok: false, message: `no ip command in ${IP_PATHS.join(', ')}` });
        return;
      }
      // LC_ALL=C: error texts stay the same on every system, so they can be reported as they are.
      execFile(path, [...args], { timeout: IP_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 1 << 20, env: { LC_ALL: 'C' } }, (error, stdout, stderr) => {
        if (!error) resolve({ ok: true, stdout });
        else resolve({ ok: false, message: `ip ${args.join(' ')}: ${stderr.trim() || error.message}`.slice(0, 480) });
      });
    });
}

/** What `ip -4 -json route show default` prints per route; anything else it adds is ignored. */
const ipRoute = z.looseObject({
  dst: z.string(),
  gateway: z.string().optional(),
  dev: z.string().optional(),
  metric: z.number().int().nonnegative().optional(),
});

const ipRule = z.looseObject({
  priority: z.number().int().nonnegative(),
  src: z.string().optional(),
  srclen: z.number().int().optional(),
  dst: z.string().optional(),
  dstlen: z.number().int().optional(),
  oif: z.string().optional(),
  table: z.union([z.string(), z.number()]).optional(),
});

/** A policy rule; `from` and `to` as `ip rule` takes them (`all`, `A.B.C.D`, `A.B.C.D/N`). */
export type IpRule = { priority: number; from: string; to: string; oif: string | null; table: string | null };

const ipAddressList = z.array(z.looseObject({ addr_info: z.array(z.looseObject({ family: z.string(), local: z.string().optional() })).optional() }));

/** Default routes in the kernel's order. A multipath route has no single gateway or device: both null. */
export function parseDefaultRoutes(stdout: string): DefaultRoute[] | null {
  const parsed = z.array(ipRoute).safeParse(parseJson(stdout));
  if (!parsed.success) return null;
  return parsed.data
    .filter((r) => r.dst === 'default')
    .map((r) => ({
      gateway: r.gateway !== undefined && z.ipv4().safeParse(r.gateway).success ? r.gateway : null,
      interface: r.dev ?? null,
      metric: r.metric ?? 0,
    }));
}

export function parseRules(stdout: string): IpRule[] | null {
  const parsed = z.array(ipRule).safeParse(parseJson(stdout));
  if (!parsed.success) return null;
  const selector = (address: string | undefined, length: number | undefined) => (address === undefined ? 'all' : length === undefined ? address : `${address}/${length}`);
  return parsed.data.map((r) => ({
    priority: r.priority,
    from: selector(r.src, r.srclen),
    to: selector(r.dst, r.dstlen),
    oif: r.oif ?? null,
    table: r.table === undefined ? null : String(r.table),
  }));
}

/** The first IPv4 address `ip -4 -json address show dev IF` lists; null when it has none. */
export function parseFirstAddress(stdout: string): string | null {
  const parsed = ipAddressList.safeParse(parseJson(stdout));
  if (!parsed.success) return null;
  const local = parsed.data.flatMap((i) => i.addr_info ?? []).find((a) => a.family === 'inet')?.local;
  return local !== undefined && z.ipv4().safeParse(local).success ? local : null;
}

/** `ip -json` prints nothing at all, not `[]`, when there is nothing to show. */
function parseJson(stdout: string): unknown {
  if (stdout.trim() === '') return [];
  try {
    return JSON.parse(stdout);
  } catch {
    return null;
  }
}

export function describeRoute(r: DefaultRoute): string {
  return `default${r.gateway ? ` via ${r.gateway}` : ''}${r.interface ? ` dev ${r.interface}` : ''} metric ${r.metric}`;
}
