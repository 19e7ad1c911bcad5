import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { SEND_BATCH } from '../../src/helper/burst-socket.js';
import { Fifo } from '../../src/helper/fifo.js';
import { LineBatch } from '../../src/shared/line-batch.js';
import { LinePump } from '../../src/helper/line-pump.js';

describe('Fifo', () => {
  it('gives items back in order, through its compactions, and says when it is empty', () => {
    const fifo = new Fifo<number>();
    const taken: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      fifo.push(i);
      fifo.push(i + 0.5);
      taken.push(fifo.take()!);
    }
    assert.equal(fifo.size, 5_000);
    while (fifo.size > 0) taken.push(fifo.take()!);
    assert.deepEqual(
      taken,
      taken.toSorted((a, b) => a - b),
    );
    assert.equal(taken.length, 10_000);
    assert.equal(fifo.take(), undefined);
  });
});

describe('LineBatch', () => {
  it('writes the lines of one turn of the event loop together, at its end', async () => {
    const writes: string[] = [];
    const batch = new LineBatch((text) => writes.push(text));
    batch.push('a\n');
    batch.push('b\n');
    assert.deepEqual(writes, []);
    await turn();
    batch.push('c\n');
    await turn();
    assert.deepEqual(writes, ['a\nb\n', 'c\n']);
  });

  it('writes at once when a batch grows long, and on flush', () => {
    const writes: string[] = [];
    const batch = new LineBatch((text) => writes.push(text));
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 700; i++) batch.push(line);
    assert.equal(writes.length, 1);
    assert.equal(writes[0]!.length, 656 * 100);
    batch.flush();
    assert.equal(writes.length, 2);
    assert.equal(writes.join('').length, 700 * 100);
  });
});

describe('LinePump', () => {
  it('hands lines on a batch per turn, in order, and holds its input back while too many wait', async () => {
    const handled: string[] = [];
    const input = { paused: 0, resumed: 0, pause: () => input.paused++, resume: () => input.resumed++ };
    const pump = new LinePump((line) => handled.push(line), input);
    const lines = Array.from({ length: 9_000 }, (_, i) => String(i));
    for (const line of lines) pump.push(line);
    assert.equal(handled.length, 0);
    assert.equal(input.paused, 1);
    await turn();
    assert.equal(handled.length, SEND_BATCH);
    while (handled.length < lines.length) await turn();
    assert.deepEqual(handled, lines);
    assert.equal(input.resumed, 1);
  });
});
