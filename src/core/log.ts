/**
 * One scoped logger per module. Lines are plain text for a terminal; under systemd (JOURNAL_STREAM
 * set) each line starts with its syslog priority (`<3>` …) so the journal files it at the right
 * level. Values that look like secrets (webhook URLs, tokens) are redacted before they are written.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export interface LogSinkOptions {
  write: (line: string) => void;
  minLevel: LogLevel;
  journal: boolean;
  now: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const SYSLOG_PRIORITY: Record<LogLevel, number> = { debug: 7, info: 6, warn: 4, error: 3 };
const URL_WITH_SECRET = /\b(https?:\/\/[^\s/]+)\/[^\s]*/g;

/** Keeps the host of a URL and hides the rest: webhook URLs carry their secret in the path. */
export function redact(text: string): string {
  return text.replace(URL_WITH_SECRET, '$1/…');
}

export function createLogger(scope: string, options: Partial<LogSinkOptions> = {}): Logger {
  const sink: LogSinkOptions = {
    write: options.write ?? ((line) => process.stderr.write(line + '\n')),
    minLevel: options.minLevel ?? 'info',
    journal: options.journal ?? process.env.JOURNAL_STREAM !== undefined,
    now: options.now ?? (() => new Date()),
  };
  return scoped(scope, sink);
}

function scoped(scope: string, sink: LogSinkOptions): Logger {
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (RANK[level] < RANK[sink.minLevel]) return;
    const extra = fields
      ? Object.entries(fields)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => ` ${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`)
          .join('')
      : '';
    const text = redact(`${scope}: ${message}${extra}`);
    sink.write(sink.journal ? `<${SYSLOG_PRIORITY[level]}>${text}` : `${sink.now().toISOString()} ${level.toUpperCase().padEnd(5)} ${text}`);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (sub) => scoped(`${scope}/${sub}`, sink),
  };
}
