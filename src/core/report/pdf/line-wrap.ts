import { helveticaWidth } from './helvetica-metrics.js';

/**
 * Breaks Helvetica text into lines no wider than `width` points, at spaces, and inside a word
 * only when the word alone is wider than a line (a long host name). The tables are wrapped
 * here, with the same metrics their text is drawn with (raw-content.ts), so that a row's
 * height is known before it is drawn and ten thousand rows cost no layout engine's time.
 */
export function wrapLines(text: string, width: number, fontSize: number): string[] {
  const space = helveticaWidth(' ', fontSize);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(' ')) {
    const w = helveticaWidth(word, fontSize);
    if (line !== '' && used + space + w <= width) {
      line += ` ${word}`;
      used += space + w;
      continue;
    }
    if (line !== '') lines.push(line);
    if (w <= width) {
      line = word;
      used = w;
      continue;
    }
    const pieces = splitWord(word, width, fontSize);
    line = pieces.pop()!;
    used = helveticaWidth(line, fontSize);
    lines.push(...pieces);
  }
  lines.push(line);
  return lines;
}

function splitWord(word: string, width: number, fontSize: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const char of word) {
    const w = helveticaWidth(char, fontSize);
    if (piece !== '' && used + w > width) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += char;
    used += w;
  }
  pieces.push(piece);
  return pieces;
}
