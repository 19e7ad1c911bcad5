import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { writeCsvReport } from '../../../src/core/report/csv.js';
import { writeJsonReport } from '../../../src/core/report/json.js';
import { makeReportDocument } from '../../../src/core/report/make-document.js';
import { writeMarkdownReport } from '../../../src/core/report/markdown.js';
import type { TextSink } from '../../../src/core/report/text-sink.js';
import { namedZone } from '../../../src/core/time/zone.js';
import { reportJson } from '../../../src/shared/report-json.js';
import { SEED_LOGS, seedLogNames } from '../../support/fixtures.js';

/**
 * The md, csv and json reports of every seed fixture, byte for byte against files checked in
 * under test/golden (made with `UPDATE_GOLDEN=1`, read, and then kept). The clock and the time of
 * making are fixed so the files do not depend on the machine.
 */
const GOLDEN = fileURLToPath(new URL('../../golden/', import.meta.url));
const NOW = Date.UTC(2025, 10, 1) / 1000;
const CLOCK = { state: 'synchronized', source: 'fixed for the golden files' } as const;

async function render(write: (sink: TextSink) => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  await write((chunk) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  });
  return chunks.join('');
}

function matchGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  if (!existsSync(path)) assert.fail(`${path} is missing: run with UPDATE_GOLDEN=1, read it, and check it in`);
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from the golden file`);
}

describe('golden reports of the seed fixtures', () => {
  for (const fixture of seedLogNames()) {
    it(fixture, async () => {
      const zone = namedZone('UTC');
      const { report, document } = await makeReportDocument({ dataDir: join(SEED_LOGS, fixture), range: {}, zone, now: NOW, clock: CLOCK });
      matchGolden(`${fixture}.md`, await render((sink) => writeMarkdownReport(document, sink)));
      matchGolden(`${fixture}.csv`, await render((sink) => writeCsvReport(report, zone, sink)));
      const json = await render((sink) => writeJsonReport(report, document, sink));
      assert.ok(reportJson.safeParse(JSON.parse(json)).success, 'the json report follows its schema');
      matchGolden(`${fixture}.json`, json);
    });
  }
});
