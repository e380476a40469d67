/**
 * The Teams app package as data: `${{NAME}}` placeholders in appPackage/manifest.json, and the PNG icons with the
 * rules Teams applies to them. Build-time only (scripts/package-app.ts, scripts/make-icons.ts, tests): the bot never
 * imports it, so it depends on nothing but Node.
 */
import { deflateSync, inflateSync } from 'node:zlib';

/** Why the package cannot be built; the message alone tells the user what to fix. */
export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';
}

// ---------------------------------------------------------------------------------------------------------------
// Placeholders

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

/**
 * Where each placeholder's value comes from. `BOT_ID` (the Teams Toolkit name) is filled from `MicrosoftAppId`, the
 * Bot Framework variable the running bot reads, so the package and the bot cannot disagree about the id.
 */
const PLACEHOLDER_SOURCES: Record<string, { envVar: string; describe: string; pattern: RegExp }> = {
  BOT_ID: { envVar: 'MicrosoftAppId', describe: "the bot's Microsoft App ID, a GUID", pattern: GUID },
};

/** Reads every placeholder's value from the environment; throws one clear `AppPackageError` for the first bad one. */
export function placeholderValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, source] of Object.entries(PLACEHOLDER_SOURCES)) {
    const value = env[source.envVar]?.trim() ?? '';
    if (value === '') {
      throw new AppPackageError(
        `${source.envVar} is not set: set it to ${source.describe}, to build the Teams app package.`,
      );
    }
    if (!source.pattern.test(value)) {
      throw new AppPackageError(`${source.envVar} must be ${source.describe}; got ${JSON.stringify(value.slice(0, 60))}.`);
    }
    values[name] = value;
  }
  return values;
}

/** Replaces `${{NAME}}` in every string of a parsed JSON value (never in the raw text, so a value cannot break JSON). */
export function fillPlaceholders(value: JsonValue, values: Record<string, string>): JsonValue {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (_match, name: string) => valueOf(name, values));
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values)]));
  }
  return value;
}

function valueOf(name: string, values: Record<string, string>): string {
  const value = values[name];
  if (value === undefined) throw new AppPackageError(`appPackage/manifest.json uses \${{${name}}}, which has no value.`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// PNG: just enough to write our icons and to check any 8-bit RGB/RGBA icon someone puts in their place.

/** Pixels row by row, 4 bytes (R, G, B, A) each. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGB = 2;
const COLOR_TYPE_RGBA = 6;

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([length, typeAndBody, crc]);
}

/** An 8-bit RGBA, non-interlaced PNG; filter 0 on every row (the icons are tiny, deflate does the work). */
export function encodePng(image: RgbaImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, COLOR_TYPE_RGBA, 0, 0, 0], 8);
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) raw.set(image.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
export function readPngSize(png: Buffer): { width: number; height: number } {
  const { width, height } = readHeader(png);
  return { width, height };
}

function readHeader(png: Buffer): PngHeader {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new AppPackageError('not a PNG file');
  }
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colorType: png.readUInt8(25),
    interlace: png.readUInt8(28),
  };
}

/** Decodes 8-bit RGB or RGBA, non-interlaced PNGs (what image editors export for icons) to RGBA pixels. */
export function decodePng(png: Buffer): RgbaImage {
  const header = readHeader(png);
  const channels = header.colorType === COLOR_TYPE_RGBA ? 4 : header.colorType === COLOR_TYPE_RGB ? 3 : 0;
  if (header.bitDepth !== 8 || channels === 0 || header.interlace !== 0) {
    throw new AppPackageError('only 8-bit RGB or RGBA, non-interlaced PNGs can be checked; save the icon as such');
  }
  const pixels = unfilter(inflateSync(idatBytes(png)), header.width, header.height, channels);
  return { width: header.width, height: header.height, data: toRgba(pixels, channels) };
}

function idatBytes(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 8; offset + 8 <= png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') parts.push(png.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += length + 12;
  }
  return Buffer.concat(parts);
}

/** Undoes the five PNG row filters (PNG spec, section 9). */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  if (raw.length < (stride + 1) * height) throw new AppPackageError('PNG image data is truncated');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? (out[y * stride + x - bpp] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= bpp && y > 0 ? (out[(y - 1) * stride + x - bpp] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new AppPackageError(`unknown PNG row filter ${filter}`);
      out[y * stride + x] = ((raw[y * (stride + 1) + 1 + x] ?? 0) + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function toRgba(pixels: Uint8Array, channels: number): Uint8Array {
  if (channels === 4) return pixels;
  const out = new Uint8Array((pixels.length / 3) * 4);
  for (let i = 0, j = 0; i < pixels.length; i += 3, j += 4) {
    out.set([pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0, 255], j);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Teams' icon rules (msteams-docs `concepts/build-and-test/apps-package.md`)

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/**
 * What Teams would refuse about an icon: wrong size; for the outline icon, any pixel that is not white (#FFFFFF at
 * any alpha) and a background that is not transparent (its corners are the background).
 */
export function iconProblems(kind: 'color' | 'outline', png: Buffer): string[] {
  const expected = kind === 'color' ? COLOR_ICON_SIZE : OUTLINE_ICON_SIZE;
  const { width, height } = readPngSize(png);
  if (width !== expected || height !== expected) {
    return [`${kind} icon must be ${expected}x${expected} pixels; it is ${width}x${height}`];
  }
  return kind === 'outline' ? outlineProblems(decodePng(png)) : [];
}

function outlineProblems(image: RgbaImage): string[] {
  const problems: string[] = [];
  const visible = pixelsWhere(image, (r, g, b, a) => a > 0 && (r !== 255 || g !== 255 || b !== 255));
  if (visible > 0) problems.push(`outline icon must be white only; ${visible} visible pixels have another color`);
  const last = image.width - 1;
  const corners = [0, last, last * image.width, image.width * image.height - 1];
  if (corners.some((index) => (image.data[index * 4 + 3] ?? 0) !== 0)) {
    problems.push('outline icon must have a transparent background; a corner pixel is not transparent');
  }
  return problems;
}

/** Counts the pixels matching a predicate on their R, G, B, A values. */
export function pixelsWhere(image: RgbaImage, test: (r: number, g: number, b: number, a: number) => boolean): number {
  let count = 0;
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) if (test(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0, d[i + 3] ?? 0)) count++;
  return count;
}
