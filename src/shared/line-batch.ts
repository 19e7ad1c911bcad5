/** A batch this long is written at once: past it, batching saves nothing more. */
const MAX_BATCH_CHARS = 64 * 1024;

/**
 * Gathers the lines made in one turn of the event loop and writes them together, at its end:
 * one pipe write instead of one per line. Both sides of the helper protocol make lines in
 * bursts — the daemon a request for every monitor whose tick fell due, the helper a reply for
 * every packet waiting when one arrives (burst-socket.ts) — and with a thousand targets one
 * write per line was most of either side's work.
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
