import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DayTotals } from '../../../src/core/analysis/analysis.js';
import type { Chart } from '../../../src/core/report/charts/chart.js';
import { dailyChart } from '../../../src/core/report/charts/daily-chart.js';
import { latencyChart, latencyCharts, lossChart } from '../../../src/core/report/charts/latency-charts.js';
import { targetCharts } from '../../../src/core/report/charts/target-charts.js';
import type { LatencyPeriod } from '../../../src/core/report/document/report-document.js';
import { tempDir } from '../../support/tmp.js';
import { octoberDocument, writeTarget } from './pdf-data.js';

/** The dates of `count` days from 1 January 2025. */
function dates(count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
}

function days(count: number, downtime: (i: number) => number, unmonitored = (_i: number) => 0): DayTotals[] {
  return dates(count).map((date, i) => ({ date, uptime: 86_400 - downtime(i) - unmonitored(i), downtime: downtime(i), targetOnly: i % 9 === 0 ? 45 : 0, unmonitored: unmonitored(i) }));
}

/** A period's figures; sent and received made to agree with the loss. */
function period(label: string, ms: { min: number; avg: number; max: number; jitter: number; loss: number } | null): LatencyPeriod {
  const at = Date.parse(label.length > 10 ? `${label.replace(' ', 'T')}Z` : `${label}T00:00:00Z`) / 1000;
  const base = { period: label, from: at, to: at + (label.length > 10 ? 3600 : 86_400) };
  if (ms === null) return { ...base, sent: 0, received: 0, minMs: null, avgMs: null, maxMs: null, jitterMs: null, loss: null };
  return { ...base, sent: 1000, received: Math.round(1000 * (1 - ms.loss)), minMs: ms.min, avgMs: ms.avg, maxMs: ms.max, jitterMs: ms.jitter, loss: ms.loss };
}

/** The text vega drew: axis labels, titles, legend. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

/**
 * What the HTML inlines and pdf/svg-draw.ts draws in the PDF: one sized, labelled SVG, styled by
 * attributes alone, with nothing that reaches outside it or could clash with another chart.
 */
function assertEmbeddable(chart: Chart): void {
  const { svg } = chart;
  assert.match(svg, /^<svg [^>]*role="img"/);
  assert.ok(svg.endsWith('</svg>'));
  assert.ok(svg.includes(`<title>${chart.title}</title>`), `${chart.title}: has a title`);
  assert.ok(svg.includes('<desc>'), `${chart.title}: has a description`);
  assert.match(svg, new RegExp(`^<svg [^>]*width="${chart.width}" height="${chart.height}"`));
  assert.ok(chart.width > 500 && chart.width <= 700, `${chart.title}: ${chart.width} px wide fits a page`);
  for (const banned of [' id=', ' class=', '<foreignObject', '<style', '<image', 'href=', 'url(', '<script']) {
    assert.ok(!svg.includes(banned), `${chart.title}: no ${banned}`);
  }
  assert.match(svg, /<rect width="\d+" height="\d+" fill="white"\/>/, `${chart.title}: a white background of its own`);
}

describe('charts', () => {
  it('draws every chart of a month with outages, each embeddable', async () => {
    const root = tempDir();
    writeTarget(root, 'home', [
      { at: 86_400 + 3600, seconds: 47 * 60, cause: 'isp' },
      { at: 5 * 86_400, seconds: 125, cause: 'local' },
      { at: 9 * 86_400, seconds: 30, cause: 'target' },
    ]);
    const doc = await octoberDocument(root);
    const charts = await targetCharts(doc.targets[0]!);
    assert.deepEqual(
      charts.map((c) => c.title),
      ['Downtime per day', 'Outages by cause', 'Downtime by hour of the day', 'Downtime by day of the week'],
    );
    charts.forEach(assertEmbeddable);
    const [daily, causes, hours, weekdays] = charts.map((c) => texts(c.svg));
    assert.ok(daily!.includes('Down per day (minutes)'), 'the 47-minute outage is read in minutes');
    assert.ok(daily!.includes('1 Oct'), 'the axis starts at the first day of the period');
    assert.ok(causes!.includes('1 outage, 47 minutes') && causes!.includes('Internet provider'));
    assert.ok(hours!.includes('00') && hours!.includes('23'));
    assert.deepEqual(weekdays!.slice(0, 7), ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });

  it('leaves out the patterns when the internet never went down', async () => {
    const root = tempDir();
    writeTarget(root, 'quiet', []);
    const charts = await targetCharts((await octoberDocument(root)).targets[0]!);
    assert.deepEqual(
      charts.map((c) => c.title),
      ['Downtime per day'],
    );
    assertEmbeddable(charts[0]!);
  });

  it('reads long days in hours, and keeps a day the monitor was off on a scale of its own', async () => {
    const chart = await dailyChart(days(30, (i) => (i === 3 ? 5 * 3600 : 600), (i) => (i === 10 ? 86_400 : 0)));
    const text = texts(chart.svg);
    assert.ok(text.includes('Down per day (hours)'));
    assert.ok(text.includes('24'), 'the not-monitored panel runs to 24 hours');
    assert.ok(text.some((t) => t.includes('Not monitored')), 'the legend names unmonitored time');
  });

  it('draws a year of days quickly, small, with months on the axis', async () => {
    const started = performance.now();
    const chart = await dailyChart(days(365, (i) => (i * 97) % 4000, (i) => (i % 40 === 0 ? 7200 : 0)));
    const ms = performance.now() - started;
    assertEmbeddable(chart);
    assert.ok(ms < 5_000, `a year of days took ${ms.toFixed(0)} ms`);
    assert.ok(chart.svg.length < 400_000, `${chart.svg.length} bytes`);
    const text = texts(chart.svg);
    assert.ok(text.includes('Jan 2025') || text.includes('Feb 2025'), 'the first month label carries its year');
    assert.ok(text.includes('Jan 2026'), 'the next January carries its year');
  });

  it('draws a year of latency, jitter and loss, leaving days without samples as gaps', async () => {
    const latency = dates(365).map((date, i) =>
      period(date, i % 50 === 7 ? null : { min: 8 + (i % 5), avg: 14 + (i % 11), max: 40 + ((i * 13) % 90), jitter: 2 + (i % 4), loss: ((i * 7) % 10) / 400 }),
    );
    const started = performance.now();
    const charts = [await latencyChart(latency), await lossChart(latency)];
    assert.ok(performance.now() - started < 5_000);
    charts.forEach(assertEmbeddable);
    const [times, loss] = charts.map((c) => texts(c.svg));
    assert.ok(times!.includes('Milliseconds') && times!.includes('Average') && times!.includes('Jitter'));
    assert.ok(loss!.includes('Lost (%)'));
    // A gap breaks the average line: more than one path segment start.
    const averagePath = /<path[^>]*d="(M[^"]*)"[^>]*stroke="#08306b"/.exec(charts[0]!.svg);
    assert.ok(averagePath, 'the average is drawn as a line');
    assert.ok((averagePath[1]!.match(/M/g) ?? []).length > 1, 'days without samples break the line');
  });

  it('shows the latency charts in a target only when the ping monitor ran', async () => {
    const root = tempDir();
    writeTarget(root, 'home', [{ at: 86_400, seconds: 600, cause: 'isp' }]);
    const target = (await octoberDocument(root)).targets[0]!;
    const days = target.daily.map((d) => period(d.date, { min: 9, avg: 12, max: 30, jitter: 1.5, loss: 0.001 }));
    const latency = { total: days[0]!, days, months: [days[0]!], hours: null };
    const titles = (await targetCharts({ ...target, latency })).map((c) => c.title);
    assert.deepEqual(titles.slice(-2), ['Response time per day', 'Lost echo requests per day']);
  });

  it('draws a short period hour by hour, a repeated DST hour in its own place', async () => {
    // Europe/Oslo, 26 October 2025: 02:00 comes twice.
    const hours = Array.from({ length: 25 }, (_, h) =>
      period(`2025-10-26 ${String(h <= 2 ? h : h - 1).padStart(2, '0')}:00`, h === 5 ? null : { min: 9, avg: 12 + (h % 4), max: 30, jitter: 1.5, loss: h === 10 ? 0.25 : 0 }),
    );
    const charts = await latencyCharts({ total: hours[0]!, days: [hours[0]!], months: [hours[0]!], hours });
    assert.deepEqual(charts.map((c) => c.title), ['Response time per hour', 'Lost echo requests per hour']);
    charts.forEach(assertEmbeddable);
    const labels = texts(charts[0]!.svg);
    assert.ok(labels.includes('26 Oct') && labels.includes('03:00') && labels.includes('21:00'), labels.join(','));
    assert.ok(!labels.includes('01:00'), 'only every third hour is named');
    const lossBars = charts[1]!.svg.match(/fill="#a50f15"/g) ?? [];
    assert.equal(lossBars.length, 1, 'one hour lost anything');
  });
});
