import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { reportReplySchema, type ReportJob } from '../../../shared/report-job.js';
import { UserError } from '../../errors.js';

/**
 * The worker's module, built beside this one. Node 20 cannot start a worker from TypeScript
 * source (tsx's hooks do not reach worker threads), so tests run this from dist/.
 */
const WORKER_URL = new URL('./report-worker.js', import.meta.url);

/**
 * The worker's heap: room for a year of data with charts (a bench year peaks near 250 MB in
 * all), but never more than a third of the machine, so that on a small box the worker is
 * stopped before the kernel would have to stop the daemon.
 */
const HEAP_LIMIT_MB = Math.max(256, Math.min(768, Math.floor(totalmem() / 2 ** 20 / 3)));

/** A year takes seconds: a report still running after this is stuck (a hung network mount, say). */
const TIMEOUT_MS = 5 * 60_000;

/**
 * Makes a report in a worker thread and returns its bytes. A request at fault throws UserError;
 * `signal` stops the worker (the client went away, the daemon is stopping).
 */
export function runReportJob(job: ReportJob, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const worker = new Worker(WORKER_URL, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
    const stop = (reason: Error) => {
      reject(reason);
      void worker.terminate();
    };
    const timer = setTimeout(() => stop(new Error(`the report took longer than ${TIMEOUT_MS / 60_000} minutes and was stopped`)), TIMEOUT_MS);
    const onAbort = () => stop(signal?.reason instanceof Error ? signal.reason : new Error('the report was canceled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    // A promise settles once: whatever comes after the first outcome changes nothing.
    worker.once('message', (message: unknown) => {
      const reply = reportReplySchema.safeParse(message);
      if (!reply.success) return reject(new Error('the report worker sent a malformed reply'));
      const r = reply.data;
      if (r.type === 'done') return resolve(r.bytes);
      if (r.user) return reject(new UserError(r.message));
      const failure = new Error(r.message);
      if (r.stack !== undefined) failure.stack = r.stack;
      reject(failure);
    });
    worker.once('error', (err: Error & { code?: string }) => {
      const message = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the report needed more than ${HEAP_LIMIT_MB} MB: ask for a shorter range` : `the report failed: ${err.message}`;
      reject(new Error(message));
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(new Error(`the report worker stopped (exit ${code}) without a report`));
    });
  });
}
