/**
 * A small demo directory and customers, so `npm start` (and the playground) shows something on an empty store.
 * Dates are relative to today, so there is always an engagement starting today, one next week and one estimated
 * by month (R7), and two customers waiting for an FM, one of them about to start (P1). Never used in production
 * (config refuses it).
 */
import { addDays, monthOf, todayIn } from '../domain/dates';
import { newCustomer, type ChangeContext, type NewCustomerInput } from '../domain/customer';
import type { Actor, Person } from '../domain/types';
import type { Store } from '../store/store';

export const DEMO_PEOPLE: Omit<Person, 'updatedAt'>[] = [
  { aadObjectId: '00000000-0000-4000-8000-00000000a11c', name: 'Alice Fm', email: 'alice@contoso.example', role: 'fm', timeZone: 'Europe/London', conversation: null, reachable: true },
  { aadObjectId: '00000000-0000-4000-8000-0000000000b0', name: 'Bob Fm', email: 'bob@contoso.example', role: 'fm', timeZone: 'America/Los_Angeles', conversation: null, reachable: true },
  { aadObjectId: '00000000-0000-4000-8000-00000000687e', name: 'Grace Gateway', email: 'grace@contoso.example', role: 'gateway', timeZone: 'Europe/Dublin', conversation: null, reachable: true },
  { aadObjectId: '00000000-0000-4000-8000-0000000000fa', name: 'Pat Partner', email: 'pat@fabrikam.example', role: 'partner', timeZone: 'Asia/Singapore', partnerId: 'fabrikam', conversation: null, reachable: true },
  { aadObjectId: '00000000-0000-4000-8000-0000000000ad', name: 'Ada Admin', email: 'ada@contoso.example', role: 'admin', timeZone: 'UTC', conversation: null, reachable: true },
];

const [alice, bob, grace] = DEMO_PEOPLE as [Person, Person, Person];

function demoCustomers(today: string): NewCustomerInput[] {
  return [
    {
      tenantId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', name: 'Contoso Ltd',
      assignee: { type: 'fm', aadObjectId: alice.aadObjectId, name: alice.name },
      workloads: [
        { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: today },
        { workload: 'Intune', l1Status: 'InProgress', engagementStartMonth: monthOf(addDays(today, 62)) },
        { workload: 'SharePointOnline', l1Status: 'Blocked' },
      ],
    },
    {
      tenantId: '5a8f1c2d-7b3e-4f60-9d1a-2c4b6e8f0a13', name: 'Fabrikam Inc',
      assignee: { type: 'fm', aadObjectId: alice.aadObjectId, name: alice.name },
      workloads: [{ workload: 'Teams', l1Status: 'InProgress', engagementStartDate: addDays(today, 7) }],
    },
    {
      tenantId: '9c1e7d4b-2f3a-4b5c-8d6e-7f8091a2b3c4', name: 'Northwind Traders',
      assignee: { type: 'fm', aadObjectId: bob.aadObjectId, name: bob.name },
      workloads: [
        { workload: 'Defender', l1Status: 'InProgress', engagementStartDate: today },
        { workload: 'Purview', l1Status: 'NoIntent' },
      ],
    },
    {
      tenantId: 'b7d3e2f1-0a9c-4d8b-a7e6-5f4c3b2a1908', name: 'Adventure Works',
      assignee: { type: 'partner', partnerId: 'fabrikam', name: 'Fabrikam Partners' },
      workloads: [{ workload: 'OneDrive', l1Status: 'InProgress', engagementStartDate: addDays(today, 3) }],
    },
    {
      tenantId: 'e4f5a6b7-c8d9-4e0f-9a1b-2c3d4e5f6a7b', name: 'Tailspin Toys',
      workloads: [{ workload: 'Copilot', l1Status: 'InProgress', engagementStartDate: addDays(today, 14) }],
    },
    // P1: waiting for an FM and about to start: first in the Gateway's `queue`, and a heads-up in Grace's morning.
    {
      tenantId: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Wide World Importers',
      workloads: [
        { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: addDays(today, 2) },
        { workload: 'Intune', l1Status: 'InProgress', engagementStartMonth: monthOf(addDays(today, 40)) },
      ],
    },
  ];
}

/** Entered by the Gateway a week ago for a day now past: what Alice's `upcoming` shows as overdue (R3, R5). */
function demoOverdue(today: string): NewCustomerInput {
  return {
    tenantId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', name: 'Litware Inc',
    assignee: { type: 'fm', aadObjectId: alice.aadObjectId, name: alice.name },
    workloads: [{ workload: 'Teams', l1Status: 'InProgress', engagementStartDate: addDays(today, -2) }],
  };
}

/** True when the store holds no customer and no person: the only store the demo may go into. */
async function isEmpty(store: Store): Promise<boolean> {
  // Every name contains the empty text: one customer found, whichever, means the store has customers.
  return (await store.findCustomersByName('', 1)).length === 0 && (await store.listPeople()).length === 0;
}

/** Seeds the demo once: returns false (and writes nothing) unless the store has no customers and no people. */
export async function seedDemoData(store: Store, now: Date): Promise<boolean> {
  if (!(await isEmpty(store))) return false;
  const at = now.toISOString();
  for (const person of DEMO_PEOPLE) await store.putPerson({ ...person, updatedAt: at });
  const actor: Actor = { aadObjectId: grace.aadObjectId, name: grace.name, role: 'gateway' };
  const ctx: ChangeContext = { actor, now, today: todayIn(grace.timeZone, now) };
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const earlier: ChangeContext = { actor, now: weekAgo, today: todayIn(grace.timeZone, weekAgo) };
  // createCustomers leaves a tenant that exists already unchanged (one entered meanwhile), instead of failing.
  await store.createCustomers([
    ...demoCustomers(ctx.today).map((input) => newCustomer(input, ctx, 'gateway')),
    newCustomer(demoOverdue(ctx.today), earlier, 'gateway'),
  ]);
  return true;
}
