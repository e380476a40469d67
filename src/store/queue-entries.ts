/**
 * What both stores index for the Gateway queue (P1): whether a customer waits for an FM, and its place in line (the
 * first ESD, those without one last), written in the same transaction or document as the customer.
 */
import { firstEsd, isUnassigned } from '../domain/assignment';
import type { Customer } from '../domain/types';
import { decodeCursor, encodeCursor, type Cursor } from './engagement-rows';
import type { QueueEntry } from './store';

/**
 * The place in line of a customer without a first ESD: after every date in code-unit order (SQLite's BINARY
 * collation and Cosmos DB's string order alike). Never change it: SQLite migration 4 wrote it into existing files.
 */
export const NO_ESD_KEY = '~';

/** The customer's place in the queue (its first ESD, or NO_ESD_KEY), or null when it is assigned and not queued. */
export function queueKey(customer: Customer): string | null {
  return isUnassigned(customer) ? firstEsd(customer)?.date ?? NO_ESD_KEY : null;
}

/** The queue's view of a customer at version `etag`. */
export function queueEntry(customer: Pick<Customer, 'tenantId' | 'name' | 'workloads'>, etag: string): QueueEntry {
  return {
    tenantId: customer.tenantId,
    name: customer.name,
    firstEsd: firstEsd(customer)?.date ?? null,
    workloads: customer.workloads.map((w) => ({
      workload: w.workload, l1Status: w.l1Status, state: w.state, engagementStartDate: w.engagementStartDate,
      datePrecision: w.datePrecision, startedOn: w.startedOn,
    })),
    etag,
  };
}

/** Where a queue page ended: the place in line and tenant of its last entry. */
export interface QueueCursor {
  key: string;
  tenantId: string;
}

export function queueKeyOf(entry: QueueEntry): string {
  return entry.firstEsd ?? NO_ESD_KEY;
}

/** The same opaque token format as the engagement listings (its workload part unused). */
export function encodeQueueCursor(entry: QueueEntry): string {
  return encodeCursor({ date: queueKeyOf(entry), tenantId: entry.tenantId, workload: '' });
}

export function decodeQueueCursor(token: string | undefined): QueueCursor | undefined {
  const cursor: Cursor | undefined = decodeCursor(token);
  return cursor && { key: cursor.date, tenantId: cursor.tenantId };
}
