import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UserError } from '../core/errors.js';
import type { UpdownTarget } from '../core/monitors/updown-monitor.js';

/** A target's name is its folder's name under --data. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `HOST[=NAME]`, as --target takes it; a host name is resolved once, at start. */
export async function parseTargetSpec(spec: string): Promise<UpdownTarget> {
  const eq = spec.indexOf('=');
  const host = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  const name = eq < 0 ? host.replaceAll(':', '_') : spec.slice(eq + 1).trim();
  if (host === '') throw new UserError(`--target "${spec}": no host given (use HOST or HOST=NAME)`);
  if (!SAFE_NAME.test(name)) {
    throw new UserError(`--target "${spec}": the name "${name}" must be letters, digits, dots, dashes or underscores (it names a folder)`);
  }
  return { name, address: await resolveHost(host, spec) };
}

async function resolveHost(host: string, spec: string): Promise<string> {
  if (isIP(host)) return host;
  if (!/^[A-Za-z0-9.-]+$/.test(host)) throw new UserError(`--target "${spec}": "${host}" is neither an IP address nor a host name`);
  try {
    return (await lookup(host)).address;
  } catch {
    throw new UserError(`--target "${spec}": cannot resolve "${host}" (give an IP address to monitor without DNS)`);
  }
}

export function parseAddressList(flag: string, text: string): string[] {
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) if (!isIP(a)) throw new UserError(`${flag}: "${a}" is not an IP address`);
  return list;
}

export function assertUniqueNames(targets: UpdownTarget[]): void {
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.name)) throw new UserError(`--target: two targets are named "${t.name}"; give each a name with HOST=NAME`);
    seen.add(t.name);
  }
}
