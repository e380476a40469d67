/**
 * P3, serial deployments: one customer's timeline (GET /api/customers/{tenantId}/timeline, the customer card) and the
 * gaps report over many customers (GET /api/reports/gaps). The definitions are the domain's (domain/timeline.ts);
 * this reads the store and validates the range.
 */
import { addDays, daysBetween, todayIn, type CalendarDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import { phrase } from '../domain/phrases';
import {
  gapsOf, seriesWorkload, summariseGaps, timelineOf, type CustomerGaps, type GapSummary, type TimelineItem,
} from '../domain/timeline';
import type { Store } from '../store/store';
import type { Clock } from './clock';

export interface Timeline {
  tenantId: string;
  name: string;
  items: TimelineItem[];
}

export interface GapReport {
  from: CalendarDate;
  to: CalendarDate;
  /** The customers with at least one gap in the range, by name; each gap in the order of its series. */
  customers: CustomerGaps[];
  summary: GapSummary;
}

/** The longest range one report covers: a year (the report is not paged; its cost follows the ESDs in the range). */
export const MAX_GAP_RANGE_DAYS = 366;
/** Without `from`: the year up to `to`. */
const DEFAULT_RANGE_DAYS = 365;
const PAGE = 1000;

function invalid(path: string, message: string): DomainError {
  return new DomainError('validation', 'The request is not valid.', [{ path, message }]);
}

export class Timelines {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** The customer's series (P3); `not_found` for an unknown tenant. */
  async timeline(tenantId: string): Promise<Timeline> {
    const current = await this.store.getCustomer(tenantId.toLowerCase());
    if (!current) throw new DomainError('not_found', phrase('services.noCustomerWithTenantId', { tenantId }));
    const { value } = current;
    return { tenantId: value.tenantId, name: value.name, items: timelineOf(value.workloads.map(seriesWorkload)) };
  }

  /**
   * The gaps whose later item starts in [from, to] (default: the year up to today, UTC), per customer, with the
   * median, the 90th percentile and how many wait for their next start. `to` before `from`, or a range over
   * MAX_GAP_RANGE_DAYS, is a validation error.
   */
  async gaps(query: { from?: CalendarDate; to?: CalendarDate }): Promise<GapReport> {
    const to = query.to ?? todayIn('UTC', this.clock.now());
    const from = query.from ?? addDays(to, -DEFAULT_RANGE_DAYS);
    if (to < from) throw invalid('to', `to (${to}) is before from (${from}).`);
    if (daysBetween(from, to) >= MAX_GAP_RANGE_DAYS) {
      throw invalid('to', `The range from ${from} to ${to} is longer than ${MAX_GAP_RANGE_DAYS} days: ask for a year `
        + 'at a time.');
    }
    const customers: CustomerGaps[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.store.listSeriesCustomers({ from, to, limit: PAGE, continuationToken });
      for (const c of page.items) {
        const gaps = gapsOf(c.workloads, from, to);
        if (gaps.length > 0) customers.push({ tenantId: c.tenantId, name: c.name, gaps });
      }
      continuationToken = page.continuationToken;
    } while (continuationToken);
    customers.sort((a, b) => a.name.localeCompare(b.name) || a.tenantId.localeCompare(b.tenantId));
    return { from, to, customers, summary: summariseGaps(customers) };
  }
}
