import { z } from 'zod';

/**
 * nom's configuration: one JSON file per instance, read by `nom daemon --config/--instance`,
 * written by `nom configure` and `nom import imon`, and the settings the desktop app keeps
 * (electron-store/conf, same schema, same file). Validated wherever it is read. Times are in
 * seconds, as imon's configuration has them.
 */
export const CONFIG_VERSION = 1;

/** Names become folder names (a target's data) and file names (an instance's config). */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
/** Linux interface names: at most 15 bytes, no slash, no white space. */
const INTERFACE_NAME = /^[A-Za-z0-9_.:@-]{1,15}$/;

export const safeName = z.string().regex(SAFE_NAME, 'letters, digits, dots, dashes or underscores, at most 64, starting with a letter or digit');
const ipSchema = z.union([z.ipv4(), z.ipv6()]);
const isIp = (s: string): boolean => ipSchema.safeParse(s).success;
export const ipAddress = z.string().refine(isIp, 'not an IP address');
/** An IP address, or a host name resolved when the daemon starts. */
export const host = z.string().refine((s) => isIp(s) || HOST_NAME.test(s), 'neither an IP address nor a host name');
export const interfaceName = z.string().regex(INTERFACE_NAME, 'not an interface name');
const seconds = (min: number, max: number) => z.number().min(min).max(max);

export const probeKind = z.union([
  z.enum(['auto', 'icmp', 'ping']),
  z.string().regex(/^tcp:([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])$/, 'not tcp:PORT'),
]);

export const target = z.strictObject({ name: safeName, address: host });

/** What every probing monitor shares (imon's interval, pingcount, pingwait). */
const probing = {
  enabled: z.boolean(),
  interval: seconds(0.2, 86_400),
  pingcount: z.number().int().min(1).max(10),
  pingwait: seconds(0.05, 60),
};

/** Each target's name is its data folder: two targets of one monitor may not share it. */
const targetList = z
  .array(target)
  .min(1)
  .superRefine((targets, ctx) => {
    const seen = new Set<string>();
    for (const [i, t] of targets.entries()) {
      if (seen.has(t.name)) ctx.addIssue({ code: 'custom', message: `the name "${t.name}" is used twice`, path: [i, 'name'] });
      seen.add(t.name);
    }
  });

export const updownConfig = z.strictObject({
  ...probing,
  /** Quick re-probes that must all fail before DOWN. */
  confirm: z.number().int().min(1).max(20),
  targets: targetList,
  addping: z.array(host),
  dns: z.strictObject({ server: host, name: host }).nullable(),
});

export const pingConfig = z.strictObject({
  ...probing,
  targets: targetList,
});

export const ddnsConfig = z.strictObject({
  enabled: z.boolean(),
  interval: seconds(1, 86_400),
  /** Seconds each provider gets to answer before the next one is asked. */
  timeout: seconds(0.1, 60),
  /** Asked in turn until one answers with a valid address. */
  providers: z.array(z.url({ protocol: /^https?$/ })).min(1),
  family: z.enum(['ipv4', 'ipv6']),
});

export const failoverLink = z.strictObject({
  name: safeName,
  interface: interfaceName,
  gateway: ipAddress,
  /** Probed to tell whether the link works; the gateway when null. */
  ping: host.nullable(),
  /** Probed once after traffic moves to this link. */
  postping: host.nullable(),
});

export const failoverConfig = z
  .strictObject({
    ...probing,
    preferPrimary: z.boolean(),
    metric: z.number().int().min(0).max(4_294_967_295),
    /** Seconds the primary must stay up before traffic moves back to it. */
    failbackAfter: seconds(0, 86_400),
    primary: failoverLink,
    standby: failoverLink,
  })
  .refine((f) => f.primary.interface !== f.standby.interface, { message: 'primary and standby use the same interface', path: ['standby', 'interface'] })
  .refine((f) => f.primary.name !== f.standby.name, { message: 'primary and standby have the same name', path: ['standby', 'name'] });

const secretUrl = z.url({ protocol: /^https?$/ });

export const notifyConfig = z.strictObject({
  discord: z.strictObject({ webhook: secretUrl }).nullable(),
  webhook: z.strictObject({ url: secretUrl }).nullable(),
  ntfy: z.strictObject({ url: secretUrl, token: z.string().min(1).nullable() }).nullable(),
});

export const actionConfig = z.strictObject({
  /** Absolute path of the script; called with imon's arguments. */
  script: z.string().startsWith('/', 'must be an absolute path'),
  timeout: seconds(1, 3_600),
});

export const nomConfig = z
  .strictObject({
    version: z.literal(CONFIG_VERSION),
    instance: safeName,
    note: z.string(),
    probe: probeKind,
    action: actionConfig.nullable(),
    updown: updownConfig,
    ping: pingConfig,
    ddns: ddnsConfig,
    failover: failoverConfig.nullable(),
    notify: notifyConfig,
  })
  .refine((c) => c.updown.enabled || c.ping.enabled || c.ddns.enabled || (c.failover?.enabled ?? false), {
    message: 'no monitor is enabled (enable at least one of updown, ping, ddns, failover)',
  })
  // Updown and failover both keep a transition log in DATA/<name>/: one folder cannot hold two
  // records. (A ping target may share an updown target's name: its samples sit beside the log.)
  .superRefine((c, ctx) => {
    if (!c.failover?.enabled || !c.updown.enabled) return;
    const updownNames = new Set(c.updown.targets.map((t) => t.name));
    for (const role of ['primary', 'standby'] as const) {
      const name = c.failover[role].name;
      if (updownNames.has(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is also an updown target's name; each keeps its own record`, path: ['failover', role, 'name'] });
    }
  });

export type NomConfig = z.infer<typeof nomConfig>;
export type UpdownConfig = z.infer<typeof updownConfig>;
export type PingConfig = z.infer<typeof pingConfig>;
export type DdnsConfig = z.infer<typeof ddnsConfig>;
export type FailoverConfig = z.infer<typeof failoverConfig>;
export type FailoverLink = z.infer<typeof failoverLink>;
export type NotifyConfig = z.infer<typeof notifyConfig>;
export type ActionConfig = z.infer<typeof actionConfig>;
export type TargetConfig = z.infer<typeof target>;
