/**
 * The Gateway's `new customer` form in Teams (R4). Its submit goes through the same CustomerService as
 * POST /api/customers (same validation, same 409), so no rule lives here: this module only translates the form's
 * inputs into a NewCustomerInput and the service's error paths back to the inputs they concern.
 */
import { newCustomer, sameAssigneeAsEntered, type ChangeContext, type NewCustomerInput } from '../domain/customer';
import { DomainError, type ErrorDetail } from '../domain/errors';
import { mayEnterCustomers } from '../domain/rules';
import { WORKLOADS, type Customer, type Locale, type Person, type WorkloadName } from '../domain/types';
import type { CustomerService } from '../services/customers';
import { actorOf, timeZoneOf, type Directory } from '../services/directory';
import type { Banner } from './cards/esd-card';
import {
  FORM_INPUT_IDS, NONE, PARTNER_CHOICE, newCustomerFormCard, newCustomerSummaryCard, rowInputId,
  type FormErrors, type FormErrorSlot, type FormValues,
} from './cards/new-customer-card';
import type { AdaptiveCard } from './cards/render';
import { sayRefusal, t } from './i18n/messages';

export type FormAnswer = { ok: true; card: AdaptiveCard } | { ok: false; message: string };


/**
 * How long after a customer was created the same submission by the same person counts as a repeat (Teams re-sends
 * an invoke after 15 s; a double click sends two), answered with the summary instead of "exists already".
 */
const REPEAT_WINDOW_MS = 10 * 60_000;

function chosen(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== NONE;
}

/** Only the form's own input ids are read, as text (Teams merges the inputs into the action's data). */
function readValues(data: unknown): FormValues {
  const values: FormValues = {};
  if (typeof data !== 'object' || data === null) return values;
  for (const id of FORM_INPUT_IDS) {
    const value: unknown = (data as Record<string, unknown>)[id];
    if (typeof value === 'string' && value !== '') values[id] = value;
  }
  return values;
}

function assigneeOf(values: FormValues): unknown {
  const choice = values.assignee;
  if (!chosen(choice)) return undefined;
  if (choice === PARTNER_CHOICE) return { type: 'partner', partnerId: values.partnerId, name: values.partnerName };
  return { type: 'fm', aadObjectId: choice };
}

/** The service's input, and which workload each `workloads/<i>` of it is (only rows with a status are sent). */
function toInput(values: FormValues): { input: NewCustomerInput; rows: WorkloadName[] } {
  const rows = WORKLOADS.filter((w) => chosen(values[rowInputId(w, 'l1Status')]));
  const workloads = rows.map((workload) => ({
    workload,
    l1Status: values[rowInputId(workload, 'l1Status')],
    engagementStartDate: values[rowInputId(workload, 'date')],
    engagementStartMonth: values[rowInputId(workload, 'month')],
    startedOn: values[rowInputId(workload, 'startedOn')],
  }));
  return {
    rows, input: { tenantId: values.tenantId?.trim(), name: values.name, assignee: assigneeOf(values), workloads },
  };
}

/**
 * The input a `workloads/<i>/<field>` error belongs under; a row-wide one (R1, both given, none given) under the date
 * or the month typed.
 */
function rowSlot(workload: WorkloadName, field: string | undefined, values: FormValues): FormErrorSlot {
  if (field === 'engagementStartDate') return rowInputId(workload, 'date');
  if (field === 'engagementStartMonth') return rowInputId(workload, 'month');
  if (field === 'startedOn') return rowInputId(workload, 'startedOn');
  if (field === 'l1Status' || field === 'workload') return rowInputId(workload, 'l1Status');
  const monthOnly = values[rowInputId(workload, 'month')] !== undefined && values[rowInputId(workload, 'date')] === undefined;
  return rowInputId(workload, monthOnly ? 'month' : 'date');
}

/** Maps a domain error path (`tenantId`, `assignee/partnerId`, `workloads/2/engagementStartDate`...) to an input. */
function slotOf(path: string, rows: WorkloadName[], values: FormValues): FormErrorSlot | null {
  const [head, second, third] = path.split('/');
  if (head === 'tenantId' || head === 'name') return head;
  if (head === 'assignee') return second === 'partnerId' ? 'partnerId' : second === 'name' ? 'partnerName' : 'assignee';
  if (head !== 'workloads') return null;
  const workload = second === undefined ? undefined : rows[Number(second)];
  return workload ? rowSlot(workload, third, values) : 'workloads';
}

/** Each message under its input, in the reader's language; those that belong to none go into the banner. */
function errorsOf(
  error: DomainError, rows: WorkloadName[], values: FormValues, locale: Locale,
): { errors: FormErrors; banner: Banner } {
  // A conflict carries no detail: the tenant id is what exists already.
  const details: ErrorDetail[] = error.details.length > 0 ? error.details
    : [{ path: error.code === 'conflict' ? 'tenantId' : '', message: error.message, phrase: error.phrase }];
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const detail of details) {
    const slot = slotOf(detail.path, rows, values);
    const message = sayRefusal(locale, detail);
    if (slot) errors[slot] = errors[slot] ? `${errors[slot]} ${message}` : message;
    else unplaced.push(message);
  }
  const text = [t(locale, 'newCustomer.nothingSaved'), ...unplaced].join(' ');
  return { errors, banner: { text, style: 'attention' } };
}

function workloadsKey(customer: Customer): string {
  return JSON.stringify(
    customer.workloads.map((w) => [w.workload, w.l1Status, w.engagementStartDate, w.datePrecision, w.startedOn]),
  );
}

/**
 * The stored customer is this very submission, made moments ago: same content, created within the repeat window,
 * every date entered by this person. (A customer without dates carries no author; content and time decide then.)
 */
function isRepeat(stored: Customer, candidate: Customer, ctx: ChangeContext): boolean {
  const age = ctx.now.getTime() - Date.parse(stored.createdAt);
  return age >= 0 && age <= REPEAT_WINDOW_MS && stored.name === candidate.name
    && sameAssigneeAsEntered(stored.assignee, candidate.assignee) && workloadsKey(stored) === workloadsKey(candidate)
    && stored.workloads.every((w) => !w.history[0] || w.history[0].by.aadObjectId === ctx.actor.aadObjectId);
}

export class NewCustomerForm {
  constructor(private readonly deps: { customers: CustomerService; directory: Directory }) {}

  /** The empty form in the reader's `locale`, or why this person may not use it. */
  async open(person: Person | undefined, locale: Locale = 'en-US'): Promise<FormAnswer> {
    const ctx = this.contextFor(person, locale);
    if (typeof ctx === 'string') return { ok: false, message: ctx };
    return { ok: true, card: await this.form(ctx, locale, {}) };
  }

  /**
   * Creates the customer and answers its summary, or answers the form again with every error under its input and
   * every typed value kept (nothing stored). A repeat of a submission that already succeeded answers the summary.
   */
  async submit(person: Person | undefined, data: unknown, locale: Locale = 'en-US'): Promise<FormAnswer> {
    const ctx = this.contextFor(person, locale);
    if (typeof ctx === 'string') return { ok: false, message: ctx };
    const values = readValues(data);
    const { input, rows } = toInput(values);
    try {
      const created = (await this.deps.customers.create(ctx, input, 'gateway')).value;
      return { ok: true, card: newCustomerSummaryCard(created, locale) };
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'validation' && error.code !== 'conflict')) throw error;
      const repeat = error.code === 'conflict' ? await this.repeatOf(input, ctx) : null;
      if (repeat) return { ok: true, card: newCustomerSummaryCard(repeat, locale) };
      return { ok: true, card: await this.form(ctx, locale, { values, ...errorsOf(error, rows, values, locale) }) };
    }
  }

  /** The change context of a Gateway person (or admin) in their time zone, or why they may not enter customers. */
  private contextFor(person: Person | undefined, locale: Locale): ChangeContext | string {
    const actor = actorOf(person);
    if (!actor) return t(locale, 'common.notInDirectory');
    if (!mayEnterCustomers(actor)) return t(locale, 'newCustomer.gatewayOnly');
    return this.deps.customers.context(actor, timeZoneOf(person));
  }

  private async form(
    ctx: ChangeContext, locale: Locale, shown: { values?: FormValues; errors?: FormErrors; banner?: Banner },
  ): Promise<AdaptiveCard> {
    const fms = await this.deps.directory.withRole('fm');
    return newCustomerFormCard({ today: ctx.today, fms, locale, ...shown });
  }

  /** The stored customer when it is this submission made moments ago (a re-sent invoke, a double click). */
  private async repeatOf(input: NewCustomerInput, ctx: ChangeContext): Promise<Customer | null> {
    const candidate = newCustomer(input, ctx, 'gateway'); // valid: the service got as far as the store
    const stored = (await this.deps.customers.get(candidate.tenantId)).value;
    return isRepeat(stored, candidate, ctx) ? stored : null;
  }
}
