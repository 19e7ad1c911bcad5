/**
 * Widths in em of a sans serif's characters, by class: close to Helvetica and Arial, and a
 * little wide for DejaVu Sans, the fallback where neither is installed.
 */
const NARROW = new Set(" !'(),-./:;[]fijlrtI|`");
const WIDE = new Set('mwMW%@');
const DIGITS = /[0-9]/;
const UPPER = /[A-Z]/;
/** DejaVu Sans, which Linux browsers fall back to, sets about 8 % wider than Helvetica. */
const FALLBACK_FONT_MARGIN = 1.08;

/** The width in pixels of one line of chart text, without a canvas to measure it. */
export function sansWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) {
    if (NARROW.has(char)) em += 0.3;
    else if (WIDE.has(char)) em += 0.85;
    else if (DIGITS.test(char)) em += 0.556;
    else if (UPPER.test(char)) em += 0.68;
    else em += 0.54;
  }
  return em * fontSize * FALLBACK_FONT_MARGIN;
}
