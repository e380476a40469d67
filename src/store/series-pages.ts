/** Store.listSeriesCustomers on both stores (P3): what a customer of the listing is, and its keyset paging. */
import { seriesWorkload, type SeriesCustomer } from '../domain/timeline';
import type { Customer } from '../domain/types';
import { decodeCursor, encodeCursor } from './engagement-rows';
import type { Page } from './store';

/** The customer as the series reads it: its workloads without history, no notes. */
export function seriesCustomer(customer: Pick<Customer, 'tenantId' | 'name' | 'workloads'>): SeriesCustomer {
  return { tenantId: customer.tenantId, name: customer.name, workloads: customer.workloads.map(seriesWorkload) };
}

/** The same opaque token format as the engagement listings: the tenant id of the page's last customer. */
export function encodeSeriesCursor(customer: SeriesCustomer): string {
  return encodeCursor({ date: '', tenantId: customer.tenantId, workload: '' });
}

/** The tenant id the next page starts after. */
export function decodeSeriesCursor(token: string | undefined): string | undefined {
  return decodeCursor(token)?.tenantId;
}

/** A page of at most `size` from rows read one beyond it (to know whether another page follows). */
export function seriesPage(customers: SeriesCustomer[], size: number): Page<SeriesCustomer> {
  const items = customers.slice(0, size);
  const last = items[items.length - 1];
  return customers.length > size && last ? { items, continuationToken: encodeSeriesCursor(last) } : { items };
}
