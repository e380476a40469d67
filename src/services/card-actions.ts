/**
 * What an FM does on an ESD card (docs/contract.md "Teams" verbs), as one use case: who may act (R4, R9), whether
 * the card is stale, the transition (R3, R5, R6, R7), and one etag-checked write. The bot layer only translates.
 */
import { alreadyApplied, findWorkload, type ChangeContext } from '../domain/customer';
import { firstDayOfMonth, todayIn, type CalendarDate } from '../domain/dates';
import {
  changeDate, completeDeployment, confirmStart, markCustomerInactive, recordNoResponse, type EngagementVerb,
} from '../domain/engagement';
import { DomainError, type ErrorDetail, type Refusal } from '../domain/errors';
import { phrase, type Phrase } from '../domain/phrases';
import { cardRefusal, NOT_IN_DIRECTORY } from '../domain/rules';
import { cleanText } from '../domain/text';
import type { Actor, Customer, NoteKind, Person, StatusNote, Versioned, Workload } from '../domain/types';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import { actorOf, timeZoneOf } from './directory';
import { retryOnConflict } from './optimistic-write';

/** What a verb takes, by the contract's field names (the card's inputs are the teams layer's to name). */
export interface ActionInputs {
  engagementStartDate?: string;
  engagementStartMonth?: string;
  reason?: string;
  note?: string;
  /** confirmStart: the day communication started (R5); today when not given. */
  startedOn?: string;
}
export type ActionField = keyof ActionInputs;
/** Validation messages by the field they concern. */
export type FieldErrors = Partial<Record<ActionField, Refusal[]>>;

export interface CardAction {
  verb: EngagementVerb;
  tenantId: string;
  workload: string;
  /** The workload revision the card was drawn from. */
  revision: number;
  inputs: ActionInputs;
  /** The Teams activity id: a re-sent invoke carries the same one. */
  requestId?: string;
}

/** Everything needed to draw the card for one viewer. */
export interface CardState {
  customer: Customer;
  workload: Workload;
  canAct: boolean;
  /** Why the viewer may not act (R4, R9), or null when they may. */
  readOnlyReason: Phrase | null;
  /** The viewer's calendar date. */
  today: CalendarDate;
}

export type ActionOutcome =
  | { status: 'applied'; verb: EngagementVerb; state: CardState; before: Workload }
  | { status: 'duplicate'; verb: EngagementVerb; state: CardState }
  | { status: 'stale'; state: CardState; lastChange: StatusNote | undefined }
  | { status: 'invalid'; state: CardState; errors: FieldErrors; values: ActionInputs }
  | { status: 'refused'; state: CardState; reason: Refusal };

const NOTE_OF_VERB: Record<EngagementVerb, NoteKind> = {
  confirmStart: 'started', reschedule: 'dateChanged', noResponse: 'noResponse', customerInactive: 'customerInactive',
  complete: 'completed',
};

/** The pure transition of each verb (domain/engagement.ts). */
function transition(
  verb: EngagementVerb, customer: Customer, workload: string, inputs: ActionInputs, ctx: ChangeContext,
): Customer {
  switch (verb) {
    case 'confirmStart': return confirmStart(customer, workload, ctx, inputs.startedOn, 'card');
    case 'reschedule': return changeDate(customer, workload, inputs, ctx, 'card');
    case 'noResponse': return recordNoResponse(customer, workload, inputs.note, ctx);
    case 'customerInactive': return markCustomerInactive(customer, workload, inputs.note, ctx);
    case 'complete': return completeDeployment(customer, workload, inputs.note, ctx);
  }
}

/** The field a domain error path concerns; one about the new date as a whole (both given, none given) is the day's. */
function fieldOf(path: string): ActionField {
  if (path.startsWith('engagementStartMonth')) return 'engagementStartMonth';
  if (path === 'reason' || path === 'note' || path === 'startedOn') return path;
  return 'engagementStartDate';
}

function fieldErrors(details: ErrorDetail[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const d of details) {
    const field = fieldOf(d.path);
    (errors[field] ??= []).push(d);
  }
  return errors;
}

/**
 * Whether the last change is what this action would have written (its text; for a reschedule its date; for a start
 * its day, today when none was given).
 */
function sameInputs(action: CardAction, last: StatusNote, workload: Workload, today: CalendarDate): boolean {
  if (action.verb === 'confirmStart') return (action.inputs.startedOn ?? today) === workload.startedOn;
  const text = action.verb === 'reschedule' ? action.inputs.reason : action.inputs.note;
  if (text !== undefined && cleanText(text) !== last.text) return false;
  if (action.verb !== 'reschedule') return true;
  const { engagementStartDate: day, engagementStartMonth: month } = action.inputs;
  const date = day ?? (month ? firstDayOfMonth(month) : undefined);
  return date === workload.engagementStartDate;
}

function lastNoteOf(customer: Customer, workload: string): StatusNote | undefined {
  return customer.statusNotes.filter((n) => n.workload === workload).at(-1);
}

export class CardActions {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** The card state of a workload for a viewer (reminders, `upcoming`, refresh). `not_found` if it is gone. */
  async view(viewer: Person | undefined, tenantId: string, workload: string): Promise<CardState> {
    const current = await this.load(tenantId);
    return this.stateFor(viewer, current.value, findWorkload(current.value, workload));
  }

  /** The viewer's calendar date (their directory time zone) at `now`, the service clock's unless given. */
  todayOf(viewer: Person | undefined, now = this.clock.now()): CalendarDate {
    return todayIn(timeZoneOf(viewer), now);
  }

  /** `now` is the service clock's unless given (the sweep draws its cards as of its own instant). */
  stateFor(viewer: Person | undefined, customer: Customer, workload: Workload, now = this.clock.now()): CardState {
    const actor = actorOf(viewer);
    const today = this.todayOf(viewer, now);
    const refusal = cardRefusal(actor, customer);
    return { customer, workload, canAct: refusal === null, readOnlyReason: refusal, today };
  }

  /**
   * Applies a card action. Stale cards, repeats and refusals change nothing; a write conflict with a change to
   * something else (another workload, an assignment) is re-applied on fresh state.
   */
  async act(viewer: Person | undefined, action: CardAction): Promise<ActionOutcome> {
    return retryOnConflict(async () => {
      const current = await this.load(action.tenantId);
      const customer = current.value;
      const workload = findWorkload(customer, action.workload);
      const state = this.stateFor(viewer, customer, workload);
      const actor = actorOf(viewer);
      if (alreadyApplied(customer, action.requestId)) return { status: 'duplicate', verb: action.verb, state };
      if (!actor || state.readOnlyReason) {
        return { status: 'refused', state, reason: new DomainError('forbidden', state.readOnlyReason ?? NOT_IN_DIRECTORY) };
      }
      if (workload.revision !== action.revision) return this.staleOrRepeat(action, actor, state);
      const ctx: ChangeContext = { actor, now: this.clock.now(), today: state.today, requestId: action.requestId };
      let next: Customer;
      try {
        next = transition(action.verb, customer, action.workload, action.inputs, ctx);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === 'validation') {
          return { status: 'invalid', state, errors: fieldErrors(error.details), values: action.inputs };
        }
        return { status: 'refused', state, reason: error };
      }
      return this.write(next, current.etag, action, viewer, workload);
    });
  }

  /**
   * A double click (the same person, the same verb with the same inputs, one revision later) is a repeat, not a
   * conflict; anything else that changed the workload since the card was drawn makes the card stale.
   */
  private staleOrRepeat(action: CardAction, actor: Actor, state: CardState): ActionOutcome {
    const last = lastNoteOf(state.customer, action.workload);
    const repeat = state.workload.revision === action.revision + 1 && last !== undefined
      && last.by.aadObjectId === actor.aadObjectId && last.kind === NOTE_OF_VERB[action.verb]
      && sameInputs(action, last, state.workload, state.today);
    return repeat ? { status: 'duplicate', verb: action.verb, state } : { status: 'stale', state, lastChange: last };
  }

  private async write(
    next: Customer, etag: string, action: CardAction, viewer: Person | undefined, before: Workload,
  ): Promise<ActionOutcome> {
    const saved = await this.store.replaceCustomer(next, etag);
    const state = this.stateFor(viewer, saved.value, findWorkload(saved.value, action.workload));
    return { status: 'applied', verb: action.verb, state, before };
  }

  private async load(tenantId: string): Promise<Versioned<Customer>> {
    const current = await this.store.getCustomer(tenantId);
    if (!current) throw new DomainError('not_found', phrase('services.noCustomer', { tenantId }));
    return current;
  }
}
