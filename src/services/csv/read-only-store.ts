/**
 * A view of a store that can never write, for dry runs and validation-only checks. Reads go through;
 * `createCustomers` answers what it would do (true when the tenant is not stored yet, read with getCustomer) and
 * writes nothing; every other write throws. Running the real CustomerService over it is how a dry run validates
 * exactly as the import (and the REST route) does, the directory check included, without a copy of the rules.
 * Implementing the Store interface method by method makes a new Store method a compile error here, not a hole.
 */
import type { Customer, Lease, Person, SentCard, Role, Versioned, WorkloadName } from '../../domain/types';
import type { SeriesCustomer } from '../../domain/timeline';
import type { SeriesQuery } from '../../store/store';
import type {
  EngagementQuery, EngagementRow, Page, QueueEntry, QueueQuery, ReminderQuery, SentCardQuery, StartsQuery, Store,
  WeekStarts,
} from '../../store/store';

export class ReadOnlyStore implements Store {
  constructor(private readonly store: Store) {}

  ping(): Promise<void> { return this.store.ping(); }
  /** The underlying store belongs to the caller. */
  async close(): Promise<void> {}

  async createCustomers(customers: Customer[]): Promise<boolean[]> {
    return Promise.all(customers.map(async (c) => (await this.store.getCustomer(c.tenantId)) === undefined));
  }

  getCustomer(tenantId: string): Promise<Versioned<Customer> | undefined> { return this.store.getCustomer(tenantId); }
  findCustomersByName(text: string, limit: number): Promise<Customer[]> {
    return this.store.findCustomersByName(text, limit);
  }

  listUnassignedCustomers(query: QueueQuery): Promise<Page<QueueEntry>> {
    return this.store.listUnassignedCustomers(query);
  }
  listEngagements(query: EngagementQuery): Promise<Page<EngagementRow>> { return this.store.listEngagements(query); }
  listRemindersDue(query: ReminderQuery): Promise<Page<EngagementRow>> { return this.store.listRemindersDue(query); }
  countInFlightByAssignee(): Promise<Map<string, number>> { return this.store.countInFlightByAssignee(); }
  listSeriesCustomers(query: SeriesQuery): Promise<Page<SeriesCustomer>> {
    return this.store.listSeriesCustomers(query);
  }
  countStartsByAssigneeAndWeek(query: StartsQuery): Promise<WeekStarts[]> {
    return this.store.countStartsByAssigneeAndWeek(query);
  }
  getPerson(aadObjectId: string): Promise<Versioned<Person> | undefined> { return this.store.getPerson(aadObjectId); }
  listPeople(role?: Role): Promise<Person[]> { return this.store.listPeople(role); }
  getSentCard(id: string): Promise<Versioned<SentCard> | undefined> { return this.store.getSentCard(id); }
  listSentCardsForWorkload(tenantId: string, workload: WorkloadName): Promise<SentCard[]> {
    return this.store.listSentCardsForWorkload(tenantId, workload);
  }
  listSentCards(query: SentCardQuery): Promise<Page<SentCard>> { return this.store.listSentCards(query); }

  createCustomer(): Promise<Versioned<Customer>> { return refuse('createCustomer'); }
  replaceCustomer(): Promise<Versioned<Customer>> { return refuse('replaceCustomer'); }
  putPerson(): Promise<Versioned<Person>> { return refuse('putPerson'); }
  claimSentCard(): Promise<boolean> { return refuse('claimSentCard'); }
  updateSentCard(): Promise<Versioned<SentCard>> { return refuse('updateSentCard'); }
  acquireLease(): Promise<Lease | null> { return refuse('acquireLease'); }
  releaseLease(): Promise<void> { return refuse('releaseLease'); }
}

function refuse(method: string): Promise<never> {
  return Promise.reject(new Error(`read-only store: ${method} would write.`));
}
