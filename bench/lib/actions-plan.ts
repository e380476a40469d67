/**
 * The data bench/actions.ts works on, known to both sides without being sent over: the server child seeds it,
 * the load generator derives each FM's workloads from the same numbers. Built through the test fixtures (so through
 * the domain), on their fixed clock: every date stays valid whatever day the bench runs.
 */
import { addDays } from '../../src/domain/dates';
import type { Actor, Customer, Person, WorkloadName } from '../../src/domain/types';
import { customerFixture, fmAssignee, onDay, personFixture, tenantId, TODAY } from '../../test/common/fixtures';

export const CUSTOMERS_PER_FM = 20;
export const WORKLOADS: readonly WorkloadName[] = ['ExchangeOnline', 'Teams'];

export function fmActor(fm: number): Actor {
  return { aadObjectId: `bench-fm-${fm}`, name: `Bench FM ${fm}`, role: 'fm' };
}

function customerNumber(fm: number, index: number): number {
  return fm * CUSTOMERS_PER_FM + index;
}

/** Customer n of an FM: two InProgress workloads a few days apart, in the next weeks. */
function benchCustomer(fm: number, index: number): Customer {
  const n = customerNumber(fm, index);
  const first = addDays(TODAY, 7 + (n % 21));
  return customerFixture({
    n, name: `Bench customer ${n}`, assignee: fmAssignee(fmActor(fm)),
    workloads: [onDay('ExchangeOnline', first), onDay('Teams', addDays(first, 3))],
  });
}

export function seedPeople(fms: number): Person[] {
  return Array.from({ length: fms }, (_, fm) => personFixture(fmActor(fm)));
}

export function seedCustomers(fms: number): Customer[] {
  return Array.from(
    { length: fms * CUSTOMERS_PER_FM }, (_, n) => benchCustomer(Math.floor(n / CUSTOMERS_PER_FM), n % CUSTOMERS_PER_FM),
  );
}

/** One workload as the load generator tracks it: the revision its last answer card carried. */
export interface Slot {
  tenantId: string;
  workload: WorkloadName;
  revision: number;
  /** Actions sent on it so far: picks the verb and makes every new date differ from the last. */
  actions: number;
}

/** An FM's workloads in round-robin order across customers: every customer's first workload, then the second. */
export function slotsOf(fm: number): Slot[] {
  return WORKLOADS.flatMap((workload) => Array.from({ length: CUSTOMERS_PER_FM }, (_, index) => ({
    tenantId: tenantId(customerNumber(fm, index)), workload, revision: 1, actions: 0,
  })));
}
