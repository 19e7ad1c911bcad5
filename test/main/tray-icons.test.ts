import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import type { TrayState } from '../../src/main/tray-state.js';

const ICONS = fileURLToPath(new URL('../../assets/tray/', import.meta.url));
const STATES: TrayState[] = ['up', 'degraded', 'down', 'paused'];
const SCALES = [
  { suffix: '', size: 16 },
  { suffix: '@2x', size: 32 },
];

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
  /** width × height × 4 bytes, unfiltered. */
  rgba: Uint8Array;
}

/** Enough of PNG for what make-tray-icons.mjs writes: 8-bit RGBA, not interlaced. */
function readPng(file: string): Png {
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${file}: not a PNG`);
  let at = 8;
  let header: Omit<Png, 'rgba'> | null = null;
  const data: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8]!, colourType: body[9]!, interlace: body[12]! };
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  assert.ok(header, `${file}: no IHDR`);
  return { ...header, rgba: header.bitDepth === 8 && header.colourType === 6 ? unfilter(inflateSync(Buffer.concat(data)), header.width, header.height) : new Uint8Array() };
}

/** Undoes each scanline's filter (PNG spec 9.2), 4 bytes a pixel. */
function unfilter(raw: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      assert.ok(predictor !== undefined, `unknown PNG filter ${filter}`);
      out[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Which pixels are drawn (more opaque than not): the icon's shape, whatever its colours. */
function shape(png: Png): boolean[] {
  return Array.from({ length: png.width * png.height }, (_, i) => png.rgba[i * 4 + 3]! >= 128);
}

describe('the tray icons', () => {
  for (const { suffix, size } of SCALES) {
    it(`each state has a ${size} px icon, 8-bit RGBA on a transparent ground`, () => {
      for (const state of STATES) {
        const png = readPng(`${ICONS}${state}${suffix}.png`);
        assert.deepEqual([png.width, png.height, png.bitDepth, png.colourType, png.interlace], [size, size, 8, 6, 0], `${state}${suffix}.png`);
        const corners = [0, size - 1, size * (size - 1), size * size - 1].map((i) => png.rgba[i * 4 + 3]);
        assert.deepEqual(corners, [0, 0, 0, 0], `${state}${suffix}.png: its corners are transparent`);
        const drawn = shape(png).filter(Boolean).length;
        assert.ok(drawn > size * size * 0.25, `${state}${suffix}.png: ${drawn} of ${size * size} pixels drawn`);
      }
    });

    it(`at ${size} px, every two states differ in shape, not only in colour`, () => {
      const shapes = new Map(STATES.map((state) => [state, shape(readPng(`${ICONS}${state}${suffix}.png`))]));
      for (const [i, a] of STATES.entries()) {
        for (const b of STATES.slice(i + 1)) {
          const differing = shapes.get(a)!.filter((drawn, p) => drawn !== shapes.get(b)![p]).length;
          // A tenth of the icon at least: a difference seen at a glance, not a stray pixel.
          assert.ok(differing >= size * size * 0.1, `${a} and ${b} differ in ${differing} of ${size * size} pixels`);
        }
      }
    });
  }

  it('the package icon is the up icon at 256 px', () => {
    const png = readPng(fileURLToPath(new URL('../../assets/tray-icon.png', import.meta.url)));
    assert.deepEqual([png.width, png.height, png.colourType], [256, 256, 6]);
  });
});
