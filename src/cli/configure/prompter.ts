import { createInterface } from 'node:readline';
import { UserError } from '../../core/errors.js';

/** Turns an answer into a value, or says in a few words why it cannot. */
export type Parse<T> = (answer: string) => { ok: true; value: T } | { ok: false; reason: string };

/**
 * Asks questions on a terminal (or reads answers piped in, one per line) and asks again until an
 * answer is valid. Lines are read through one iterator, so answers that arrive before their
 * question (a pipe) wait for it instead of being lost.
 */
export class Prompter {
  private readonly lines: AsyncIterator<string>;
  /** Piped answers are not echoed by a terminal: write them, so the session reads as a transcript. */
  private readonly echo: boolean;

  constructor(
    input: NodeJS.ReadableStream & { isTTY?: boolean },
    private readonly output: NodeJS.WritableStream,
  ) {
    this.lines = createInterface({ input, terminal: false })[Symbol.asyncIterator]();
    this.echo = input.isTTY !== true;
  }

  say(text: string): void {
    this.output.write(`${text}\n`);
  }

  /** `question [default]: `; an empty answer takes the default (shown as `shown` when given). */
  async ask<T>(question: string, defaultAnswer: string, parse: Parse<T>, shown = defaultAnswer): Promise<T> {
    for (;;) {
      this.output.write(`${question}${shown === '' ? '' : ` [${shown}]`}: `);
      const next = await this.lines.next();
      if (next.done) {
        this.output.write('\n');
        throw new UserError('input ended before the configuration was complete; nothing was written');
      }
      if (this.echo) this.output.write(`${next.value}\n`);
      const answer = next.value.trim() === '' ? defaultAnswer : next.value.trim();
      const parsed = parse(answer);
      if (parsed.ok) return parsed.value;
      this.say(`  ! ${parsed.reason}`);
    }
  }

  yesNo(question: string, defaultYes: boolean): Promise<boolean> {
    return this.ask(question, '', (answer) => {
      if (answer === '') return { ok: true, value: defaultYes };
      if (/^(y|yes)$/i.test(answer)) return { ok: true, value: true };
      if (/^(n|no)$/i.test(answer)) return { ok: true, value: false };
      return { ok: false, reason: 'answer y or n' };
    }, defaultYes ? 'Y/n' : 'y/N');
  }
}
