/**
 * The Store port on Azure Cosmos DB (NoSQL API). One document per customer (partition key: the tenant id) holds its
 * workloads, history and notes, so a date change and its reason are one atomic write (R6); every update is
 * conditional on the `_etag` it was read at.
 */
import type {
  Container, ContainerDefinition, CosmosClient, Database, ItemDefinition, RequestOptions, SqlQuerySpec,
} from '@azure/cosmos';
import type { Customer, Lease, Person, SentCard, Role, Versioned, WorkloadName } from '../../domain/types';
import {
  StoreError, type EngagementQuery, type EngagementRow, type Page, type QueueEntry, type QueueQuery, type ReminderQuery,
  type SentCardQuery, type StartsQuery, type Store, type WeekStarts,
} from '../store';
import { startsWindow, tallyStarts, type StartEntry } from '../week-starts';
import {
  customerDocument, customerFrom, leaseDocument, leaseFrom, nameKey, personDocument, personFrom, sentCardDocument,
  sentCardFrom, versioned, type CustomerDocument, type InFlight, type LeaseDocument, type PersonDocument,
  type SentCardDocument, type Stored,
} from './documents';
import { cosmosCall, cosmosCallOr, statusOf } from './errors';
import { mapBounded } from '../../lib/bounded';
import { clientFor, type CosmosStoreOptions } from './options';
import {
  engagementListing, pageOf, queueListing, reminderListing, sentCardListing, type QueueDocument, type RowListing,
} from './row-queries';
import { encodeQueueCursor, queueEntry } from '../queue-entries';
import { encodeSentCardCursor } from '../sent-card-pages';
import { decodeSeriesCursor, seriesPage } from '../series-pages';
import { pageSize } from '../engagement-rows';
import type { ChangeSource } from '../../domain/types';
import type { SeriesCustomer, SeriesWorkload } from '../../domain/timeline';
import type { SeriesQuery } from '../store';

export type { CosmosStoreOptions, TokenCredential } from './options';

interface Containers {
  customers: Container;
  people: Container;
  sentCards: Container;
  leases: Container;
}

/** Creates in flight at once in a bulk entry: fast on a real account, well within the SDK's 429 retries. */
const BULK_CONCURRENCY = 16;

type CompositeIndex = { path: string; order: 'ascending' | 'descending' }[];

/** Queries ordered by two properties are served only from a composite index of both. */
const CUSTOMER_INDEXES: CompositeIndex[] = [
  // findCustomersByName
  [{ path: '/nameKey', order: 'ascending' }, { path: '/tenantId', order: 'ascending' }],
  // listUnassignedCustomers (the Gateway queue, P1)
  [{ path: '/queueKey', order: 'ascending' }, { path: '/tenantId', order: 'ascending' }],
];

const SENT_CARD_INDEXES: CompositeIndex[] = [
  // listSentCards (GET /api/reminders)
  [{ path: '/dueOn', order: 'ascending' }, { path: '/id', order: 'ascending' }],
];

/** The containers and their partition keys and composite indexes (infra/cosmos-containers.json provisions the same). */
export const CONTAINERS: Record<keyof Containers, { partitionKey: string; compositeIndexes?: CompositeIndex[] }> = {
  customers: { partitionKey: '/tenantId', compositeIndexes: CUSTOMER_INDEXES },
  people: { partitionKey: '/id' },
  // Named `reminders` before the first deployment; nothing was deployed, so no data is carried over from it.
  sentCards: { partitionKey: '/id', compositeIndexes: SENT_CARD_INDEXES },
  leases: { partitionKey: '/id' },
};

/** Writes only over the version that was read (optimistic concurrency): a stale etag is a 412. */
function ifMatch(etag: string): RequestOptions {
  return { accessCondition: { type: 'IfMatch', condition: etag } };
}

async function openContainer(database: Database, id: keyof Containers): Promise<Container> {
  const { partitionKey, compositeIndexes } = CONTAINERS[id];
  const { container, resource } = await database.containers.createIfNotExists({
    id,
    partitionKey: { paths: [partitionKey] },
    ...(compositeIndexes ? { indexingPolicy: { compositeIndexes } } : {}),
  });
  const actual = resource?.partitionKey?.paths?.[0];
  if (actual !== undefined && actual !== partitionKey) {
    throw new Error(`CosmosStore: container "${id}" has partition key ${actual}; this store needs ${partitionKey}.`);
  }
  if (resource && compositeIndexes) await addMissingIndexes(container, resource, compositeIndexes);
  return container;
}

/**
 * A container created by an earlier build lacks the composite indexes added since: they are added to its indexing
 * policy (Cosmos DB builds them online), keeping whatever else the policy holds.
 */
async function addMissingIndexes(
  container: Container, resource: ContainerDefinition, wanted: CompositeIndex[],
): Promise<void> {
  const present = resource.indexingPolicy?.compositeIndexes ?? [];
  const key = (index: CompositeIndex): string => JSON.stringify(index.map((p) => [p.path, p.order ?? 'ascending']));
  const missing = wanted.filter((index) => !present.some((p) => key(p) === key(index)));
  if (missing.length === 0) return;
  await cosmosCall(() => container.replace({
    ...resource,
    indexingPolicy: { ...resource.indexingPolicy, compositeIndexes: [...present, ...missing] },
  }));
}

async function openContainers(client: CosmosClient, databaseId: string): Promise<Containers> {
  try {
    const { database } = await client.databases.createIfNotExists({ id: databaseId });
    return {
      customers: await openContainer(database, 'customers'),
      people: await openContainer(database, 'people'),
      sentCards: await openContainer(database, 'sentCards'),
      leases: await openContainer(database, 'leases'),
    };
  } catch (error) {
    if (statusOf(error) !== 403) throw error;
    throw new Error(
      `CosmosStore: not allowed to create database "${databaseId}" or its containers; with a managed identity, `
      + 'provision them beforehand (customers /tenantId, people /id, sentCards /id, leases /id).',
      { cause: error },
    );
  }
}

export class CosmosStore implements Store {
  private constructor(
    private readonly client: CosmosClient,
    private readonly databaseId: string,
    private readonly containers: Containers,
  ) {}

  /** Validates the options and creates the database and its containers if missing. */
  static async open(options: CosmosStoreOptions): Promise<CosmosStore> {
    const client = clientFor(options);
    try {
      const store = new CosmosStore(client, options.databaseId, await openContainers(client, options.databaseId));
      await store.fillInQueueKeys();
      return store;
    } catch (error) {
      client.dispose();
      throw error;
    }
  }

  async ping(): Promise<void> {
    try {
      const { statusCode } = await this.client.database(this.databaseId).read();
      if (statusCode === 404) throw new Error(`database "${this.databaseId}" does not exist`);
    } catch (error) {
      // The reason names the endpoint: it stays with the cause (for the log), out of the anonymous `/readyz`.
      const failure = new StoreError('unavailable', 'Cosmos DB does not answer.');
      failure.cause = error;
      throw failure;
    }
  }

  async close(): Promise<void> {
    this.client.dispose();
  }

  // Customers

  async createCustomer(customer: Customer): Promise<Versioned<Customer>> {
    return versioned(await this.create(this.containers.customers, customerDocument(customer)), customerFrom);
  }

  async createCustomers(customers: Customer[]): Promise<boolean[]> {
    // Every document is built (and size-checked) before the first write, as the embedded store does.
    const docs = customers.map(customerDocument);
    const first = firstOccurrences(docs.map((doc) => doc.id));
    // One partition per tenant, so no transaction spans them: each create is atomic on its own, and a repeated
    // tenant later in the batch is skipped rather than racing its first occurrence.
    return mapBounded(docs, BULK_CONCURRENCY,
      async (doc, index) => first[index] === true && this.createIfAbsent(this.containers.customers, doc));
  }

  async getCustomer(tenantId: string): Promise<Versioned<Customer> | undefined> {
    const doc = await this.read<CustomerDocument>(this.containers.customers, tenantId, tenantId);
    return doc && versioned(doc, customerFrom);
  }

  async replaceCustomer(customer: Customer, etag: string): Promise<Versioned<Customer>> {
    const doc = customerDocument(customer);
    return versioned(await this.replace(this.containers.customers, doc, doc.tenantId, etag), customerFrom);
  }

  async findCustomersByName(text: string, limit: number): Promise<Customer[]> {
    if (!Number.isInteger(limit) || limit < 1) return [];
    const docs = await this.query<CustomerDocument>(this.containers.customers, {
      query: 'SELECT TOP @n * FROM c WHERE CONTAINS(c.nameKey, @text) ORDER BY c.nameKey ASC, c.tenantId ASC',
      parameters: [{ name: '@n', value: limit }, { name: '@text', value: nameKey(text) }],
    });
    return docs.map(customerFrom);
  }

  /**
   * Customers written before the Gateway queue existed have no `queueKey`: each is rewritten once, as this build
   * writes it (conditional on the version read: one written meanwhile has its key already). Page by page, so a large
   * container is never held in memory; afterwards the query finds nothing.
   */
  private async fillInQueueKeys(): Promise<void> {
    const customers = this.containers.customers;
    const pages = customers.items.query<Stored<CustomerDocument>>(
      { query: 'SELECT * FROM c WHERE NOT IS_DEFINED(c.queueKey)' }, { maxItemCount: 100 },
    );
    while (pages.hasMoreResults()) {
      const { resources } = await cosmosCall(() => pages.fetchNext());
      await mapBounded(resources, BULK_CONCURRENCY, async (doc) => {
        const etag = required(doc._etag, 'an _etag');
        await cosmosCallOr([404, 412], undefined,
          () => customers.item(doc.id, doc.tenantId).replace(customerDocument(customerFrom(doc)), ifMatch(etag)));
      });
    }
  }

  // Listings

  /**
   * P1: one cross-partition query ordered by the indexed `queueKey` (composite index with the tenant id); the keyset
   * cursor is in WHERE and TOP cuts the page, so each page reads its own entries, never the ones before it.
   */
  async listUnassignedCustomers(query: QueueQuery): Promise<Page<QueueEntry>> {
    const listing = queueListing(query);
    const docs = await this.query<QueueDocument>(this.containers.customers, listing.spec);
    const items = docs.slice(0, listing.limit).map((doc) => queueEntry(doc, required(doc._etag, 'an _etag')));
    const last = items[items.length - 1];
    return docs.length > listing.limit && last ? { items, continuationToken: encodeQueueCursor(last) } : { items };
  }

  /**
   * P3: one cross-partition query per page: the customers after the cursor with an entry of `search` (the active
   * ESDs) in the range, which the range index on `search[].engagementStartDate` finds, and a completed InProgress
   * workload; TOP one beyond the page, ORDER BY the tenant id. Only the workloads' dates, state and first source are
   * projected, never the history or the notes.
   */
  async listSeriesCustomers(query: SeriesQuery): Promise<Page<SeriesCustomer>> {
    const size = pageSize(query.limit);
    const docs = await this.query<SeriesDocument>(this.containers.customers, {
      query: `SELECT TOP @n c.tenantId, c.name, ARRAY(SELECT w.workload, w.l1Status, w.engagementStartDate,
          w.datePrecision, w.state, w.startedOn, w.completedOn, w.history[0].source AS source FROM w IN c.workloads)
          AS workloads
        FROM c
        WHERE c.tenantId > @after
          AND EXISTS(SELECT VALUE s FROM s IN c.search WHERE s.engagementStartDate >= @from AND s.engagementStartDate <= @to)
          AND EXISTS(SELECT VALUE w FROM w IN c.workloads WHERE w.state = 'completed' AND w.l1Status = 'InProgress')
        ORDER BY c.tenantId ASC`,
      parameters: [
        { name: '@n', value: size + 1 }, { name: '@after', value: decodeSeriesCursor(query.continuationToken) ?? '' },
        { name: '@from', value: query.from }, { name: '@to', value: query.to },
      ],
    });
    return seriesPage(docs.map((doc) => ({
      tenantId: doc.tenantId, name: doc.name,
      workloads: doc.workloads.map((w) => ({ ...w, source: w.source ?? null })),
    })), size);
  }

  async listEngagements(query: EngagementQuery): Promise<Page<EngagementRow>> {
    return this.listRows(engagementListing(query));
  }

  async listRemindersDue(query: ReminderQuery): Promise<Page<EngagementRow>> {
    return this.listRows(reminderListing(query));
  }

  /**
   * One small item per customer with workloads in flight (its FM and their count, kept on the document), summed
   * here: the range index on `inFlight.count` serves the filter, so the cost follows those customers, not the store.
   */
  async countInFlightByAssignee(): Promise<Map<string, number>> {
    const items = await this.query<InFlight>(this.containers.customers, {
      query: 'SELECT VALUE c.inFlight FROM c WHERE c.inFlight.count > 0',
    });
    const counts = new Map<string, number>();
    for (const { assigneeId, count } of items) counts.set(assigneeId, (counts.get(assigneeId) ?? 0) + count);
    return counts;
  }

  /**
   * P2: three short fields per active ESD of an FM's customer in the weeks (the range index on
   * `search[].engagementStartDate` serves the filter), summed per FM and week here: never a whole document. GROUP BY
   * would sum them in Cosmos DB, but the RU charge would still follow the entries read, and the test server has none.
   */
  async countStartsByAssigneeAndWeek(query: StartsQuery): Promise<WeekStarts[]> {
    const { first, last } = startsWindow(query);
    const entries = await this.query<StartEntry>(this.containers.customers, {
      query: `SELECT s.assignee.aadObjectId AS aadObjectId, s.engagementStartDate AS date, s.datePrecision AS precision
        FROM c JOIN s IN c.search
        WHERE s.engagementStartDate >= @first AND s.engagementStartDate <= @last AND s.assignee.type = 'fm'
          AND ARRAY_CONTAINS(@states, s.state)`,
      parameters: [
        { name: '@first', value: first }, { name: '@last', value: last }, { name: '@states', value: [...query.states] },
      ],
    });
    return tallyStarts(entries);
  }

  // People

  async getPerson(aadObjectId: string): Promise<Versioned<Person> | undefined> {
    const doc = await this.read<PersonDocument>(this.containers.people, aadObjectId, aadObjectId);
    return doc && versioned(doc, personFrom);
  }

  async putPerson(person: Person, etag?: string): Promise<Versioned<Person>> {
    const doc = personDocument(person);
    const people = this.containers.people;
    const stored = etag === undefined ? await this.create(people, doc) : await this.replace(people, doc, doc.id, etag);
    return versioned(stored, personFrom);
  }

  async listPeople(role?: Role): Promise<Person[]> {
    const spec: SqlQuerySpec = role === undefined
      ? { query: 'SELECT * FROM c' }
      : { query: 'SELECT * FROM c WHERE c.role = @role', parameters: [{ name: '@role', value: role }] };
    const docs = await this.query<PersonDocument>(this.containers.people, spec);
    return docs.map(personFrom);
  }

  // Sent cards

  async claimSentCard(record: SentCard): Promise<boolean> {
    // A deterministic id makes the create the dedup: a second claim is a 409.
    return this.createIfAbsent(this.containers.sentCards, sentCardDocument(record));
  }

  async getSentCard(id: string): Promise<Versioned<SentCard> | undefined> {
    const doc = await this.read<SentCardDocument>(this.containers.sentCards, id, id);
    return doc && versioned(doc, sentCardFrom);
  }

  async updateSentCard(record: SentCard, etag: string): Promise<Versioned<SentCard>> {
    const doc = sentCardDocument(record);
    return versioned(await this.replace(this.containers.sentCards, doc, doc.id, etag), sentCardFrom);
  }

  async listSentCardsForWorkload(tenantId: string, workload: WorkloadName): Promise<SentCard[]> {
    const docs = await this.query<SentCardDocument>(this.containers.sentCards, {
      query: 'SELECT * FROM c WHERE c.tenantId = @tenant AND c.workload = @workload',
      parameters: [{ name: '@tenant', value: tenantId }, { name: '@workload', value: workload }],
    });
    return docs.map(sentCardFrom);
  }

  /**
   * One cross-partition query ordered by the indexed (dueOn, id); the keyset cursor is in WHERE and TOP cuts the
   * page, so each page reads its own cards, never the ones before it.
   */
  async listSentCards(query: SentCardQuery): Promise<Page<SentCard>> {
    const listing = sentCardListing(query);
    const docs = await this.query<SentCardDocument>(this.containers.sentCards, listing.spec);
    const items = docs.slice(0, listing.limit).map(sentCardFrom);
    const last = items[items.length - 1];
    return docs.length > listing.limit && last ? { items, continuationToken: encodeSentCardCursor(last) } : { items };
  }

  // Leases

  async acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<Lease | null> {
    const leases = this.containers.leases;
    const doc = leaseDocument({ name, owner, expiresAt: new Date(now.getTime() + ttlMs).toISOString() });
    const current = await this.read<LeaseDocument>(leases, name, name);
    if (current === undefined) {
      // Two instances racing for a free lease: the second create is a 409 and loses.
      return (await this.createIfAbsent(leases, doc)) ? leaseFrom(doc) : null;
    }
    if (current.owner !== owner && Date.parse(current.expiresAt) > now.getTime()) return null;
    const etag = required(current._etag, 'an _etag');
    // Someone else renewed or took it since the read: a 412, and they keep it.
    const replaced = await cosmosCallOr(
      [412, 404], undefined, () => leases.item(name, name).replace<LeaseDocument>(doc, ifMatch(etag)),
    );
    return replaced === undefined ? null : leaseFrom(doc);
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    const current = await this.read<LeaseDocument>(this.containers.leases, name, name);
    if (current === undefined || current.owner !== owner) return;
    const etag = required(current._etag, 'an _etag');
    // Gone or taken over since the read: nothing of ours to release.
    await cosmosCallOr([404, 412], undefined, () => this.containers.leases.item(name, name).delete(ifMatch(etag)));
  }

  // Helpers

  /** A point read; undefined when absent (the SDK answers 404 without throwing). */
  private async read<D extends ItemDefinition>(
    container: Container,
    id: string,
    partitionKey: string,
  ): Promise<Stored<D> | undefined> {
    const { resource } = await cosmosCall(() => container.item(id, partitionKey).read<D>());
    return resource;
  }

  private async create<D extends ItemDefinition>(container: Container, doc: D): Promise<Stored<D>> {
    const { resource } = await cosmosCall(() => container.items.create(doc));
    return required(resource);
  }

  /** False, writing nothing, when a document of that id already exists. */
  private async createIfAbsent(container: Container, doc: ItemDefinition): Promise<boolean> {
    return cosmosCallOr([409], false, async () => {
      await container.items.create(doc);
      return true;
    });
  }

  /** A replace of the version read at `etag` only. */
  private async replace<D extends ItemDefinition & { id: string }>(
    container: Container,
    doc: D,
    partitionKey: string,
    etag: string,
  ): Promise<Stored<D>> {
    const { resource } = await cosmosCall(() => container.item(doc.id, partitionKey).replace<D>(doc, ifMatch(etag)));
    return required(resource);
  }

  private async query<D>(container: Container, spec: SqlQuerySpec): Promise<Stored<D>[]> {
    const { resources } = await cosmosCall(() => container.items.query<Stored<D>>(spec).fetchAll());
    return resources;
  }

  private async listRows(listing: RowListing): Promise<Page<EngagementRow>> {
    return pageOf(await this.query<EngagementRow>(this.containers.customers, listing.spec), listing);
  }
}

/** What the series query projects of a customer document (a workload without history has no source). */
interface SeriesDocument {
  tenantId: string;
  name: string;
  workloads: (Omit<SeriesWorkload, 'source'> & { source?: ChangeSource })[];
}

/** For each id, whether it is the first of its value in the list. */
function firstOccurrences(ids: readonly string[]): boolean[] {
  const seen = new Set<string>();
  return ids.map((id) => {
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** What the SDK types as optional but Cosmos always sends (a written document, a read one's `_etag`). */
function required<T>(value: T | undefined, what = 'the document'): T {
  if (value === undefined) throw new Error(`Cosmos DB answered without ${what}.`);
  return value;
}
