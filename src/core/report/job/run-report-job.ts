import { Worker } from 'node:worker_threads';
import { reportReplySchema, type ReportJob } from '../../../shared/report-job.js';
import { UserError } from '../../errors.js';

/**
 * The worker's module, built beside this one. Node 20 cannot start a worker from TypeScript
 * source (tsx's hooks do not reach worker threads), so tests run this from dist/.
 */
const WORKER_URL = new URL('./report-worker.js', import.meta.url);

/**
 * Room for a year of data with charts (a bench year peaks near 250 MB); past it the worker is
 * stopped and the daemon carries on, where an unbounded report could take the box's memory.
 */
const HEAP_LIMIT_MB = 768;

/** Makes a report in a worker thread and returns its bytes; a request at fault throws UserError. */
export function runReportJob(job: ReportJob): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
    // A promise settles once: the exit that follows a reply changes nothing.
    worker.once('message', (message: unknown) => {
      const reply = reportReplySchema.safeParse(message);
      if (!reply.success) return reject(new Error('the report worker sent a malformed reply'));
      const r = reply.data;
      if (r.type === 'done') return resolve(r.bytes);
      reject(r.user ? new UserError(r.message) : new Error(r.message));
    });
    worker.once('error', (err: Error & { code?: string }) => {
      const message = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the report needed more than ${HEAP_LIMIT_MB} MB: ask for a shorter range` : `the report failed: ${err.message}`;
      reject(new Error(message));
    });
    worker.once('exit', (code) => reject(new Error(`the report worker stopped (exit ${code}) without a report`)));
  });
}
