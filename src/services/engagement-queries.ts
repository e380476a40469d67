/**
 * What the chat commands and the REST listing read: an FM's upcoming engagements, a customer looked up by name or
 * tenant id, and the active ESDs by date (GET /api/engagements).
 */
import { isTenantId } from '../domain/customer';
import { DomainError } from '../domain/errors';
import { NOT_IN_DIRECTORY, OPEN_STATES } from '../domain/rules';
import type { Customer, Person, WorkloadState } from '../domain/types';
import type { EngagementQuery, EngagementRow, Page, Store } from '../store/store';
import type { CardActions, CardState } from './card-actions';
import { actorOf } from './directory';

/** The cards `upcoming` sends at once: enough for the week ahead without flooding the chat. */
const UPCOMING_SHOWN = 5;
const UPCOMING_COUNTED = 1000;
const UPCOMING_STATES: WorkloadState[] = [...OPEN_STATES, 'started'];
const CUSTOMERS_SHOWN = 5;

/** The filters of the REST listing. */
export type EngagementListQuery = Pick<EngagementQuery, 'from' | 'to' | 'assigneeId' | 'limit' | 'continuationToken'>;

export interface Upcoming {
  cards: CardState[];
  /** How many engagements the viewer has in all (at most 1000 are counted). */
  total: number;
}

export class EngagementQueries {
  constructor(private readonly store: Store, private readonly cardActions: CardActions) {}

  /** The viewer's own active engagements by date: open ones and started ones still to complete. */
  async upcoming(viewer: Person): Promise<Upcoming> {
    const page = await this.store.listEngagements({
      assigneeId: viewer.aadObjectId, states: UPCOMING_STATES, limit: UPCOMING_COUNTED,
    });
    const cards: CardState[] = [];
    for (const row of page.items.slice(0, UPCOMING_SHOWN)) {
      cards.push(await this.cardActions.view(viewer, row.tenantId, row.workload));
    }
    return { cards, total: page.items.length };
  }

  /** Active ESDs (R1) by date, then tenant, then workload; paged. A range that ends before it starts is refused. */
  async list(query: EngagementListQuery): Promise<Page<EngagementRow>> {
    const { from, to, assigneeId, continuationToken, limit } = query;
    if (from !== undefined && to !== undefined && to < from) {
      throw new DomainError('validation', 'The request is not valid.', [
        { path: 'to', message: `to (${to}) is before from (${from}).` },
      ]);
    }
    return this.store.listEngagements({ from, to, assigneeId, continuationToken, limit });
  }

  /** By tenant id, or by a part of the name. Partners see only their own customers (R9). */
  async findCustomers(viewer: Person | undefined, query: string): Promise<Customer[]> {
    const actor = actorOf(viewer);
    if (!actor) throw new DomainError('forbidden', NOT_IN_DIRECTORY);
    const text = query.trim();
    if (text === '') throw new DomainError('validation', 'Say which customer: `customer [name or tenant id]`.');
    const found = isTenantId(text)
      ? [(await this.store.getCustomer(text.toLowerCase()))?.value].filter((c): c is Customer => c !== undefined)
      : await this.store.findCustomersByName(text, CUSTOMERS_SHOWN);
    if (actor.role !== 'partner') return found;
    return found.filter((c) => c.assignee?.type === 'partner' && c.assignee.partnerId === viewer?.partnerId);
  }
}
