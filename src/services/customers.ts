/**
 * The Gateway's use cases (R4): enter a new customer with its workloads and dates before assignment, assign it to an
 * FM or a partner (R9), add workloads of a serial deployment (R7) or a success review (R8), and change a workload's
 * L1 status or date (R1, R6). One service behind the REST API, the Teams form and the CSV import, so all three
 * validate and store the same way.
 *
 * Concurrency: with `ifMatch` a change applies only to that version (else `precondition_failed`); without it, the
 * change is re-applied on fresh state after a write conflict: never a blind overwrite.
 */
import {
  newCustomer, readAssignee, sameAssignee, type ChangeContext, type NewCustomerInput, type WorkloadInput,
} from '../domain/customer';
import { todayIn } from '../domain/dates';
import { addWorkload, assign, changeDate, changeL1Status } from '../domain/engagement';
import { detail, DomainError, throwIfInvalid, type ErrorDetail } from '../domain/errors';
import { phrase } from '../domain/phrases';
import { addWorkloadRefusal, type EsdInput } from '../domain/rules';
import {
  ADDED_WORKLOAD_SOURCES, isOneOf, type Actor, type Assignee, type ChangeSource, type Customer, type Versioned,
} from '../domain/types';
import { isStoreError, StoreError, type Store } from '../store/store';
import type { Clock } from './clock';
import { DEFAULT_TIME_ZONE } from './directory';
import { retryOnConflict } from './optimistic-write';

/** A workload change through the API: the L1 status and/or the date; a date change needs a reason (R6). */
export interface WorkloadPatch extends EsdInput {
  l1Status?: unknown;
  reason?: unknown;
}

/**
 * A further workload (R7, R8): the workload with its L1 status and date, why it is added (`source`:
 * `serialDeployment`, the default, or `successReview`), and an optional note for the Overall Status Notes.
 */
export interface AddWorkloadInput extends WorkloadInput {
  source?: unknown;
  note?: unknown;
}

export type CreateResult = { ok: true; customer: Versioned<Customer> } | { ok: false; error: DomainError };

/** Told after a customer is assigned to someone new: the FM's welcome cards (R9: partners get none). */
export type AssignmentListener = (customer: Customer, previous: Assignee | null) => void;

/**
 * An entity tag without its HTTP dressing: `W/"3"`, `"3"` and `3` are the same version. Stores differ (Cosmos'
 * `_etag` carries the quotes, SQLite's version does not), and callers send back what HTTP gave them.
 */
export function opaqueEtag(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

export class CustomerService {
  private readonly listeners: AssignmentListener[] = [];

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  onAssigned(listener: AssignmentListener): void {
    this.listeners.push(listener);
  }

  /** A change context for `actor`; API callers without a directory time zone count days in UTC. */
  context(actor: Actor, timeZone = DEFAULT_TIME_ZONE): ChangeContext {
    const now = this.clock.now();
    return { actor, now, today: todayIn(timeZone, now) };
  }

  /** R4: a new customer. `validation` for bad input, `conflict` when the tenant exists (nothing is overwritten). */
  async create(ctx: ChangeContext, input: NewCustomerInput, source: ChangeSource = 'gateway'): Promise<Versioned<Customer>> {
    const customer = await this.withAssigneeName(newCustomer(input, ctx, source));
    try {
      const created = await this.store.createCustomer(customer);
      this.announce(created.value, null);
      return created;
    } catch (error) {
      if (isStoreError(error, 'conflict')) throw new DomainError('conflict', phrase('services.customerExists', { tenantId: customer.tenantId }));
      throw error;
    }
  }

  /**
   * Bulk entry (CSV import): each valid customer is created, each invalid or existing one reported; one store batch
   * for speed. Existing tenants are never overwritten (R2: no backfill of engagements already under way).
   */
  async createMany(ctx: ChangeContext, inputs: NewCustomerInput[], source: ChangeSource = 'import'): Promise<CreateResult[]> {
    const results: (CreateResult | Customer)[] = [];
    for (const input of inputs) {
      try {
        results.push(await this.withAssigneeName(newCustomer(input, ctx, source)));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ ok: false, error });
      }
    }
    const valid = results.filter((r): r is Customer => !('ok' in r));
    const created = await this.store.createCustomers(valid);
    let next = 0;
    return results.map((r) => {
      if ('ok' in r) return r;
      const wasCreated = created[next++];
      if (!wasCreated) return { ok: false, error: new DomainError('conflict', phrase('services.customerExistsNotOverwritten', { tenantId: r.tenantId })) };
      this.announce(r, null);
      return { ok: true, customer: { value: r, etag: '' } };
    });
  }

  async get(tenantId: string): Promise<Versioned<Customer>> {
    const current = await this.store.getCustomer(tenantId.toLowerCase());
    if (!current) throw new DomainError('not_found', phrase('services.noCustomerWithTenantId', { tenantId }));
    return current;
  }

  /** R4, R9: assigns an FM of the directory (their name comes from it) or an FRP partner. */
  async assign(ctx: ChangeContext, tenantId: string, body: unknown, ifMatch?: string): Promise<Versioned<Customer>> {
    const details: ErrorDetail[] = [];
    const parsed = readAssignee(body, '', details);
    if (!parsed && details.length === 0) details.push(detail('type', phrase('services.assigneeRequired')));
    throwIfInvalid(details);
    const assignee = await this.named(parsed as Assignee);
    let previous: Assignee | null = null;
    const saved = await this.change(tenantId, ifMatch, (customer) => {
      previous = customer.assignee;
      return assign(customer, assignee, ctx);
    });
    this.announce(saved.value, previous);
    return saved;
  }

  /**
   * R7, R8: a further workload for a customer already deploying, added by the Gateway, an admin or the customer's
   * assigned FM (addWorkloadRefusal: `forbidden` for anyone else, before anything is compared or written).
   */
  async addWorkload(
    ctx: ChangeContext, tenantId: string, input: AddWorkloadInput, ifMatch?: string,
  ): Promise<Versioned<Customer>> {
    const { source, note, ...entry } = input;
    const why = source ?? 'serialDeployment';
    if (!isOneOf(ADDED_WORKLOAD_SOURCES, why)) {
      throw new DomainError('validation', 'The request is not valid.', [
        { path: 'source', message: `source must be ${ADDED_WORKLOAD_SOURCES.join(' or ')}.` },
      ]);
    }
    const mayAdd = (customer: Customer): void => {
      const refusal = addWorkloadRefusal(ctx.actor, customer);
      if (refusal) throw new DomainError('forbidden', refusal);
    };
    return this.change(tenantId, ifMatch, (customer) => addWorkload(customer, entry, ctx, why, note), mayAdd);
  }

  /** R1, R6: a new L1 status (leaving InProgress deactivates the date) and/or a new date with its reason. */
  async changeWorkload(
    ctx: ChangeContext, tenantId: string, workload: string, patch: WorkloadPatch, ifMatch?: string,
  ): Promise<Versioned<Customer>> {
    const hasDate = [patch.engagementStartDate, patch.engagementStartMonth].some((v) => v !== undefined && v !== null && v !== '');
    if (patch.l1Status === undefined && !hasDate) {
      throw new DomainError('validation', phrase('services.nothingToChange'), [detail('', phrase('services.nothingToChange.give'))]);
    }
    return this.change(tenantId, ifMatch, (customer) => {
      const current = customer.workloads.find((w) => w.workload === workload);
      if (patch.l1Status !== undefined && patch.l1Status !== current?.l1Status) {
        return changeL1Status(customer, workload, patch, ctx, 'api');
      }
      return changeDate(customer, workload, patch, ctx, 'api');
    });
  }

  /**
   * Read, apply the pure change, write with the etag; re-applied on fresh state after a conflict unless `ifMatch`.
   * `authorize` refuses (throws) before the version is compared: a caller who may not change it learns nothing more.
   */
  private async change(
    tenantId: string, ifMatch: string | undefined, apply: (customer: Customer) => Customer,
    authorize?: (customer: Customer) => void,
  ): Promise<Versioned<Customer>> {
    const attempt = async (): Promise<Versioned<Customer>> => {
      const current = await this.get(tenantId);
      authorize?.(current.value);
      if (ifMatch !== undefined && opaqueEtag(ifMatch) !== opaqueEtag(current.etag)) {
        throw new StoreError('precondition_failed', 'The customer changed since you read it: read it again and reapply your change.');
      }
      return this.store.replaceCustomer(apply(current.value), current.etag);
    };
    // With If-Match the caller's version is the only one to apply to: a conflict is theirs to resolve (412).
    return ifMatch === undefined ? retryOnConflict(attempt) : attempt();
  }

  /** An FM assignee must be an FM of the directory, and carries the directory's name for them. */
  private async named(assignee: Assignee): Promise<Assignee> {
    if (assignee.type !== 'fm') return assignee;
    const person = (await this.store.getPerson(assignee.aadObjectId))?.value;
    if (person?.role !== 'fm') {
      throw new DomainError('validation', phrase('services.invalidRequest'), [
        detail('assignee/aadObjectId', phrase('services.notAnFmInDirectory', { aadObjectId: assignee.aadObjectId })),
      ]);
    }
    return { ...assignee, name: person.name };
  }

  private async withAssigneeName(customer: Customer): Promise<Customer> {
    return customer.assignee ? { ...customer, assignee: await this.named(customer.assignee) } : customer;
  }

  private announce(customer: Customer, previous: Assignee | null): void {
    if (!customer.assignee || sameAssignee(customer.assignee, previous)) return;
    for (const listener of this.listeners) listener(customer, previous);
  }
}
