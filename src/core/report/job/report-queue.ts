import type { ReportJob } from '../../../shared/report-job.js';

/** Too many reports asked for at once; the HTTP API answers 503, the app says to wait. */
export class ReportsBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('reports are being made already: ask again shortly');
    this.name = 'ReportsBusy';
  }
}

export type MakeReport = (job: ReportJob, signal: AbortSignal) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * Makes reports one at a time. A year's report takes a few hundred MB while it is made: two at
 * once on a small box could take its memory, so the rest wait their turn, and past a few
 * waiting a new one is refused rather than left to pile up. A report whose asker went away
 * is not made, or is stopped; close() stops them all.
 */
export class ReportQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readonly closing = new AbortController();

  constructor(
    private readonly make: MakeReport,
    private readonly maxPending = 4,
  ) {}

  run(job: ReportJob, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
    if (this.closing.signal.aborted) return Promise.reject(new Error('reports are no longer made: the server is stopping'));
    if (this.pending >= this.maxPending) return Promise.reject(new ReportsBusy(5 * this.pending));
    this.pending++;
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    const result = this.tail
      .then(() => {
        stop.throwIfAborted();
        return this.make(job, stop);
      })
      .finally(() => this.pending--);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Stops the report being made and every one waiting. */
  close(): void {
    this.closing.abort(new Error('reports are no longer made: the server is stopping'));
  }
}
