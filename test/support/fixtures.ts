import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared fixtures beside the repository (../shared/fixtures), used in place, never copied. */
export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
export const SEED_LOGS = `${FIXTURES}seed-logs`;

export function seedLogNames(): string[] {
  return readdirSync(SEED_LOGS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
