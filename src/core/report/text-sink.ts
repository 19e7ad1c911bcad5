/** Where a report's text goes: stdout, a file, a buffer in a test. Called with chunks in order. */
export type TextSink = (chunk: string) => void;

/** Gathers lines and hands them to the sink in large chunks, so a million-line report stays fast and small. */
export class LineBuffer {
  private lines: string[] = [];

  constructor(
    private readonly sink: TextSink,
    private readonly linesPerChunk = 8192,
  ) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length >= this.linesPerChunk) this.flush();
  }

  flush(): void {
    if (this.lines.length === 0) return;
    this.sink(this.lines.join('\n') + '\n');
    this.lines = [];
  }
}
