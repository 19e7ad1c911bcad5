/**
 * One probe of one address. Monitors see only this; which mechanism answers it (the privileged
 * ICMP helper, the system ping binary, a TCP connect) is chosen once at start-up.
 */
export type ProbeResult =
  /** An echo reply (ICMP) or an answered connection (TCP: accepted or refused). */
  | { ok: true; rttMs: number; from: string }
  /** Nothing came back in time. */
  | { ok: false; reason: 'timeout' }
  /** A router on the path answered with an ICMP error (net/host unreachable, TTL exceeded…): a failure, and evidence of where the path broke. */
  | { ok: false; reason: 'unreachable'; from: string; detail: string }
  /** Our own side could not send: link down, no route (ENETDOWN, ENETUNREACH, EHOSTUNREACH…). */
  | { ok: false; reason: 'local'; code: string; detail: string }
  /** The probe could not be made at all (helper restarting, bad address): no evidence either way. */
  | { ok: false; reason: 'error'; detail: string };

export type ProberKind = 'icmp-helper' | 'ping-binary' | 'tcp' | 'none';

export interface Prober {
  readonly kind: ProberKind;
  /** Never rejects: every failure is a ProbeResult. */
  probe(address: string, timeoutMs: number): Promise<ProbeResult>;
  close(): Promise<void>;
}

/**
 * The prober of an instance whose monitors send no probe (ddns alone): no helper is started and
 * no raw socket opened for nothing. A probe asked of it anyway is answered as one that could
 * not be made.
 */
export const NO_PROBER: Prober = {
  kind: 'none',
  probe: () => Promise.resolve({ ok: false, reason: 'error', detail: 'no probing monitor is configured' }),
  close: () => Promise.resolve(),
};
