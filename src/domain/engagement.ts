/**
 * The state transitions of one workload's engagement. Each takes a customer and returns a new one (the input is
 * never mutated), so a service can retry a transition on fresh state after a write conflict. The ESD change and
 * its reason note are made together on the one customer document: one atomic write (R6).
 */
import { addNote, findWorkload, readWorkload, type ChangeContext, type WorkloadInput } from './customer';
import { addDays, EARLIEST_ESD, monthOf, nextWorkingDay, parseCalendarDate, toInstant, type CalendarDate } from './dates';
import { DomainError, throwIfInvalid, type ErrorDetail } from './errors';
import { phrase } from './phrases';
import { esdApplies, OPEN_STATES, readEsd, type EsdInput } from './rules';
import { readText } from './text';
import {
  isOneOf, L1_STATUSES,
  type Assignee, type ChangeSource, type Customer, type L1Status, type Workload, type WorkloadState,
} from './types';

/**
 * A copy of the customer to change, and in it the workload, whose revision the change bumps. Only what a transition
 * changes is copied (the customer, its workload list and notes list, the workload and its history list); the rest is
 * shared with the input, which nobody mutates. A card action used to clone the whole document here.
 */
function draft(customer: Customer, workloadName: string): { next: Customer; workload: Workload } {
  const current = findWorkload(customer, workloadName);
  const workload: Workload = { ...current, history: [...current.history], revision: current.revision + 1 };
  const workloads = customer.workloads.map((w) => (w === current ? workload : w));
  const next: Customer = { ...customer, workloads, statusNotes: [...customer.statusNotes] };
  return { next, workload };
}

/** What can be done to one workload's engagement: the FM's card verbs (contract.md "Teams" verbs). */
export const ENGAGEMENT_VERBS = ['confirmStart', 'reschedule', 'noResponse', 'customerInactive', 'complete'] as const;
export type EngagementVerb = (typeof ENGAGEMENT_VERBS)[number];

/** The states each verb may start from (R3, R5, P3; a reschedule is any date change, R4, R6), and what it does. */
const VERB_RULES: Record<EngagementVerb, { states: readonly WorkloadState[]; action: string }> = {
  confirmStart: { states: OPEN_STATES, action: 'confirm the start' },
  reschedule: { states: OPEN_STATES, action: 'change the date' },
  noResponse: { states: OPEN_STATES, action: 'record no response' },
  customerInactive: { states: ['scheduled', 'awaitingCustomer'], action: 'mark the customer inactive' },
  complete: { states: ['started'], action: 'complete the deployment' },
};

/** Why the state refuses the action, and what to do instead (plain words: these texts reach cards and REST bodies). */
function stateRefusal(workload: Workload, verb: EngagementVerb, action: string): string {
  const name = workload.workload;
  switch (workload.state) {
    case 'started':
      return `Cannot ${action}: ${name} has started already${workload.startedOn ? ` (on ${workload.startedOn})` : ''}, `
        + 'so its date stays as it is. When the deployment is finished, record "Deployment finished".';
    case 'completed':
      return `Cannot ${action}: the deployment of ${name} is completed. For more work with this customer, add a `
        + 'further workload.';
    case 'inactive':
      if (verb === 'customerInactive') {
        return `Cannot ${action}: ${name} is marked inactive already. When the customer answers, record `
          + '"Communication started" or reschedule.';
      }
      break;
    case 'notApplicable':
      return `Cannot ${action}: ${name} has no active Engagement Start Date.`;
    default:
      break;
  }
  return `Cannot ${action}: ${name} has not started yet. Record "Communication started" first.`;
}

/** Why the workload refuses `verb` (R1: only an InProgress workload has an ESD; then its state), or null. */
export function verbRefusal(workload: Workload, verb: EngagementVerb): string | null {
  if (!esdApplies(workload.l1Status)) {
    return `${workload.workload} is ${workload.l1Status}: only InProgress workloads have an Engagement Start Date. `
      + 'To give it one, set its L1 status to InProgress together with the date (the Gateway team can).';
  }
  const { states, action } = VERB_RULES[verb];
  return states.includes(workload.state) ? null : stateRefusal(workload, verb, action);
}

/** The verbs the workload allows now: the transitions refuse every other one, and the card offers only these. */
export function allowedVerbs(workload: Workload): ReadonlySet<EngagementVerb> {
  return new Set(ENGAGEMENT_VERBS.filter((verb) => verbRefusal(workload, verb) === null));
}

function requireVerb(workload: Workload, verb: EngagementVerb): void {
  const refusal = verbRefusal(workload, verb);
  if (refusal) throw new DomainError('conflict', refusal);
}

function readRequiredNote(value: unknown, path: string, label: string): string {
  const details: ErrorDetail[] = [];
  const text = readText(value, path, details, { required: true, label });
  throwIfInvalid(details);
  return text as string;
}

/** What the card says to an FM who reschedules to a past day (R5: that is a start recorded late, not a new date). */
export const RESCHEDULE_PAST_ADVICE = phrase('engagement.reschedulePastAdvice');

/**
 * R4, R5, R6, R7: moves the ESD to a new day or month. The reason is required whenever a date already existed,
 * and lands in the Overall Status Notes in the same write; history keeps who, when, from and to (R10).
 */
export function changeDate(
  customer: Customer, workloadName: string, input: EsdInput & { reason?: unknown }, ctx: ChangeContext,
  source: ChangeSource,
): Customer {
  const { next, workload } = draft(customer, workloadName);
  requireVerb(workload, 'reschedule');
  const details: ErrorDetail[] = [];
  // R4, R5: an FM's card never moves the date into the past; a start that already happened is recorded as one.
  const esd = readEsd(input, ctx.today, '', details, source === 'card' ? RESCHEDULE_PAST_ADVICE : null);
  if (!esd && details.length === 0) details.push({ path: 'engagementStartDate', message: 'A new date or month is required.' });
  const reason = readText(input.reason, 'reason', details, { required: true, label: 'A reason' });
  throwIfInvalid(details);
  if (!esd || reason === null) throw new Error('unreachable: validated above');
  if (esd.date === workload.engagementStartDate && esd.precision === workload.datePrecision) {
    throw new DomainError('validation', `The date is already ${esd.date}.`, [
      { path: esd.precision === 'day' ? 'engagementStartDate' : 'engagementStartMonth', message: 'Pick a date different from the current one.' },
    ]);
  }
  workload.history.push({
    at: toInstant(ctx.now), by: ctx.actor, from: workload.engagementStartDate, to: esd.date,
    precision: esd.precision, reason, source,
  });
  workload.engagementStartDate = esd.date;
  workload.datePrecision = esd.precision;
  workload.state = 'scheduled'; // R5: a new date from the customer re-opens an unanswered or inactive engagement
  workload.followUpOn = null;
  addNote(next, ctx, workload.workload, 'dateChanged', reason);
  return next;
}

/** R5: how far back an FM may record the day communication started (a start recorded late, not a backfill, R2). */
export const MAX_START_DAYS_BACK = 30;
/** R10: the reason of the history entry when confirming a start moves the ESD to the day it happened (R5). */
export const STARTED_REASON = 'Communication with the customer started on that day.';

/** R5: the earliest day an FM may give as the start: MAX_START_DAYS_BACK days back, never before 2019-10-01. */
export function earliestStartDay(today: CalendarDate): CalendarDate {
  const back = addDays(today, -MAX_START_DAYS_BACK);
  return back < EARLIEST_ESD ? EARLIEST_ESD : back;
}

/** Why `day` cannot be the day communication started, given the FM's today; null when it can. */
function startDayProblem(day: CalendarDate | null, today: CalendarDate): string | null {
  const earliest = earliestStartDay(today);
  if (!day) return 'The day must be a real date as YYYY-MM-DD.';
  if (day > today) return `${day} is in the future: pick the day it started, today (${today}) or earlier.`;
  if (day < EARLIEST_ESD) return `${day} is before ${EARLIEST_ESD}, when Engagement Start Dates began: check the year.`;
  if (day < earliest) {
    return `${day} is more than ${MAX_START_DAYS_BACK} days ago: pick a day from ${earliest} to today (${today}).`;
  }
  return null;
}

/**
 * R5: the day communication started, as the FM gives it: today when not given; else a real date from
 * MAX_START_DAYS_BACK days back (never before 2019-10-01) up to today. Errors are on the field `startedOn`.
 */
function readStartDay(value: unknown, today: CalendarDate): CalendarDate {
  if (value === undefined || value === null || value === '') return today;
  const day = parseCalendarDate(value);
  const problem = startDayProblem(day, today);
  if (problem !== null || day === null) {
    throw new DomainError('validation', 'The request is not valid.', [{ path: 'startedOn', message: problem ?? '' }]);
  }
  return day;
}

/** An ESD as a note names it: the day, or the month of an estimate (R7). */
function plannedLabel(date: CalendarDate, precision: Workload['datePrecision']): string {
  return precision === 'month' ? `${monthOf(date)} (a month estimate)` : date;
}

/**
 * R3, R5: communication started (a two-way exchange) on `startedOn` (default: today in the FM's time zone). In the
 * end the ESD is the day it actually started: when that differs from the ESD (or the ESD was only a month, R7), the
 * ESD becomes that day in the same write, with its history entry (R10); the `started` note says both.
 */
export function confirmStart(
  customer: Customer, workloadName: string, ctx: ChangeContext, startedOn?: unknown, source: ChangeSource = 'card',
): Customer {
  const day = readStartDay(startedOn, ctx.today);
  const { next, workload } = draft(customer, workloadName);
  requireVerb(workload, 'confirmStart');
  const planned = workload.engagementStartDate;
  let text = `Communication with the customer started on ${day}.`;
  if (planned !== day || workload.datePrecision !== 'day') {
    workload.history.push({
      at: toInstant(ctx.now), by: ctx.actor, from: planned, to: day, precision: 'day', reason: STARTED_REASON, source,
    });
    if (planned !== null) {
      text += ` The Engagement Start Date moved from ${plannedLabel(planned, workload.datePrecision)} to that day.`;
    }
    workload.engagementStartDate = day;
    workload.datePrecision = 'day';
  }
  workload.state = 'started';
  workload.startedOn = day;
  workload.followUpOn = null;
  addNote(next, ctx, workload.workload, 'started', text);
  return next;
}

/** R5: the FM tried and the customer did not answer: the date stays, the FM is asked again the next working day. */
export function recordNoResponse(
  customer: Customer, workloadName: string, note: unknown, ctx: ChangeContext,
): Customer {
  const text = readRequiredNote(note, 'note', 'A note');
  const { next, workload } = draft(customer, workloadName);
  requireVerb(workload, 'noResponse');
  workload.state = 'awaitingCustomer';
  workload.followUpOn = nextWorkingDay(ctx.today);
  addNote(next, ctx, workload.workload, 'noResponse', text);
  return next;
}

/** R5: the customer never responds and went inactive: note it, do not change the date, stop the reminders. */
export function markCustomerInactive(
  customer: Customer, workloadName: string, note: unknown, ctx: ChangeContext,
): Customer {
  const text = readRequiredNote(note, 'note', 'A note');
  const { next, workload } = draft(customer, workloadName);
  requireVerb(workload, 'customerInactive');
  workload.state = 'inactive';
  workload.followUpOn = null;
  addNote(next, ctx, workload.workload, 'customerInactive', text);
  return next;
}

/** P3: a started deployment finished; the gap to the next workload's start measures serial deployments. */
export function completeDeployment(
  customer: Customer, workloadName: string, note: unknown, ctx: ChangeContext,
): Customer {
  const details: ErrorDetail[] = [];
  const text = readText(note, 'note', details, { required: false, label: 'A note' });
  throwIfInvalid(details);
  const { next, workload } = draft(customer, workloadName);
  requireVerb(workload, 'complete');
  workload.state = 'completed';
  workload.completedOn = ctx.today;
  addNote(next, ctx, workload.workload, 'completed', text ?? `Deployment completed on ${ctx.today}.`);
  return next;
}

/**
 * R1: a workload leaving InProgress keeps its history but its ESD stops being active; one entering InProgress
 * needs a date in the same step (and a reason when it already had one, R6).
 */
export function changeL1Status(
  customer: Customer, workloadName: string, input: EsdInput & { l1Status?: unknown; reason?: unknown },
  ctx: ChangeContext, source: ChangeSource,
): Customer {
  if (!isOneOf(L1_STATUSES, input.l1Status)) {
    throw new DomainError('validation', 'The request is not valid.', [
      { path: 'l1Status', message: `l1Status must be one of ${L1_STATUSES.join(', ')}.` },
    ]);
  }
  const status: L1Status = input.l1Status;
  const current = findWorkload(customer, workloadName);
  if (current.l1Status === status) throw new DomainError('validation', `${workloadName} is already ${status}.`, [
    { path: 'l1Status', message: `The status is already ${status}.` },
  ]);
  if (esdApplies(status)) return enterInProgress(customer, current, input, ctx, source);
  const details: ErrorDetail[] = [];
  if (readEsd(input, ctx.today, '', details) || details.length > 0) {
    throw new DomainError('validation', 'An Engagement Start Date applies only to InProgress workloads.', [
      { path: 'engagementStartDate', message: `Remove the date: ${status} workloads carry none.` },
    ]);
  }
  const reason = readText(input.reason, 'reason', details, { required: false, label: 'A reason' });
  throwIfInvalid(details);
  const { next, workload } = draft(customer, workloadName);
  const from = workload.l1Status;
  workload.l1Status = status;
  if (workload.state !== 'completed') workload.state = 'notApplicable';
  workload.followUpOn = null;
  addNote(next, ctx, workload.workload, 'statusChanged',
    `L1 status ${from} → ${status}.${reason ? ` ${reason}` : ''}`);
  return next;
}

function enterInProgress(
  customer: Customer, current: Workload, input: EsdInput & { reason?: unknown }, ctx: ChangeContext,
  source: ChangeSource,
): Customer {
  const details: ErrorDetail[] = [];
  const fresh = readWorkload({ ...input, workload: current.workload, l1Status: 'InProgress' }, '', details, ctx, source);
  const reasonRequired = current.engagementStartDate !== null;
  const reason = readText(input.reason, 'reason', details, { required: reasonRequired, label: 'A reason' });
  throwIfInvalid(details);
  if (!fresh) throw new Error('unreachable: validated above');
  const { next, workload } = draft(customer, current.workload);
  const entry = fresh.history[0];
  if (entry) workload.history.push({ ...entry, from: current.engagementStartDate, reason });
  const from = workload.l1Status;
  Object.assign(workload, {
    l1Status: 'InProgress', engagementStartDate: fresh.engagementStartDate, datePrecision: fresh.datePrecision,
    state: 'scheduled', startedOn: null, completedOn: null, followUpOn: null,
  } satisfies Partial<Workload>);
  addNote(next, ctx, workload.workload, 'statusChanged',
    `L1 status ${from} → InProgress, Engagement Start Date ${fresh.engagementStartDate}.${reason ? ` ${reason}` : ''}`);
  return next;
}

/**
 * R7, R8: a further workload for a customer already deploying (serial deployment, or announced at a review). The
 * optional `note` (1–2,000 characters) goes into the Overall Status Notes with the addition, in the same write.
 */
export function addWorkload(
  customer: Customer, input: WorkloadInput, ctx: ChangeContext, source: ChangeSource, note?: unknown,
): Customer {
  const details: ErrorDetail[] = [];
  const workload = readWorkload(input, '', details, ctx, source);
  const text = readText(note, 'note', details, { required: false, label: 'A note' });
  throwIfInvalid(details);
  if (!workload) throw new Error('unreachable: validated above');
  if (customer.workloads.some((w) => w.workload === workload.workload)) {
    throw new DomainError('conflict', `${customer.name} already has ${workload.workload}: change that workload `
      + '(its date or status) instead of adding it again.');
  }
  const next = structuredClone(customer);
  next.workloads.push(workload);
  const when = workload.engagementStartDate
    ? ` with Engagement Start Date ${workload.datePrecision === 'month' ? `in ${workload.engagementStartDate.slice(0, 7)}` : workload.engagementStartDate}`
    : '';
  addNote(next, ctx, workload.workload, 'note',
    `Workload ${workload.workload} added (${workload.l1Status})${when}.${text === null ? '' : ` ${text}`}`);
  return next;
}

/** R4, R9: assign the customer to an FM or an FRP partner. */
export function assign(customer: Customer, assignee: Assignee, ctx: ChangeContext): Customer {
  const next = structuredClone(customer);
  next.assignee = assignee;
  const who = assignee.type === 'fm' ? `FM ${assignee.name}` : `partner ${assignee.name}`;
  addNote(next, ctx, null, 'note', `Assigned to ${who}.`);
  return next;
}
