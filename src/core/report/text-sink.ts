/**
 * Where a report's text goes: stdout, a file, a buffer in a test. Called with chunks in order;
 * a sink that cannot take more yet (a pipe to a slow reader) returns a promise, and writers
 * wait for it, so a large report never piles up in memory.
 */
export type TextSink = (chunk: string | Uint8Array) => void | Promise<void>;

/** Gathers lines and hands them to the sink in large chunks, so a million-line report stays fast and small. */
export class LineBuffer {
  private lines: string[] = [];

  constructor(
    private readonly sink: TextSink,
    private readonly linesPerChunk = 8192,
  ) {}

  async push(...lines: string[]): Promise<void> {
    this.lines.push(...lines);
    if (this.lines.length >= this.linesPerChunk) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = this.lines.join('\n') + '\n';
    this.lines = [];
    await this.sink(text);
  }
}
