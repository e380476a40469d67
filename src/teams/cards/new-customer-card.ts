/**
 * The Gateway's `new customer` form (R4) and the summary card that replaces it once the customer is stored.
 * Input ids are part of the form's contract with new-customer-form.ts: one row of inputs per catalogue workload.
 *
 * Each row's month (R7) is a `YYYY-MM` text input, not a choice set of the next 36 months like the ESD card's: eleven
 * such choice sets alone weigh ~36 KB (UTF-16), over the 28 KB the bot's cards keep to (Teams refuses ~40 KB).
 *
 * Every text comes from the message catalogue (area `newCustomer`) in the reader's locale (issue 11); the
 * validation messages under the inputs are the domain's phrases, already said in that locale by new-customer-form.ts.
 */
import type { CalendarDate } from '../../domain/dates';
import { GUID_PATTERN } from '../../domain/ids';
import { hasActiveEsd } from '../../domain/rules';
import { MAX_NAME_LENGTH } from '../../domain/text';
import {
  L1_STATUSES, WORKLOADS, type Assignee, type Customer, type L1Status, type Locale, type Workload, type WorkloadName,
} from '../../domain/types';
import { t } from '../i18n/messages';
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

function statusLabel(status: L1Status, locale: Locale): string {
  return t(locale, 'newCustomer.status', { status });
}

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
  /** The reader's language (en-US when absent). */
  locale?: Locale;
}

function choice(title: string, value: string): { title: string; value: string } {
  return { title, value };
}

function statusChoices(locale: Locale): { title: string; value: string }[] {
  return [choice(t(locale, 'newCustomer.status.none'), NONE), ...L1_STATUSES.map((s) => choice(statusLabel(s, locale), s))];
}

function fmChoice(fm: FmChoice): { title: string; value: string } {
  return choice(plain(fm.name || fm.aadObjectId), fm.aadObjectId);
}

function assigneeChoices(fms: FmChoice[], locale: Locale): { title: string; value: string }[] {
  return [
    choice(t(locale, 'newCustomer.assignee.none'), NONE), ...fms.map(fmChoice),
    choice(t(locale, 'newCustomer.assignee.partner'), PARTNER_CHOICE),
  ];
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

function leftOutNotice(count: number, locale: Locale): string {
  return count === 0 ? '' : t(locale, 'newCustomer.fmsLeftOut', { count });
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
  const locale = input.locale ?? 'en-US';
  const data = formData(input, locale);
  const bare = renderCard('newCustomer', {
    ...data, assigneeChoices: assigneeChoices([], locale), fmsLeftOut: leftOutNotice(input.fms.length, locale),
  });
  const fms = fittingFms(input.fms, input.values?.assignee, MAX_FORM_BYTES - utf16Bytes(bare));
  return renderCard('newCustomer', {
    ...data,
    assigneeChoices: assigneeChoices(fms, locale),
    fmsLeftOut: leftOutNotice(input.fms.length - fms.length, locale),
  });
}

/** Everything the form shows but the FMs. */
function formData(input: NewCustomerFormInput, locale: Locale): Record<string, unknown> {
  const values = input.values ?? {};
  const errors = input.errors ?? {};
  const topError = (slot: FormErrorSlot): string => plain(errors[slot] ?? '');
  return {
    banner: { text: plain(input.banner?.text ?? ''), style: input.banner?.style ?? 'default' },
    intro: t(locale, 'newCustomer.intro'),
    workloadHint: t(locale, 'newCustomer.workloadHint'),
    guidPattern: GUID_PATTERN, // a client-side hint only (some clients ignore it): the domain decides on submit
    maxNameLength: MAX_NAME_LENGTH,
    today: input.today,
    statusChoices: statusChoices(locale),
    rows: rows(values, errors),
    values: Object.fromEntries(CUSTOMER_FIELDS.map((id) => [id, valueFor(id, values[id])])),
    errors: Object.fromEntries([...CUSTOMER_FIELDS, 'workloads' as const].map((slot) => [slot, topError(slot)])),
    ui: {
      heading: t(locale, 'newCustomer.heading'),
      tenantId: t(locale, 'newCustomer.input.tenantId'),
      tenantIdError: t(locale, 'newCustomer.input.tenantId.error'),
      name: t(locale, 'newCustomer.input.name'),
      nameError: t(locale, 'newCustomer.input.name.error'),
      workloads: t(locale, 'newCustomer.workloads'),
      datePlaceholder: t(locale, 'newCustomer.input.date.placeholder'),
      monthPlaceholder: t(locale, 'newCustomer.input.month.placeholder'),
      startedOnPlaceholder: t(locale, 'newCustomer.input.startedOn.placeholder'),
      assignee: t(locale, 'newCustomer.input.assignee'),
      partnerId: t(locale, 'newCustomer.input.partnerId'),
      partnerName: t(locale, 'newCustomer.input.partnerName'),
      submit: t(locale, 'newCustomer.submit'),
    },
  };
}

function assigneeLabel(assignee: Assignee | null, locale: Locale): string {
  if (!assignee) return t(locale, 'newCustomer.assignee.none');
  return assignee.type === 'fm'
    ? t(locale, 'newCustomer.summary.fm', { name: assignee.name || assignee.aadObjectId })
    : t(locale, 'newCustomer.summary.partner', {
      name: assignee.name || t(locale, 'newCustomer.summary.unnamed'), partnerId: assignee.partnerId,
    });
}

/** A workload's dates in the summary: its ESD, or the day it started when it was entered as under way (R2). */
function summaryDate(w: Workload, locale: Locale): string {
  if (hasActiveEsd(w) && w.engagementStartDate) return formatEsd(w.engagementStartDate, w.datePrecision, locale);
  if (w.state === 'started' && w.startedOn) {
    return t(locale, 'newCustomer.summary.underWay', { day: formatDay(w.startedOn, locale) });
  }
  return '—';
}

/** What was stored, drawn from the stored customer (never from what was typed), in the reader's `locale`. */
export function newCustomerSummaryCard(customer: Customer, locale: Locale = 'en-US'): AdaptiveCard {
  return renderCard('newCustomerSummary', {
    banner: t(locale, 'newCustomer.summary.banner'),
    name: plain(customer.name),
    facts: [
      { label: t(locale, 'newCustomer.summary.tenantId'), value: customer.tenantId },
      { label: t(locale, 'newCustomer.summary.assignedTo'), value: plain(assigneeLabel(customer.assignee, locale)) },
    ],
    workloads: customer.workloads.map((w) => ({
      label: workloadLabel(w.workload),
      status: statusLabel(w.l1Status, locale),
      date: summaryDate(w, locale),
    })),
    ui: {
      heading: t(locale, 'newCustomer.heading'),
      workload: t(locale, 'newCustomer.summary.workload'),
      l1Status: t(locale, 'newCustomer.summary.l1Status'),
      startDate: t(locale, 'newCustomer.summary.startDate'),
    },
  });
}
