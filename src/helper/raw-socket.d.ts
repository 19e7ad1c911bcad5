/** The part of npm `raw-socket` the helper uses (the package ships no types). */
declare module 'raw-socket' {
  import type { EventEmitter } from 'node:events';

  export interface SocketOptions {
    addressFamily?: number;
    protocol?: number;
    bufferSize?: number;
  }

  export interface Socket extends EventEmitter {
    send(
      buffer: Buffer,
      offset: number,
      length: number,
      address: string,
      beforeCallback: () => void,
      afterCallback: (error: Error | null, bytes: number) => void,
    ): this;
    setOption(level: number, option: number, value: Buffer | number, length?: number): void;
    /**
     * The native handle under `send` and the 'message' event (not in raw-socket's README, used by
     * burst-socket.ts): both calls are synchronous, call back before returning, and throw an Error
     * carrying strerror's text when the system call fails.
     */
    readonly wrap: {
      send(buffer: Buffer, offset: number, length: number, address: string, callback: (bytes: number) => void): void;
      recv(buffer: Buffer, callback: (buffer: Buffer, bytes: number, source: string) => void): void;
    };
    /** What `wrap.recv` reads into; one buffer, reused for every packet. */
    readonly buffer: Buffer;
    close(): this;
    on(event: 'message', listener: (buffer: Buffer, source: string) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'close', listener: () => void): this;
  }

  interface RawSocketModule {
    createSocket(options: SocketOptions): Socket;
    createChecksum(...buffers: Buffer[]): number;
    writeChecksum(buffer: Buffer, offset: number, checksum: number): Buffer;
    AddressFamily: { IPv4: number; IPv6: number };
    Protocol: { None: number; ICMP: number; TCP: number; UDP: number; ICMPv6: number };
    SocketLevel: { SOL_SOCKET: number; IPPROTO_IP: number; IPPROTO_IPV6: number };
    SocketOption: { SO_RCVBUF: number; SO_SNDBUF: number; [name: string]: number };
  }

  const raw: RawSocketModule;
  export default raw;
}
