/**
 * The `customer` command and the customer card's use cases: finding customers by a part of the name or the tenant id,
 * what a viewer sees of one customer and may do on it, and adding a workload from the card (R7, R8) through
 * CustomerService.addWorkload, the same use case as POST …/workloads. Partners see only their own customers (R9).
 *
 * A card carries the customer version (etag) it was drawn from; adding through it applies to that version only, so a
 * card drawn before someone else changed the customer changes nothing.
 */
import { alreadyApplied, isTenantId } from '../domain/customer';
import { todayIn, type CalendarDate } from '../domain/dates';
import { detail, DomainError, type ErrorDetail, type Refusal } from '../domain/errors';
import { phrase, type Phrase } from '../domain/phrases';
import { addWorkloadRefusal, cardRefusal, maySeeCustomer, NOT_IN_DIRECTORY } from '../domain/rules';
import { seriesWorkload, timelineOf, type TimelineItem } from '../domain/timeline';
import {
  WORKLOADS, type Actor, type Customer, type Person, type StatusNote, type Versioned, type WorkloadName,
} from '../domain/types';
import { isStoreError, type Store } from '../store/store';
import type { Clock } from './clock';
import type { CustomerService } from './customers';
import { actorOf, timeZoneOf } from './directory';

/** How many matches the pick list shows at most; beyond that the viewer is asked for more of the name. */
export const CUSTOMERS_LISTED = 10;

export interface CustomerMatches {
  /** The customers the viewer may see, by name; at most CUSTOMERS_LISTED. */
  customers: Customer[];
  /** More customers match than are listed. */
  more: boolean;
}

/** Everything needed to draw one customer's card for one viewer. */
export interface CustomerView {
  customer: Customer;
  /** The version the card is drawn from: an addition through the card applies to this version only. */
  etag: string;
  /** The viewer's calendar date. */
  today: CalendarDate;
  /** The viewer may open each workload's ESD card and act on it (the assigned FM, an admin). */
  canOpen: boolean;
  /** Why the viewer may not add a workload (R7, R8), or null when they may. */
  addRefusal: Phrase | null;
  /** The catalogue workloads the customer does not have yet: those that can be added. */
  addable: WorkloadName[];
  /** Why the card offers nothing to do (null when it offers something). */
  readOnlyReason: Phrase | null;
  /** P3: the customer's series with its gaps, as GET …/timeline answers it. */
  timeline: TimelineItem[];
}

/** What the card's add form carries, by the contract's field names (the card names its own inputs). */
export interface AddWorkloadFields {
  workload?: string;
  source?: string;
  engagementStartDate?: string;
  engagementStartMonth?: string;
  note?: string;
}
export type AddWorkloadField = keyof AddWorkloadFields;
export type AddWorkloadErrors = Partial<Record<AddWorkloadField, Refusal[]>>;

export interface AddWorkloadAction {
  tenantId: string;
  /** The customer version the card was drawn from. */
  etag: string;
  fields: AddWorkloadFields;
  /** The Teams activity id: a re-sent invoke carries the same one. */
  requestId?: string;
}

export type AddWorkloadOutcome =
  | { status: 'applied'; view: CustomerView; added: WorkloadName; noted: boolean }
  | { status: 'duplicate'; view: CustomerView }
  | { status: 'stale'; view: CustomerView; lastChange: StatusNote | undefined }
  | { status: 'invalid'; view: CustomerView; errors: AddWorkloadErrors; values: AddWorkloadFields }
  | { status: 'refused'; view: CustomerView; reason: Refusal };

/** The field a domain error path concerns; one about the date as a whole (none, both) is the field that was typed. */
function fieldOf(path: string, fields: AddWorkloadFields): AddWorkloadField {
  if (path === 'workload' || path === 'l1Status') return 'workload';
  if (path === 'source' || path === 'note' || path === 'engagementStartMonth') return path;
  if (path === '' && fields.engagementStartMonth !== undefined && fields.engagementStartDate === undefined) {
    return 'engagementStartMonth';
  }
  return 'engagementStartDate';
}

/** The form offers only catalogue workloads: one that is missing or unknown was not picked from the list. */
const PICK_A_WORKLOAD = detail('workload', phrase('services.pickWorkload'));
/** The same for why it is added (R8): the form offers the sources a person may give. */
const PICK_A_SOURCE = detail('source', phrase('services.pickSource'));

function errorsOf(details: ErrorDetail[], fields: AddWorkloadFields): AddWorkloadErrors {
  const errors: AddWorkloadErrors = {};
  for (const d of details) {
    const field = fieldOf(d.path, fields);
    const said = field === 'workload' ? PICK_A_WORKLOAD : field === 'source' ? PICK_A_SOURCE : d;
    if (errors[field]?.some((e) => e.message === said.message)) continue;
    (errors[field] ??= []).push(said);
  }
  return errors;
}

/**
 * A double click: the card's other submission already added this very workload, as this person, and nothing
 * happened since.
 */
function isRepeat(customer: Customer, actor: Actor, workload: string | undefined): boolean {
  const last = customer.statusNotes.at(-1);
  const added = customer.workloads.find((w) => w.workload === workload);
  return added !== undefined && added.revision === 1 && last !== undefined && last.workload === workload
    && last.kind === 'note' && last.by.aadObjectId === actor.aadObjectId;
}

export class CustomerViews {
  constructor(
    private readonly store: Store, private readonly customers: CustomerService, private readonly clock: Clock,
  ) {}

  /**
   * By tenant id, or by a part of the name (case-insensitive), as far as the viewer may see them (R9). Someone
   * without a role may look up nothing (`forbidden`); an empty text is a `validation` error.
   */
  async find(viewer: Person | undefined, query: string): Promise<CustomerMatches> {
    if (!viewer?.role) throw new DomainError('forbidden', NOT_IN_DIRECTORY);
    const text = query.trim();
    if (text === '') {
      throw new DomainError('validation', phrase('services.whichCustomer'));
    }
    if (isTenantId(text)) {
      const found = (await this.store.getCustomer(text.toLowerCase()))?.value;
      return { customers: found && maySeeCustomer(viewer, found) ? [found] : [], more: false };
    }
    const found = (await this.store.findCustomersByName(text, CUSTOMERS_LISTED + 1))
      .filter((c) => maySeeCustomer(viewer, c));
    return { customers: found.slice(0, CUSTOMERS_LISTED), more: found.length > CUSTOMERS_LISTED };
  }

  /**
   * One customer as `viewer` sees it; `not_found` when it does not exist or is not theirs to see (R9), `forbidden`
   * for someone without a role.
   */
  async view(viewer: Person | undefined, tenantId: string): Promise<CustomerView> {
    return this.viewOf(viewer, await this.visible(viewer, tenantId));
  }

  /**
   * Adds a workload from the card: InProgress with the day or month given (R7: a month is its 1st), the source
   * (R7, R8) and the optional note, through CustomerService (who may, R7/R8/R9; the same checks as REST). Nothing is
   * written unless the outcome is `applied`.
   */
  async addWorkload(viewer: Person | undefined, action: AddWorkloadAction): Promise<AddWorkloadOutcome> {
    await this.visible(viewer, action.tenantId);
    const actor = actorOf(viewer);
    if (!actor) throw new DomainError('forbidden', NOT_IN_DIRECTORY); // visible() let only people with a role through
    const ctx = { ...this.customers.context(actor, timeZoneOf(viewer)), requestId: action.requestId };
    const { fields } = action;
    try {
      const saved = await this.customers.addWorkload(ctx, action.tenantId, { ...fields, l1Status: 'InProgress' }, action.etag);
      const added = fields.workload as WorkloadName; // the service stored it, so it is a catalogue name
      return { status: 'applied', view: this.viewOf(viewer, saved), added, noted: fields.note !== undefined };
    } catch (error) {
      const fresh = await this.visible(viewer, action.tenantId);
      const view = this.viewOf(viewer, fresh);
      if (isStoreError(error, 'precondition_failed')) {
        const repeat = alreadyApplied(fresh.value, action.requestId) || isRepeat(fresh.value, actor, fields.workload);
        return repeat ? { status: 'duplicate', view } : { status: 'stale', view, lastChange: fresh.value.statusNotes.at(-1) };
      }
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      if (error.code === 'validation') {
        return { status: 'invalid', view, errors: errorsOf(error.details, fields), values: fields };
      }
      return { status: 'refused', view, reason: error }; // forbidden (who may), conflict (it exists)
    }
  }

  /** The customer, when the viewer may see it: `forbidden` without a role, `not_found` when missing or not theirs. */
  private async visible(viewer: Person | undefined, tenantId: string): Promise<Versioned<Customer>> {
    if (!viewer?.role) throw new DomainError('forbidden', NOT_IN_DIRECTORY);
    const current = await this.store.getCustomer(tenantId.toLowerCase());
    if (!current || !maySeeCustomer(viewer, current.value)) {
      throw new DomainError('not_found', phrase('services.noCustomerWithTenantId', { tenantId }));
    }
    return current;
  }

  private viewOf(viewer: Person | undefined, current: Versioned<Customer>): CustomerView {
    return customerView(viewer, current, this.clock.now());
  }
}

/**
 * What `viewer` sees of a stored customer as of `now` (pure): who may open its workloads (cardRefusal) and add one
 * (addWorkloadRefusal), and which catalogue workloads it does not have yet.
 */
export function customerView(viewer: Person | undefined, current: Versioned<Customer>, now: Date): CustomerView {
  const customer = current.value;
  const actor = actorOf(viewer);
  const openRefusal = cardRefusal(actor, customer);
  const addRefusal = addWorkloadRefusal(actor, customer);
  return {
    customer,
    etag: current.etag,
    today: todayIn(timeZoneOf(viewer), now),
    canOpen: openRefusal === null,
    addRefusal,
    addable: WORKLOADS.filter((w) => !customer.workloads.some((x) => x.workload === w)),
    readOnlyReason: openRefusal !== null && addRefusal !== null ? openRefusal : null,
    timeline: timelineOf(customer.workloads.map(seriesWorkload)),
  };
}
