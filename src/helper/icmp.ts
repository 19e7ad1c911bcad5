import { randomFillSync, randomInt } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Socket } from 'raw-socket';
import { errnoFromText } from '../core/probe/errno-text.js';
import {
  DEFAULT_ECHO_PAYLOAD,
  type EchoRequest,
  type EchoValue,
  type HelperError,
  type IpFamily,
} from '../shared/helper-protocol.js';
import { buildEchoRequest, canonicalAddress, parseIcmp, TOKEN_LENGTH, type IcmpMessage } from './icmp-packet.js';
import { icmpErrorDetail } from './icmp-text.js';

/** Well under the 65,536 sequence numbers of a family, so a number is never reused while its echo may still be answered. */
export const MAX_IN_FLIGHT = 8192;

export type EchoOutcome = { ok: true; value: EchoValue } | { ok: false; error: HelperError };

interface Pending {
  readonly family: IpFamily;
  readonly sequence: number;
  /** Canonical, to compare with the destination an ICMP error quotes. */
  readonly destination: string;
  readonly token: Buffer;
  sentAt: bigint | null;
  readonly timer: NodeJS.Timeout;
  readonly settle: (value: EchoValue) => void;
}

interface FamilyState {
  readonly socket: Socket;
  readonly pending: Map<number, Pending>;
  nextSequence: number;
}

/**
 * ICMP echo through one raw socket per family, shared by every request. Echoes carry this
 * helper's identifier, a sequence number per request and a random token in the payload; replies
 * and ICMP errors (which quote the echo they are about) are matched back by all three, so another
 * pinger on the host, or a stale answer, is never taken for ours.
 */
export class IcmpPinger {
  /** Random, not the pid: in a container every helper might be pid 1. */
  private readonly identifier = randomInt(0, 0x10000);
  private readonly families = new Map<IpFamily, FamilyState>();
  private inFlight = 0;

  constructor(
    sockets: ReadonlyMap<IpFamily, Socket>,
    private readonly onSocketFailure: (family: IpFamily, error: Error) => void,
  ) {
    for (const [family, socket] of sockets) {
      const state: FamilyState = { socket, pending: new Map(), nextSequence: randomInt(0, 0x10000) };
      this.families.set(family, state);
      socket.on('message', (packet, source) => this.receive(family, packet, source));
      socket.on('error', (error) => this.onSocketFailure(family, error));
    }
  }

  get openFamilies(): IpFamily[] {
    return [...this.families.keys()];
  }

  echo(request: EchoRequest): Promise<EchoOutcome> {
    const family: IpFamily = isIPv6(request.address) ? 'ipv6' : 'ipv4';
    const state = this.families.get(family);
    if (!state) return Promise.resolve(failure('unsupported-family', `no ${family} socket: the helper could not open one`));
    if (this.inFlight >= MAX_IN_FLIGHT) return Promise.resolve(failure('overloaded', `${MAX_IN_FLIGHT} echoes already in flight`));
    const sequence = this.takeSequence(state);
    const token = randomFillSync(Buffer.alloc(TOKEN_LENGTH));
    const packet = buildEchoRequest(family, this.identifier, sequence, token, request.payloadSize ?? DEFAULT_ECHO_PAYLOAD);
    this.inFlight++;
    return new Promise((resolve) => {
      const pending: Pending = {
        family,
        sequence,
        destination: canonicalAddress(request.address),
        token,
        sentAt: null,
        timer: setTimeout(() => pending.settle({ status: 'timeout' }), request.timeoutMs),
        settle: (value) => {
          if (state.pending.get(sequence) !== pending) return;
          state.pending.delete(sequence);
          clearTimeout(pending.timer);
          this.inFlight--;
          resolve({ ok: true, value });
        },
      };
      state.pending.set(sequence, pending);
      state.socket.send(
        packet,
        0,
        packet.length,
        request.address,
        () => (pending.sentAt = process.hrtime.bigint()),
        (error) => {
          if (!error) return;
          const code = errnoFromText(error.message) ?? 'EUNKNOWN';
          pending.settle({ status: 'local', code, detail: error.message });
        },
      );
    });
  }

  /** Drops every pending echo unanswered: the parent has gone, nobody is waiting for them. */
  close(): void {
    for (const state of this.families.values()) {
      for (const pending of state.pending.values()) clearTimeout(pending.timer);
      state.pending.clear();
      state.socket.close();
    }
    this.families.clear();
    this.inFlight = 0;
  }

  private takeSequence(state: FamilyState): number {
    let sequence = state.nextSequence;
    while (state.pending.has(sequence)) sequence = (sequence + 1) & 0xffff;
    state.nextSequence = (sequence + 1) & 0xffff;
    return sequence;
  }

  private receive(family: IpFamily, packet: Buffer, source: string): void {
    const message = parseIcmp(family, packet);
    if (!message || message.identifier !== this.identifier) return;
    const pending = this.families.get(family)?.pending.get(message.sequence);
    if (!pending || !isAbout(message, pending)) return;
    if (message.kind === 'echo-reply') {
      const now = process.hrtime.bigint();
      const rttMs = pending.sentAt === null ? 0 : Number(now - pending.sentAt) / 1e6;
      pending.settle({ status: 'reply', rttMs: Math.round(rttMs * 1000) / 1000, from: source });
    } else {
      pending.settle({
        status: 'unreachable',
        from: source,
        icmpType: message.icmpType,
        icmpCode: message.icmpCode,
        detail: icmpErrorDetail(family, message.icmpType, message.icmpCode, message.mtu),
      });
    }
  }
}

/**
 * A reply must carry our token. An error must quote our destination, and our token when it
 * quotes that far (RFC 792 only promises the first 8 bytes of the echo, so a router may not).
 */
function isAbout(message: IcmpMessage, pending: Pending): boolean {
  if (message.kind === 'echo-reply') return message.token !== null && message.token.equals(pending.token);
  if (message.destination !== pending.destination) return false;
  return message.token === null || message.token.equals(pending.token);
}

function failure(code: HelperError['code'], message: string): EchoOutcome {
  return { ok: false, error: { code, message } };
}
