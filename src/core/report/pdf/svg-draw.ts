import { pdfText } from './win-ansi.js';

/**
 * Draws a chart's SVG as PDF vectors, for the markup vega writes (charts/chart.ts): groups
 * moved by transforms, and paths, lines, rectangles and text painted by their attributes. A
 * general SVG renderer would parse the whole document into objects first and measure every
 * element; a year's daily chart has seven hundred bars, and that cost most of a report's
 * drawing time. What vega may write but this does not draw (a clip path, an image, a tspan)
 * throws, so that a chart that changes is noticed in a test rather than drawn wrong.
 */

interface Paint {
  fill: string;
  stroke: string;
  strokeWidth: number;
  opacity: number;
  fillOpacity: number;
  strokeOpacity: number;
  dash: number[] | null;
  lineCap: 'butt' | 'round' | 'square';
  lineJoin: 'miter' | 'round' | 'bevel';
  fontSize: number;
  bold: boolean;
  anchor: 'start' | 'middle' | 'end';
}

type Attributes = Map<string, string>;

const INITIAL: Paint = {
  fill: '#000000',
  stroke: 'none',
  strokeWidth: 1,
  opacity: 1,
  fillOpacity: 1,
  strokeOpacity: 1,
  dash: null,
  lineCap: 'butt',
  lineJoin: 'miter',
  fontSize: 16,
  bold: false,
  anchor: 'start',
};

/** Elements that say nothing on paper: the chart's accessible name and description. */
const SILENT = new Set(['title', 'desc']);
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g;

interface Open {
  name: string;
  /** The paint around it, back in force when it closes. */
  paint: Paint;
  /** Whether it saved the graphics state (its transform) to restore when it closes. */
  saved: boolean;
  /** Whether what is inside it is not drawn: hidden, or a shape's or a title's content. */
  mutes: boolean;
}

/** Draws `svg` with its top-left corner at the current origin, one SVG unit to one point of the current transform. */
export function drawSvg(pdf: PDFKit.PDFDocument, svg: string): void {
  const open: Open[] = [];
  let paint = INITIAL;
  let muted = 0;
  let text: { attributes: Attributes; paint: Paint; content: string } | null = null;
  for (const [, closing, name, attributeText, selfClosing, content] of svg.matchAll(TOKEN)) {
    if (content !== undefined) {
      if (text && muted === 0) text.content += content;
      continue;
    }
    if (name === undefined) continue;
    if (closing) {
      const element = open.pop();
      if (element?.name !== name) throw new Error(`chart SVG: </${name}> closes <${element?.name ?? 'nothing'}>`);
      if (text && name === 'text') {
        if (muted === 0) drawText(pdf, text.attributes, text.paint, decode(text.content));
        text = null;
      }
      if (element.saved) pdf.restore();
      if (element.mutes) muted--;
      paint = element.paint;
      continue;
    }
    const attributes = parseAttributes(attributeText ?? '');
    const own = inherit(paint, attributes);
    const visible = muted === 0 && attributes.get('display') !== 'none' && own.opacity > 0;
    let saved = false;
    if (name === 'svg') checkViewBox(attributes);
    if (name === 'svg' || name === 'g') {
      const transform = attributes.get('transform');
      saved = visible && transform !== undefined;
      if (saved) {
        pdf.save();
        applyTransform(pdf, transform!);
      }
    } else if (name === 'text') {
      if (!selfClosing) text = { attributes, paint: own, content: '' };
    } else if (name === 'path' || name === 'line' || name === 'rect') {
      if (visible) drawShape(pdf, name, attributes, own);
    } else if (!SILENT.has(name)) {
      throw new Error(`chart SVG: <${name}> is not drawn in the PDF`);
    }
    if (selfClosing) {
      if (saved) pdf.restore();
      continue;
    }
    const mutes = !visible || SILENT.has(name) || name === 'path' || name === 'line' || name === 'rect';
    open.push({ name, paint, saved, mutes });
    if (mutes) muted++;
    paint = own;
  }
  if (open.length > 0) throw new Error(`chart SVG: <${open.at(-1)!.name}> is not closed`);
}

/** vega sizes the root and gives it no view box; one that moved or scaled the drawing would not be followed here. */
function checkViewBox(a: Attributes): void {
  const box = a.get('viewBox');
  if (box !== undefined && box.trim().split(/[\s,]+/).join(' ') !== `0 0 ${a.get('width')} ${a.get('height')}`) {
    throw new Error(`chart SVG: viewBox "${box}" is not drawn in the PDF`);
  }
}

function parseAttributes(text: string): Attributes {
  const attributes: Attributes = new Map();
  for (const [, key, value] of text.matchAll(ATTRIBUTE)) attributes.set(key!, decode(value!));
  return attributes;
}

/** The paint an element has: its own attributes over what it inherits; opacity multiplies down the tree. */
function inherit(parent: Paint, a: Attributes): Paint {
  if (a.size === 0) return parent;
  const num = (key: string, fallback: number): number => {
    const value = a.get(key);
    return value === undefined ? fallback : parseFloat(value);
  };
  const dash = a.get('stroke-dasharray');
  const weight = a.get('font-weight');
  return {
    fill: color(a.get('fill')) ?? parent.fill,
    stroke: color(a.get('stroke')) ?? parent.stroke,
    strokeWidth: num('stroke-width', parent.strokeWidth),
    opacity: parent.opacity * num('opacity', 1),
    fillOpacity: num('fill-opacity', parent.fillOpacity),
    strokeOpacity: num('stroke-opacity', parent.strokeOpacity),
    dash: dash === undefined ? parent.dash : dash === 'none' ? null : dash.split(/[\s,]+/).map(Number),
    lineCap: (a.get('stroke-linecap') as Paint['lineCap'] | undefined) ?? parent.lineCap,
    lineJoin: (a.get('stroke-linejoin') as Paint['lineJoin'] | undefined) ?? parent.lineJoin,
    fontSize: num('font-size', parent.fontSize),
    bold: weight === undefined ? parent.bold : weight === 'bold' || parseInt(weight, 10) >= 600,
    anchor: (a.get('text-anchor') as Paint['anchor'] | undefined) ?? parent.anchor,
  };
}

/** A colour as pdfkit takes it; `none` for none. */
function color(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'transparent') return 'none';
  if (/^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i.test(value) || value === 'none' || value === 'white' || value === 'black') return value;
  throw new Error(`chart SVG: colour "${value}" is not drawn in the PDF`);
}

/** `translate(…) rotate(…) scale(…) matrix(…)`, applied left to right as SVG does. */
function applyTransform(pdf: PDFKit.PDFDocument, transform: string): void {
  for (const [, kind, args] of transform.matchAll(/(\w+)\(([^)]*)\)/g)) {
    const n = args!.split(/[\s,]+/).filter((s) => s !== '').map(Number);
    if (kind === 'translate') pdf.transform(1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0);
    else if (kind === 'scale') pdf.transform(n[0] ?? 1, 0, 0, n[1] ?? n[0] ?? 1, 0, 0);
    else if (kind === 'rotate') {
      const rad = ((n[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [n[1] ?? 0, n[2] ?? 0];
      pdf.transform(1, 0, 0, 1, cx, cy).transform(Math.cos(rad), Math.sin(rad), -Math.sin(rad), Math.cos(rad), 0, 0).transform(1, 0, 0, 1, -cx, -cy);
    } else if (kind === 'matrix' && n.length === 6) pdf.transform(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5]!);
    else throw new Error(`chart SVG: transform "${transform}" is not drawn in the PDF`);
  }
}

function drawShape(pdf: PDFKit.PDFDocument, name: 'path' | 'line' | 'rect', a: Attributes, p: Paint): void {
  const num = (key: string): number => parseFloat(a.get(key) ?? '0');
  const fill = name !== 'line' && p.fill !== 'none';
  const stroke = p.stroke !== 'none' && p.strokeWidth > 0;
  if (!fill && !stroke) return;
  if (name === 'path' && (a.get('d') ?? '') === '') return;
  pdf.save();
  const transform = a.get('transform');
  if (transform !== undefined) applyTransform(pdf, transform);
  if (name === 'path') pdf.path(a.get('d')!);
  else if (name === 'line') pdf.moveTo(num('x1'), num('y1')).lineTo(num('x2'), num('y2'));
  else pdf.rect(num('x'), num('y'), num('width'), num('height'));
  const fillOpacity = p.opacity * p.fillOpacity;
  const strokeOpacity = p.opacity * p.strokeOpacity;
  if (fill) pdf.fillColor(p.fill, fillOpacity < 1 ? fillOpacity : undefined);
  if (stroke) {
    pdf.strokeColor(p.stroke, strokeOpacity < 1 ? strokeOpacity : undefined).lineWidth(p.strokeWidth).lineCap(p.lineCap).lineJoin(p.lineJoin);
    if (p.dash && p.dash.length > 0 && p.dash.every((d) => d > 0)) pdf.dash(p.dash[0]!, { space: p.dash[1] ?? p.dash[0] });
  }
  if (fill && stroke) pdf.fillAndStroke();
  else if (fill) pdf.fill();
  else pdf.stroke();
  pdf.restore();
}

/** Text on its baseline at (x, y), in Helvetica as the chart measured it, aligned by its anchor. */
function drawText(pdf: PDFKit.PDFDocument, a: Attributes, p: Paint, content: string): void {
  const text = pdfText(content);
  if (text.trim() === '' || p.fill === 'none') return;
  pdf.save();
  const transform = a.get('transform');
  if (transform !== undefined) applyTransform(pdf, transform);
  pdf.font(p.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(p.fontSize);
  const opacity = p.opacity * p.fillOpacity;
  pdf.fillColor(p.fill, opacity < 1 ? opacity : undefined);
  const width = p.anchor === 'start' ? 0 : pdf.widthOfString(text);
  const x = parseFloat(a.get('x') ?? '0') - (p.anchor === 'middle' ? width / 2 : p.anchor === 'end' ? width : 0);
  pdf.text(text, x, parseFloat(a.get('y') ?? '0'), { lineBreak: false, baseline: 'alphabetic' });
  pdf.restore();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}
