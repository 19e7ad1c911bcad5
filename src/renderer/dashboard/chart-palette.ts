/**
 * The charts' colours, from the stylesheet's custom properties, so that one place decides them
 * for both themes. A canvas cannot use CSS variables: they are read here, and again when the
 * colour scheme changes.
 */
export interface Palette {
  line: string;
  fill: string;
  loss: string;
  text: string;
  grid: string;
}

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const get = (name: string) => style.getPropertyValue(name).trim();
  return { line: get('--chart-line'), fill: get('--chart-fill'), loss: get('--down'), text: get('--muted'), grid: get('--grid') };
}

/** Calls `onChange` when the reader's system switches between light and dark. */
export function watchScheme(onChange: () => void): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
