/**
 * `nom daemon` at its defaults against a scripted lab timeline: WAN and LAN outages of known
 * length at known instants, then three minutes of 10 % random loss. Prints how late DOWN and
 * UP were known, how far the recorded start and end are from the truth, and false outages,
 * beside what imon and network-outage-monitor did in such a lab on this machine.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { readTransitionDir } from '../src/core/store/transition-log.js';
import { Status } from '../src/core/store/transition-record.js';
import { Lab } from '../test/lab/lab.js';
import { median } from './support/measure.js';

const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Outage lengths in seconds, WAN unless marked, with a pause of 5-8 s before each. */
const OUTAGES: Array<{ link: 'wan' | 'lan'; seconds: number }> = [
  { link: 'wan', seconds: 6 },
  { link: 'wan', seconds: 6 },
  { link: 'wan', seconds: 8 },
  { link: 'lan', seconds: 6 },
  { link: 'wan', seconds: 10 },
  { link: 'lan', seconds: 8 },
  { link: 'wan', seconds: 6 },
  { link: 'wan', seconds: 15 },
];
const LOSS_PERCENT = 10;
const LOSS_SECONDS = 180;

interface Truth {
  down: number;
  up: number;
}

interface LogEvent {
  at: number;
  kind: 'down' | 'up';
}

export async function benchLabTimeline(): Promise<void> {
  console.log(`\n## nom daemon at its defaults: ${OUTAGES.length} outages, then ${LOSS_SECONDS} s of ${LOSS_PERCENT} % loss`);
  const lab = await Lab.create({ name: 'timeline' });
  const data = mkdtempSync(join(tmpdir(), 'nom-bench-timeline-'));
  let daemon: ChildProcess | null = null;
  const events: LogEvent[] = [];
  try {
    daemon = lab.spawn('client', process.execPath, [CLI, 'daemon', '--data', data, '--target', `${lab.addr.target}=internet`], { cwd: ROOT });
    daemon.stderr?.on('data', (chunk: Buffer) => collectEvents(chunk.toString(), events));
    await waitUntil(() => events.some((e) => e.kind === 'up'), 15_000, 'the first UP');

    const truths: Truth[] = [];
    let seed = 11;
    for (const outage of OUTAGES) {
      seed = (seed * 48_271) % 2_147_483_647;
      await sleep(5000 + (seed % 3000));
      const down = await timed(() => lab.linkDown(outage.link));
      await sleep(outage.seconds * 1000 - (Date.now() - down * 1000));
      const up = await timed(() => lab.linkUp(outage.link));
      truths.push({ down, up });
    }
    await sleep(6000);

    const lossFrom = Date.now() / 1000;
    await lab.setLoss(LOSS_PERCENT);
    await sleep(LOSS_SECONDS * 1000);
    await lab.setLoss(0);
    const lossTo = Date.now() / 1000;
    await sleep(3000);

    daemon.kill('SIGTERM');
    await once(daemon, 'exit');
    report(truths, events, recordedOutages(join(data, 'internet')), lossFrom, lossTo);
  } finally {
    if (daemon && daemon.exitCode === null) daemon.kill('SIGKILL');
    await lab.destroy();
    rmSync(data, { recursive: true, force: true });
  }
}

/** The lab call's midpoint is the truth: the link changed somewhere inside it. */
async function timed(action: () => Promise<void>): Promise<number> {
  const before = Date.now();
  await action();
  return (before + Date.now()) / 2000;
}

/** The daemon logs `<ISO time> INFO  nom: UNREACHABLE …` and `… reachable …` when it knows. */
function collectEvents(text: string, events: LogEvent[]): void {
  for (const line of text.split('\n')) {
    const m = /^(\S+Z) INFO +nom: (UNREACHABLE|reachable) /.exec(line);
    if (m) events.push({ at: Date.parse(m[1]!) / 1000, kind: m[2] === 'UNREACHABLE' ? 'down' : 'up' });
  }
}

function recordedOutages(dir: string): Array<{ start: number; end: number | null }> {
  const { times, statuses } = readTransitionDir(dir);
  const out: Array<{ start: number; end: number | null }> = [];
  for (let i = 0; i < times.length; i++) {
    if (statuses[i] === Status.DOWN) out.push({ start: times[i]!, end: null });
    else if (statuses[i] === Status.UP && out.at(-1)?.end === null) out.at(-1)!.end = times[i]!;
  }
  return out;
}

function report(truths: Truth[], events: LogEvent[], recorded: Array<{ start: number; end: number | null }>, lossFrom: number, lossTo: number): void {
  const startErr: number[] = [];
  const endErr: number[] = [];
  const downDelay: number[] = [];
  const upDelay: number[] = [];
  let missed = 0;
  for (const t of truths) {
    const match = recorded.find((r) => r.start >= t.down - 2 && r.start <= t.up);
    if (!match) {
      missed++;
      continue;
    }
    startErr.push(Math.abs(match.start - t.down));
    if (match.end !== null) endErr.push(Math.abs(match.end - t.up));
    const knownDown = events.find((e) => e.kind === 'down' && e.at >= t.down);
    const knownUp = events.find((e) => e.kind === 'up' && e.at >= t.up);
    if (knownDown) downDelay.push(knownDown.at - t.down);
    if (knownUp) upDelay.push(knownUp.at - t.up);
  }
  const falseOutages = recorded.filter((r) => r.start >= lossFrom - 1 && r.start <= lossTo + 1).length;
  const stats = (xs: number[]) => (xs.length ? `median ${median(xs).toFixed(2)} s, max ${Math.max(...xs).toFixed(2)} s` : 'n/a');
  console.log(`outages recorded: ${truths.length - missed} of ${truths.length} (shortest ${Math.min(...OUTAGES.map((o) => o.seconds))} s)   goal: all`);
  console.log(`DOWN known after: ${stats(downDelay)}   goal: ≤ 3 s`);
  console.log(`UP known after:   ${stats(upDelay)}`);
  console.log(`recorded start vs truth: ${stats(startErr)}   goal: ≤ 1 s`);
  console.log(`recorded end vs truth:   ${stats(endErr)}   goal: ≤ 1 s`);
  console.log(`false outages in ${Math.round(lossTo - lossFrom)} s of ${LOSS_PERCENT} % loss: ${falseOutages}   goal: 0`);
  console.log('for comparison, measured in such a lab: imon (defaults) knew of outages 6.5-11 s late and missed a 6 s one;');
  console.log('network-outage-monitor (--interval 2) recorded 4 false outages in 2 minutes of 10 % loss and took ICMP unreachable as UP');
}

async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
