/**
 * Shared fixtures for the pure-domain tests: a fixed clock, the people who act, a customer as the Gateway enters
 * it, and an assertion for the domain's refusals. The domain never reads the clock, so neither do these.
 */
import assert from 'node:assert/strict';
import { newCustomer, type ChangeContext, type NewCustomerInput } from '../../src/domain/customer';
import { DomainError, type DomainErrorCode } from '../../src/domain/errors';
import type { Actor, Customer, Workload } from '../../src/domain/types';

/** Tuesday 24 November 2026, 09:00 UTC: the fixed "now" of every test unless a test says otherwise. */
export const NOW = new Date('2026-11-24T09:00:00.000Z');
export const TODAY = '2026-11-24';
export const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

export const gateway: Actor = { aadObjectId: 'gw-1', name: 'Gina', role: 'gateway' };
export const fm: Actor = { aadObjectId: 'fm-alice', name: 'Alice', role: 'fm' };
export const otherFm: Actor = { aadObjectId: 'fm-bob', name: 'Bob', role: 'fm' };
export const partner: Actor = { aadObjectId: 'partner-user-1', name: 'Pat', role: 'partner' };
export const admin: Actor = { aadObjectId: 'admin-1', name: 'Ada', role: 'admin' };

/** A change context for `actor` at the fixed clock; `now`/`today`/`requestId` may be overridden. */
export function ctxFor(actor: Actor, overrides: Partial<ChangeContext> = {}): ChangeContext {
  return { actor, now: NOW, today: TODAY, ...overrides };
}

/**
 * The docs/contract.md example body: ExchangeOnline on a day, Intune on a month (R7), SharePointOnline Blocked (R1),
 * assigned to FM Alice. Top-level fields may be overridden.
 */
export function customerInput(overrides: NewCustomerInput = {}): NewCustomerInput {
  return {
    tenantId: TENANT,
    name: 'Contoso Ltd',
    assignee: { type: 'fm', aadObjectId: fm.aadObjectId, name: fm.name },
    workloads: [
      { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: '2026-12-01' },
      { workload: 'Intune', l1Status: 'InProgress', engagementStartMonth: '2027-02' },
      { workload: 'SharePointOnline', l1Status: 'Blocked' },
    ],
    ...overrides,
  };
}

/** The example customer as the Gateway enters it at the fixed clock. */
export function makeCustomer(overrides: NewCustomerInput = {}): Customer {
  return newCustomer(customerInput(overrides), ctxFor(gateway));
}

/** The named workload of `customer`, failing the test (not throwing a DomainError) when it is missing. */
export function workloadOf(customer: Customer, name: string): Workload {
  const workload = customer.workloads.find((w) => w.workload === name);
  assert.ok(workload, `test setup: no workload ${name}`);
  return workload;
}

/** A standalone InProgress workload scheduled on 2026-12-01; fields may be overridden. */
export function aWorkload(overrides: Partial<Workload> = {}): Workload {
  return {
    workload: 'ExchangeOnline',
    l1Status: 'InProgress',
    engagementStartDate: '2026-12-01',
    datePrecision: 'day',
    state: 'scheduled',
    startedOn: null,
    completedOn: null,
    followUpOn: null,
    revision: 1,
    history: [],
    ...overrides,
  };
}

/**
 * Asserts that `fn` throws a DomainError with `code`; when `paths` is given, the error's detail paths must be
 * exactly those, in that order. Returns the error for further checks.
 */
export function assertDomainError(fn: () => unknown, code: DomainErrorCode, paths?: string[]): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof DomainError, `expected a DomainError(${code}), got ${String(caught)}`);
  assert.equal(caught.code, code, `code (message: ${caught.message})`);
  if (paths) assert.deepEqual(caught.details.map((d) => d.path), paths);
  return caught;
}
