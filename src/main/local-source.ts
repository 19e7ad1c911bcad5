import { ApiFailure } from '../shared/api-contract.js';
import { UserError } from '../core/errors.js';
import { hasRecords, NOTHING_RECORDED, reportQueryJob } from '../core/report/job/report-query-job.js';
import type { ReportQueue } from '../core/report/job/report-queue.js';
import { runtimeHandlers, type SettingsSaver } from '../core/runtime/api-handlers.js';
import type { Runtime } from '../core/runtime/runtime.js';
import type { Zone } from '../core/time/zone.js';
import type { MonitorSource } from './monitor-source.js';

export interface LocalSourceDeps {
  dataDir: string;
  settings: SettingsSaver;
  zone: Zone;
  reports: Pick<ReportQueue, 'run'>;
}

/** The monitors the app runs itself: the runtime's API handlers, its bus, and reports of its data folder. */
export function localSource(runtime: Runtime, deps: LocalSourceDeps): MonitorSource {
  return {
    description: 'Monitoring on this computer',
    api: runtimeHandlers(runtime, deps),
    subscribe: (listener) => runtime.bus.onAny(listener),
    async report(query) {
      let job;
      try {
        job = reportQueryJob(query, deps.dataDir, runtime.status().now, runtime.liveTargets());
      } catch (err) {
        if (err instanceof UserError) throw new ApiFailure('bad-request', err.message);
        throw err;
      }
      if (!hasRecords(deps.dataDir)) throw new ApiFailure('not-found', NOTHING_RECORDED);
      return await deps.reports.run(job);
    },
    close: () => runtime.stop(),
  };
}
