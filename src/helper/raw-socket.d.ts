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
