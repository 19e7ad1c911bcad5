/**
 * The events an action script hears about, in imon's calling convention: the script gets
 * `INSTANCE SYSLOGFLAG COMMAND ARGS…`, where the arguments are exactly what imon passed, so
 * existing imon scripts work unchanged. INFO is `name:Primary|Standby:ifname:ip`.
 */
export type FailoverInfo = { name: string; role: 'Primary' | 'Standby'; interface: string; address: string };

export type ActionCall =
  | { command: 'updown-online'; address: string; downSeconds: number }
  | { command: 'updown-offline'; address: string }
  | { command: 'ddns-ip-update'; newIp: string; oldIp: string | null }
  | { command: 'ddns-no-update' }
  | { command: 'failover-initial'; link: FailoverInfo; state: 'online' | 'offline' }
  | { command: 'failover-primary'; link: FailoverInfo }
  | { command: 'failover-standby'; link: FailoverInfo }
  | { command: 'failover-bothdown'; primary: FailoverInfo; standby: FailoverInfo }
  | { command: 'failover-postping'; link: FailoverInfo; online: boolean }
  | {
      command: 'ping-result';
      address: string;
      alive: boolean;
      minMs: number;
      avgMs: number;
      maxMs: number;
      /** Share of echo requests lost, 0..1 (imon passed icmplib's packet_loss, a fraction). */
      loss: number;
      jitterMs: number;
    };

/** Where monitors hand action calls; the runner behind it never blocks the caller. */
export interface ActionSink {
  call(action: ActionCall): void;
}
