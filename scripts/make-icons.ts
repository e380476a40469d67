/**
 * Draws the Teams app icons (a calendar with a check mark: "the start date is confirmed") and writes
 * appPackage/color.png (192x192, opaque) and appPackage/outline.png (32x32, white on transparent).
 * No image tools needed: shapes are tested per sub-pixel and encoded with our tiny PNG writer.
 * Run: `npx tsx scripts/make-icons.ts` (the output is deterministic; the PNGs are committed).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './app-manifest';
import { encodePng, type RgbaImage } from './png';

type Rgb = readonly [number, number, number];
/** A shape in glyph units: (0,0) top left, (1,1) bottom right. */
type Shape = (u: number, v: number) => boolean;
/** Where the glyph's unit square lands, in pixels. */
interface GlyphBox {
  offset: number;
  size: number;
}
interface Layer {
  shape: Shape;
  color: Rgb;
}

const WHITE: Rgb = [255, 255, 255];
const ACCENT: Rgb = [0x0f, 0x6c, 0xbd]; // the manifest's accentColor
const HEADER: Rgb = [0x0a, 0x3f, 0x73];
const CHECK: Rgb = [0x10, 0x7c, 0x10];
const SUBSAMPLES = 4; // per axis: 16 samples a pixel give smooth edges

// The calendar, in glyph units.
const BODY = { left: 0.14, top: 0.22, right: 0.86, bottom: 0.88, radius: 0.09 };
const HEADER_BOTTOM = 0.4;
const STROKE = 0.065;
const RING_X = [0.34, 0.66];
const RING = { top: 0.12, bottom: 0.3, halfWidth: 0.045 };
const CHECK_POINTS: Array<[number, number]> = [[0.33, 0.63], [0.45, 0.75], [0.68, 0.51]];
const CHECK_HALF_WIDTH = 0.05;

type Rect = typeof BODY;

function roundedRect(rect: Rect): Shape {
  return (u, v) => {
    const dx = Math.max(rect.left + rect.radius - u, 0, u - (rect.right - rect.radius));
    const dy = Math.max(rect.top + rect.radius - v, 0, v - (rect.bottom - rect.radius));
    return u >= rect.left && u <= rect.right && v >= rect.top && v <= rect.bottom
      && dx * dx + dy * dy <= rect.radius ** 2;
  };
}

function inset(rect: Rect, by: number): Rect {
  return {
    left: rect.left + by, top: rect.top + by, right: rect.right - by, bottom: rect.bottom - by,
    radius: Math.max(rect.radius - by, 0),
  };
}

function distanceToSegment(u: number, v: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.min(1, Math.max(0, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(u - (ax + t * dx), v - (ay + t * dy));
}

/** A polyline with round caps and joins. */
function stroke(points: Array<[number, number]>, halfWidth: number): Shape {
  const segments = points.slice(1).map((end, i) => [points[i] ?? end, end] as const);
  return (u, v) => segments.some(([a, b]) => distanceToSegment(u, v, a, b) <= halfWidth);
}

const union = (...shapes: Shape[]): Shape => (u, v) => shapes.some((shape) => shape(u, v));
const body = roundedRect(BODY);
const header: Shape = (u, v) => v <= HEADER_BOTTOM && body(u, v);
const rings = union(...RING_X.map((x) => stroke([[x, RING.top], [x, RING.bottom]], RING.halfWidth)));
const check = stroke(CHECK_POINTS, CHECK_HALF_WIDTH);
const bodyOutline: Shape = (u, v) => body(u, v) && !roundedRect(inset(BODY, STROKE))(u, v);

/**
 * Renders layers over a background; `glyphBox` places the glyph's unit square in pixels. Transparent pixels keep a
 * white RGB so an all-white drawing stays white at every alpha (Teams checks the outline icon's colors).
 */
function render(size: number, glyphBox: GlyphBox, background: Rgb | null, layers: Layer[]): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = background ? [...background, 1] : [255, 255, 255, 0];
      for (const layer of layers) {
        const coverage = cover(layer.shape, x, y, glyphBox);
        if (coverage === 0) continue;
        const outA = coverage + a * (1 - coverage);
        const mix = (src: number, dst: number): number => (src * coverage + dst * a * (1 - coverage)) / outA;
        [r, g, b, a] = [mix(layer.color[0], r), mix(layer.color[1], g), mix(layer.color[2], b), outA];
      }
      data.set([r, g, b, a * 255].map(Math.round), (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/** The share of a pixel's sub-samples inside a shape. */
function cover(shape: Shape, x: number, y: number, box: GlyphBox): number {
  let inside = 0;
  for (let i = 0; i < SUBSAMPLES; i++) {
    for (let j = 0; j < SUBSAMPLES; j++) {
      const u = (x + (i + 0.5) / SUBSAMPLES - box.offset) / box.size;
      const v = (y + (j + 0.5) / SUBSAMPLES - box.offset) / box.size;
      if (shape(u, v)) inside++;
    }
  }
  return inside / SUBSAMPLES ** 2;
}

export function colorIcon(): RgbaImage {
  // The glyph fills about the central 96x96, the symbol area Teams recommends for the color icon.
  const glyphSize = 128;
  return render(COLOR_ICON_SIZE, { offset: (COLOR_ICON_SIZE - glyphSize) / 2, size: glyphSize }, ACCENT, [
    { shape: body, color: WHITE },
    { shape: header, color: HEADER },
    { shape: rings, color: WHITE },
    { shape: check, color: CHECK },
  ]);
}

export function outlineIcon(): RgbaImage {
  const shape = union(bodyOutline, header, rings, check);
  return render(OUTLINE_ICON_SIZE, { offset: 0, size: OUTLINE_ICON_SIZE }, null, [{ shape, color: WHITE }]);
}

function main(): void {
  const dir = join(__dirname, '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), encodePng(colorIcon()));
  writeFileSync(join(dir, 'outline.png'), encodePng(outlineIcon()));
  console.log(`Wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}

if (require.main === module) main();
