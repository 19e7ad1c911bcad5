import type { HelperMessage, HelperRequest } from './helper-protocol.js';

/**
 * The part of the helper protocol (helper-protocol.ts) that needs no schema library: its limits,
 * the patterns its schemas are built from, and the framing of messages into lines. The helper
 * loads only this at start-up; zod and the schemas come in with the first request its quick
 * reader (helper-quick-read.ts) cannot vouch for, which for a helper that only echoes is never.
 * Loaded at start, they made it 57 MB resident instead of 46.
 */
export const HELPER_PROTOCOL_VERSION = 1;

/** Longer lines are refused unread, so a runaway writer cannot make either side buffer without end. */
export const MAX_LINE_LENGTH = 4096;

export const MAX_ECHO_TIMEOUT_MS = 60_000;
/** The payload carries an 8-byte token identifying our echoes; the upper bound keeps one echo in one unfragmented packet. */
export const MIN_ECHO_PAYLOAD = 8;
export const MAX_ECHO_PAYLOAD = 1400;
export const DEFAULT_ECHO_PAYLOAD = 56;

/** The zone of a link-local IPv6 address (`fe80::1%eth0`): an interface name or number. */
export const IPV6_ZONE = /^[A-Za-z0-9_.-]{1,15}$/;

/** A Linux interface name (IFNAMSIZ-1 bytes, no slash, colon or space); a leading letter or digit keeps it from reading as an `ip` option. */
export const LINK_INTERFACE = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,14}$/;

export function encodeLine(message: HelperMessage | HelperRequest): string {
  return JSON.stringify(message) + '\n';
}

/**
 * Cuts a byte stream into lines. A line over MAX_LINE_LENGTH is dropped as it streams in (only
 * its first part is kept, to say what it was) and reported through `onOverlong`.
 */
export class LineSplitter {
  private buffer = '';
  private overlong = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: (start: string) => void,
  ) {}

  push(chunk: string): void {
    // Lines are cut from the chunk where they stand: a chunk holds a thousand replies at a time.
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (this.overlong) {
        this.overlong = false;
        continue;
      }
      const line = this.buffer === '' ? piece : this.buffer + piece;
      this.buffer = '';
      if (line.length > MAX_LINE_LENGTH) this.onOverlong(line.slice(0, 100));
      else this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (this.overlong) return;
    this.buffer += chunk.slice(start);
    if (this.buffer.length > MAX_LINE_LENGTH) {
      this.onOverlong(this.buffer.slice(0, 100));
      this.buffer = '';
      this.overlong = true;
    }
  }
}
