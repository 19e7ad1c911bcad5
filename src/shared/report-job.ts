import { z } from 'zod';

/**
 * A report to make, as it crosses into the worker thread that makes it for the daemon's HTTP
 * API and the app: plain data, every user input already read and checked by the caller.
 */
export const REPORT_FORMATS = ['md', 'html', 'pdf', 'csv', 'json', 'seed'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const businessHours = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  start: z.number().int().min(0).max(1440),
  end: z.number().int().min(0).max(1440),
});

export const reportJobSchema = z.strictObject({
  dataDir: z.string().min(1),
  target: z.string().min(1).optional(),
  /** Unix seconds; a missing bound falls back to the first or last record. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** An IANA zone name; null for the zone of the process that makes the report. */
  zone: z.string().min(1).nullable(),
  format: z.enum(REPORT_FORMATS),
  sla: z
    .strictObject({
      target: z.number().gt(0).max(1),
      hours: z.union([z.literal('all'), businessHours]),
      minOutageSeconds: z.number().min(0),
    })
    .optional(),
  /** Unix seconds: when the report says it was made. */
  now: z.number().int(),
  /**
   * Targets whose monitoring session the asking process is running at `now` (the daemon's): their
   * state since the last change held until now. Absent: nobody vouches that a session is live.
   */
  live: z.array(z.string()).optional(),
});
export type ReportJob = z.infer<typeof reportJobSchema>;

/** What the worker sends back: the whole report, or why there is none. */
export const reportReplySchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('done'),
    bytes: z.custom<Uint8Array<ArrayBuffer>>((v) => v instanceof Uint8Array && v.buffer instanceof ArrayBuffer, 'expected the report bytes'),
  }),
  /** `user`: the request was at fault (no such target, no records), not the program; `stack` says where it failed, for the log. */
  z.strictObject({ type: z.literal('failed'), message: z.string(), user: z.boolean(), stack: z.string().optional() }),
]);
export type ReportReply = z.infer<typeof reportReplySchema>;

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  seed: 'text/plain; charset=utf-8',
};

export const REPORT_EXTENSIONS: Record<ReportFormat, string> = { md: 'md', html: 'html', pdf: 'pdf', csv: 'csv', json: 'json', seed: 'txt' };
