/**
 * CSV answers of the report routes (GET /api/load, GET /api/reports/gaps) when the client sends `Accept: text/csv`:
 * RFC 4180 (comma-separated, CRLF line ends, a field holding a comma, a quote or a line break quoted with `"` and its
 * quotes doubled), UTF-8 with a byte order mark (so Excel reads non-ASCII names), a header row first. A text cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as text
 * instead of running it as a formula (CSV injection); numbers are written as they are.
 */
import type { RouteResult } from './route';

export type CsvValue = string | number | boolean | null | undefined;

export const CSV_MEDIA_TYPE = 'text/csv';

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: null and undefined are empty; text is made inert for spreadsheets, then quoted when RFC 4180 needs it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole document: a BOM, the header row, then one line per row, every line ended by CRLF. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

interface MediaRange { type: string; q: number }

function mediaRanges(accept: string): MediaRange[] {
  return accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return { type, q: Number.isFinite(weight) ? weight : 0 };
  });
}

/** The weight `Accept` gives a media type (the most specific range that matches it, RFC 9110), and how specific. */
function weightOf(ranges: MediaRange[], type: string): { q: number; specificity: number } {
  const [major] = type.split('/');
  const candidates: [string, number][] = [[type, 2], [`${major}/*`, 1], ['*/*', 0]];
  for (const [range, specificity] of candidates) {
    const found = ranges.find((r) => r.type === range);
    if (found) return { q: found.q, specificity };
  }
  return { q: 0, specificity: -1 };
}

/**
 * True when `Accept` prefers `text/csv` to `application/json`: a higher weight, or the same weight named more
 * precisely (`Accept: text/csv` or `text/csv, *\/*`). Without an Accept header, or on a tie, the answer is JSON.
 */
export function acceptsCsv(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return false;
  const ranges = mediaRanges(accept);
  const csv = weightOf(ranges, CSV_MEDIA_TYPE);
  const json = weightOf(ranges, 'application/json');
  if (csv.q <= 0) return false;
  return csv.q > json.q || (csv.q === json.q && csv.specificity > json.specificity);
}

/** A 200 carrying the document, offered as a file download named `fileName`. */
export function csvResult(
  fileName: string, header: readonly string[], rows: Iterable<readonly CsvValue[]>,
): RouteResult {
  return {
    status: 200,
    body: Buffer.from(csvDocument(header, rows), 'utf8'),
    headers: {
      'Content-Type': `${CSV_MEDIA_TYPE}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      Vary: 'Accept',
    },
  };
}
