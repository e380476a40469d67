/**
 * The state transitions of one workload's engagement. Each takes a customer and returns a new one (the input is
 * never mutated), so a service can retry a transition on fresh state after a write conflict. The ESD change and
 * its reason note are made together on the one customer document: one atomic write (R6).
 */
import {
  addNote, findWorkload, L1_STATUS_ONE_OF, l1StatusPhrase, readWorkload, type ChangeContext, type WorkloadInput,
} from './customer';
import { addDays, EARLIEST_ESD, monthOf, nextWorkingDay, parseCalendarDate, toInstant, type CalendarDate } from './dates';
import { detail, DomainError, throwIfInvalid, type ErrorDetail } from './errors';
import { phrase, type Phrase } from './phrases';
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

/** The states each verb may start from (R3, R5, P3; a reschedule is any date change, R4, R6). */
const VERB_STATES: Record<EngagementVerb, readonly WorkloadState[]> = {
  confirmStart: OPEN_STATES,
  reschedule: OPEN_STATES,
  noResponse: OPEN_STATES,
  customerInactive: ['scheduled', 'awaitingCustomer'],
  complete: ['started'],
};

/** Why the state refuses the verb, and what to do instead (plain words: these texts reach cards and REST bodies). */
function stateRefusal(workload: Workload, verb: EngagementVerb): Phrase {
  const said = { action: phrase(`engagement.action.${verb}`), workload: workload.workload };
  switch (workload.state) {
    case 'started':
      return workload.startedOn ? phrase('engagement.refusal.startedOn', { ...said, day: workload.startedOn })
        : phrase('engagement.refusal.started', said);
    case 'completed':
      return phrase('engagement.refusal.completed', said);
    case 'inactive':
      if (verb === 'customerInactive') return phrase('engagement.refusal.inactive', said);
      break;
    case 'notApplicable':
      return phrase('engagement.refusal.notApplicable', said);
    default:
      break;
  }
  return phrase('engagement.refusal.notStarted', said);
}

/** Why the workload refuses `verb` (R1: only an InProgress workload has an ESD; then its state), or null. */
export function verbRefusal(workload: Workload, verb: EngagementVerb): Phrase | null {
  if (!esdApplies(workload.l1Status)) {
    return phrase('engagement.refusal.notInProgress', {
      workload: workload.workload, status: l1StatusPhrase(workload.l1Status),
    });
  }
  return VERB_STATES[verb].includes(workload.state) ? null : stateRefusal(workload, verb);
}

/** The verbs the workload allows now: the transitions refuse every other one, and the card offers only these. */
export function allowedVerbs(workload: Workload): ReadonlySet<EngagementVerb> {
  return new Set(ENGAGEMENT_VERBS.filter((verb) => verbRefusal(workload, verb) === null));
}

function requireVerb(workload: Workload, verb: EngagementVerb): void {
  const refusal = verbRefusal(workload, verb);
  if (refusal) throw new DomainError('conflict', refusal);
}

/** The labels of the free texts a transition reads, as their messages name them ("A reason is required."). */
const REASON = phrase('engagement.label.reason');
const NOTE = phrase('engagement.label.note');

function readRequiredNote(value: unknown, path: string, label: Phrase): string {
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
  if (!esd && details.length === 0) details.push(detail('engagementStartDate', phrase('engagement.dateRequired')));
  const reason = readText(input.reason, 'reason', details, { required: true, label: REASON });
  throwIfInvalid(details);
  if (!esd || reason === null) throw new Error('unreachable: validated above');
  if (esd.date === workload.engagementStartDate && esd.precision === workload.datePrecision) {
    throw new DomainError('validation', phrase('engagement.sameDate', { date: esd.date }), [
      detail(esd.precision === 'day' ? 'engagementStartDate' : 'engagementStartMonth', phrase('engagement.pickDifferentDate')),
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
function startDayProblem(day: CalendarDate | null, today: CalendarDate): Phrase | null {
  const earliest = earliestStartDay(today);
  if (!day) return phrase('engagement.startDay.bad');
  if (day > today) return phrase('engagement.startDay.future', { day, today });
  if (day < EARLIEST_ESD) return phrase('engagement.startDay.tooEarly', { day, earliest: EARLIEST_ESD });
  if (day < earliest) return phrase('engagement.startDay.tooLongAgo', { day, days: MAX_START_DAYS_BACK, earliest, today });
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
  if (problem !== null) throwIfInvalid([detail('startedOn', problem)]);
  if (day === null) throw new Error('unreachable: a missing day is a problem');
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
  const text = readRequiredNote(note, 'note', NOTE);
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
  const text = readRequiredNote(note, 'note', NOTE);
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
  const text = readText(note, 'note', details, { required: false, label: NOTE });
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
    throw new DomainError('validation', 'The request is not valid.', [detail('l1Status', L1_STATUS_ONE_OF)]);
  }
  const status: L1Status = input.l1Status;
  const current = findWorkload(customer, workloadName);
  if (current.l1Status === status) {
    const said = { workload: workloadName, status: l1StatusPhrase(status) };
    throw new DomainError('validation', phrase('engagement.l1Status.already', said), [
      detail('l1Status', phrase('engagement.l1Status.alreadyDetail', said)),
    ]);
  }
  if (esdApplies(status)) return enterInProgress(customer, current, input, ctx, source);
  const details: ErrorDetail[] = [];
  if (readEsd(input, ctx.today, '', details) || details.length > 0) {
    throw new DomainError('validation', phrase('engagement.l1Status.noDate'), [
      detail('engagementStartDate', phrase('engagement.l1Status.removeDate', { status: l1StatusPhrase(status) })),
    ]);
  }
  const reason = readText(input.reason, 'reason', details, { required: false, label: REASON });
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
  const reason = readText(input.reason, 'reason', details, { required: reasonRequired, label: REASON });
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
  const text = readText(note, 'note', details, { required: false, label: NOTE });
  throwIfInvalid(details);
  if (!workload) throw new Error('unreachable: validated above');
  if (customer.workloads.some((w) => w.workload === workload.workload)) {
    throw new DomainError('conflict', phrase('engagement.addWorkload.exists', {
      customer: customer.name, workload: workload.workload,
    }));
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
