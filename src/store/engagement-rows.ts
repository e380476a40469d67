/**
 * What both stores index: the active ESDs of a customer (R1) with the day each FM is to be asked (R5, R9), and the
 * workloads in flight that count as its FM's load (P2).
 */
import { DomainError } from '../domain/errors';
import { hasActiveEsd, isInFlight, reminderDue } from '../domain/rules';
import type { Customer, DatePrecision, WorkloadName } from '../domain/types';
import type { EngagementRow } from './store';

export function engagementRows(customer: Customer): EngagementRow[] {
  return customer.workloads.filter(hasActiveEsd).map((w) => ({
    tenantId: customer.tenantId,
    customerName: customer.name,
    assignee: customer.assignee,
    workload: w.workload,
    engagementStartDate: w.engagementStartDate as string,
    datePrecision: w.datePrecision as DatePrecision,
    state: w.state,
    startedOn: w.startedOn,
    completedOn: w.completedOn,
    followUpOn: w.followUpOn,
    remindOn: reminderDue(customer, w)?.on ?? null,
  }));
}

/** One workload in flight (P2) of a customer assigned to an FM, with or without an ESD (R2: entered under way). */
export interface InFlightRow {
  tenantId: string;
  workload: WorkloadName;
  /** The FM's directory object id. */
  assigneeId: string;
}

/** The customer's workloads in flight that are FM load: none for a partner's (R9) or an unassigned customer. */
export function inFlightRows(customer: Customer): InFlightRow[] {
  const assignee = customer.assignee;
  if (assignee?.type !== 'fm') return [];
  return customer.workloads.filter(isInFlight)
    .map((w) => ({ tenantId: customer.tenantId, workload: w.workload, assigneeId: assignee.aadObjectId }));
}

/** Where a page ended: the sort key of its last row. Pages resume strictly after it (keyset paging). */
export interface Cursor {
  date: string;
  tenantId: string;
  workload: string;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new DomainError('validation', 'The request is not valid.', [
      { path: 'limit', message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` },
    ]);
  }
  return limit;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.date, cursor.tenantId, cursor.workload])).toString('base64url');
}

export function decodeCursor(token: string | undefined): Cursor | undefined {
  if (token === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === 'string')) {
      const [date, tenantId, workload] = parsed as [string, string, string];
      return { date, tenantId, workload };
    }
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  throw new DomainError('validation', 'The request is not valid.', [
    { path: 'continuationToken', message: 'continuationToken is not one this service issued.' },
  ]);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders rows by (date, tenant, workload) in code-unit order (what SQLite's BINARY collation does too): the one
 * order of every listing, so keyset paging is stable on both stores.
 */
export function compareRows(a: Cursor, b: Cursor): number {
  return compareCodeUnits(a.date, b.date) || compareCodeUnits(a.tenantId, b.tenantId)
    || compareCodeUnits(a.workload, b.workload);
}
