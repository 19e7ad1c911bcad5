import { isIP } from 'node:net';
import { UserError } from '../errors.js';

export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Reads `--http [HOST:]PORT`. A bare port listens on 127.0.0.1 only: the reports name the
 * user's addresses and outages, so serving them to the network is asked for by name
 * (`0.0.0.0:8080`). Port 0 picks a free one; the daemon logs which.
 */
export function parseListenAddress(text: string): ListenAddress {
  const match = /^(?:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[2]) : -1;
  if (!match || port > 65_535) throw new UserError(`--http: "${text}" is not [HOST:]PORT, e.g. 8080 or 0.0.0.0:8080`);
  const host = match[1]?.replace(/^\[(.*)\]$/, '$1') ?? '127.0.0.1';
  if (match[1]?.startsWith('[') && isIP(host) !== 6) throw new UserError(`--http: "${match[1]}" is not an IPv6 address`);
  return { host, port };
}

/** Whether only this machine can reach an address: such a server needs no access token. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
