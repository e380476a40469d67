import { toInstant, type CalendarDate } from './dates';
import { detail, DomainError, fieldPath, throwIfInvalid, type ErrorDetail } from './errors';
import { directoryIdPhrase, isDirectoryId, isGuid } from './ids';
import { phrase, type Phrase } from './phrases';
import { esdApplies, readEsd, readStartedOn } from './rules';
import { MAX_NAME_LENGTH, readText } from './text';
import {
  isOneOf, L1_STATUSES, WORKLOADS,
  type Actor, type Assignee, type ChangeSource, type Customer, type L1Status, type NoteKind, type StatusNote,
  type Workload, type WorkloadName,
} from './types';

/** Who, when and on behalf of which request a change is made. The clock is handed in, never read. */
export interface ChangeContext {
  actor: Actor;
  now: Date;
  /** The calendar date of `now` for the actor (their time zone). */
  today: CalendarDate;
  requestId?: string;
}

export interface WorkloadInput {
  workload?: unknown;
  l1Status?: unknown;
  engagementStartDate?: unknown;
  engagementStartMonth?: unknown;
}

/**
 * A workload as the Gateway enters it with a new customer: with a date still to come (WorkloadInput), or, for an
 * engagement already under way (R2), the day it started instead.
 */
export interface NewWorkloadInput extends WorkloadInput {
  startedOn?: unknown;
}

export interface NewCustomerInput {
  tenantId?: unknown;
  name?: unknown;
  assignee?: unknown;
  workloads?: unknown;
}

export const MAX_WORKLOADS = 50;

/** Microsoft 365 tenant ids are GUIDs. */
export const isTenantId: (value: unknown) => value is string = isGuid;

/** An L1 status as a message names it: the API's value in English, the FAQ's term in zh-CN. */
export function l1StatusPhrase(status: L1Status): Phrase {
  return phrase(`customer.l1Status.${status}`);
}

/** What an L1 status that is none of L1_STATUSES is told (R1). */
export const L1_STATUS_ONE_OF = phrase('customer.l1Status.oneOf', { statuses: L1_STATUSES.join(', ') });

/** The workload name and L1 status of an entry, each checked against its catalogue into `details`. */
function readNames(input: WorkloadInput, path: string, details: ErrorDetail[]): void {
  if (!isOneOf(WORKLOADS, input.workload)) {
    details.push(detail(fieldPath(path, 'workload'), phrase('customer.workload.oneOf', { workloads: WORKLOADS.join(', ') })));
  }
  if (!isOneOf(L1_STATUSES, input.l1Status)) details.push(detail(fieldPath(path, 'l1Status'), L1_STATUS_ONE_OF));
}

/**
 * Validates one workload entry; R1: a date only on InProgress, and InProgress needs a date (the Gateway's P1).
 * `pastAdvice` follows the message about a date in the past (what to do instead, where the caller knows it).
 */
export function readWorkload(
  input: WorkloadInput, path: string, details: ErrorDetail[], ctx: ChangeContext, source: ChangeSource,
  pastAdvice: Phrase | null = null,
): Workload | null {
  const before = details.length;
  readNames(input, path, details);
  const esd = readEsd(input, ctx.today, path, details, pastAdvice);
  if (details.length > before) return null;
  const l1Status = input.l1Status as Workload['l1Status'];
  if (esdApplies(l1Status) && !esd) {
    details.push(detail(path, phrase('customer.workload.needsDate')));
    return null;
  }
  if (!esdApplies(l1Status) && esd) {
    details.push(detail(path, phrase('customer.workload.dateNotApplicable', { status: l1StatusPhrase(l1Status) })));
    return null;
  }
  return {
    workload: input.workload as WorkloadName,
    l1Status,
    engagementStartDate: esd?.date ?? null,
    datePrecision: esd?.precision ?? null,
    state: esd ? 'scheduled' : 'notApplicable',
    startedOn: null,
    completedOn: null,
    followUpOn: null,
    revision: 1,
    history: esd
      ? [{
        at: toInstant(ctx.now), by: ctx.actor, from: null, to: esd.date, precision: esd.precision, reason: null, source,
      }]
      : [],
  };
}

/** R2, R10: the reason of the history entry of a workload entered as already under way. */
export function underWayReason(startedOn: CalendarDate): string {
  return `Entered as already under way (started on ${startedOn}).`;
}

/** R2: what a Gateway person entering a past date is told to do instead. */
const UNDER_WAY_ADVICE = phrase('customer.underWayAdvice');

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * R2: one workload of a new customer. With `startedOn` the engagement was already under way when it was entered: it
 * is stored as started on that day, with no ESD (nothing to chase, so nobody is ever reminded) and a history entry
 * saying so; an InProgress workload gives either that day or a date still to come, never both. Without `startedOn`
 * it is read as any new workload (readWorkload).
 */
function readNewWorkload(
  input: NewWorkloadInput, path: string, details: ErrorDetail[], ctx: ChangeContext, source: ChangeSource,
): Workload | null {
  const hasDate = isGiven(input.engagementStartDate) || isGiven(input.engagementStartMonth);
  const before = details.length;
  if (!isGiven(input.startedOn)) {
    if (input.l1Status !== 'InProgress' || hasDate) return readWorkload(input, path, details, ctx, source, UNDER_WAY_ADVICE);
    readNames(input, path, details);
    if (details.length === before) {
      details.push(detail(path, phrase('customer.workload.needsDateOrStart')));
    }
    return null;
  }
  readNames(input, path, details);
  const field = fieldPath(path, 'startedOn');
  const startedOn = readStartedOn(input.startedOn, ctx.today, field, details);
  if (details.length > before) return null;
  const l1Status = input.l1Status as Workload['l1Status'];
  if (!esdApplies(l1Status)) {
    details.push(detail(field, phrase('customer.workload.notUnderWay', { status: l1StatusPhrase(l1Status) })));
    return null;
  }
  if (hasDate) {
    details.push(detail(field, phrase('customer.workload.startOrDate')));
    return null;
  }
  const day = startedOn as CalendarDate;
  return {
    workload: input.workload as WorkloadName,
    l1Status,
    engagementStartDate: null,
    datePrecision: null,
    state: 'started',
    startedOn: day,
    completedOn: null,
    followUpOn: null,
    revision: 1,
    history: [{
      at: toInstant(ctx.now), by: ctx.actor, from: null, to: null, precision: null, reason: underWayReason(day), source,
    }],
  };
}

/** The id each kind of assignee is known by (R9): its field, and what a missing one is told. */
const ASSIGNEE_IDS = {
  fm: { field: 'aadObjectId', required: phrase('customer.assignee.fmIdRequired') },
  partner: { field: 'partnerId', required: phrase('customer.assignee.partnerIdRequired') },
} as const;

/** A directory or partner id of an assignee, trimmed, into `details`: required, and one every store can hold. */
function readId(value: unknown, parent: string, details: ErrorDetail[], type: Assignee['type']): string | null {
  const { field, required } = ASSIGNEE_IDS[type];
  const path = fieldPath(parent, field);
  const id = typeof value === 'string' ? value.trim() : '';
  if (id === '') details.push(detail(path, required));
  else if (!isDirectoryId(id)) details.push(detail(path, directoryIdPhrase(phrase(`customer.id.label.${field}`))));
  else return id;
  return null;
}

/** A name's label in the messages ("name is required."). */
const NAME_LABEL = phrase('customer.text.label.name');

/** Validates an assignee: an FM by directory id, or an FRP partner (R9). */
export function readAssignee(value: unknown, path: string, details: ErrorDetail[]): Assignee | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    details.push(detail(path, phrase('customer.assignee.notObject')));
    return null;
  }
  const a = value as Record<string, unknown>;
  const name = readText(a.name, `${path}/name`, details, {
    required: false, max: MAX_NAME_LENGTH, label: NAME_LABEL, singleLine: true,
  });
  if (a.type === 'fm') {
    const aadObjectId = readId(a.aadObjectId, path, details, 'fm');
    return aadObjectId === null ? null : { type: 'fm', aadObjectId, name: name ?? '' };
  }
  if (a.type === 'partner') {
    const partnerId = readId(a.partnerId, path, details, 'partner');
    return partnerId === null ? null : { type: 'partner', partnerId, name: name ?? '' };
  }
  details.push(detail(`${path}/type`, phrase('customer.assignee.badType')));
  return null;
}

/** R9: the same assignee: the same FM (by directory id) or the same partner (by partner id), whatever the names. */
export function sameAssignee(a: Assignee | null, b: Assignee | null): boolean {
  if (!a || !b) return a === b;
  return a.type === 'fm' && b.type === 'fm' ? a.aadObjectId === b.aadObjectId
    : a.type === 'partner' && b.type === 'partner' && a.partnerId === b.partnerId;
}

/**
 * The same assignee as entered: the same one (sameAssignee), and for a partner the same name too, since a partner's
 * name is entered with it (an FM's name comes from the directory, not from the entry).
 */
export function sameAssigneeAsEntered(a: Assignee | null, b: Assignee | null): boolean {
  return sameAssignee(a, b) && (a?.type !== 'partner' || a.name === b?.name);
}

/** R4: a new customer as the Gateway enters it, before or at assignment. */
export function newCustomer(input: NewCustomerInput, ctx: ChangeContext, source: ChangeSource = 'gateway'): Customer {
  const details: ErrorDetail[] = [];
  if (!isTenantId(input.tenantId)) details.push(detail('tenantId', phrase('customer.tenantId.bad')));
  const name = readText(input.name, 'name', details, {
    required: true, max: MAX_NAME_LENGTH, label: NAME_LABEL, singleLine: true,
  });
  const assignee = readAssignee(input.assignee, 'assignee', details);
  const workloads: Workload[] = [];
  if (!Array.isArray(input.workloads) || input.workloads.length === 0) {
    details.push(detail('workloads', phrase('customer.workloads.none')));
  } else if (input.workloads.length > MAX_WORKLOADS) {
    details.push(detail('workloads', phrase('customer.workloads.tooMany', { max: MAX_WORKLOADS })));
  } else {
    input.workloads.forEach((entry: unknown, i) => {
      const path = `workloads/${i}`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        details.push(detail(path, phrase('customer.workloads.notObject')));
        return;
      }
      const workload = readNewWorkload(entry, path, details, ctx, source);
      if (!workload) return;
      if (workloads.some((w) => w.workload === workload.workload)) {
        details.push(detail(`${path}/workload`, phrase('customer.workloads.twice', { workload: workload.workload })));
      } else {
        workloads.push(workload);
      }
    });
  }
  throwIfInvalid(details);
  const at = toInstant(ctx.now);
  const customer: Customer = {
    tenantId: (input.tenantId as string).toLowerCase(),
    name: name as string,
    assignee,
    workloads,
    statusNotes: [],
    createdAt: at,
    updatedAt: at,
  };
  // R2: a workload entered as already under way says so in the notes, as a start recorded on a card does.
  for (const w of workloads) {
    if (w.state === 'started' && w.startedOn) {
      addNote(customer, ctx, w.workload, 'started', `Already under way when entered: communication started on ${w.startedOn}.`);
    }
  }
  return customer;
}

/** The workload by name, or `not_found`. */
export function findWorkload(customer: Customer, name: string): Workload {
  const workload = customer.workloads.find((w) => w.workload === name);
  if (!workload) {
    throw new DomainError('not_found', phrase('customer.noWorkload', { customer: customer.name, workload: name }));
  }
  return workload;
}

/** Appends an Overall Status Note and stamps the customer; used by every transition so none forgets either. */
export function addNote(
  customer: Customer, ctx: ChangeContext, workload: WorkloadName | null, kind: NoteKind, text: string,
): StatusNote {
  const note: StatusNote = { at: toInstant(ctx.now), by: ctx.actor, workload, kind, text };
  if (ctx.requestId) note.requestId = ctx.requestId;
  customer.statusNotes.push(note);
  customer.updatedAt = note.at;
  return note;
}

/** True when the request with this id already left its note: a retry (Teams re-sends, a double click) is a no-op. */
export function alreadyApplied(customer: Customer, requestId: string | undefined): boolean {
  return requestId !== undefined && customer.statusNotes.some((n) => n.requestId === requestId);
}
