import type { OutageCause } from '../../../shared/events.js';
import type { SystemEvent } from '../../../shared/system-events.js';
import type { Analysis, DayTotals, TargetAnalysis } from '../../analysis/analysis.js';
import type { Latency } from '../../analysis/latency.js';
import type { SlaResult } from '../../analysis/sla.js';
import type { ClockSync } from '../../evidence/clock-sync.js';
import type { DataDigest } from '../../evidence/file-digest.js';
import type { DegradedTime } from '../degraded-time.js';

/**
 * Everything an evidence report says, already in words and numbers, so that each format (md,
 * html, pdf) and each caller (the CLI, the daemon's HTTP API, the app's "Export ISP report")
 * renders the same content and only decides how it looks.
 */
export interface ReportDocument {
  title: string;
  /** `1 October 2025 00:00 – 1 November 2025 00:00 (Europe/Oslo)` */
  period: string;
  zone: string;
  /** `2025-11-01 09:00:00 +01:00`, in the report's zone. */
  generatedAt: string;
  /** The same instant, unix seconds: for what wants it as a time (a PDF's metadata, an API). */
  generatedAtUnix: number;
  targets: TargetSection[];
  evidence: EvidenceSection;
  /** IP changes and failovers in the period, oldest first. */
  events: Array<{ time: string; text: string; event: SystemEvent }>;
}

export interface Figure {
  label: string;
  value: string;
}

export interface OutageRow {
  start: string;
  end: string;
  duration: string;
  cause: OutageCause;
  causeText: string;
  /** Between which probes it began and ended, or why that is not known. */
  uncertainty: string;
  /** The router, the DNS check, the extra addresses: what was seen when it began. */
  evidence: string;
}

/** A time the connection worked, but badly: clipped to the period. */
export interface DegradedRow {
  start: string;
  end: string;
  duration: string;
  /** Why it counts as degraded, with the threshold, as the monitor recorded it: `loss 20 % (threshold 5 %)`. */
  reason: string;
  /** Loss and round trip, the worst seen over the period (while open, as measured when it began), beside the usual round trip. */
  measured: string;
}

export interface TargetSection {
  name: string;
  address: string | null;
  /** The sentence a non-technical reader takes away. */
  headline: string;
  figures: Figure[];
  causes: Array<{ cause: OutageCause; label: string; count: number; duration: string }>;
  sla: { summary: string; figures: Figure[]; met: boolean | null; result: SlaResult } | null;
  outages: OutageRow[];
  /** What to say when `outages` is empty: none happened, or (ping monitor alone) none were watched for. */
  noOutages: string;
  /** Outages where the watched address alone was silent: shown apart, not internet downtime. */
  targetOnly: OutageRow[];
  /** Degraded periods: shown apart, never downtime; empty when there were none. */
  degraded: DegradedRow[];
  analysis: TargetAnalysis;
  daily: DayTotals[];
  /**
   * Response times, jitter and loss from the ping monitor's samples: over the whole period, per
   * day and month, and per hour when the period is two days or shorter; null when the ping
   * monitor did not watch the target in the period.
   */
  latency: Latency | null;
}

export type { Latency, LatencyPeriod } from '../../analysis/latency.js';

export interface EvidenceSection {
  clock: ClockSync;
  digest: DataDigest;
  /** How the record was kept, in sentences: what counts as downtime, what as unmonitored. */
  method: string[];
}

export interface DocumentInput {
  analysis: Analysis;
  sla: Map<string, SlaResult> | null;
  clock: ClockSync;
  digest: DataDigest;
  events: SystemEvent[];
  /** Per target name, from its samples. */
  latency: Map<string, Latency | null>;
  /** Per target name: its degraded periods in the period, and the seconds the user paused it (see report-model). */
  degraded: Map<string, DegradedTime>;
  paused: Map<string, number>;
  generatedAt: number;
  /** Targets whose open session the running monitor carried to generatedAt (see extendOpenSession). */
  live: string[];
}
