import { existsSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fsUserError } from '../errors.js';
import { HEARTBEAT_FILE, lastHeartbeat, touchHeartbeat } from './heartbeat.js';
import { JournalWriter, type JournalEntry } from './journal.js';
import { readTransitionDir } from './transition-log.js';
import { TransitionLogWriter } from './transition-log-writer.js';
import { Status } from './transition-record.js';

/**
 * One target's folder: its transition log, its journal, what it probes (target.json), and a
 * heartbeat whose modification time says when the daemon was last known to be running.
 */
export class TargetStore {
  readonly dir: string;
  /** Joined once: every target's heartbeat is touched every few seconds. */
  private readonly heartbeatPath: string;
  private readonly log: TransitionLogWriter;
  private readonly journal: JournalWriter;

  constructor(dataDir: string, readonly name: string, readonly address: string) {
    this.dir = join(dataDir, name);
    this.heartbeatPath = join(this.dir, HEARTBEAT_FILE);
    this.log = new TransitionLogWriter(this.dir);
    this.journal = new JournalWriter(this.dir);
  }

  /**
   * Opens a monitoring session. When the last session did not end with STOPPED (a crash, a
   * power cut), it is closed first with a STOPPED at the last heartbeat, so the time the
   * monitor was not running counts as unmonitored rather than as the last state.
   * Returns the time of that recovered STOPPED, if one was written.
   */
  openSession(nowSeconds: number): number | null {
    // Read (and so validate) what is there before anything is written.
    const crashedAt = this.crashTime(nowSeconds);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeTargetInfo(this.dir, this.name, this.address);
    } catch (err) {
      throw fsUserError(err, this.dir);
    }
    if (crashedAt !== null) this.log.append(crashedAt, Status.STOPPED);
    this.log.append(nowSeconds, Status.STARTED);
    this.beat(nowSeconds);
    return crashedAt;
  }

  record(unixSeconds: number, status: Status): void {
    this.log.append(unixSeconds, status);
  }

  closeSession(nowSeconds: number): void {
    this.log.append(nowSeconds, Status.STOPPED);
    this.beat(nowSeconds);
  }

  note(entry: JournalEntry, nowSeconds: number): void {
    this.journal.append(entry, nowSeconds);
  }

  beat(nowSeconds: number): void {
    touchHeartbeat(this.heartbeatPath, nowSeconds);
  }

  /** When the last session did not end with STOPPED: the time to close it at. */
  private crashTime(nowSeconds: number): number | null {
    if (!existsSync(this.dir)) return null;
    const { times, statuses } = readTransitionDir(this.dir);
    const n = times.length;
    if (n === 0 || statuses[n - 1] === Status.STOPPED) return null;
    const lastRecord = times[n - 1]!;
    const lastBeat = lastHeartbeat(this.dir);
    return Math.min(nowSeconds, Math.max(lastRecord, lastBeat ?? lastRecord));
  }
}

/** target.json: what the folder's records are about, for reports (written whole, by rename). */
function writeTargetInfo(dir: string, name: string, address: string): void {
  const tmp = join(dir, `.target.json.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ name, address }, null, 2) + '\n');
  renameSync(tmp, join(dir, 'target.json'));
}
