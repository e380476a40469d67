/**
 * The Store port: everything the services need from durable state, with one contract test suite
 * (`test/store/contract.ts`) that every implementation passes.
 *
 * Concurrency: every update names the etag it was read at; a stale etag throws `StoreError('precondition_failed')`
 * and writes nothing, so a caller re-reads and re-applies its (pure) change, or reports the conflict.
 */
import type { CalendarDate } from '../domain/dates';
import type { SeriesCustomer } from '../domain/timeline';
import type {
  Assignee, Customer, DatePrecision, Lease, Person, SentCard, Role, Versioned, Workload, WorkloadName, WorkloadState,
} from '../domain/types';

export type StoreErrorCode = 'conflict' | 'precondition_failed' | 'not_found' | 'too_large' | 'unavailable';

/** The one error a store throws on purpose; anything else is a bug or an outage. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly retryAfterInMs?: number,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}

/** One workload with an active ESD (R1), flattened with its customer for listings, reports and the sweep. */
export interface EngagementRow {
  tenantId: string;
  customerName: string;
  assignee: Assignee | null;
  workload: WorkloadName;
  engagementStartDate: CalendarDate;
  datePrecision: DatePrecision;
  state: WorkloadState;
  startedOn: CalendarDate | null;
  completedOn: CalendarDate | null;
  followUpOn: CalendarDate | null;
  /** The day the assigned FM is to be asked (rules.reminderDue), or null. */
  remindOn: CalendarDate | null;
}

export interface EngagementQuery {
  /** Inclusive bounds on the ESD; either may be omitted. */
  from?: CalendarDate;
  to?: CalendarDate;
  /** Only workloads of customers assigned to this FM. */
  assigneeId?: string;
  states?: WorkloadState[];
  /** Page size, 1–1000 (default 100). */
  limit?: number;
  continuationToken?: string;
}

export interface ReminderQuery {
  /** Workloads whose `remindOn` is on or before this date. */
  dueOnOrBefore: CalendarDate;
  limit?: number;
  continuationToken?: string;
}

/** What the Gateway queue shows of each workload of a waiting customer. */
export type QueueWorkload = Pick<
  Workload, 'workload' | 'l1Status' | 'state' | 'engagementStartDate' | 'datePrecision' | 'startedOn'
>;

/** A customer waiting for an FM (P1: neither an FM nor a partner assigned), as the Gateway queue lists it. */
export interface QueueEntry {
  tenantId: string;
  name: string;
  /** The customer's first ESD (domain/assignment.ts `firstEsd`), or null when it has none. */
  firstEsd: CalendarDate | null;
  workloads: QueueWorkload[];
  /** The customer's version, so an assignment from the queue applies to what was shown. */
  etag: string;
}

export interface QueueQuery {
  /** Only customers whose first ESD is on or before this date (customers without one are left out). */
  firstEsdOnOrBefore?: CalendarDate;
  /** Page size, 1–1000 (default 100). */
  limit?: number;
  continuationToken?: string;
}

/** Sent cards (GET /api/reminders) by status and due day. */
export interface SentCardQuery {
  /** Only cards in one of these stored statuses. */
  statuses?: SentCard['status'][];
  /** Inclusive bounds on `dueOn`; either may be omitted. */
  from?: CalendarDate;
  to?: CalendarDate;
  /** Page size, 1–1000 (default 100). */
  limit?: number;
  continuationToken?: string;
}

/** P2: the engagements starting per FM and ISO week (Store.countStartsByAssigneeAndWeek). */
export interface StartsQuery {
  /** A day of the first week counted (counting starts on that week's Monday). */
  from: CalendarDate;
  /** How many ISO weeks, from 1. */
  weeks: number;
  /** Only workloads in these states are counted. */
  states: readonly WorkloadState[];
}

/** One FM's starts in one ISO week: active ESDs (R1) of the customers assigned to them. */
export interface WeekStarts {
  aadObjectId: string;
  /** The Monday of the ISO week. */
  week: CalendarDate;
  starting: number;
  /** How many of `starting` are month estimates (R7: dated the 1st of the month, counted in that day's week). */
  estimated: number;
}

/** P3: the customers whose serial-deployment gaps may fall in a range (Store.listSeriesCustomers). */
export interface SeriesQuery {
  /** Inclusive bounds on the ESD of one of the customer's active workloads (R1). */
  from: CalendarDate;
  to: CalendarDate;
  /** Page size, 1–1000 (default 100). */
  limit?: number;
  continuationToken?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  continuationToken?: string;
}

export interface Store {
  /** The store answers (for `/readyz`); throws `StoreError('unavailable')` with the reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // Customers: one document per tenant holds its workloads, their history and the Overall Status Notes, so a date
  // change and its reason are one atomic write (R6).
  /** `conflict` if the tenant exists. */
  createCustomer(customer: Customer): Promise<Versioned<Customer>>;
  /**
   * Creates many (bulk Gateway entry): for each customer, in order, true if created, false if the tenant already
   * existed (left unchanged). Each customer is written whole or not at all.
   */
  createCustomers(customers: Customer[]): Promise<boolean[]>;
  getCustomer(tenantId: string): Promise<Versioned<Customer> | undefined>;
  /** `precondition_failed` if `etag` is not the current one; `not_found` if the tenant does not exist. */
  replaceCustomer(customer: Customer, etag: string): Promise<Versioned<Customer>>;
  /** Customers whose name contains `text` (case-insensitive), by name, at most `limit`. */
  findCustomersByName(text: string, limit: number): Promise<Customer[]>;

  /**
   * P1: the customers without an assignee, by first ESD (those without one last), then tenant; paged. Each page
   * costs its size, whatever the number of customers (an index on the first ESD, written with the customer).
   */
  listUnassignedCustomers(query: QueueQuery): Promise<Page<QueueEntry>>;

  /** Active ESDs (R1) ordered by date, then tenant, then workload; paged. */
  listEngagements(query: EngagementQuery): Promise<Page<EngagementRow>>;
  /** Workloads whose assigned FM is due a reminder, ordered by `remindOn`; paged. */
  listRemindersDue(query: ReminderQuery): Promise<Page<EngagementRow>>;
  /**
   * P2: per FM (directory object id), how many workloads of the customers assigned to them are in flight (started,
   * not completed: rules.isInFlight), with an ESD or without one (R2: entered as already under way). FMs with none
   * are absent; partner-assigned (R9) and unassigned customers count for nobody.
   */
  countInFlightByAssignee(): Promise<Map<string, number>>;
  /**
   * P3: the customers with an active ESD (R1) in [from, to] and an InProgress workload that completed, as the series
   * reads them (domain/timeline.ts: their workloads without history, no notes), by tenant id; paged (keyset on the
   * tenant id). Found from the ESD index, so the cost follows the ESDs in the range, never the store.
   */
  listSeriesCustomers(query: SeriesQuery): Promise<Page<SeriesCustomer>>;
  /**
   * P2: per FM and ISO week of the query, the active ESDs (R1) in the given states of the customers assigned to them,
   * and how many are month estimates (R7). Only entries above 0, by week then FM; partner-assigned (R9) and
   * unassigned customers count for nobody. The cost follows the FMs and weeks (or the ESDs in those weeks), never
   * the store.
   */
  countStartsByAssigneeAndWeek(query: StartsQuery): Promise<WeekStarts[]>;

  // People directory.
  getPerson(aadObjectId: string): Promise<Versioned<Person> | undefined>;
  /** Creates when `etag` is undefined (`conflict` if present), else replaces (`precondition_failed` if stale). */
  putPerson(person: Person, etag?: string): Promise<Versioned<Person>>;
  listPeople(role?: Role): Promise<Person[]>;

  // Sent cards (reminders, welcome cards, cards shown by commands): deterministic ids make the claim the dedup (a
  // second claim of the same id returns false).
  claimSentCard(record: SentCard): Promise<boolean>;
  getSentCard(id: string): Promise<Versioned<SentCard> | undefined>;
  updateSentCard(record: SentCard, etag: string): Promise<Versioned<SentCard>>;
  listSentCardsForWorkload(tenantId: string, workload: WorkloadName): Promise<SentCard[]>;
  /** Ordered by `dueOn`, then id; paged (keyset: each page costs its size, however deep). */
  listSentCards(query: SentCardQuery): Promise<Page<SentCard>>;

  // Leases: one holder at a time; an expired lease can be taken by anyone.
  /** Takes or renews the named lease for `owner` until `now + ttlMs`; null when another owner holds it unexpired. */
  acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<Lease | null>;
  /** Gives the lease up if `owner` holds it. */
  releaseLease(name: string, owner: string): Promise<void>;
}
