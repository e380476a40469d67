/**
 * The document shapes of the Cosmos store and their mapping to domain values. Derived fields (`nameKey`, `search`)
 * are rewritten on every write of a customer, in the same document, so they never disagree with it (R6).
 */
import type { Customer, Lease, Person, SentCard, Versioned } from '../../domain/types';
import { engagementRows, inFlightRows } from '../engagement-rows';
import { serialise } from '../limits';
import { queueKey } from '../queue-entries';
import type { EngagementRow } from '../store';

/** What Cosmos adds to every document it returns. */
export interface SystemProperties {
  _rid?: string;
  _self?: string;
  _etag?: string;
  _attachments?: string;
  _ts?: number;
}

const SYSTEM_PROPERTIES = ['_rid', '_self', '_etag', '_attachments', '_ts'] as const;

export type Stored<T> = T & SystemProperties;

/**
 * Partition key `/tenantId`; `search` holds the active ESDs (R1) the listing queries JOIN over; `inFlight`, only on a
 * customer assigned to an FM with workloads in flight (P2, R2), that FM and how many: the load counts those.
 * `queueKey`: the customer's place in the Gateway queue (P1: its first ESD, queue-entries.ts), null once assigned;
 * absent only on a document written before the queue existed (the store fills it in when it opens).
 */
export type CustomerDocument = Customer & {
  id: string; nameKey: string; search: EngagementRow[]; inFlight?: InFlight; queueKey: string | null;
};

/** How many workloads of an FM-assigned customer are in flight (counted only when above 0). */
export interface InFlight {
  assigneeId: string;
  count: number;
}
export type PersonDocument = Person & { id: string };
/** Sent cards carry their deterministic id already. */
export type SentCardDocument = SentCard;
export type LeaseDocument = Lease & { id: string };

/** Lower-cased, so `CONTAINS` (case-sensitive in Cosmos) matches case-insensitively. */
export function nameKey(text: string): string {
  return text.toLowerCase();
}

/** Refuses a value either store could not hold, before Cosmos is asked (the test server has no size limit). */
function checkSize<T>(value: T): T {
  serialise(value);
  return value;
}

export function customerDocument(customer: Customer): CustomerDocument {
  checkSize(customer);
  const doc: CustomerDocument = {
    ...customer, id: customer.tenantId, nameKey: nameKey(customer.name), search: engagementRows(customer),
    queueKey: queueKey(customer),
  };
  const inFlight = inFlightRows(customer);
  if (inFlight[0]) doc.inFlight = { assigneeId: inFlight[0].assigneeId, count: inFlight.length };
  return doc;
}

export function personDocument(person: Person): PersonDocument {
  return checkSize({ ...person, id: person.aadObjectId });
}

export function sentCardDocument(record: SentCard): SentCardDocument {
  return checkSize(record);
}

export function leaseDocument(lease: Lease): LeaseDocument {
  return { ...lease, id: lease.name };
}

function withoutSystemProperties<T extends object>(doc: Stored<T>): T {
  const copy: Stored<T> = { ...doc };
  for (const key of SYSTEM_PROPERTIES) delete copy[key];
  return copy;
}

export function customerFrom(doc: Stored<CustomerDocument>): Customer {
  const {
    id: _id, nameKey: _nameKey, search: _search, inFlight: _inFlight, queueKey: _queueKey, ...customer
  } = withoutSystemProperties(doc);
  return customer;
}

export function personFrom(doc: Stored<PersonDocument>): Person {
  const { id: _id, ...person } = withoutSystemProperties(doc);
  return person;
}

export function sentCardFrom(doc: Stored<SentCardDocument>): SentCard {
  return withoutSystemProperties(doc);
}

export function leaseFrom(doc: Stored<LeaseDocument>): Lease {
  return { name: doc.name, owner: doc.owner, expiresAt: doc.expiresAt };
}

/** The value of a document Cosmos returned, with its `_etag` as the version. */
export function versioned<D, T>(doc: Stored<D>, map: (doc: Stored<D>) => T): Versioned<T> {
  if (typeof doc._etag !== 'string') throw new Error('Cosmos DB returned a document without an _etag.');
  return { value: map(doc), etag: doc._etag };
}

/** An engagement row exactly as the port defines it, whatever else the stored entry carries. */
export function engagementRowFrom(s: EngagementRow): EngagementRow {
  return {
    tenantId: s.tenantId,
    customerName: s.customerName,
    assignee: s.assignee,
    workload: s.workload,
    engagementStartDate: s.engagementStartDate,
    datePrecision: s.datePrecision,
    state: s.state,
    startedOn: s.startedOn,
    completedOn: s.completedOn,
    followUpOn: s.followUpOn,
    remindOn: s.remindOn,
  };
}
