/**
 * The `customer` command's cards: the customer card (customer.json: every workload with its state, date, start and
 * completion and where it came from; for its FM an `open` per workload and the `addWorkload` form) and the pick list
 * when several customers match (customer-list.json). The add form's input ids live here, with the action field
 * each one carries (the contract's verbs table names them).
 */
import { addYears, MAX_YEARS_AHEAD } from '../../domain/dates';
import { MAX_NOTE_LENGTH } from '../../domain/text';
import type { TimelineItem } from '../../domain/timeline';
import type { AddedWorkloadSource, Customer, Locale, Workload } from '../../domain/types';
import type {
  AddWorkloadErrors, AddWorkloadField, AddWorkloadFields, AddWorkloadOutcome, CustomerMatches, CustomerView,
} from '../../services/customer-views';
import { say, sayByField, sayRefusal, t } from '../i18n/messages';
import { monthChoices, staleBanner, type Banner, type CardOrigin } from './esd-card';
import {
  expectedStart, formatDay, formatEsd, formatInstantDay, formatShortDay, noteLabel, plain, stateLabel, truncate,
  workloadLabel,
} from './format';
import { fieldsOfInputs, inputsOfFields } from './input-fields';
import { renderCard, type AdaptiveCard } from './render';

/** A customer's card, in place of the card it is asked from (the pick list, an ESD card's way back). */
export const CUSTOMER_VERB = 'customer';
export const ADD_WORKLOAD_VERB = 'addWorkload';
/** The ESD card's drill-down from this card (the verb and its origin are the ESD card's). */
const OPEN_VERB = 'open';
const FROM_CUSTOMER: CardOrigin = 'customer';

/** The add form's input ids and the field of the action each one carries. */
export const ADD_WORKLOAD_INPUTS = ['workload', 'source', 'newDate', 'newMonth', 'note'] as const;
export type AddWorkloadInputId = (typeof ADD_WORKLOAD_INPUTS)[number];
export type AddWorkloadInputs = Partial<Record<AddWorkloadInputId, string>>;

const FIELD_OF_INPUT: Record<AddWorkloadInputId, AddWorkloadField> = {
  workload: 'workload', source: 'source', newDate: 'engagementStartDate', newMonth: 'engagementStartMonth', note: 'note',
};

/** What was typed into the form, as the action's fields. */
export function addWorkloadFieldsOf(typed: AddWorkloadInputs): AddWorkloadFields {
  return fieldsOfInputs(FIELD_OF_INPUT, typed);
}

/** By the form's input ids, with '' for none (the template tests every id). */
function byInput(byField: Partial<Record<AddWorkloadField, string>> | undefined): Record<AddWorkloadInputId, string> {
  const shown = inputsOfFields(FIELD_OF_INPUT, byField ?? {});
  return Object.fromEntries(ADD_WORKLOAD_INPUTS.map((id) => [id, shown[id] ?? ''])) as Record<AddWorkloadInputId, string>;
}

const SOURCE_CHOICES: readonly AddedWorkloadSource[] = ['serialDeployment', 'successReview'];
const DEFAULT_SOURCE: AddedWorkloadSource = 'serialDeployment';

/**
 * The card is an overview (each workload's ESD card shows its own notes): the three latest notes, cut short, so that
 * a customer with every workload, or with the add form filled in, stays under Teams' 28 KB.
 */
const NOTES_SHOWN = 3;
const NOTE_CHARS_SHOWN = 150;
const QUERY_CHARS_SHOWN = 80;

/**
 * Where the workload came from (R7, R8, R10). Its first history entry says through what it was entered; an entry that
 * set no date (R2: entered as already under way, started with no ESD to chase) says so.
 */
function sourceOf(w: Workload, locale: Locale): string {
  const first = w.history[0];
  if (!first) return '';
  return t(locale, 'customer.source', { source: first.source, underWay: first.to === null ? 'yes' : 'no' });
}

/**
 * One line under the workload: its state, its date (or why it has none: R1), start and completion, and where it came
 * from.
 */
function details(w: Workload, locale: Locale): string {
  const parts: string[] = [stateLabel(w.state, locale)];
  if (w.l1Status !== 'InProgress') parts.push(t(locale, 'customer.noStartDate', { why: w.l1Status }));
  else if (w.engagementStartDate) {
    parts.push(t(locale, 'customer.startDate', { date: formatEsd(w.engagementStartDate, w.datePrecision, locale) }));
  }
  if (w.startedOn) parts.push(t(locale, 'customer.startedOn', { day: formatDay(w.startedOn, locale) }));
  if (w.completedOn) parts.push(t(locale, 'customer.completedOn', { day: formatDay(w.completedOn, locale) }));
  const source = sourceOf(w, locale);
  if (source) parts.push(source);
  return parts.join(' · ');
}

/** P3: what a step of the series says of the time to it: the gap, or that it overlaps; '' for neither. */
function gapText(item: TimelineItem, locale: Locale): string {
  if (item.after && item.gapDays !== null) {
    const previous = workloadLabel(item.after.workload);
    if (item.gapDays === 0) return t(locale, 'customer.timeline.sameDay', { previous });
    return t(locale, 'customer.timeline.gap', { days: item.gapDays, previous });
  }
  return item.overlapping ? t(locale, 'customer.timeline.overlaps') : '';
}

/**
 * P3: one step of the series in plain words: when it started (or is expected to: a month estimate reads "expected in
 * February 2027"), when it was completed, the customer's silence, and the gap to it.
 */
function timelineText(item: TimelineItem, locale: Locale): string {
  const parts = [
    item.startedOn ? t(locale, 'customer.timeline.started', { day: formatShortDay(item.startedOn, locale) })
      : expectedStart(item.start, item.datePrecision, locale),
  ];
  if (item.completedOn) parts.push(t(locale, 'customer.timeline.completed', { day: formatShortDay(item.completedOn, locale) }));
  else if (item.state === 'awaitingCustomer' || item.state === 'inactive') {
    parts.push(t(locale, 'customer.timeline.silent', { state: item.state }));
  }
  const gap = gapText(item, locale);
  if (gap) parts.push(gap);
  return parts.join(' · ');
}

/**
 * P3: the series is shown once it is one: two steps or more, one of them begun. Before that it would only repeat the
 * workloads' own dates (and the card must stay under 28 KB with every workload and the longest notes).
 */
function seriesShown(timeline: readonly TimelineItem[]): readonly TimelineItem[] {
  return timeline.length > 1 && timeline.some((item) => item.startedOn !== null) ? timeline : [];
}

function assigneeLine(customer: Customer, locale: Locale): string {
  const { assignee } = customer;
  if (!assignee) return t(locale, 'customer.notAssigned');
  return t(locale, 'customer.assignee', { type: assignee.type, name: assignee.name || t(locale, 'customer.unnamed') });
}

export interface CustomerCardInput extends CustomerView {
  banner?: Banner;
  /** Errors under the add form's inputs, and what was typed, put back so nothing is lost. */
  errors?: AddWorkloadErrors;
  values?: AddWorkloadFields;
  /** The reader's language (en-US unless given). */
  locale?: Locale;
}

/** The add form: shown to whoever may add (R7, R8) while some catalogue workload is missing. */
function addForm(input: CustomerCardInput, locale: Locale): Record<string, unknown> {
  const { customer, etag, today, addRefusal, addable } = input;
  const shown = addRefusal === null && addable.length > 0;
  const values = byInput(input.values);
  for (const id of ADD_WORKLOAD_INPUTS) values[id] = values[id].slice(0, MAX_NOTE_LENGTH);
  values.source ||= DEFAULT_SOURCE;
  return {
    shown,
    complete: addRefusal === null && addable.length === 0,
    data: { verb: ADD_WORKLOAD_VERB, tenantId: customer.tenantId, etag },
    choices: shown ? addable.map((w) => ({ title: workloadLabel(w), value: w })) : [],
    sources: SOURCE_CHOICES.map((value) => ({ title: t(locale, `customer.input.source.${value}`), value })),
    today,
    maxDate: addYears(today, MAX_YEARS_AHEAD),
    maxNoteLength: MAX_NOTE_LENGTH,
    monthChoices: shown ? monthChoices(today, locale) : [],
    errors: byInput(sayByField(locale, input.errors ?? {})),
    values,
  };
}

/** The fixed texts of customer.json, in the reader's language. */
function fixedTexts(locale: Locale): Record<string, string> {
  const keys = {
    heading: 'customer.heading', open: 'customer.open', timeline: 'customer.timelineHeading',
    notes: 'customer.notesHeading', complete: 'customer.complete', add: 'customer.add', intro: 'customer.add.intro',
    workload: 'customer.input.workload', workloadError: 'customer.input.workload.error',
    workloadPlaceholder: 'customer.input.workload.placeholder', source: 'customer.input.source',
    sourceError: 'customer.input.source.error', newDate: 'customer.input.newDate', newMonth: 'customer.input.newMonth',
    newMonthPlaceholder: 'customer.input.newMonth.placeholder', note: 'customer.input.note',
    notePlaceholder: 'customer.input.note.placeholder', submit: 'customer.submit',
  } as const;
  return Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, t(locale, key)]));
}

export function customerCard(input: CustomerCardInput): AdaptiveCard {
  const { customer } = input;
  const locale = input.locale ?? 'en-US';
  return renderCard('customer', {
    text: fixedTexts(locale),
    banner: { text: plain(input.banner?.text ?? ''), style: input.banner?.style ?? 'default' },
    name: plain(customer.name),
    subtitle: plain(t(locale, 'customer.subtitle', { assignee: assigneeLine(customer, locale), tenantId: customer.tenantId })),
    canOpen: input.canOpen,
    workloads: customer.workloads.map((w) => ({
      label: workloadLabel(w.workload),
      details: details(w, locale),
      open: { verb: OPEN_VERB, tenantId: customer.tenantId, workload: w.workload, from: FROM_CUSTOMER },
    })),
    // A form sent back to be corrected is what the card is about: it leaves out the timeline and the notes, so that
    // what was typed (a note of up to 2,000 characters) fits.
    timeline: (input.values ? [] : seriesShown(input.timeline))
      .map((item) => ({
        text: plain(t(locale, 'customer.timeline.line', {
          workload: workloadLabel(item.workload), text: timelineText(item, locale),
        })),
      })),
    notes: (input.values ? [] : customer.statusNotes.slice(-NOTES_SHOWN)).reverse().map((n) => ({
      heading: plain(t(locale, 'customer.note.heading', {
        day: formatInstantDay(n.at, locale), name: n.by.name, label: noteLabel(n.kind, locale),
        workload: n.workload ? t(locale, 'customer.note.workload', { workload: workloadLabel(n.workload) }) : '',
      })),
      text: plain(truncate(n.text, NOTE_CHARS_SHOWN)),
    })),
    readOnlyReason: input.readOnlyReason ? plain(say(locale, input.readOnlyReason)) : '',
    add: addForm(input, locale),
  });
}

/** What an added workload's banner says: which, and when it is expected (a month reads "expected in …", R7). */
function addedText(outcome: Extract<AddWorkloadOutcome, { status: 'applied' }>, locale: Locale): string {
  const w = outcome.view.customer.workloads.find((x) => x.workload === outcome.added);
  const when = w?.engagementStartDate
    ? t(locale, 'customer.added.when', { when: expectedStart(w.engagementStartDate, w.datePrecision, locale) }) : '';
  return t(locale, 'customer.added', { workload: workloadLabel(outcome.added), when, noted: outcome.noted ? 'yes' : 'no' });
}

/** The card that answers `addWorkload`: the customer as it is now, with a line saying what happened. */
export function customerOutcomeCard(outcome: AddWorkloadOutcome, locale: Locale = 'en-US'): AdaptiveCard {
  const view = { ...outcome.view, locale };
  switch (outcome.status) {
    case 'applied':
      return customerCard({ ...view, banner: { text: addedText(outcome, locale), style: 'good' } });
    case 'duplicate':
      return customerCard({ ...view, banner: { text: t(locale, 'esd.duplicate'), style: 'accent' } });
    case 'stale':
      return customerCard({ ...view, banner: staleBanner(outcome.lastChange, locale) });
    case 'invalid': {
      const text = t(locale, 'customer.invalid');
      return customerCard({ ...view, banner: { text, style: 'attention' }, errors: outcome.errors, values: outcome.values });
    }
    case 'refused': {
      const text = t(locale, 'esd.refused', { message: sayRefusal(locale, outcome.reason) });
      return customerCard({ ...view, banner: { text, style: 'attention' } });
    }
  }
}

/** Several customers match: a short list to pick one from, each answering its customer card in place. */
export function customerListCard(matches: CustomerMatches, query: string, locale: Locale = 'en-US'): AdaptiveCard {
  return renderCard('customerList', {
    text: { kicker: t(locale, 'customer.list.kicker'), show: t(locale, 'customer.list.show'), more: t(locale, 'customer.list.more') },
    heading: plain(t(locale, 'customer.list.heading', {
      more: matches.more ? 'yes' : 'no', count: matches.customers.length, query: truncate(query.trim(), QUERY_CHARS_SHOWN),
    })),
    customers: matches.customers.map((c) => ({
      name: plain(c.name),
      line: plain(t(locale, 'customer.list.line', {
        assignee: assigneeLine(c, locale), count: c.workloads.length, tenantId: c.tenantId,
      })),
      show: { verb: CUSTOMER_VERB, tenantId: c.tenantId },
    })),
    more: matches.more,
  });
}
