/**
 * The Gateway's `new customer` form (R4) and the summary card that replaces it once the customer is stored.
 * Input ids are part of the form's contract with new-customer-form.ts: one row of inputs per catalogue workload.
 *
 * Each row's month (R7) is a `YYYY-MM` text input, not a choice set of the next 36 months like the ESD card's: eleven
 * such choice sets alone weigh ~36 KB (UTF-16), over the 28 KB the bot's cards keep to (Teams refuses ~40 KB).
 */
import type { CalendarDate } from '../../domain/dates';
import { GUID_PATTERN } from '../../domain/ids';
import { hasActiveEsd } from '../../domain/rules';
import { MAX_NAME_LENGTH } from '../../domain/text';
import {
  L1_STATUSES, WORKLOADS, type Assignee, type Customer, type L1Status, type Workload, type WorkloadName,
} from '../../domain/types';
import type { Banner } from './esd-card';
import { formatDay, formatEsd, plain, workloadLabel } from './format';
import { renderCard, type AdaptiveCard } from './render';

export const CREATE_CUSTOMER_VERB = 'createCustomer';

const CUSTOMER_FIELDS = ['tenantId', 'name', 'assignee', 'partnerId', 'partnerName'] as const;
const ROW_FIELDS = ['l1Status', 'date', 'month', 'startedOn'] as const;
export type RowField = (typeof ROW_FIELDS)[number];
export type RowInputId = `w.${WorkloadName}.${RowField}`;
export type FormInputId = (typeof CUSTOMER_FIELDS)[number] | RowInputId;
export type FormValues = Partial<Record<FormInputId, string>>;
/** Errors by the input they are shown under; `workloads` is the list as a whole (e.g. none chosen). */
export type FormErrorSlot = FormInputId | 'workloads';
export type FormErrors = Partial<Record<FormErrorSlot, string>>;

export function rowInputId(workload: WorkloadName, field: RowField): RowInputId {
  return `w.${workload}.${field}`;
}

export const FORM_INPUT_IDS: readonly FormInputId[] = [
  ...CUSTOMER_FIELDS, ...WORKLOADS.flatMap((w) => ROW_FIELDS.map((f) => rowInputId(w, f))),
];

/**
 * Choice values for "nothing": the card schema wants a non-empty value on every choice, and the form defaults to it.
 * `none` in a row's status leaves the workload out; as the assignee, the customer stays unassigned. (Not a GUID, so
 * never an FM's id.)
 */
export const NONE = 'none';
export const PARTNER_CHOICE = 'partner';

const L1_LABELS: Record<L1Status, string> = {
  InProgress: 'In progress', Unknown: 'Unknown', Blocked: 'Blocked', NoIntent: 'No intent',
};

/** Teams refuses cards over ~40 KB (UTF-16); the bot's cards stay under 28 KB, this one too. */
export const MAX_FORM_BYTES = 28 * 1024;

/**
 * What an input may hold: a typed value is put back cut to it, so a client that ignores maxLength cannot inflate the
 * card.
 */
const MAX_LENGTHS: Record<(typeof CUSTOMER_FIELDS)[number] | RowField, number> = {
  tenantId: 36, name: MAX_NAME_LENGTH, assignee: 100, partnerId: 100, partnerName: MAX_NAME_LENGTH,
  l1Status: 10, date: 10, month: 7, startedOn: 10,
};
/** The choice sets start on "nothing" rather than on no choice at all. */
const DEFAULTS: Partial<Record<keyof typeof MAX_LENGTHS, string>> = { l1Status: NONE, assignee: NONE };

/** A value to put back into an input: as typed, cut to what it may hold, or its default. */
function valueFor(field: keyof typeof MAX_LENGTHS, typed: string | undefined): string {
  return (typed ?? '').slice(0, MAX_LENGTHS[field]) || (DEFAULTS[field] ?? '');
}

const INTRO = 'As the Gateway conversation left it: each workload and the day the customer expects to start.';
const WORKLOAD_HINT = 'In progress needs a start date, or only the month (YYYY-MM; the 1st is used), or, for work already '
  + 'under way, the day it started (recorded as started; nobody is reminded). Other statuses carry no date. '
  + '"Not included": not part of this customer.';

export interface FmChoice {
  aadObjectId: string;
  name: string;
}

export interface NewCustomerFormInput {
  /** The Gateway person's calendar date: the earliest start date and the latest "started on" the pickers offer. */
  today: CalendarDate;
  fms: FmChoice[];
  values?: FormValues;
  errors?: FormErrors;
  banner?: Banner;
}

function choice(title: string, value: string): { title: string; value: string } {
  return { title, value };
}

function statusChoices(): { title: string; value: string }[] {
  return [choice('Not included', NONE), ...L1_STATUSES.map((s) => choice(L1_LABELS[s], s))];
}

function fmChoice(fm: FmChoice): { title: string; value: string } {
  return choice(plain(fm.name || fm.aadObjectId), fm.aadObjectId);
}

function assigneeChoices(fms: FmChoice[]): { title: string; value: string }[] {
  return [choice('Not assigned yet', NONE), ...fms.map(fmChoice), choice('Partner (FRP): give its id and name below', PARTNER_CHOICE)];
}

/** What a piece of card JSON weighs as Teams counts it (UTF-16). */
function utf16Bytes(value: unknown): number {
  return JSON.stringify(value).length * 2;
}

/**
 * The FMs that fit in `room` bytes, by name: a directory can hold more FMs than one Teams card can list (Teams' 1.5
 * cards have no typeahead). The chosen FM always stays, so a form sent back with errors keeps the choice.
 */
function fittingFms(fms: FmChoice[], chosen: string | undefined, room: number): FmChoice[] {
  const cost = (fm: FmChoice): number => utf16Bytes(fmChoice(fm)) + 2; // and its comma
  let left = room - fms.filter((fm) => fm.aadObjectId === chosen).reduce((sum, fm) => sum + cost(fm), 0);
  return fms.filter((fm) => {
    if (fm.aadObjectId === chosen) return true;
    left -= cost(fm);
    return left >= 0;
  });
}

function leftOutNotice(count: number): string {
  return count === 0 ? '' : `${count} more FM${count === 1 ? ' does' : 's do'} not fit on a Teams card: to assign one of them, `
    + 'leave "Not assigned yet" and assign the customer once it is saved.';
}

function rows(values: FormValues, errors: FormErrors): Record<string, unknown>[] {
  return WORKLOADS.map((workload) => {
    const fields = (pick: (field: RowField) => string): Record<RowField, string> => (
      { l1Status: pick('l1Status'), date: pick('date'), month: pick('month'), startedOn: pick('startedOn') });
    return {
      label: workloadLabel(workload),
      ids: fields((f) => rowInputId(workload, f)),
      values: fields((f) => valueFor(f, values[rowInputId(workload, f)])),
      errors: fields((f) => plain(errors[rowInputId(workload, f)] ?? '')),
    };
  });
}

/**
 * The form, empty or with what was typed and the error under each input it concerns. Drawn once without FMs to
 * learn how much room is left for them.
 */
export function newCustomerFormCard(input: NewCustomerFormInput): AdaptiveCard {
  const data = formData(input);
  const bare = renderCard('newCustomer', { ...data, assigneeChoices: assigneeChoices([]), fmsLeftOut: leftOutNotice(input.fms.length) });
  const fms = fittingFms(input.fms, input.values?.assignee, MAX_FORM_BYTES - utf16Bytes(bare));
  return renderCard('newCustomer', {
    ...data, assigneeChoices: assigneeChoices(fms), fmsLeftOut: leftOutNotice(input.fms.length - fms.length),
  });
}

/** Everything the form shows but the FMs. */
function formData(input: NewCustomerFormInput): Record<string, unknown> {
  const values = input.values ?? {};
  const errors = input.errors ?? {};
  const topError = (slot: FormErrorSlot): string => plain(errors[slot] ?? '');
  return {
    banner: { text: plain(input.banner?.text ?? ''), style: input.banner?.style ?? 'default' },
    intro: INTRO,
    workloadHint: WORKLOAD_HINT,
    guidPattern: GUID_PATTERN, // a client-side hint only (some clients ignore it): the domain decides on submit
    maxNameLength: MAX_NAME_LENGTH,
    today: input.today,
    statusChoices: statusChoices(),
    rows: rows(values, errors),
    values: Object.fromEntries(CUSTOMER_FIELDS.map((id) => [id, valueFor(id, values[id])])),
    errors: Object.fromEntries([...CUSTOMER_FIELDS, 'workloads' as const].map((slot) => [slot, topError(slot)])),
  };
}

function assigneeLabel(assignee: Assignee | null): string {
  if (!assignee) return 'Not assigned yet';
  return assignee.type === 'fm'
    ? `${assignee.name || assignee.aadObjectId} (FM)`
    : `${assignee.name || '(unnamed)'} (Partner, id ${assignee.partnerId})`;
}

/** A workload's dates in the summary: its ESD, or the day it started when it was entered as under way (R2). */
function summaryDate(w: Workload): string {
  if (hasActiveEsd(w) && w.engagementStartDate) return formatEsd(w.engagementStartDate, w.datePrecision);
  if (w.state === 'started' && w.startedOn) return `Under way, started on ${formatDay(w.startedOn)}`;
  return '—';
}

/** What was stored, drawn from the stored customer (never from what was typed). */
export function newCustomerSummaryCard(customer: Customer): AdaptiveCard {
  return renderCard('newCustomerSummary', {
    banner: 'Saved. This is the customer as it is stored now.',
    name: plain(customer.name),
    facts: [
      { label: 'Tenant id', value: customer.tenantId },
      { label: 'Assigned to', value: plain(assigneeLabel(customer.assignee)) },
    ],
    workloads: customer.workloads.map((w) => ({
      label: workloadLabel(w.workload),
      status: L1_LABELS[w.l1Status],
      date: summaryDate(w),
    })),
  });
}
