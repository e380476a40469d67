/** What an import did (or, in a dry run, would do): the machine-readable report and its text form. */
import type { Column } from './format';

/** One problem of one row, in the words of the rule that refused it. */
export interface RowIssue {
  row: number;
  line: number;
  /** The column at fault, or null for the row as a whole (broken CSV, skipped because of another row). */
  field: Column | null;
  message: string;
  /** `error`: the row's own problem; `skipped`: a valid row not imported because another row of its customer is bad. */
  kind: 'error' | 'skipped';
}

/** A customer already in the store: reported, never overwritten (R2). */
export interface ExistingCustomer {
  tenantId: string;
  /** Its first row and line in the file, and how many rows it had. */
  row: number;
  line: number;
  rows: number;
}

export interface ImportSummary {
  rowsRead: number;
  /** In a dry run: the customers that would be created. */
  customersCreated: number;
  customersExisting: number;
  customersInvalid: number;
  /** Rows with a problem of their own. */
  rowsWithErrors: number;
  /** Valid rows not imported because another row of their customer is invalid. */
  rowsSkipped: number;
}

export interface ImportReport {
  dryRun: boolean;
  summary: ImportSummary;
  /** Sorted by row, then column. */
  errors: RowIssue[];
  existing: ExistingCustomer[];
}

/** `row <n> (line <l>), <field>: <reason>`; without a field, `row <n> (line <l>): <reason>`. */
export function formatIssue(issue: RowIssue): string {
  const where = `row ${issue.row} (line ${issue.line})`;
  return issue.field ? `${where}, ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}

export function formatExisting(customer: ExistingCustomer): string {
  const rows = customer.rows === 1 ? '1 row' : `${customer.rows} rows`;
  return `row ${customer.row} (line ${customer.line}): customer ${customer.tenantId} exists already (${rows}): not overwritten.`;
}

/** The summary, one figure a line, labels aligned; a dry run says "would be created". */
export function formatSummary(report: ImportReport): string[] {
  const s = report.summary;
  const figures: [string, number][] = [
    ['rows read', s.rowsRead],
    [report.dryRun ? 'customers that would be created' : 'customers created', s.customersCreated],
    ['customers existing (skipped)', s.customersExisting],
    ['customers invalid', s.customersInvalid],
    ['rows with errors', s.rowsWithErrors],
    ['rows skipped (customer invalid)', s.rowsSkipped],
  ];
  const width = Math.max(...figures.map(([label]) => label.length)) + 1;
  return [
    report.dryRun ? 'Summary (dry run: nothing was written)' : 'Summary',
    ...figures.map(([label, value]) => `  ${`${label}:`.padEnd(width)} ${value}`),
  ];
}
