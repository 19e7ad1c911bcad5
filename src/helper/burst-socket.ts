import type { Socket } from 'raw-socket';
import { Fifo } from './fifo.js';

/**
 * Packets sent in one turn of the event loop, at most: the replies they draw wait in the socket's
 * receive buffer until the next turn reads them, and must fit in the smallest the kernel grants
 * (twice net.core.rmem_max, 416 KiB by default: a few hundred replies).
 */
export const SEND_BATCH = 64;
/** Packets read in one go, at most, so a flood of them cannot keep the helper from everything else. */
const RECEIVE_BATCH = 256;

const EAGAIN_TEXT = 'Resource temporarily unavailable';

interface Outgoing {
  readonly packet: Buffer;
  readonly address: string;
  /** Called just before the packet is handed to the kernel. */
  readonly leaving: () => void;
  readonly failed: (error: Error) => void;
}

const ignoreBytes = (): void => undefined;

/**
 * A raw-socket Socket driven a burst at a time. raw-socket sends one queued packet per turn of the
 * event loop and reads one per turn: with a thousand targets due in the same second that is two
 * thousand turns a second, and the last echoes of a burst waited tens of milliseconds to leave.
 * Here up to SEND_BATCH packets leave per turn through its synchronous native send, and every
 * packet waiting is read when one is. Whatever the fast path cannot do (a full send buffer, a read
 * error) is left to raw-socket's own queue and error handling, which behave as before.
 *
 * The native calls open a new, plain socket when called after a close (no filter, and for a link
 * no binding to its interface), so once the socket is closed or has failed nothing more is sent
 * or read: packets still waiting fail with the socket's error.
 */
export class BurstSocket {
  private readonly queue = new Fifo<Outgoing>();
  private scheduled = false;
  /** Packets handed to raw-socket's own queue, which waits until the socket can send again. */
  private congested = 0;
  private failure: Error | null = null;

  constructor(
    private readonly socket: Socket,
    receive: (packet: Buffer, source: string) => void,
  ) {
    const take = (buffer: Buffer, bytes: number, source: string): void => receive(buffer.subarray(0, bytes), source);
    socket.on('message', (packet, source) => {
      receive(packet, source);
      this.drain(take);
    });
    socket.on('error', (error) => (this.failure ??= error));
  }

  send(packet: Buffer, address: string, leaving: () => void, failed: (error: Error) => void): void {
    this.queue.push({ packet, address, leaving, failed });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  close(): void {
    this.failure ??= new Error('the raw socket is closed');
    this.queue.clear();
    this.socket.close();
  }

  private flush(): void {
    this.scheduled = false;
    for (let i = 0; i < SEND_BATCH; i++) {
      const out = this.queue.take();
      if (!out) return;
      this.sendNow(out);
    }
    if (this.queue.size > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private sendNow(out: Outgoing): void {
    if (this.failure) return out.failed(this.failure);
    if (this.congested > 0) return this.sendQueued(out);
    out.leaving();
    try {
      this.socket.wrap.send(out.packet, 0, out.packet.length, out.address, ignoreBytes);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (error.message === EAGAIN_TEXT) this.sendQueued(out);
      else out.failed(error);
    }
  }

  private sendQueued(out: Outgoing): void {
    this.congested++;
    this.socket.send(out.packet, 0, out.packet.length, out.address, out.leaving, (error) => {
      this.congested--;
      if (error) out.failed(error);
    });
  }

  /** Reads what else is waiting; stops at the first refusal (nothing left, or an error raw-socket reports on its next read). */
  private drain(take: (buffer: Buffer, bytes: number, source: string) => void): void {
    for (let i = 0; i < RECEIVE_BATCH && !this.failure; i++) {
      try {
        this.socket.wrap.recv(this.socket.buffer, take);
      } catch {
        return;
      }
    }
  }
}
