import type { EchoValue } from '../../shared/helper-protocol.js';
import type { ProbeResult } from './prober.js';

/** The helper's answer to an echo, as the probe result monitors see: the same for plain probes and probes through a failover link. */
export function toProbeResult(value: EchoValue): ProbeResult {
  switch (value.status) {
    case 'reply':
      return { ok: true, rttMs: value.rttMs, from: value.from };
    case 'timeout':
      return { ok: false, reason: 'timeout' };
    case 'unreachable':
      return { ok: false, reason: 'unreachable', from: value.from, detail: value.detail };
    case 'local':
      return { ok: false, reason: 'local', code: value.code, detail: value.detail };
  }
}
