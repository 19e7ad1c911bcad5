import type { ReportJob } from '../../../shared/report-job.js';

/** Too many reports asked for at once; the HTTP API answers 503, the app says to wait. */
export class ReportsBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('reports are being made already: ask again shortly');
    this.name = 'ReportsBusy';
  }
}

/**
 * Makes reports one at a time. A year's report takes a few hundred MB while it is made: two at
 * once on a small box could take its memory, so the rest wait their turn, and past a few
 * waiting a new one is refused rather than left to pile up.
 */
export class ReportQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly make: (job: ReportJob) => Promise<Uint8Array<ArrayBuffer>>,
    private readonly maxPending = 4,
  ) {}

  run(job: ReportJob): Promise<Uint8Array<ArrayBuffer>> {
    if (this.pending >= this.maxPending) return Promise.reject(new ReportsBusy(5 * this.pending));
    this.pending++;
    const result = this.tail.then(() => this.make(job)).finally(() => this.pending--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
