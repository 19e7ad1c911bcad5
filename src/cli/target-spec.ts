import { isIP } from 'node:net';
import { host as hostSchema, SAFE_NAME, type TargetConfig } from '../shared/config-schema.js';
import { UserError } from '../core/errors.js';

/** `HOST[=NAME]`, as --target takes it; the name defaults to the host (it names the target's folder). */
export function parseTargetSpec(spec: string): TargetConfig {
  const eq = spec.indexOf('=');
  const host = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  const name = eq < 0 ? host.replaceAll(':', '_') : spec.slice(eq + 1).trim();
  if (host === '') throw new UserError(`--target "${spec}": no host given (use HOST or HOST=NAME)`);
  if (!hostSchema.safeParse(host).success) throw new UserError(`--target "${spec}": "${host}" is neither an IP address nor a host name`);
  if (!SAFE_NAME.test(name)) {
    throw new UserError(`--target "${spec}": the name "${name}" must be letters, digits, dots, dashes or underscores (it names a folder)`);
  }
  return { name, address: host };
}

export function parseAddressList(flag: string, text: string): string[] {
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) if (!isIP(a)) throw new UserError(`${flag}: "${a}" is not an IP address`);
  return list;
}

export function assertUniqueNames(targets: readonly TargetConfig[], what = '--target'): void {
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.name)) throw new UserError(`${what}: two targets are named "${t.name}"; give each its own name`);
    seen.add(t.name);
  }
}
