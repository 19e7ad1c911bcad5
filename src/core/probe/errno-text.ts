/**
 * raw-socket and the ping binary report a failed send only as strerror() text; monitors need the
 * errno code. These are glibc's texts for the errors a send can meet.
 */
const ERRNO_BY_TEXT: ReadonlyArray<readonly [code: string, text: string]> = [
  ['ENETUNREACH', 'Network is unreachable'],
  ['EHOSTUNREACH', 'No route to host'],
  ['ENETDOWN', 'Network is down'],
  ['EHOSTDOWN', 'Host is down'],
  ['EACCES', 'Permission denied'],
  ['EPERM', 'Operation not permitted'],
  ['EADDRNOTAVAIL', 'Cannot assign requested address'],
  ['EAFNOSUPPORT', 'Address family not supported by protocol'],
  ['EINVAL', 'Invalid argument'],
  ['EMSGSIZE', 'Message too long'],
  ['ENOBUFS', 'No buffer space available'],
  ['EAGAIN', 'Resource temporarily unavailable'],
  ['ENODEV', 'No such device'],
  ['ENXIO', 'No such device or address'],
];

/** The errno code whose text appears in `message`, or undefined. */
export function errnoFromText(message: string): string | undefined {
  const lower = message.toLowerCase();
  return ERRNO_BY_TEXT.find(([, text]) => lower.includes(text.toLowerCase()))?.[0];
}

/** The text for an errno code, as the other probes would show it; the code itself when not known. */
export function textOfErrno(code: string): string {
  return ERRNO_BY_TEXT.find(([known]) => known === code)?.[1] ?? code;
}
