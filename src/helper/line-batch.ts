/** A batch this long is written at once: past it, batching saves nothing more. */
const MAX_BATCH_CHARS = 64 * 1024;

/**
 * Gathers the reply lines made in one turn of the event loop and writes them together, at its
 * end. The helper reads every packet waiting when one arrives (burst-socket.ts), so the replies
 * to a whole burst of echoes are made in one turn: one pipe write for them all instead of one
 * each, which with a thousand targets was most of the helper's work.
 */
export class LineBatch {
  private pending = '';
  private scheduled = false;

  constructor(private readonly write: (text: string) => void) {}

  push(line: string): void {
    this.pending += line;
    if (this.pending.length >= MAX_BATCH_CHARS) {
      this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    const text = this.pending;
    this.pending = '';
    if (text !== '') this.write(text);
  }
}
