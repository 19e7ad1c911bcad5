import type { MonitorEvent } from '../../shared/events.js';

export interface DegradedThresholds {
  /** Loss over a window, in percent, at or above which the connection is degraded. */
  lossPct: number;
  /** A window's median round trip at or above this many times the target's own baseline is degraded. */
  rttFactor: number;
  /** Seconds of checks judged together. */
  windowS: number;
}

type DegradedEvent = Extract<MonitorEvent, { type: 'degraded' | 'degraded-end' }>;

interface Figures {
  loss_pct: number | null;
  median_rtt_ms: number | null;
  baseline_rtt_ms: number | null;
  reason: string;
}

/** A day of windows: the baseline is the median of the healthy ones. */
const BASELINE_WINDOWS = 1_440;
/** Fewer healthy windows than this and there is no baseline yet: a round trip is not judged. */
const MIN_BASELINE_WINDOWS = 10;
/** A rise smaller than this is noise on a fast line, whatever its ratio (1 ms to 3 ms on a LAN). */
const MIN_RTT_RISE_MS = 10;

/**
 * Tells when a target that answers works badly: over each window of checks, loss at or over a
 * threshold, or a median round trip at or over a multiple of the target's own baseline (the
 * median of its healthy windows of the last day). Pure: fed each check and each transition,
 * it emits `degraded` when a bad window begins a period and `degraded-end` at the first good
 * one, with the worst figures seen. Windows with the target down are not judged: an outage is
 * not a degraded period, and one ends any degraded period at its start.
 */
export class DegradedDetector {
  private window: { start: number; sent: number; rtts: number[] } | null = null;
  private readonly baseline: number[] = [];
  private open: { start: number; worst: Figures } | null = null;
  private down = false;

  constructor(
    private readonly target: string,
    private readonly thresholds: DegradedThresholds,
    private readonly emit: (event: DegradedEvent) => void,
  ) {}

  check(sentMs: number, rttMs: number | null): void {
    if (this.down) return;
    const at = Math.floor(sentMs / 1000);
    if (this.window && at >= this.window.start + this.thresholds.windowS) this.judge(at);
    this.window ??= { start: at, sent: 0, rtts: [] };
    this.window.sent++;
    if (rttMs !== null) this.window.rtts.push(rttMs);
  }

  /** The target went down at `at`: an open degraded period ends there, and the window is dropped. */
  wentDown(at: number): void {
    this.down = true;
    this.window = null;
    this.close(at);
  }

  wentUp(): void {
    this.down = false;
    this.window = null;
  }

  private judge(nextAt: number): void {
    const { start, sent, rtts } = this.window!;
    this.window = null;
    const elapsed = nextAt - start;
    // A window cut short (the monitor just started, or checks stalled) says too little.
    if (sent < 3 || elapsed > 2 * this.thresholds.windowS) return;
    const loss = (100 * (sent - rtts.length)) / sent;
    const median = rtts.length === 0 ? null : medianOf(rtts);
    const base = this.baseline.length >= MIN_BASELINE_WINDOWS ? medianOf(this.baseline) : null;
    const lossBad = loss >= this.thresholds.lossPct;
    const rttBad = median !== null && base !== null && median >= this.thresholds.rttFactor * base && median - base >= MIN_RTT_RISE_MS;
    if (!lossBad && !rttBad) {
      if (median !== null) this.remember(median);
      this.close(start);
      return;
    }
    const figures: Figures = { loss_pct: round(loss), median_rtt_ms: median === null ? null : round(median), baseline_rtt_ms: base === null ? null : round(base), reason: this.reasonOf(loss, lossBad, median, base, rttBad) };
    if (!this.open) {
      this.open = { start, worst: figures };
      this.emit({ type: 'degraded', target: this.target, start, ...figures });
    } else if (worse(figures, this.open.worst)) this.open.worst = figures;
  }

  private close(end: number): void {
    if (!this.open) return;
    const { start, worst } = this.open;
    this.open = null;
    this.emit({ type: 'degraded-end', target: this.target, start, end: Math.max(start, end), ...worst });
  }

  private remember(median: number): void {
    this.baseline.push(median);
    if (this.baseline.length > BASELINE_WINDOWS) this.baseline.shift();
  }

  private reasonOf(loss: number, lossBad: boolean, median: number | null, base: number | null, rttBad: boolean): string {
    const parts: string[] = [];
    if (lossBad) parts.push(`loss ${round(loss)} % (threshold ${this.thresholds.lossPct} %)`);
    if (rttBad && median !== null && base !== null) {
      parts.push(`median round trip ${round(median)} ms, ${round(median / base)}× its baseline of ${round(base)} ms (threshold ${this.thresholds.rttFactor}×)`);
    }
    return `${parts.join('; ')} over ${this.thresholds.windowS} s`;
  }
}

function worse(a: Figures, b: Figures): boolean {
  return (a.loss_pct ?? 0) > (b.loss_pct ?? 0) || (a.median_rtt_ms ?? 0) > (b.median_rtt_ms ?? 0);
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
