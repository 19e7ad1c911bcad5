import { randomFillSync, randomInt } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Socket } from 'raw-socket';
import { BurstSocket } from './burst-socket.js';
import { errnoFromText } from '../core/probe/errno-text.js';
import { DEFAULT_ECHO_PAYLOAD } from '../shared/helper-lines.js';
import type { EchoRequest, EchoValue, HelperError, IpFamily } from '../shared/helper-protocol.js';
import { buildEchoRequest, canonicalAddress, parseIcmp, TOKEN_LENGTH, type IcmpMessage } from './icmp-packet.js';
import { icmpErrorDetail } from './icmp-text.js';

/** Well under the 65,536 sequence numbers of a family, so a number is never reused while its echo may still be answered. */
export const MAX_IN_FLIGHT = 8192;
/** Tokens are cut from one random fill this size: a call into the CSPRNG per echo cost more than building the packet. */
const TOKEN_POOL_BYTES = 4096;

export type EchoOutcome = { ok: true; value: EchoValue } | { ok: false; error: HelperError };

interface Pending {
  readonly sequence: number;
  /** Canonical, to compare with the destination an ICMP error quotes. */
  readonly destination: string;
  readonly token: Buffer;
  readonly timeoutMs: number;
  /** When the packet left, and its timeout timer: both null while it waits in the socket's send queue. */
  sentAt: bigint | null;
  timer: NodeJS.Timeout | null;
  readonly resolve: (outcome: EchoOutcome) => void;
}

const TIMED_OUT: EchoValue = { status: 'timeout' };

interface FamilyState {
  readonly socket: BurstSocket;
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
  private tokens = Buffer.alloc(0);
  private tokenOffset = 0;

  constructor(
    sockets: ReadonlyMap<IpFamily, Socket>,
    private readonly onSocketFailure: (family: IpFamily, error: Error) => void,
  ) {
    for (const [family, socket] of sockets) {
      const burst = new BurstSocket(socket, (packet, source) => this.receive(family, packet, source));
      this.families.set(family, { socket: burst, pending: new Map(), nextSequence: randomInt(0, 0x10000) });
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
    const token = this.takeToken();
    const packet = buildEchoRequest(family, this.identifier, sequence, token, request.payloadSize ?? DEFAULT_ECHO_PAYLOAD);
    this.inFlight++;
    return new Promise((resolve) => {
      const pending: Pending = {
        sequence,
        destination: canonicalAddress(request.address),
        token,
        timeoutMs: request.timeoutMs,
        sentAt: null,
        timer: null,
        resolve,
      };
      state.pending.set(sequence, pending);
      state.socket.send(
        packet,
        request.address,
        () => this.leaving(state, pending),
        (error) => this.settle(state, pending, { status: 'local', code: errnoFromText(error.message) ?? 'EUNKNOWN', detail: error.message }),
      );
    });
  }

  /** Drops every pending echo unanswered: the parent has gone, nobody is waiting for them. */
  close(): void {
    for (const state of this.families.values()) {
      for (const pending of state.pending.values()) if (pending.timer) clearTimeout(pending.timer);
      state.pending.clear();
      state.socket.close();
    }
    this.families.clear();
    this.inFlight = 0;
  }

  /**
   * The timeout runs from when the packet leaves, not from the request: the last echoes of a
   * burst (a thousand targets due in the same second) wait their turn to be sent, and counting
   * that wait made them time out with their replies on the way. A packet the kernel refused for
   * a full buffer leaves again later, and its clock starts again.
   */
  private leaving(state: FamilyState, pending: Pending): void {
    if (pending.timer) clearTimeout(pending.timer);
    pending.sentAt = process.hrtime.bigint();
    pending.timer = setTimeout(() => this.settle(state, pending, TIMED_OUT), pending.timeoutMs);
  }

  private settle(state: FamilyState, pending: Pending, value: EchoValue): void {
    if (state.pending.get(pending.sequence) !== pending) return;
    state.pending.delete(pending.sequence);
    if (pending.timer) clearTimeout(pending.timer);
    this.inFlight--;
    pending.resolve({ ok: true, value });
  }

  /** Each token is its own slice of the pool, never handed out twice. */
  private takeToken(): Buffer {
    if (this.tokenOffset + TOKEN_LENGTH > this.tokens.length) {
      this.tokens = randomFillSync(Buffer.alloc(TOKEN_POOL_BYTES));
      this.tokenOffset = 0;
    }
    const token = this.tokens.subarray(this.tokenOffset, this.tokenOffset + TOKEN_LENGTH);
    this.tokenOffset += TOKEN_LENGTH;
    return token;
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
    const state = this.families.get(family);
    const pending = state?.pending.get(message.sequence);
    if (!state || !pending || !isAbout(message, pending)) return;
    if (message.kind === 'echo-reply') {
      const now = process.hrtime.bigint();
      const rttMs = pending.sentAt === null ? 0 : Number(now - pending.sentAt) / 1e6;
      this.settle(state, pending, { status: 'reply', rttMs: Math.round(rttMs * 1000) / 1000, from: source });
    } else {
      this.settle(state, pending, {
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
