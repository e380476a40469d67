/**
 * Bulk Gateway entry from a CSV file (R4): one row per workload, the rows of a tenant form one customer, and every
 * customer goes through the same CustomerService.createMany as the REST route's body, so nothing is validated twice
 * or differently. A customer with any bad row is not written at all; an existing tenant is reported, never
 * overwritten (R2), so running a file again creates nothing twice.
 *
 * Two passes over the file, both streamed. The first only reads: it finds what spoils the whole file (not UTF-8, a
 * bad header) before anything is written, counts the rows for the progress line, and notes each tenant's last row.
 * The second groups rows as they come and hands a customer on as soon as its last row is read, in batches of
 * `batchSize` customers per createMany (one store transaction each). Memory holds the tenant index and the
 * customers whose rows are still open, not the file.
 */
import fs from 'node:fs';
import type { Actor } from '../domain/types';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import { CustomerService, type CreateResult } from './customers';
import { COLUMNS, readRows, type CsvRow } from './csv/format';
import { CsvFileError } from './csv/lines';
import { groupKey, issueFromDetail, prepareCustomer, type PreparedCustomer, type RowGroup } from './csv/customer-rows';
import { ReadOnlyStore } from './csv/read-only-store';
import type { ExistingCustomer, ImportReport, RowIssue } from './csv/report';

export { CsvFileError } from './csv/lines';
export type { ImportReport, ImportSummary, RowIssue, ExistingCustomer } from './csv/report';

const DEFAULT_BATCH_SIZE = 500;

export interface ImportProgress {
  rowsDone: number;
  rowsTotal: number;
}

export interface ImportOptions {
  /** Validate and check existence only; nothing is written. */
  dryRun?: boolean;
  /** Customers per createMany (one store transaction). */
  batchSize?: number;
  /** Called once the file is checked (0 rows done), then after each batch. */
  onProgress?: (progress: ImportProgress) => void;
}

/** Pass one's findings. */
interface FileIndex {
  rowsTotal: number;
  /** Group key -> the row number of that tenant's last row: when it is read, the customer is complete. */
  lastRow: Map<string, number>;
  stat: fs.Stats;
}

export class CsvImportService {
  private readonly customers: CustomerService;
  /** The same service over a store view that cannot write: dry runs, and the full check of a customer kept out. */
  private readonly checker: CustomerService;

  constructor(store: Store, clock: Clock) {
    this.customers = new CustomerService(store, clock);
    this.checker = new CustomerService(new ReadOnlyStore(store), clock);
  }

  /**
   * Imports `file` as `actor` (source `import`). Throws CsvFileError, before writing anything, when the file cannot
   * be imported at all; every row-level problem is in the report instead.
   */
  async importFile(file: string, actor: Actor, options: ImportOptions = {}): Promise<ImportReport> {
    const dryRun = options.dryRun ?? false;
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const index = await indexFile(file);
    const report = new ReportBuilder(dryRun);
    let batch: RowGroup[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await this.importBatch(batch, actor, dryRun, report);
      batch = [];
      options.onProgress?.({ rowsDone: report.rowsDone, rowsTotal: index.rowsTotal });
    };

    assertUnchanged(file, index.stat);
    options.onProgress?.({ rowsDone: 0, rowsTotal: index.rowsTotal });
    const open = new Map<string, RowGroup>();
    for await (const row of readRows(file)) {
      const key = groupKey(row);
      const group = open.get(key) ?? { key, rows: [] };
      group.rows.push(row);
      open.set(key, group);
      if (index.lastRow.get(key) !== row.row) continue;
      open.delete(key);
      batch.push(group);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (open.size > 0 || report.rowsDone !== index.rowsTotal) throw changedWhileReading(file);
    return report.build();
  }

  /** Creates (or in a dry run checks) the batch's clean customers, and fully checks the ones the file spoils. */
  private async importBatch(groups: RowGroup[], actor: Actor, dryRun: boolean, report: ReportBuilder): Promise<void> {
    const ctx = this.customers.context(actor);
    const prepared = groups.map(prepareCustomer);
    const clean = prepared.filter((c) => c.issues.length === 0);
    const spoiled = prepared.filter((c) => c.issues.length > 0);
    const service = dryRun ? this.checker : this.customers;
    const results = await service.createMany(ctx, clean.map((c) => c.input ?? {}), 'import');
    clean.forEach((customer, i) => report.add(customer, results[i] as CreateResult));
    // Kept out whatever the domain says; its verdict only adds the other rows' problems to the report.
    const checks = await this.checker.createMany(ctx, spoiled.map((c) => c.input ?? {}), 'import');
    spoiled.forEach((customer, i) => report.addSpoiled(customer, customer.input ? checks[i] : undefined));
  }
}

/** Pass one: the whole file is read (and its header checked) before anything is written. */
async function indexFile(file: string): Promise<FileIndex> {
  const stat = statFile(file);
  const lastRow = new Map<string, number>();
  let rowsTotal = 0;
  for await (const row of readRows(file)) {
    lastRow.set(groupKey(row), row.row);
    rowsTotal = row.row;
  }
  return { rowsTotal, lastRow, stat };
}

function statFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new CsvFileError(`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  if (!stat.isFile()) throw new CsvFileError('not a file.');
  return stat;
}

/** Pass two must read what pass one read: a file edited in between would be grouped wrongly. */
function assertUnchanged(file: string, before: fs.Stats): void {
  const now = statFile(file);
  if (now.size !== before.size || now.mtimeMs !== before.mtimeMs) throw changedWhileReading(file);
}

function changedWhileReading(file: string): CsvFileError {
  return new CsvFileError(`${file} changed while it was being imported: run the import again.`);
}

/** Tallies the outcome of each customer; keeps the errors and the existing customers, not the created ones. */
class ReportBuilder {
  rowsDone = 0;
  private created = 0;
  private invalid = 0;
  private rowsWithErrors = 0;
  private rowsSkipped = 0;
  private readonly errors: RowIssue[] = [];
  private readonly existing: ExistingCustomer[] = [];

  constructor(private readonly dryRun: boolean) {}

  add(customer: PreparedCustomer, result: CreateResult): void {
    this.rowsDone += customer.group.rows.length;
    if (result.ok) this.created += 1;
    else if (result.error.code === 'conflict') this.existing.push(existingOf(customer.group));
    else this.addInvalid(customer.group, this.domainIssues(customer, result));
  }

  addSpoiled(customer: PreparedCustomer, check: CreateResult | undefined): void {
    this.rowsDone += customer.group.rows.length;
    this.addInvalid(customer.group, [...customer.issues, ...(check ? this.domainIssues(customer, check) : [])]);
  }

  build(): ImportReport {
    return {
      dryRun: this.dryRun,
      summary: {
        rowsRead: this.rowsDone,
        customersCreated: this.created,
        customersExisting: this.existing.length,
        customersInvalid: this.invalid,
        rowsWithErrors: this.rowsWithErrors,
        rowsSkipped: this.rowsSkipped,
      },
      errors: [...this.errors].sort(byRowThenColumn),
      existing: [...this.existing].sort((a, b) => a.row - b.row),
    };
  }

  private domainIssues(customer: PreparedCustomer, result: CreateResult): RowIssue[] {
    if (result.ok || result.error.code === 'conflict') return [];
    const details = result.error.details.length > 0 ? result.error.details : [{ path: '', message: result.error.message }];
    return details.map((d) => issueFromDetail(customer, d));
  }

  /**
   * "Nothing written for a bad row": the customer's other rows are reported as skipped because of the first bad
   * one.
   */
  private addInvalid(group: RowGroup, issues: RowIssue[]): void {
    this.invalid += 1;
    const bad = new Set(issues.map((i) => i.row));
    const firstBad = Math.min(...bad);
    this.rowsWithErrors += bad.size;
    this.errors.push(...issues);
    for (const row of group.rows.filter((r) => !bad.has(r.row))) {
      this.rowsSkipped += 1;
      this.errors.push({
        row: row.row, line: row.line, field: null, message: `not imported: row ${firstBad} of the same customer is invalid.`, kind: 'skipped',
      });
    }
  }
}

function existingOf(group: RowGroup): ExistingCustomer {
  const first = group.rows[0] as CsvRow;
  return { tenantId: first.tenantId.trim().toLowerCase(), row: first.row, line: first.line, rows: group.rows.length };
}

function byRowThenColumn(a: RowIssue, b: RowIssue): number {
  const column = (i: RowIssue): number => (i.field === null ? -1 : COLUMNS.indexOf(i.field));
  return a.row - b.row || column(a) - column(b);
}
