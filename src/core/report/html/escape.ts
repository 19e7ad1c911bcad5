/**
 * Text made safe inside HTML or SVG, in element content and in quoted attributes: target names
 * come from folder names and configuration files, so any of them may hold markup.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
