import { z } from 'zod';

/**
 * nom's configuration: one JSON file per instance, read by `nom daemon --config/--instance`,
 * written by `nom configure` and `nom import imon`, and the settings the desktop app keeps
 * (electron-store/conf, same schema, same file). Validated wherever it is read. Times are in
 * seconds, as imon's configuration has them.
 *
 * `version` is the format's: a file of an older version is upgraded when it is read
 * (src/core/config/config-migrations.ts), and written at this version by the next save.
 * Version 2 added `notify.desktop`.
 */
export const CONFIG_VERSION = 2;

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

/**
 * When a target that answers counts as degraded: loss over a window at or above `lossPct`, or its
 * median round trip at or above `rttFactor` times its own 24-hour baseline. The defaults suit a
 * home line: a minute of 5 % loss is felt in a video call, and 3× the usual round trip in a game.
 */
export const degradedThresholds = z.strictObject({
  lossPct: z.number().min(0.1).max(100),
  rttFactor: z.number().min(1.1).max(100),
  /** Seconds of checks judged together. */
  windowS: z.number().int().min(10).max(3_600),
});
export const DEGRADED_DEFAULTS = { lossPct: 5, rttFactor: 3, windowS: 60 } as const;

export const target = z.strictObject({
  name: safeName,
  address: host,
  /** This target's own thresholds where they differ from its monitor's (a satellite link's round trip). */
  degraded: degradedThresholds.partial().optional(),
});

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
  /** When an answering target counts as degraded; each target may set its own. */
  degraded: degradedThresholds.default({ ...DEGRADED_DEFAULTS }),
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

/** What a channel can be told, in the groups a user chooses from (README, "Notices"). */
export const noticeGroup = z.enum(['outage', 'restored', 'cause', 'session', 'degraded', 'failover', 'ip-change', 'pause']);
export type NoticeGroup = z.infer<typeof noticeGroup>;

/**
 * What a channel whose configuration has no `events` is told. A file written before the choice
 * existed keeps getting what it got, so nobody loses a message by upgrading:
 * - Discord: network-outage-monitor's messages (outages, their ends, Started/Stopped — a STOPPED
 *   is how a reader learns that silence no longer means all is well), plus the two pieces of news
 *   that matter to anyone at home: the internet moved to the other link, the address changed.
 *   Degraded periods can come often on a poor line, and a pause is made by someone who knows.
 * - ntfy: every group. Causes, sessions, address changes, degraded periods and pauses go out at
 *   low priority (ntfy.ts), which does not buzz, and the phone is where someone away from home
 *   learns that probing is paused.
 * - webhook: exactly the kinds it sent before. A program reads it, and one written for those
 *   kinds may refuse a body it does not know; a refused notice is retried and holds back every
 *   later one, outages included. A receiver ready for the new kinds lists them.
 */
export const NOTICE_GROUP_DEFAULTS = {
  discord: ['outage', 'restored', 'session', 'failover', 'ip-change'],
  webhook: ['outage', 'restored', 'cause', 'session'],
  ntfy: noticeGroup.options,
} as const satisfies Record<'discord' | 'webhook' | 'ntfy', readonly NoticeGroup[]>;

const events = <G extends NoticeGroup>(groups: z.ZodType<G>, defaults: readonly G[]) => z.array(groups).default(() => [...defaults]);

/** Discord has no place for `cause` (discord.ts): asking for it is refused rather than ignored. */
const discordGroup = noticeGroup.exclude(['cause'], 'Discord is never sent cause notices: its messages have no place for them');

/** What the desktop app's own notifications can tell; a cause comes inside its outage's notice. */
export const desktopGroup = noticeGroup.extract(['outage', 'restored', 'degraded', 'failover', 'ip-change']);
export type DesktopGroup = z.infer<typeof desktopGroup>;

/** A local time of day, HH:MM on a 24-hour clock. */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 22:30');

/**
 * The desktop app's notifications. Quiet hours run from `from` to `to` in local time and may
 * cross midnight (22:00 to 07:00); what happens in them is told, in one notice, when they end.
 * A link that flaps gives one notice per `coalesceS` seconds, not one per outage.
 */
export const desktopNotifyConfig = z.strictObject({
  enabled: z.boolean(),
  events: z.array(desktopGroup).default(() => [...desktopGroup.options]),
  quietHours: z.strictObject({ from: timeOfDay, to: timeOfDay }).nullable(),
  coalesceS: z.number().int().min(0).max(3_600),
});
export type DesktopNotifyConfig = z.infer<typeof desktopNotifyConfig>;
export const DESKTOP_NOTIFY_DEFAULTS: DesktopNotifyConfig = { enabled: true, events: [...desktopGroup.options], quietHours: null, coalesceS: 120 };

export const notifyConfig = z.strictObject({
  discord: z.strictObject({ webhook: secretUrl, events: events(discordGroup, NOTICE_GROUP_DEFAULTS.discord) }).nullable(),
  webhook: z.strictObject({ url: secretUrl, events: events(noticeGroup, NOTICE_GROUP_DEFAULTS.webhook) }).nullable(),
  ntfy: z.strictObject({ url: secretUrl, token: z.string().min(1).nullable(), events: events(noticeGroup, NOTICE_GROUP_DEFAULTS.ntfy) }).nullable(),
  /** Read by the desktop app only; a daemon has no desktop to show them on. */
  desktop: desktopNotifyConfig.default(() => ({ ...DESKTOP_NOTIFY_DEFAULTS, events: [...DESKTOP_NOTIFY_DEFAULTS.events] })),
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
