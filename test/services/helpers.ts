/**
 * Shared setup for the service tests: a real SQLite store in memory per test, a clock that stands still, the
 * people who look at cards, and assertions about what the store holds afterwards (re-read, never taken from the
 * service's answer).
 */
import assert from 'node:assert/strict';
import type { Actor, Customer, Person, Versioned } from '../../src/domain/types';
import type { EngagementVerb } from '../../src/domain/engagement';
import type { CardAction } from '../../src/services/card-actions';
import type { Clock } from '../../src/services/clock';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors, customerFixture, NOW, personFixture, tenantId } from '../common/fixtures';

/** A clock that always says `at`. */
export function fixedClock(at: Date | string = NOW): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}

/** A fresh in-memory SqliteStore for each test of the calling `describe`; call the result inside a test. */
export function useMemoryStore(): () => SqliteStore {
  let store: SqliteStore | undefined;
  beforeEach(() => { store = SqliteStore.open({ file: ':memory:' }); });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    assert.ok(store, 'the store is opened in beforeEach');
    return store;
  };
}

export const TENANT = tenantId(1);
const partner: Actor = { aadObjectId: 'aad-partner-1', name: 'Pat Partner', role: 'partner' };

/** The people who press buttons on cards. The FM is assigned to the fixture customers; everyone is in Paris. */
export const people = {
  fm: personFixture(actors.fm),
  otherFm: personFixture(actors.fm2),
  gateway: personFixture(actors.gateway),
  admin: personFixture(actors.admin),
  partner: personFixture(partner, { partnerId: 'partner-contoso-services' }),
  /** Known to Teams (installed the bot) but given no role by an admin yet. */
  roleless: personFixture({ ...actors.fm, aadObjectId: 'aad-new-1', name: 'Nina New' }, { role: null }),
} satisfies Record<string, Person>;

/** Creates the customer (default: `customerFixture()`, Teams on 2026-12-01, assigned to the FM) in the store. */
export async function seedCustomer(
  store: SqliteStore, customer: Customer = customerFixture(),
): Promise<Versioned<Customer>> {
  return store.createCustomer(customer);
}

/** The stored customer, re-read. */
export async function stored(store: SqliteStore, tenant = TENANT): Promise<Versioned<Customer>> {
  const current = await store.getCustomer(tenant);
  assert.ok(current, `customer ${tenant} is not stored`);
  return current;
}

/** A card action on the Teams workload of the fixture customer, drawn at revision 1. */
export function cardAction(verb: EngagementVerb, inputs: CardAction['inputs'] = {}, overrides: Partial<CardAction> = {}): CardAction {
  return { verb, tenantId: TENANT, workload: 'Teams', revision: 1, inputs, ...overrides };
}

/** Runs `run` and asserts the stored customer is exactly as before: same document, same etag (no write at all). */
export async function assertNothingStored<T>(store: SqliteStore, run: () => Promise<T>, tenant = TENANT): Promise<T> {
  const before = await stored(store, tenant);
  const result = await run();
  assert.deepEqual(await stored(store, tenant), before, 'the stored customer changed');
  return result;
}

/** The stored customer's notes of one kind. */
export function notesOf(customer: Customer, kind: string): Customer['statusNotes'] {
  return customer.statusNotes.filter((n) => n.kind === kind);
}

/** The Teams workload of a stored customer. */
export function teamsOf(customer: Customer): Customer['workloads'][number] {
  const workload = customer.workloads.find((w) => w.workload === 'Teams');
  assert.ok(workload, 'no Teams workload');
  return workload;
}
