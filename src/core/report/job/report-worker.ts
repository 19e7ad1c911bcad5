import { parentPort, workerData } from 'node:worker_threads';
import { reportJobSchema, type ReportReply } from '../../../shared/report-job.js';
import { UserError } from '../../errors.js';
import { writeReport } from './write-report.js';

/**
 * The worker thread that makes one report for the daemon or the app, so that reading a year of
 * data and drawing its charts never holds up their event loop, where the probes' timers run.
 */
async function main(): Promise<ReportReply> {
  const job = reportJobSchema.safeParse(workerData);
  if (!job.success) return { type: 'failed', message: `bad report job: ${job.error.issues[0]?.message ?? 'invalid'}`, user: false };
  const chunks: Uint8Array[] = [];
  try {
    await writeReport(job.data, (chunk) => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    });
  } catch (err) {
    if (err instanceof UserError) return { type: 'failed', message: err.message, user: true };
    return { type: 'failed', message: err instanceof Error ? err.message : String(err), user: false, ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) };
  }
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { type: 'done', bytes };
}

const reply = await main();
parentPort?.postMessage(reply, reply.type === 'done' ? [reply.bytes.buffer] : []);
