import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notice } from '../../../src/core/notify/notifier.js';
import { foldStaleOutages } from '../../../src/core/notify/stale-outage.js';
import { at } from './scripted-send.js';

const item = (notice: Notice) => ({ notice, folded: [] as Notice[] });
const shape = (items: Array<{ notice: Notice; folded: readonly Notice[] }>) =>
  items.map((i) => [i.notice.kind, 'target' in i.notice ? i.notice.target : '-', ...i.folded.map((f) => f.kind)].join(' '));

describe('folding stale outages', () => {
  it('folds a queued DOWN and its cause into the UP that ends the outage, leaving the rest in order', () => {
    const items = [at.started(0), at.down(10, 10), at.cause(10), at.down(12, null, 'gateway'), at.up(40, 30), at.stopped(50)].map(item);
    assert.deepEqual(shape(foldStaleOutages(items, null)), ['started internet', 'down gateway', 'up internet down cause', 'stopped internet']);
  });

  it('folds each outage into its own UP, and a cause whose DOWN already went out', () => {
    const items = [at.cause(10), at.up(20, 10), at.down(30), at.up(40, 10)].map(item);
    assert.deepEqual(shape(foldStaleOutages(items, null)), ['up internet cause', 'up internet down']);
  });

  it('leaves a DOWN alone while it is being sent, and one with no UP yet', () => {
    const items = [at.down(10), at.cause(10), at.up(20, 10)].map(item);
    assert.deepEqual(shape(foldStaleOutages(items, items[0]!)), ['down internet', 'up internet cause']);
    assert.deepEqual(shape(foldStaleOutages(items.slice(0, 2), null)), ['down internet', 'cause internet']);
  });

  it('keeps failovers, degraded periods and pauses in their place, and folds the outage around them', () => {
    const items = [at.down(10), at.failover(11), at.degraded(12), at.paused(13, null), at.resumed(14), at.degradedEnd(15, 12), at.up(20, 10)].map(item);
    assert.deepEqual(shape(foldStaleOutages(items, null)), ['failover -', 'degraded internet', 'paused -', 'resumed -', 'degraded-end internet', 'up internet down']);
  });

  it('does not fold across a restart of monitoring', () => {
    const items = [at.down(10), at.stopped(15), at.started(16), at.up(20, null)].map(item);
    assert.deepEqual(shape(foldStaleOutages(items, null)), ['down internet', 'stopped internet', 'started internet', 'up internet']);
  });
});
