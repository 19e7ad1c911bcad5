/**
 * The dashboard in chromium against `nom daemon --http` in the network lab, with a year of
 * history (3 targets, per-minute samples, 10,000 outages) and a fourth target that has none:
 * first paint of the dashboard and of history, history's interactions with the year shown, how
 * soon a cut reaches a card, and the daemon's memory with the dashboard open. Every figure is
 * measured in this run; goals are printed beside them, and a missed goal is a figure, not a
 * failure.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { saveConfig } from '../src/core/config/config-file.js';
import { defaultConfig } from '../src/core/config/defaults.js';
import { Status } from '../src/core/store/transition-record.js';
import { Lab } from '../test/lab/lab.js';
import { historyInteractions, type Interactions } from './support/history-interactions.js';
import { launchInLab, PageProblems } from './support/lab-chromium.js';
import { median } from './support/measure.js';
import { cardTimes, firstPaint, pageProbes, watchCards } from './support/page-probes.js';
import { childPids, memory, type Memory } from './support/proc-usage.js';
import { nextRecord } from './support/transition-watch.js';
import { writeYearOfData } from './support/year-of-data.js';

const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const UI = fileURLToPath(new URL('../dist/renderer/index.html', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Only the client namespace's loopback: nothing outside the lab can reach it, nor it anything. */
const PORT = 8754;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const LOADS = 5;
const CUTS = 3;
const OPEN_FOR_S = 60;
const GOALS = { paintMs: 1000, interactionMs: 100, liveMs: 500 } as const;
const FRESH = 'target-4';

interface Figures {
  paint: { dashboard: number[]; history: number[] };
  interactions: Interactions;
  live: { down: number[]; up: number[] };
  memory: { started: Memory[]; end: Memory[]; maxRssMB: number[] };
}

export async function benchDashboard(): Promise<void> {
  console.log(`\n## the dashboard in chromium against nom daemon --http, with a year of history for 3 of 4 targets`);
  for (const [what, path] of [['nom', CLI], ['the dashboard', UI]] as const) {
    if (!existsSync(path)) throw new Error(`${what} is not built (${path}): npm run build`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'nom-bench-dashboard-'));
  const data = join(scratch, 'data');
  let lab: Lab | undefined;
  let daemon: ChildProcess | undefined;
  let browser: Browser | undefined;
  const log: string[] = [];
  try {
    const year = writeYearOfData(data, { year: new Date().getUTCFullYear() - 1 });
    lab = await Lab.create({ name: 'dashb' });
    const addresses = [lab.addr.target, ...lab.addr.spare];
    const targets = [...year.targets, FRESH].map((name, i) => ({ name, address: addresses[i]! }));
    const config = defaultConfig('bench');
    config.updown = { ...config.updown, targets };
    const configFile = join(scratch, 'bench.json');
    saveConfig(configFile, config);
    console.log(`data: ${year.outages.reduce((a, b) => a + b, 0).toLocaleString('en')} outages in ${new Date(year.range.from * 1000).getUTCFullYear()} for ${year.targets.join(', ')}; ${FRESH} has none`);
    console.log(`targets: ${targets.map((t) => `${t.name}=${t.address}`).join(', ')}, probed at the updown defaults`);

    daemon = lab.spawn('client', process.execPath, [CLI, 'daemon', '--config', configFile, '--data', data, '--http', `127.0.0.1:${PORT}`], { cwd: ROOT });
    const collect = (chunk: Buffer) => log.push(...chunk.toString().split('\n').filter((l) => l !== ''));
    daemon.stderr?.on('data', collect);
    daemon.stdout?.on('data', collect);
    const pid = daemon.pid;
    if (pid === undefined) throw new Error('nom daemon did not start');

    browser = await launchInLab(lab, scratch);
    const problems = new PageProblems(ORIGIN);
    const probes = pageProbes(targets.length);
    const names = targets.map((t) => t.name);
    await allUp(browser, problems, probes, names, log);
    const started = processes(pid).map(memory);

    const paint = { dashboard: await loads(browser, problems, probes, '#/'), history: await loads(browser, problems, probes, '#/history') };
    const context = await problems.context(browser, probes);
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/#/history`);
    await firstPaint(page, 30_000);
    const interactions = await historyInteractions(page);
    await context.close();

    const dashboard = await (await problems.context(browser, probes)).newPage();
    await dashboard.goto(`${ORIGIN}/#/`);
    await firstPaint(dashboard, 30_000);
    const maxRssMB = await openFor(pid, OPEN_FOR_S);
    const end = processes(pid).map(memory);
    const live = await liveLatency(lab, dashboard, data, names);

    report({ paint, interactions, live, memory: { started, end, maxRssMB } });
    for (const p of problems.seen) console.log(`page: ${p}`);
    const warnings = log.filter((line) => / (WARN|ERROR) /.test(line));
    for (const line of warnings.slice(0, 10)) console.log(`daemon: ${line}`);
    if (warnings.length > 10) console.log(`daemon: … ${warnings.length - 10} more warnings`);
  } catch (error) {
    if (log.length > 0) console.log(`the daemon's last lines:\n${log.slice(-20).join('\n')}`);
    throw error;
  } finally {
    await browser?.close();
    if (daemon !== undefined && daemon.exitCode === null && daemon.signalCode === null) {
      daemon.kill('SIGTERM');
      await Promise.race([once(daemon, 'exit'), sleep(5_000)]);
      if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGKILL');
    }
    await lab?.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Waits for the daemon to serve the dashboard with every target up: the figures start from a running monitor. */
async function allUp(browser: Browser, problems: PageProblems, probes: string, names: string[], log: string[]): Promise<void> {
  const context = await problems.context(browser, probes);
  const page = await context.newPage();
  for (let i = 0; ; i++) {
    try {
      await page.goto(`${ORIGIN}/#/`);
      break;
    } catch (error) {
      if (i > 100) throw new Error(`the daemon did not serve the dashboard\n${log.slice(-20).join('\n')}`, { cause: error });
      await sleep(200);
    }
  }
  for (const name of names) await page.locator(`article.target-up:has(#target-${name})`).waitFor({ timeout: 30_000 });
  await context.close();
}

/** The first paint of a view, each time in a new browser context: no cache, no open event stream. */
async function loads(browser: Browser, problems: PageProblems, probes: string, hash: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await problems.context(browser, probes);
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/${hash}`);
    times.push(await firstPaint(page, 30_000));
    await context.close();
  }
  return times;
}

/** The daemon and its helper, if it runs one. */
function processes(pid: number): number[] {
  return [pid, ...childPids(pid)];
}

/** Keeps the dashboard open for `seconds`, sampling each process's resident set every second; returns the highest of each. */
async function openFor(pid: number, seconds: number): Promise<number[]> {
  const highest: number[] = [];
  for (let s = 0; s < seconds; s++) {
    await sleep(1000);
    processes(pid).forEach((p, i) => (highest[i] = Math.max(highest[i] ?? 0, memory(p).rssMB)));
  }
  return highest;
}

/**
 * Cuts the lab's WAN and repairs it, CUTS times: for each target, from the moment its transition
 * log gained the record (seen by this process) to the frame in which its card showed the state
 * (the page's wall time: the same machine, the same clock).
 */
async function liveLatency(lab: Lab, page: Page, data: string, names: string[]): Promise<Figures['live']> {
  const live: Figures['live'] = { down: [], up: [] };
  const phase = async (state: 'down' | 'up', status: Status, act: () => Promise<void>): Promise<void> => {
    await watchCards(page, names, state);
    const written = await nextRecord(data, names, status, 20_000, act);
    const deadline = Date.now() + 10_000;
    let shown = await cardTimes(page);
    while (Object.keys(shown).length < names.length) {
      if (Date.now() > deadline) throw new Error(`cards not ${state} within 10 s of their records: ${names.filter((n) => shown[n] === undefined).join(', ')}`);
      await sleep(50);
      shown = await cardTimes(page);
    }
    for (const name of names) live[state].push(shown[name]! - written.get(name)!);
  };
  for (let i = 0; i < CUTS; i++) {
    await phase('down', Status.DOWN, () => lab.linkDown('wan'));
    await sleep(3000);
    await phase('up', Status.UP, () => lab.linkUp('wan'));
    await sleep(3000);
  }
  return live;
}

function report(f: Figures): void {
  const ms = (x: number) => `${Math.round(x)} ms`;
  const spread = (xs: number[]) => `median ${ms(median(xs))}, max ${ms(Math.max(...xs))}`;
  const rows: Array<[string, string, string, string]> = [];
  const row = (what: string, measured: string, goal: number | null, judged: number | null) =>
    rows.push([what, measured, goal === null ? '(printed)' : `< ${goal} ms`, goal === null || judged === null ? '' : judged < goal ? 'met' : 'MISSED']);

  row(`first paint, dashboard (median of ${LOADS})`, `${ms(median(f.paint.dashboard))}  [${f.paint.dashboard.map(Math.round).join(', ')}]`, GOALS.paintMs, median(f.paint.dashboard));
  row(`first paint, history (median of ${LOADS})`, `${ms(median(f.paint.history))}  [${f.paint.history.map(Math.round).join(', ')}]`, GOALS.paintMs, median(f.paint.history));
  for (const [what, tries] of Object.entries(f.interactions)) {
    const requests = tries.map((t) => t.requestMs).filter((x): x is number => x !== null);
    const asked = requests.length === 0 ? '' : `; its API call ${spread(requests)}`;
    row(`history: ${what} (${tries.length} tries)`, `${spread(tries.map((t) => t.ms))}${asked}`, GOALS.interactionMs, Math.max(...tries.map((t) => t.ms)));
  }
  for (const state of ['down', 'up'] as const) {
    const xs = f.live[state];
    row(`live: record ${state.toUpperCase()} → card ${state} (${CUTS} cuts × ${xs.length / CUTS} targets)`, spread(xs), GOALS.liveMs, Math.max(...xs));
  }
  const mb = (m: Memory) => `${m.rssMB.toFixed(1)} MB (anon ${m.anonMB.toFixed(1)})`;
  f.memory.end.forEach((m, i) => {
    const who = i === 0 ? 'daemon' : `helper ${i}`;
    row(`${who} RSS, 4 targets, dashboard open ${OPEN_FOR_S} s`, `${mb(m)}; max sampled ${f.memory.maxRssMB[i]?.toFixed(1) ?? '?'} MB; at start ${f.memory.started[i] ? mb(f.memory.started[i]) : 'not running'}`, null, null);
    row(`${who} peak RSS over the run (VmHWM, history of the year included)`, `${m.peakMB.toFixed(1)} MB`, null, null);
  });
  if (f.memory.end.length === 1) row('helper process', 'none (the daemon probes itself)', null, null);

  const header: [string, string, string, string] = ['figure', 'measured', 'goal', ''];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log('first paints are judged by their median, interactions and live latency by their max; "visible" is the frame after the DOM held the result');
}
