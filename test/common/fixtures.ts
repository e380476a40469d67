/**
 * Test fixtures built through the domain (never hand-written documents), so what a store is asked to keep is
 * exactly what the services will hand it. One fixed clock: every date in the fixtures is valid "today".
 */
import assert from 'node:assert/strict';
import { newCustomer, type ChangeContext, type NewWorkloadInput, type WorkloadInput } from '../../src/domain/customer';
import type { CalendarDate } from '../../src/domain/dates';
import type {
  Actor, Assignee, Customer, L1Status, Person, ReminderKind, SentCard, WorkloadName,
} from '../../src/domain/types';

/** Tuesday 24 November 2026, 09:00 UTC. */
export const NOW = new Date('2026-11-24T09:00:00.000Z');
export const TODAY: CalendarDate = '2026-11-24';

export const actors = {
  gateway: { aadObjectId: 'aad-gateway-1', name: 'Gabriela Gateway', role: 'gateway' },
  fm: { aadObjectId: 'aad-fm-1', name: 'Farah Manager', role: 'fm' },
  fm2: { aadObjectId: 'aad-fm-2', name: 'Felix Manager', role: 'fm' },
  admin: { aadObjectId: 'aad-admin-1', name: 'Ada Admin', role: 'admin' },
} satisfies Record<string, Actor>;

/**
 * A change context on the fixed clock. `step` moves the instant forward by that many seconds, so successive
 * changes carry distinct, ordered `at` stamps; `today` can be moved for the rules that depend on the weekday.
 */
export function ctx(actor: Actor = actors.gateway, step = 0, today: CalendarDate = TODAY): ChangeContext {
  return { actor, now: new Date(NOW.getTime() + step * 1000), today };
}

/** A valid, deterministic tenant GUID (lower case, as `newCustomer` stores it). */
export function tenantId(n: number): string {
  assert.ok(Number.isInteger(n) && n >= 0, 'tenantId(n) needs a whole number');
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function fmAssignee(actor: Actor = actors.fm): Assignee {
  return { type: 'fm', aadObjectId: actor.aadObjectId, name: actor.name };
}

export function partnerAssignee(partnerId = 'partner-contoso-services', name = 'Contoso Services'): Assignee {
  return { type: 'partner', partnerId, name };
}

/** An InProgress workload with a day ESD. */
export function onDay(workload: WorkloadName, date: CalendarDate): WorkloadInput {
  return { workload, l1Status: 'InProgress', engagementStartDate: date };
}

/** An InProgress workload with a month estimate (R7: stored as the 1st). */
export function inMonth(workload: WorkloadName, month: string): WorkloadInput {
  return { workload, l1Status: 'InProgress', engagementStartMonth: month };
}

/** An InProgress workload entered as already under way since `startedOn` (R2): started, no ESD. */
export function underWay(workload: WorkloadName, startedOn: CalendarDate): NewWorkloadInput {
  return { workload, l1Status: 'InProgress', startedOn };
}

/** A workload that carries no ESD (R1). */
export function withoutEsd(workload: WorkloadName, l1Status: Exclude<L1Status, 'InProgress'>): WorkloadInput {
  return { workload, l1Status };
}

export interface CustomerFixtureOptions {
  /** Picks the tenant id (`tenantId(n)`) and the default name. */
  n?: number;
  tenantId?: string;
  name?: string;
  /** `null` leaves the customer unassigned; default: the FM `actors.fm`. */
  assignee?: Assignee | null;
  workloads?: NewWorkloadInput[];
  context?: ChangeContext;
}

/** A new customer as the Gateway enters it (R4), through `newCustomer`. */
export function customerFixture(options: CustomerFixtureOptions = {}): Customer {
  const n = options.n ?? 1;
  return newCustomer({
    tenantId: options.tenantId ?? tenantId(n),
    name: options.name ?? `Customer ${n}`,
    assignee: options.assignee === undefined ? fmAssignee() : options.assignee,
    workloads: options.workloads ?? [onDay('Teams', '2026-12-01')],
  }, options.context ?? ctx());
}

export function personFixture(actor: Actor, overrides: Partial<Person> = {}): Person {
  return {
    aadObjectId: actor.aadObjectId,
    name: actor.name,
    email: `${actor.aadObjectId}@contoso.example`,
    role: actor.role,
    timeZone: 'Europe/Paris',
    conversation: null,
    reachable: true,
    updatedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** A Bot Framework conversation reference as Teams hands it over: nested, with ids and a service URL. */
export function conversationRef(actor: Actor): Record<string, unknown> {
  return {
    activityId: 'f:1234567890',
    user: { id: `29:${actor.aadObjectId}`, aadObjectId: actor.aadObjectId, name: actor.name },
    bot: { id: '28:esd-bot', name: 'ESD bot' },
    conversation: { id: `a:conv-${actor.aadObjectId}`, conversationType: 'personal', tenantId: tenantId(0) },
    channelId: 'msteams',
    locale: 'fr-FR',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
  };
}

/** The deterministic reminder id the sweep uses: one per workload, due date and kind. */
export function reminderId(tenant: string, workload: WorkloadName, dueOn: CalendarDate, kind: ReminderKind): string {
  return `${tenant}.${workload}.${dueOn}.${kind}`;
}

export function sentCardFixture(
  tenant: string, workload: WorkloadName, dueOn: CalendarDate, kind: ReminderKind = 'start',
  overrides: Partial<SentCard> = {},
): SentCard {
  return {
    id: reminderId(tenant, workload, dueOn, kind),
    tenantId: tenant,
    workload,
    dueOn,
    kind,
    recipientId: actors.fm.aadObjectId,
    status: 'claimed',
    attempts: 0,
    activityId: null,
    conversationId: null,
    lastError: null,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** One date change as it shows in the history and in the notes: who, when, which workload, why. */
function changeKey(workload: string, at: string, by: string, reason: string | null): string {
  return JSON.stringify([workload, at, by, reason]);
}

/**
 * R6: every date change in a workload's history (after its first, creating entry) has its `dateChanged` note in the
 * Overall Status Notes, and every such note its history entry: never one without the other. Entries written by an
 * L1 status change (R1) go with a `statusChanged` note instead, and those of a start recorded on another day than the
 * ESD (R5) with its `started` note: they are left out.
 */
export function assertDateChangesMatchNotes(customer: Customer): void {
  const statusChanges = new Set(customer.statusNotes.filter((n) => n.kind === 'statusChanged' || n.kind === 'started')
    .map((n) => JSON.stringify([n.workload, n.at])));
  const fromHistory = customer.workloads.flatMap((w) => w.history.slice(1)
    .filter((h) => !statusChanges.has(JSON.stringify([w.workload, h.at])))
    .map((h) => changeKey(w.workload, h.at, h.by.aadObjectId, h.reason)));
  const fromNotes = customer.statusNotes.filter((n) => n.kind === 'dateChanged')
    .map((n) => changeKey(n.workload ?? '', n.at, n.by.aadObjectId, n.text));
  assert.deepEqual([...fromHistory].sort(), [...fromNotes].sort(),
    `${customer.tenantId}: date changes in history and dateChanged notes differ (R6)`);
}
