/** CSS pixels per rem, for canvas and SVG sizes that follow the page's type size (larger on a 4K screen). */
export function remPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}
