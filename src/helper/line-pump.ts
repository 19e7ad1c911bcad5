import { SEND_BATCH } from './burst-socket.js';
import { Fifo } from './fifo.js';

/** Lines waiting, at most, before the helper stops reading its stdin (the parent's writes then wait in the pipe). */
const MAX_WAITING = 8192;

/**
 * Hands request lines to the handler SEND_BATCH per turn of the event loop. The parent sends a
 * thousand echo requests in one write when a thousand targets fall due together; taken all at
 * once, every one of them is in flight at the next garbage collection, survives it and is copied
 * to the old generation, which then grows by megabytes a second. A batch at a time, each batch is
 * sent and mostly answered before the next is read.
 */
export class LinePump {
  private readonly lines = new Fifo<string>();
  private scheduled = false;
  private paused = false;

  constructor(
    private readonly handle: (line: string) => void,
    private readonly input: { pause(): void; resume(): void },
  ) {}

  push(line: string): void {
    this.lines.push(line);
    if (!this.paused && this.lines.size >= MAX_WAITING) {
      this.paused = true;
      this.input.pause();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  }

  private run(): void {
    this.scheduled = false;
    for (let i = 0; i < SEND_BATCH; i++) {
      const line = this.lines.take();
      if (line === undefined) break;
      this.handle(line);
    }
    if (this.lines.size > 0) {
      this.schedule();
    } else if (this.paused) {
      this.paused = false;
      this.input.resume();
    }
  }
}
