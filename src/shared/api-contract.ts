import { z } from 'zod';
import { REPORT_FORMATS } from './report-job.js';

/**
 * The daemon's HTTP API: every request it reads and every answer it gives, one schema each.
 * The daemon checks requests with these; a client (the tests, the dashboard to come) checks
 * the answers.
 */
export const API_PATHS = { report: '/api/report', targets: '/api/targets' } as const;

/** A decimal number in a query string, e.g. 99.5. */
function decimal(min: number, max: number, what: string) {
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/, `must be a number, ${what}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** GET /api/report: the same choices as `nom report`'s flags, by the same names without the dashes. */
export const reportQuerySchema = z.strictObject({
  format: z.enum(REPORT_FORMATS).default('html'),
  target: z.string().min(1).max(255).optional(),
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  tz: z.string().max(64).optional(),
  sla: decimal(0.001, 100, 'the contracted availability in percent such as 99.5').optional(),
  'sla-hours': z.string().max(64).optional(),
  'sla-min-outage': decimal(0, 86_400, 'seconds').optional(),
});

/** GET /api/targets: the folders a report can name as its target. */
export const targetsResponseSchema = z.strictObject({ targets: z.array(z.strictObject({ name: z.string() })) });
export type TargetsResponse = z.infer<typeof targetsResponseSchema>;

/** Every refusal and failure: one line that says what is wrong. */
export const apiErrorSchema = z.strictObject({ error: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** One line for the first thing wrong with a request, naming the parameter. */
export function describeQueryIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'bad request';
  if (issue.code === 'unrecognized_keys') return `unknown parameter "${issue.keys[0] ?? ''}"`;
  const name = issue.path.join('.');
  return name === '' ? issue.message : `${name}: ${issue.message}`;
}
