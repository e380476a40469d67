/**
 * PNG: just enough to write the Teams app icons (scripts/make-icons.ts) and to check any 8-bit RGB/RGBA icon someone
 * puts in their place (scripts/app-manifest.ts). Build-time only; depends on nothing but Node.
 */
import { deflateSync, inflateSync } from 'node:zlib';

/** The file is not a PNG this codec reads; the message says why. */
export class PngError extends Error {
  override readonly name = 'PngError';
}

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
  for (let y = 0; y < image.height; y++) {
    raw.set(image.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
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
    throw new PngError('not a PNG file');
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
    throw new PngError('only 8-bit RGB or RGBA, non-interlaced PNGs can be checked; save the icon as such');
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
  if (raw.length < (stride + 1) * height) throw new PngError('PNG image data is truncated');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? (out[y * stride + x - bpp] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= bpp && y > 0 ? (out[(y - 1) * stride + x - bpp] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new PngError(`unknown PNG row filter ${filter}`);
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

/** Counts the pixels matching a predicate on their R, G, B, A values. */
export function pixelsWhere(image: RgbaImage, test: (r: number, g: number, b: number, a: number) => boolean): number {
  let count = 0;
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) if (test(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0, d[i + 3] ?? 0)) count++;
  return count;
}
