/**
 * P1, P2: the Gateway queue: the customers waiting for an FM, soonest first ESD first, and assigning one of them to
 * an FM chosen with the FMs' load in view. The REST listing (`GET /api/customers?assignee=none`), the Teams `queue`
 * card and the heads-up card read it here; an assignment goes through CustomerService.assign, the very use case of
 * `PUT /api/customers/{tenantId}/assignee`, so the FM gets the welcome cards the same way.
 */
import { firstEsd, lastAssignment, type FirstEsd } from '../domain/assignment';
import { todayIn, type CalendarDate } from '../domain/dates';
import { DomainError, type Refusal } from '../domain/errors';
import { phrase } from '../domain/phrases';
import { mayAssign, NOT_IN_DIRECTORY } from '../domain/rules';
import type { Actor, Customer, Person, StatusNote } from '../domain/types';
import { isStoreError, type Page, type QueueEntry, type QueueQuery, type Store } from '../store/store';
import type { Clock } from './clock';
import type { CustomerService } from './customers';
import { actorOf, timeZoneOf, type Directory } from './directory';
import type { Suggestion, Suggestions } from './suggestions';

/** One waiting customer as a card shows it: its first ESD and the FMs suggested for it, least loaded first. */
export interface QueuedCustomer {
  entry: QueueEntry;
  first: FirstEsd | null;
  /** The date the suggestions are for: the first ESD, or the viewer's today when there is none. */
  suggestedFor: CalendarDate;
  suggestions: Suggestion[];
}

export interface QueueView {
  customers: QueuedCustomer[];
  /** Where the next page starts; absent when this is the last one. */
  continuationToken?: string;
  /** The viewer's calendar date. */
  today: CalendarDate;
}

/** Which customer, at which version (the card's), to whom. */
export interface AssignRequest {
  tenantId: string;
  etag: string;
  aadObjectId: string | undefined;
}

export type AssignOutcome =
  /** Assigned now; `reachable`: the FM's chat is known, so the welcome cards are on their way. */
  | { status: 'assigned'; customer: Customer; fmName: string; reachable: boolean }
  /** The same assignment by the same person is stored already (a re-sent invoke, a double click). */
  | { status: 'repeat'; customer: Customer; fmName: string }
  /** The customer changed since the card was drawn: nothing changed. `assignment`: who assigned it, if someone did. */
  | { status: 'stale'; customer: Customer; assignment: StatusNote | undefined }
  /** No FM picked, or not an FM of the directory. */
  | { status: 'invalid'; reason: Refusal };

export class GatewayQueue {
  constructor(
    private readonly deps: {
      store: Store; customers: CustomerService; suggestions: Suggestions; directory: Directory; clock: Clock;
    },
  ) {}

  /** One page of waiting customers (REST). */
  list(query: Pick<QueueQuery, 'limit' | 'continuationToken'>): Promise<Page<QueueEntry>> {
    return this.deps.store.listUnassignedCustomers(query);
  }

  /** A page of the queue for `viewer` (who must be allowed to assign), each customer with its suggestions. */
  async view(viewer: Person | undefined, query: Pick<QueueQuery, 'limit' | 'continuationToken'>): Promise<QueueView> {
    this.assertMayAssign(viewer);
    const today = todayIn(timeZoneOf(viewer), this.deps.clock.now());
    const page = await this.deps.store.listUnassignedCustomers(query);
    const customers = await this.withSuggestions(page.items, today);
    return { customers, continuationToken: page.continuationToken, today };
  }

  /** The FMs suggested for each entry (for its first ESD, or for `today` when it has none). */
  async withSuggestions(entries: readonly QueueEntry[], today: CalendarDate): Promise<QueuedCustomer[]> {
    const dates = entries.map((entry) => entry.firstEsd ?? today);
    const ranked = await this.deps.suggestions.forDates(dates);
    return entries.map((entry, i) => {
      const suggestedFor = dates[i] as CalendarDate;
      return { entry, first: firstEsd(entry), suggestedFor, suggestions: ranked.get(suggestedFor) ?? [] };
    });
  }

  /**
   * Assigns the customer to the FM, provided it is still as the card showed it (its etag): through CustomerService,
   * like the REST route, so the FM's welcome cards follow. `not_found` when the customer is gone.
   */
  async assign(viewer: Person | undefined, request: AssignRequest): Promise<AssignOutcome> {
    const actor = this.assertMayAssign(viewer);
    const { customers, directory } = this.deps;
    const ctx = customers.context(actor, timeZoneOf(viewer));
    try {
      const saved = await customers.assign(ctx, request.tenantId, { type: 'fm', aadObjectId: request.aadObjectId }, request.etag);
      const fm = await directory.get(request.aadObjectId as string);
      return {
        status: 'assigned', customer: saved.value, fmName: saved.value.assignee?.name ?? '',
        reachable: Boolean(fm?.conversation) && fm?.reachable === true,
      };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') {
        const picked = request.aadObjectId !== undefined && request.aadObjectId !== '';
        return { status: 'invalid', reason: new DomainError('validation', phrase(picked ? 'services.queue.notAnFm' : 'services.queue.pickFm')) };
      }
      if (!isStoreError(error, 'precondition_failed')) throw error;
    }
    const current = (await customers.get(request.tenantId)).value;
    const assignment = lastAssignment(current);
    const assignee = current.assignee;
    const repeat = assignee?.type === 'fm' && assignee.aadObjectId === request.aadObjectId
      && assignment?.by.aadObjectId === actor.aadObjectId;
    if (repeat) return { status: 'repeat', customer: current, fmName: assignee.name };
    return { status: 'stale', customer: current, assignment };
  }

  private assertMayAssign(viewer: Person | undefined): Actor {
    const actor = actorOf(viewer);
    if (!actor) throw new DomainError('forbidden', NOT_IN_DIRECTORY);
    if (!mayAssign(actor)) throw new DomainError('forbidden', QUEUE_REFUSAL);
    return actor;
  }
}

/** Why an FM or a partner may not use the queue, and what to do instead. */
export const QUEUE_REFUSAL = phrase('services.queueRefusal');
