import type { z } from 'zod';
import { host, ipAddress, SAFE_NAME, type TargetConfig } from '../../shared/config-schema.js';
import type { Parse } from './prompter.js';

/** Parsers for the wizard's answers: each says what is wrong in a few words. */

export const number =
  (min: number, max: number, integer = false): Parse<number> =>
  (answer) => {
    const n = Number(answer);
    if (answer === '' || !Number.isFinite(n)) return { ok: false, reason: `"${answer}" is not a number` };
    if (integer && !Number.isInteger(n)) return { ok: false, reason: 'a whole number, please' };
    if (n < min || n > max) return { ok: false, reason: `between ${min} and ${max}, please` };
    return { ok: true, value: n };
  };

const bySchema =
  (schema: z.ZodType<string>, what: string): Parse<string> =>
  (answer) =>
    schema.safeParse(answer).success ? { ok: true, value: answer } : { ok: false, reason: `"${answer}" is not ${what}` };

export const hostAnswer = bySchema(host, 'an IP address or a host name');
export const ipAnswer = bySchema(ipAddress, 'an IP address');

/** Empty means none. */
export const optional =
  <T>(parse: Parse<T>): Parse<T | null> =>
  (answer) =>
    answer === '' || answer === '-' ? { ok: true, value: null } : parse(answer);

export const text: Parse<string> = (answer) => ({ ok: true, value: answer === '-' ? '' : answer });

export const name: Parse<string> = (answer) =>
  SAFE_NAME.test(answer) ? { ok: true, value: answer } : { ok: false, reason: 'letters, digits, dots, dashes or underscores, starting with a letter or digit' };

export const absolutePath: Parse<string | null> = optional((answer) => (answer.startsWith('/') ? { ok: true, value: answer } : { ok: false, reason: 'give the full path, starting with /' }));

export const httpUrl: Parse<string | null> = optional((answer) => {
  try {
    const url = new URL(answer);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { ok: true, value: answer };
  } catch {
    // Reported below.
  }
  return { ok: false, reason: 'give an http:// or https:// URL' };
});

/** A comma-separated list, each item checked; empty is an empty list. */
export const list =
  <T>(parse: Parse<T>): Parse<T[]> =>
  (answer) => {
    const items = answer === '-' ? [] : answer.split(',').map((s) => s.trim()).filter(Boolean);
    const values: T[] = [];
    for (const item of items) {
      const parsed = parse(item);
      if (!parsed.ok) return parsed;
      values.push(parsed.value);
    }
    return { ok: true, value: values };
  };

/** `address[=name]`; the name defaults to the address (it names the target's folder). */
export const targetAnswer: Parse<TargetConfig> = (answer) => {
  const [address = '', label] = answer.split('=').map((s) => s.trim());
  const parsedHost = hostAnswer(address);
  if (!parsedHost.ok) return parsedHost;
  const targetName = label ?? address.replaceAll(':', '_');
  if (!SAFE_NAME.test(targetName)) return { ok: false, reason: `name "${targetName}": letters, digits, dots, dashes or underscores` };
  return { ok: true, value: { name: targetName, address } };
};

export const targetList: Parse<TargetConfig[]> = (answer) => {
  const parsed = list(targetAnswer)(answer);
  if (!parsed.ok) return parsed;
  if (parsed.value.length === 0) return { ok: false, reason: 'give at least one target' };
  const names = new Set(parsed.value.map((t) => t.name));
  if (names.size !== parsed.value.length) return { ok: false, reason: 'two targets have the same name; name them with address=name' };
  return parsed;
};

export const showTargets = (targets: readonly TargetConfig[]): string => targets.map((t) => (t.name === t.address ? t.address : `${t.address}=${t.name}`)).join(',');

/** One of the machine's real interfaces. */
export const interfaceAnswer =
  (interfaces: readonly string[], not?: string): Parse<string> =>
  (answer) => {
    if (answer === not) return { ok: false, reason: 'the two links need different interfaces' };
    if (interfaces.includes(answer)) return { ok: true, value: answer };
    return { ok: false, reason: `no interface "${answer}" here (found: ${interfaces.join(', ') || 'none'})` };
  };
