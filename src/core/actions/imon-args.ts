import type { ActionCall, FailoverInfo } from './action-call.js';

/**
 * An action call as imon passed it: the arguments after `INSTANCE SYSLOGFLAG`, word for word
 * (imon built a shell line, so its arguments reached the script split at spaces), and the same
 * facts as NOM_* environment variables for scripts written for nom.
 */
export interface ImonInvocation {
  args: string[];
  env: Record<string, string>;
}

/** imon's D:H:M:S for an outage's length, without padding: 0:1:2:5. */
export function imonDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 86_400)}:${Math.floor((s % 86_400) / 3_600)}:${Math.floor((s % 3_600) / 60)}:${s % 60}`;
}

/** Python's str() of a float, as imon printed icmplib's figures: 12.0, 0.5, 12.346. */
export function pythonFloat(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

/** `name:Primary|Standby:ifname:ip`, imon's INFO. */
export function imonLinkInfo(link: FailoverInfo): string {
  return `${link.name}:${link.role}:${link.interface}:${link.address}`;
}

function linkEnv(prefix: string, link: FailoverInfo): Record<string, string> {
  return {
    [`${prefix}_NAME`]: link.name,
    [`${prefix}_ROLE`]: link.role.toLowerCase(),
    [`${prefix}_INTERFACE`]: link.interface,
    [`${prefix}_ADDRESS`]: link.address,
  };
}

export function imonInvocation(call: ActionCall): ImonInvocation {
  switch (call.command) {
    case 'updown-online':
      return {
        args: [call.address, imonDuration(call.downSeconds)],
        env: { NOM_ADDRESS: call.address, NOM_DOWN_SECONDS: String(Math.floor(call.downSeconds)) },
      };
    case 'updown-offline':
      return { args: [call.address], env: { NOM_ADDRESS: call.address } };
    case 'ddns-ip-update':
      // imon started from "unknown", so its first call passed that as the old address.
      return { args: [call.newIp, call.oldIp ?? 'unknown'], env: { NOM_NEW_IP: call.newIp, NOM_OLD_IP: call.oldIp ?? '' } };
    case 'ddns-no-update':
      return { args: [], env: {} };
    case 'failover-initial':
      return { args: [imonLinkInfo(call.link), call.state], env: { ...linkEnv('NOM_LINK', call.link), NOM_STATE: call.state } };
    case 'failover-primary':
    case 'failover-standby':
      return { args: [imonLinkInfo(call.link)], env: linkEnv('NOM_LINK', call.link) };
    case 'failover-bothdown':
      return { args: [imonLinkInfo(call.primary), imonLinkInfo(call.standby)], env: { ...linkEnv('NOM_PRIMARY', call.primary), ...linkEnv('NOM_STANDBY', call.standby) } };
    case 'failover-postping': {
      const state = call.online ? 'online' : 'offline';
      return { args: [imonLinkInfo(call.link), state], env: { ...linkEnv('NOM_LINK', call.link), NOM_STATE: state } };
    }
    case 'ping-result': {
      const figures = [call.minMs, call.avgMs, call.maxMs, call.loss, call.jitterMs].map(pythonFloat);
      return {
        args: [[call.address, call.alive ? 'True' : 'False', ...figures].join(':')],
        env: {
          NOM_ADDRESS: call.address,
          NOM_ALIVE: call.alive ? '1' : '0',
          NOM_RTT_MIN_MS: figures[0]!,
          NOM_RTT_AVG_MS: figures[1]!,
          NOM_RTT_MAX_MS: figures[2]!,
          NOM_LOSS: figures[3]!,
          NOM_JITTER_MS: figures[4]!,
        },
      };
    }
  }
}
