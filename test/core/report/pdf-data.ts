import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlaTerms } from '../../../src/core/analysis/sla.js';
import { makeReportDocument } from '../../../src/core/report/make-document.js';
import type { ReportDocument } from '../../../src/core/report/document/report-document.js';
import { JournalWriter } from '../../../src/core/store/journal.js';
import { systemJournalWriter } from '../../../src/core/store/system-journal.js';
import { Status } from '../../../src/core/store/transition-record.js';
import { namedZone } from '../../../src/core/time/zone.js';
import type { OutageCause } from '../../../src/shared/events.js';
import { v2Bytes } from '../../support/records.js';

/** October 2025 in Oslo, as the report tests read it. */
export const OCTOBER = { from: Date.UTC(2025, 8, 30, 22) / 1000, to: Date.UTC(2025, 9, 31, 23) / 1000 };
export const ZONE = namedZone('Europe/Oslo');
const NOW = Date.UTC(2025, 10, 1, 8) / 1000;
const CLOCK = { state: 'synchronized', source: 'fixed for the tests' } as const;

export interface OutageSpec {
  /** Seconds after the month's start. */
  at: number;
  seconds: number;
  cause: OutageCause;
}

/**
 * A target folder as the daemon leaves it: a month of UP with the given outages, each with its
 * cause, probe bounds and evidence in the journal, and the monitor stopped for `gap` seconds
 * once, at the middle of the month.
 */
export function writeTarget(root: string, name: string, outages: OutageSpec[], gap = 0): void {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'target.json'), JSON.stringify({ name, address: '203.0.113.10' }));
  const start = OCTOBER.from;
  const records: Array<[number, Status]> = [[start, Status.STARTED], [start, Status.UP]];
  const journal = new JournalWriter(dir);
  const middle = start + 15 * 86_400;
  for (const o of [...outages].sort((a, b) => a.at - b.at)) {
    const down = start + o.at;
    const up = down + o.seconds;
    if (gap > 0 && up > middle && records.at(-1)![0] < middle + gap) {
      if (down < middle + gap) throw new Error(`outage at ${o.at} overlaps the monitor's stop`);
      records.push([middle, Status.STOPPED], [middle + gap, Status.STARTED], [middle + gap, Status.UP]);
    }
    records.push([down, Status.DOWN], [up, Status.UP]);
    journal.append(
      {
        type: 'outage-start',
        target: name,
        start: down,
        cause: o.cause,
        evidence: {
          first_failure: o.cause === 'local' ? { ok: false, reason: 'local' } : { ok: false, reason: 'timeout' },
          gateway: { address: '192.0.2.1', result: o.cause === 'local' ? { ok: false, reason: 'timeout' } : { ok: true, rtt_ms: 0.6 } },
          dns: { server: '203.0.113.53', name: 'example.com', answered: o.cause === 'target', detail: '' },
          addping: [{ address: '203.0.113.20', result: { ok: false, reason: 'timeout' } }],
        },
      },
      down,
    );
    journal.append(
      {
        type: 'outage-end',
        target: name,
        start: down,
        end: up,
        bounds: { last_success_before: down * 1000 - 750, first_failure: down * 1000 + 250, last_failure: up * 1000 - 750, first_success_after: up * 1000 + 250 },
        addping: [],
      },
      up,
    );
  }
  records.push([OCTOBER.to - 1, Status.STOPPED]);
  writeFileSync(join(dir, 'uptime_2025-10.log'), v2Bytes(records));
}

/** An address change and a failover in the system journal. */
export function writeEvents(root: string): void {
  const journal = systemJournalWriter(root);
  const at = OCTOBER.from + 3 * 86_400 + 3600;
  journal.append({ type: 'ip-change', at, family: 'ipv4', old: '198.51.100.4', new: '198.51.100.77', provider: 'test' }, at);
  journal.append(
    {
      type: 'failover',
      at: at + 60,
      kind: 'switch',
      active: 'standby',
      primary: { up: false, address: '192.0.2.1' },
      standby: { up: true, address: '192.0.2.129' },
      verified: true,
    },
    at + 60,
  );
  journal.append(
    {
      type: 'failover',
      at: at + 120,
      kind: 'switch',
      active: 'standby',
      primary: { up: true, address: '192.0.2.1' },
      standby: { up: true, address: '192.0.2.129' },
      verified: false,
      detail: 'the primary is back; the route was not changed as asked: RTNETLINK answers: Operation not permitted',
    },
    at + 120,
  );
}

export async function octoberDocument(root: string, sla?: SlaTerms): Promise<ReportDocument> {
  const request = { dataDir: root, range: OCTOBER, zone: ZONE, now: NOW, clock: CLOCK, sla };
  return (await makeReportDocument(request)).document;
}
