/**
 * From rows to customers and back: the rows of one tenant become one NewCustomerInput (the REST body's shape), and
 * each detail the domain reports (`workloads/1/engagementStartDate`) is traced back to the row and column it came
 * from. Only what is about the file's structure is checked here (broken rows, rows of one tenant that disagree);
 * whether a value is valid is the domain's call.
 */
import type { NewCustomerInput, NewWorkloadInput } from '../../domain/customer';
import type { ErrorDetail } from '../../domain/errors';
import type { Column, CsvRow, RowValues } from './format';
import type { RowIssue } from './report';

export type WellFormedRow = CsvRow & { values: RowValues };

/** The rows of one tenant, in file order. */
export interface RowGroup {
  key: string;
  rows: CsvRow[];
}

export interface PreparedCustomer {
  group: RowGroup;
  /** The rows that became workloads: `workloads/i` of the input is `workloadRows[i]`. */
  workloadRows: WellFormedRow[];
  /** Null when no row of the tenant is well formed: there is nothing to validate. */
  input: NewCustomerInput | null;
  /** Problems of the file itself; any of them keeps the customer out of the store. */
  issues: RowIssue[];
}

/** Tenant ids group case-insensitively (the domain stores them lower case); a row without one stands alone. */
export function groupKey(row: CsvRow): string {
  const tenant = row.tenantId.trim().toLowerCase();
  return tenant ? `t:${tenant}` : `r:${row.row}`;
}

function isWellFormed(row: CsvRow): row is WellFormedRow {
  return row.values !== null;
}

/** Customer-level columns: every row of a tenant must say the same (they describe one customer). */
const CUSTOMER_COLUMNS: readonly Column[] = ['customerName', 'assigneeType', 'assigneeId', 'assigneeName'];

export function prepareCustomer(group: RowGroup): PreparedCustomer {
  const issues: RowIssue[] = group.rows
    .filter((r) => !isWellFormed(r))
    .map((r) => at(r, r.errorColumn, r.error ?? 'broken row.'));
  const workloadRows = group.rows.filter(isWellFormed);
  const first = workloadRows[0];
  if (!first) return { group, workloadRows, input: null, issues };
  for (const row of workloadRows.slice(1)) issues.push(...disagreements(first, row));
  return { group, workloadRows, input: toInput(first, workloadRows), issues };
}

function disagreements(first: WellFormedRow, row: WellFormedRow): RowIssue[] {
  return CUSTOMER_COLUMNS.filter((c) => row.values[c] !== first.values[c]).map((c) => at(row, c,
    `"${row.values[c]}" differs from "${first.values[c]}" on row ${first.row} of the same tenant: `
      + 'the rows of one customer must agree.'));
}

function toInput(first: WellFormedRow, rows: WellFormedRow[]): NewCustomerInput {
  const v = first.values;
  return {
    tenantId: v.tenantId, name: v.customerName, assignee: assigneeOf(v),
    workloads: rows.map((r) => workloadOf(r.values)),
  };
}

/** Blank assignee columns: unassigned (the Gateway enters dates before assignment, R4). */
function assigneeOf(v: RowValues): Record<string, string> | undefined {
  if (v.assigneeType === '' && v.assigneeId === '' && v.assigneeName === '') return undefined;
  const idKey = v.assigneeType === 'partner' ? 'partnerId' : 'aadObjectId';
  return { type: v.assigneeType, [idKey]: v.assigneeId, ...(v.assigneeName === '' ? {} : { name: v.assigneeName }) };
}

/** Blank date cells are absent values, as an omitted JSON property is. */
function workloadOf(v: RowValues): NewWorkloadInput {
  return {
    workload: v.workload,
    l1Status: v.l1Status,
    ...(v.engagementStartDate === '' ? {} : { engagementStartDate: v.engagementStartDate }),
    ...(v.engagementStartMonth === '' ? {} : { engagementStartMonth: v.engagementStartMonth }),
    ...(v.startedOn === '' ? {} : { startedOn: v.startedOn }),
  };
}

const WORKLOAD_FIELDS: Readonly<Record<string, Column>> = {
  workload: 'workload',
  l1Status: 'l1Status',
  engagementStartDate: 'engagementStartDate',
  engagementStartMonth: 'engagementStartMonth',
  startedOn: 'startedOn',
};
const CUSTOMER_FIELDS: Readonly<Record<string, Column>> = {
  tenantId: 'tenantId',
  name: 'customerName',
  assignee: 'assigneeType',
  'assignee/type': 'assigneeType',
  'assignee/aadObjectId': 'assigneeId',
  'assignee/partnerId': 'assigneeId',
  'assignee/name': 'assigneeName',
  workloads: 'workload',
};

/** Traces a domain detail to its row and column: `workloads/i/...` to the i-th workload row, the rest to the first. */
export function issueFromDetail(customer: PreparedCustomer, detail: ErrorDetail): RowIssue {
  const [head, index, field] = detail.path.split('/');
  const workloadRow = head === 'workloads' && index !== undefined ? customer.workloadRows[Number(index)] : undefined;
  if (workloadRow) {
    const column = field === undefined ? dateColumnOf(workloadRow) : WORKLOAD_FIELDS[field] ?? null;
    return at(workloadRow, column, detail.message);
  }
  return at(customer.workloadRows[0] as WellFormedRow, CUSTOMER_FIELDS[detail.path] ?? null, detail.message);
}

/**
 * A detail on a whole workload (`workloads/i`) is about its date: a date on a workload that is not InProgress (R1),
 * none on one that is, or both a day and a month. Point at the date cell the row filled.
 */
function dateColumnOf(row: WellFormedRow): Column {
  return row.values.engagementStartMonth !== '' && row.values.engagementStartDate === ''
    ? 'engagementStartMonth' : 'engagementStartDate';
}

function at(row: CsvRow, field: Column | null, message: string): RowIssue {
  return { row: row.row, line: row.line, field, message, kind: 'error' };
}
