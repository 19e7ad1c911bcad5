/**
 * The standard PDF fonts (Helvetica, Courier) are used so that no font file has to ship, and
 * they draw only the WinAnsi characters: Latin-1 and a few more (€, curly quotes, dashes, Œ…).
 * pdfkit writes any other character as a wrong glyph, and measures it as nothing, so text
 * after it overlaps. Every string a report puts on paper goes through `pdfText` first.
 */

/** What WinAnsi puts at 0x80–0x9F, where Latin-1 has control codes; `\0` where it has nothing. */
const WIN_ANSI_80 = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';

/** Letters with no decomposition to a Latin-1 base, and spaces and dashes of other widths. */
const NEAREST: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
  ŋ: 'n',
  Ŋ: 'N',
  ŧ: 't',
  Ŧ: 'T',
  '‐': '-',
  '‑': '-',
  '‒': '–',
  '−': '-',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
};

/** Nearly all of a report's text, drawable as it is. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Shown for a character the standard fonts cannot draw at all (日本, Ω, emoji). */
const UNDRAWABLE = '?';

/** A character's WinAnsi code (0x20–0xFF), or undefined when the standard fonts cannot draw it. */
export function winAnsiCode(char: string): number | undefined {
  const code = char.codePointAt(0)!;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  const high = char === '\0' ? -1 : WIN_ANSI_80.indexOf(char);
  return high < 0 ? undefined : 0x80 + high;
}

/**
 * The text as the standard fonts can draw it: a control character (a line break in a folder
 * name) becomes a space, an accented letter outside Latin-1 loses its accent (ő → o), and what
 * has no such stand-in becomes `?`.
 */
export function pdfText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  let out = '';
  for (const char of text) out += winAnsiCode(char) === undefined ? standIn(char) : char;
  return out;
}

function standIn(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
  const near = NEAREST[char];
  if (near !== undefined) return near;
  const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
  return base !== '' && [...base].every((c) => winAnsiCode(c) !== undefined) ? base : UNDRAWABLE;
}
