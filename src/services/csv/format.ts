/**
 * The bulk-entry CSV format: its columns, the header check and the rows it yields. The values are handed to the
 * domain as they are written (after trimming): which values are valid is decided there, never here.
 */
import { CsvFileError, readLines } from './lines';
import { parseCsvLine, type ParsedLine } from './parse-line';

export const COLUMNS = [
  'tenantId', 'customerName', 'workload', 'l1Status', 'engagementStartDate', 'engagementStartMonth', 'startedOn',
  'assigneeType', 'assigneeId', 'assigneeName',
] as const;
export type Column = (typeof COLUMNS)[number];

/** Columns a file may leave out: their cells are then blank. */
const OPTIONAL_COLUMNS: readonly Column[] = ['startedOn', 'assigneeType', 'assigneeId', 'assigneeName'];

/** The format as the CLI's --help (and the README) give it. */
export const FORMAT_HELP = `CSV format (UTF-8, a BOM is tolerated; one header row, then one row per workload):
  tenantId              the customer's Microsoft 365 tenant GUID
  customerName          the customer's name
  workload              ExchangeOnline, SharePointOnline, OneDrive, Teams, Intune, Windows, Microsoft365Apps,
                        Defender, Purview, Viva or Copilot
  l1Status              InProgress, Unknown, Blocked or NoIntent
  engagementStartDate   YYYY-MM-DD: the day the customer expects to start, today or later (InProgress only)
  engagementStartMonth  YYYY-MM instead, when only the month is known (stored as its 1st)
  startedOn             optional: YYYY-MM-DD instead of a date, for an InProgress workload already under way:
                        the day it started, today or earlier (stored as started, no date; never reminded)
  assigneeType          optional: fm, partner, or blank (unassigned)
  assigneeId            optional: the FM's Entra object id (aadObjectId), or the partnerId
  assigneeName          optional: the partner's name (an FM's name comes from the directory)
Header names are case-insensitive, in any order; the startedOn and assignee columns may be left out
(assigneeType and assigneeId come together). Rows with the same tenantId form one customer, adjacent or not; they must give the
same customerName and assignee. Fields may be quoted ("Contoso, Ltd" and "" for a quote), but a record never
spans lines. Blank lines are ignored.`;

export type RowValues = Record<Column, string>;

/** One data row: its values when well formed, else why not. */
export interface CsvRow {
  /** 1-based number of the data row (the header and blank lines are not rows). */
  row: number;
  line: number;
  values: RowValues | null;
  error: string | null;
  /** The column of a broken field, when the line broke in one (null for a wrong number of fields). */
  errorColumn: Column | null;
  /** The tenant id as written, when it could be read, also from a broken row: the row still belongs to it. */
  tenantId: string;
}

/** Column -> position in the file. */
export type Header = ReadonlyMap<Column, number> & { readonly width: number };

/** Reads the header fields; every problem in one message (unknown, repeated or missing columns). */
function readHeader(fields: string[], line = 1): Header {
  const positions = new Map<Column, number>();
  const problems: string[] = [];
  fields.forEach((name, i) => {
    const column = COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (!column) problems.push(`unknown column "${name}"`);
    else if (positions.has(column)) problems.push(`column ${column} appears twice`);
    else positions.set(column, i);
  });
  const missing = COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !positions.has(c));
  if (missing.length > 0) problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (positions.has('assigneeType') !== positions.has('assigneeId')) problems.push('assigneeType and assigneeId come together');
  if (problems.length > 0) {
    throw new CsvFileError(`line ${line} (header): ${problems.join('; ')}. The columns are ${COLUMNS.join(', ')}.`);
  }
  return Object.assign(positions, { width: fields.length });
}

/**
 * Every data row of the file, in order. Throws CsvFileError for what spoils the whole file (not UTF-8, no or a bad
 * header); a broken row is yielded with its error, and the rows after it are read normally.
 */
export async function* readRows(file: string): AsyncGenerator<CsvRow> {
  let header: Header | null = null;
  let row = 0;
  for await (const { line, text } of readLines(file)) {
    const parsed = parseCsvLine(text);
    if (parsed.ok && parsed.fields.every((f) => f === '')) continue;
    if (!header) {
      if (!parsed.ok) throw new CsvFileError(`line ${line} (header): ${parsed.error}`);
      header = readHeader(parsed.fields, line);
      continue;
    }
    row += 1;
    yield parsed.ok ? toRow(header, parsed.fields, row, line) : brokenRow(header, parsed, row, line);
  }
  if (!header) throw new CsvFileError('the file is empty: it needs a header row.');
}

function toRow(header: Header, fields: string[], row: number, line: number): CsvRow {
  const tenantId = tenantOf(header, fields);
  if (fields.length !== header.width) {
    return { row, line, values: null, error: `expected ${header.width} fields, found ${fields.length}.`, errorColumn: null, tenantId };
  }
  const values = Object.fromEntries(COLUMNS.map((c) => {
    const at = header.get(c);
    return [c, at === undefined ? '' : (fields[at] as string)];
  })) as RowValues;
  return { row, line, values, error: null, errorColumn: null, tenantId };
}

function brokenRow(header: Header, parsed: ParsedLine & { ok: false }, row: number, line: number): CsvRow {
  const errorColumn = [...header].find(([, at]) => at === parsed.at)?.[0] ?? null;
  const error = errorColumn ? parsed.error : `field ${parsed.at + 1}: ${parsed.error}`;
  return { row, line, values: null, error, errorColumn, tenantId: tenantOf(header, parsed.fields) };
}

function tenantOf(header: Header, fields: string[]): string {
  return fields[header.get('tenantId') as number] ?? '';
}
