import type { Page } from 'playwright-core';
import { timedClick, type Timed } from './page-probes.js';

/** Each kind of interaction with its tries, in the order first tried. */
export type Interactions = Record<string, Timed[]>;

const ROUNDS = 5;
const WAIT_MS = 30_000;

/**
 * History with the year of records shown, from the view as it opens (this week). Each round goes
 * from the whole year down to a month, pans by months, narrows to a week and a day, widens to the
 * year again, pans a year each way, and opens two outages' evidence: every step from the click to
 * its result on screen, the range's records or the outage's evidence fetched and drawn.
 */
export async function historyInteractions(page: Page): Promise<Interactions> {
  const out: Interactions = {};
  const range = async (what: string, click: () => Promise<void>) => {
    (out[what] ??= []).push(await timedClick(page, 'range', click, WAIT_MS));
  };
  const unit = (name: string) => () => page.getByRole('button', { name, exact: true }).click();
  const step = (way: 'Previous' | 'Next') => () => page.locator(`.range-steps button[aria-label^="${way} "]`).click();

  // To last year, the one with the records; these two clicks are set-up, not figures.
  await timedClick(page, 'range', unit('Year'), WAIT_MS);
  await timedClick(page, 'range', step('Previous'), WAIT_MS);
  for (let round = 0; round < ROUNDS; round++) {
    await range('Month (from the year)', unit('Month'));
    // Past January: the week of a month's first day then lies inside the year too.
    for (let i = 0; i < round + 2; i++) await range('› / ‹ a month', step('Next'));
    await range('› / ‹ a month', step('Previous'));
    await range('Week (from a month)', unit('Week'));
    await range('Day (from a week)', unit('Day'));
    await range('Year (from a day)', unit('Year'));
    // This year holds only the daemon's new sessions; back is the whole year again.
    await range('› a year (to this year)', step('Next'));
    await range('‹ a year (back to last year)', step('Previous'));
    for (const row of [2 * round, 2 * round + 1]) {
      const details = page.getByRole('button', { name: /^Details of the outage of / }).nth(row);
      (out['outage details (from the year)'] ??= []).push(await timedClick(page, 'details', () => details.click(), WAIT_MS));
      await page.keyboard.press('Escape');
      await page.locator('dialog').waitFor({ state: 'detached', timeout: WAIT_MS });
    }
  }
  return out;
}
