import { readFileSync } from 'node:fs';
import { fsUserError, UserError } from '../core/errors.js';
import { listenRecordPath, readListenRecord } from '../core/http/listen-record.js';
import type { Logger } from '../core/log.js';
import type { StatusValue } from '../shared/api-contract.js';
import { daemonToken, daemonUrl, type AppPreferences } from '../shared/app-preferences.js';
import { remoteSource } from './remote-source.js';

export interface FoundDaemon {
  url: string;
  /** null: it asks none (loopback). */
  token: string | null;
  /** named: on the command line or in the app's settings; running-here: its listen record in the data folder. */
  why: 'named' | 'running-here';
}

export interface FindDaemonDeps {
  /** The app's command line: `--watch URL`, `--watch-token-file FILE` are read, the rest is Electron's. */
  argv: readonly string[];
  /** NOM_TOKEN: the token of the daemon given with --watch. */
  env: NodeJS.ProcessEnv;
  preferences: AppPreferences;
  /** The data folder the app would record into, where a daemon on this machine leaves its listen record. */
  dataDir: string;
  /** Each thing found that the user should hear of, as one line: a daemon that does not answer, a stale record. */
  note: (line: string) => void;
  log: Logger;
  /** What a daemon's /api/status answers; throws its refusal. Default: asked over HTTP. */
  status?: (url: string, token: string | null) => Promise<StatusValue>;
  /** Whether a process runs. Default: signal 0. */
  isAlive?: (pid: number) => boolean;
}

/** Long enough for a box on the home network, short enough not to hold up the app's start. */
const CHECK_TIMEOUT_MS = 3_000;

const TOKEN_FILE_FLAG = '--watch-token-file';

/**
 * Which daemon the app should watch instead of monitoring itself, or null to monitor here.
 * One the user named comes first (the command line's `--watch`, then the settings) and is
 * watched even when it does not answer: the user asked for that one, and the app says it is
 * out of reach rather than quietly start monitors of its own. Else a daemon serving on this
 * machine that left its listen record in the data folder, if it is still alive and answers.
 * A bad `--watch` or token file throws a UserError naming it.
 */
export async function findDaemon(deps: FindDaemonDeps): Promise<FoundDaemon | null> {
  const status = deps.status ?? ((url, token) => askStatus(url, token, deps.log));
  const named = namedDaemon(deps);
  if (named !== null) {
    try {
      await status(named.url, named.token);
    } catch (err) {
      deps.note(`the daemon named ${named.where}, ${named.url}, does not answer: ${messageOf(err)}; it is shown as out of reach until it does, and nothing is monitored on this computer`);
    }
    return { url: named.url, token: named.token, why: 'named' };
  }
  return runningHere(deps, status, deps.isAlive ?? isAlive);
}

type Named = { url: string; token: string | null; where: string };

function namedDaemon({ argv, env, preferences }: FindDaemonDeps): Named | null {
  const url = flagValue(argv, '--watch');
  const tokenFile = flagValue(argv, TOKEN_FILE_FLAG);
  if (url === null) {
    if (tokenFile !== null) throw new UserError(`${TOKEN_FILE_FLAG} is the token of the daemon given with --watch, and no --watch was given`);
    const watch = preferences.watch;
    return watch === null ? null : { url: new URL(watch.url).origin, token: watch.token, where: 'in settings' };
  }
  const checked = daemonUrl.safeParse(url);
  if (!checked.success) throw new UserError(`--watch: "${url}" ${checked.error.issues[0]?.message ?? 'is not an address'}`);
  const token = tokenFile !== null ? flagged(TOKEN_FILE_FLAG, () => tokenFromFile(tokenFile)) : tokenFromEnv(env.NOM_TOKEN);
  return { url: new URL(checked.data).origin, token, where: 'on the command line' };
}

/** `--flag VALUE` or `--flag=VALUE`, at most once; null when not given. */
function flagValue(argv: readonly string[], flag: string): string | null {
  const values: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === flag) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UserError(`${flag} needs a value`);
      values.push(next);
    } else if (arg.startsWith(`${flag}=`)) values.push(arg.slice(flag.length + 1));
  });
  if (values.length > 1) throw new UserError(`give ${flag} once`);
  return values[0] ?? null;
}

function flagged<T>(flag: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new UserError(`${flag}: ${messageOf(err)}`);
  }
}

function tokenFromFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw fsUserError(err, file);
  }
  const token = daemonToken.safeParse(text);
  if (!token.success) throw new UserError(`${file}: ${token.error.issues[0]?.message ?? 'not a token'}`);
  return token.data;
}

function tokenFromEnv(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const token = daemonToken.safeParse(value);
  if (!token.success) throw new UserError(`NOM_TOKEN ${token.error.issues[0]?.message ?? 'is not a token'}`);
  return token.data;
}

async function runningHere(deps: FindDaemonDeps, status: NonNullable<FindDaemonDeps['status']>, alive: (pid: number) => boolean): Promise<FoundDaemon | null> {
  const path = listenRecordPath(deps.dataDir);
  const here = 'monitoring on this computer instead';
  const found = readListenRecord(deps.dataDir);
  if (found.kind === 'none') return null;
  if (found.kind === 'unreadable') {
    deps.note(`${path} is not used: ${found.why}; ${here}`);
    return null;
  }
  const { url, pid, instance, tokenFile } = found.record;
  const daemon = `the daemon recorded in ${path} (pid ${pid}, ${url})`;
  if (!alive(pid)) {
    deps.note(`${daemon} is no longer running; ${here}`);
    return null;
  }
  let token: string | null = null;
  if (tokenFile !== null) {
    try {
      token = tokenFromFile(tokenFile);
    } catch (err) {
      deps.note(`${daemon} asks for its access token, which this app cannot read (${messageOf(err)}); ${here}`);
      return null;
    }
  }
  let answered: StatusValue;
  try {
    answered = await status(url, token);
  } catch (err) {
    deps.note(`${daemon} does not answer: ${messageOf(err)}; ${here}`);
    return null;
  }
  if (answered.instance !== instance) {
    deps.note(`${daemon} answers as instance "${answered.instance}", not the "${instance}" recorded: the record is stale; ${here}`);
    return null;
  }
  return { url, token, why: 'running-here' };
}

async function askStatus(url: string, token: string | null, log: Logger): Promise<StatusValue> {
  const source = remoteSource({ url, token, log, callTimeoutMs: CHECK_TIMEOUT_MS });
  try {
    return await source.api.status({});
  } finally {
    await source.close();
  }
}

/** Alive even when it is another user's (EPERM): only "no such process" means gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
