import {
  addYears, EARLIEST_ESD, firstDayOfMonth, MAX_YEARS_AHEAD, monthOf, parseCalendarDate, parseCalendarMonth,
  type CalendarDate,
} from './dates';
import { detail, DomainError, fieldPath, type ErrorDetail } from './errors';
import { phrase, type Phrase } from './phrases';
import {
  isApiKeyActor,
  type Actor, type Customer, type DatePrecision, type L1Status, type Person, type ReminderKind, type Role,
  type Workload, type WorkloadState,
} from './types';

/** R1: an ESD applies only to workloads the customer intends to deploy. */
export function esdApplies(l1Status: L1Status): boolean {
  return l1Status === 'InProgress';
}

/**
 * R1: an active ESD is counted in load and can be reminded about; a workload that left InProgress keeps only
 * history.
 */
export function hasActiveEsd(workload: Pick<Workload, 'l1Status' | 'engagementStartDate' | 'state'>): boolean {
  return esdApplies(workload.l1Status) && workload.engagementStartDate !== null && workload.state !== 'notApplicable';
}

/**
 * P2: a workload in flight is FM load until it completes: started (R3), not completed. That includes an engagement
 * entered as already under way (R2), which has no ESD; a workload that leaves InProgress is no longer started (R1).
 */
export function isInFlight(workload: Workload): boolean {
  return workload.state === 'started';
}

/** The states in which the start has not happened yet, so the date may still move (R4, R5). */
export const OPEN_STATES: readonly WorkloadState[] = ['scheduled', 'awaitingCustomer', 'inactive'];

export interface EsdInput {
  engagementStartDate?: unknown;
  engagementStartMonth?: unknown;
}

export interface Esd {
  date: CalendarDate;
  precision: DatePrecision;
}

/**
 * Reads a day (`YYYY-MM-DD`) or a month (`YYYY-MM`, R7: stored as its 1st) into `details`.
 * Bounds: a real date, not before 2019-10-01, not in the past (R2: no backfill; a month counts from its 1st day
 * in the current month), at most three years ahead. `pastAdvice` follows the message about a day in the past (what to
 * do instead, where the caller knows it).
 */
export function readEsd(
  input: EsdInput, today: CalendarDate, path: string, details: ErrorDetail[], pastAdvice: Phrase | null = null,
): Esd | null {
  const hasDate = input.engagementStartDate !== undefined && input.engagementStartDate !== null
    && input.engagementStartDate !== '';
  const hasMonth = input.engagementStartMonth !== undefined && input.engagementStartMonth !== null
    && input.engagementStartMonth !== '';
  if (hasDate && hasMonth) {
    details.push(detail(path, phrase('rules.esd.both')));
    return null;
  }
  if (!hasDate && !hasMonth) return null;
  let esd: Esd;
  if (hasDate) {
    const date = parseCalendarDate(input.engagementStartDate);
    if (!date) {
      details.push(detail(fieldPath(path, 'engagementStartDate'), phrase('rules.esd.badDay')));
      return null;
    }
    esd = { date, precision: 'day' };
  } else {
    const month = parseCalendarMonth(input.engagementStartMonth);
    if (!month) {
      details.push(detail(fieldPath(path, 'engagementStartMonth'), phrase('rules.esd.badMonth')));
      return null;
    }
    esd = { date: firstDayOfMonth(month), precision: 'month' };
  }
  const field = fieldPath(path, esd.precision === 'day' ? 'engagementStartDate' : 'engagementStartMonth');
  const latest = addYears(today, MAX_YEARS_AHEAD);
  const earliestAllowed = esd.precision === 'day' ? today : firstDayOfMonth(monthOf(today));
  if (esd.date < EARLIEST_ESD) {
    details.push(detail(field, phrase('rules.esd.tooEarly', { earliest: EARLIEST_ESD })));
  } else if (esd.date < earliestAllowed) {
    const past = { date: esd.date, today };
    details.push(detail(field, pastAdvice ? phrase('rules.esd.pastAdvice', { ...past, advice: pastAdvice })
      : phrase('rules.esd.past', past)));
  } else if (esd.date > latest) {
    details.push(detail(field, phrase('rules.esd.tooLate', { years: MAX_YEARS_AHEAD, latest })));
  } else {
    return esd;
  }
  return null;
}

/**
 * R2: the day an engagement already under way started, as the Gateway enters it: a real date, today or earlier (a
 * start still to come is an ESD), and not before 2019-10-01. Reads into `details` at `path`.
 */
export function readStartedOn(
  value: unknown, today: CalendarDate, path: string, details: ErrorDetail[],
): CalendarDate | null {
  const day = parseCalendarDate(value);
  if (!day) {
    details.push(detail(path, phrase('rules.startedOn.bad')));
  } else if (day > today) {
    details.push(detail(path, phrase('rules.startedOn.future', { day, today })));
  } else if (day < EARLIEST_ESD) {
    details.push(detail(path, phrase('rules.startedOn.tooEarly', { day, earliest: EARLIEST_ESD })));
  } else {
    return day;
  }
  return null;
}

/**
 * R4, R9: who may enter customers and correct their engagement data (the REST API's Gateway routes, the Teams
 * `new customer` form). The Gateway team enters and may correct dates; admins may do anything; FMs act through their
 * cards; partners are never required to and may not.
 */
export const CUSTOMER_ENTRY_ROLES: readonly Role[] = ['gateway', 'admin'];

/** R4, R9: whether `actor` may enter customers (CUSTOMER_ENTRY_ROLES); nobody without a role may. */
export function mayEnterCustomers(actor: Actor | null): boolean {
  return actor !== null && CUSTOMER_ENTRY_ROLES.includes(actor.role);
}

/**
 * P1, P2: who may see the customers waiting for an FM and assign them (the Gateway queue, `GET /api/suggestions`,
 * `PUT …/assignee`, the Teams `queue` command and its `assign` action): the Gateway team, and admins.
 */
export const ASSIGNMENT_ROLES: readonly Role[] = ['gateway', 'admin'];

/** P1, P2: whether `actor` may assign customers (ASSIGNMENT_ROLES); nobody without a role may. */
export function mayAssign(actor: Actor | null): boolean {
  return actor !== null && ASSIGNMENT_ROLES.includes(actor.role);
}

/**
 * P2: who may see the FMs' load (the `load` command): Gateway staff and admins, who assign by it, and FMs, who see
 * the whole team beside themselves (counts only, no customer: the load of a team is its shared planning).
 */
export const LOAD_VIEWER_ROLES: readonly Role[] = ['gateway', 'admin', 'fm'];

export function mayViewLoad(actor: Actor | null): boolean {
  return actor !== null && LOAD_VIEWER_ROLES.includes(actor.role);
}

/** Why a partner may not see the FMs' load, and what to do instead. */
export const LOAD_REFUSAL = phrase('rules.loadRefusal');

/** Why someone the directory does not know, or knows without a role yet, may do nothing but ask for one. */
export const NOT_IN_DIRECTORY = phrase('rules.notInDirectory');

/** R9: why a partner's card is read-only, and who keeps the date instead. */
export const PARTNER_REFUSAL = phrase('rules.partnerRefusal');
/** R4: why another FM's (or a Gateway person's) card is read-only, and what to do when it should be theirs. */
export const NOT_ASSIGNED_REFUSAL = phrase('rules.notAssignedRefusal');

/**
 * R4, R9: the card actions belong to the assigned FM (or an admin); partners, other FMs and people without a role
 * (`null`: not in the directory) get read-only cards. Returns why the actor may not act, or null when they may.
 */
export function cardRefusal(actor: Actor | null, customer: Customer): Phrase | null {
  if (!actor) return NOT_IN_DIRECTORY;
  if (actor.role === 'admin') return null;
  if (isAssignedFm(actor, customer)) return null;
  return actor.role === 'partner' ? PARTNER_REFUSAL : NOT_ASSIGNED_REFUSAL;
}

export function mayActOnCard(actor: Actor, customer: Customer): boolean {
  return cardRefusal(actor, customer) === null;
}

export function assertMayActOnCard(actor: Actor, customer: Customer): void {
  const why = cardRefusal(actor, customer);
  if (why) throw new DomainError('forbidden', why);
}

/** The actor is the FM the customer is assigned to (by directory id). */
function isAssignedFm(actor: Actor, customer: Customer): boolean {
  return actor.role === 'fm' && customer.assignee?.type === 'fm' && customer.assignee.aadObjectId === actor.aadObjectId;
}

/**
 * R7, R8: who may add a workload to a customer: the Gateway team and admins (CUSTOMER_ENTRY_ROLES), and the FM the
 * customer is assigned to, who sets the next workload of a serial deployment and adds what a Customer Success Review
 * announced. Partners (R9) and other FMs may not; an API key names no person, so it is never "the assigned FM".
 * Returns why the actor may not, saying who can, or null when they may.
 */
export function addWorkloadRefusal(actor: Actor | null, customer: Customer): Phrase | null {
  if (!actor) return NOT_IN_DIRECTORY;
  if (CUSTOMER_ENTRY_ROLES.includes(actor.role) || isAssignedFm(actor, customer)) return null;
  if (actor.role === 'fm' && isApiKeyActor(actor)) return phrase('rules.addWorkload.apiKey');
  const fm = customer.assignee?.type === 'fm' ? customer.assignee : null;
  const who = !fm ? phrase('rules.who.gateway') : fm.name ? phrase('rules.who.namedFm', { name: fm.name }) : phrase('rules.who.fm');
  return phrase(actor.role === 'partner' ? 'rules.addWorkload.partner' : 'rules.addWorkload.other', { who, customer: customer.name });
}

export function mayAddWorkload(actor: Actor | null, customer: Customer): boolean {
  return addWorkloadRefusal(actor, customer) === null;
}

/**
 * R9: who may look a customer up (the `customer` command and its card): a partner only its own customers (by the
 * partner id the directory gives them); everyone else with a role, every customer.
 */
export function maySeeCustomer(viewer: Person, customer: Customer): boolean {
  if (!viewer.role) return false;
  if (viewer.role !== 'partner') return true;
  return customer.assignee?.type === 'partner' && customer.assignee.partnerId === viewer.partnerId;
}

export interface ReminderDue {
  on: CalendarDate;
  kind: ReminderKind;
  recipientId: string;
}

/**
 * When the assigned FM is to be asked about a workload, or null when nobody is:
 * R1 (only InProgress with an active date), R2 (no date, no prompt: nothing is backfilled, and a workload entered as
 * already under way has no ESD to ask about),
 * R5 (after "no response" ask again on the follow-up day; an inactive customer is not asked),
 * R9 (partners are not prompted; an unassigned customer has nobody to prompt).
 */
export function reminderDue(customer: Customer, workload: Workload): ReminderDue | null {
  if (customer.assignee?.type !== 'fm' || !hasActiveEsd(workload)) return null;
  const recipientId = customer.assignee.aadObjectId;
  if (workload.state === 'scheduled') return { on: workload.engagementStartDate as CalendarDate, kind: 'start', recipientId };
  if (workload.state === 'awaitingCustomer' && workload.followUpOn) {
    return { on: workload.followUpOn, kind: 'followUp', recipientId };
  }
  return null;
}
