/**
 * The `customer` command's cards: the customer card (customer.json: every workload with its state, date, start and
 * completion and where it came from; for its FM an `open` per workload and the `addWorkload` form) and the pick list
 * when several customers match (customer-list.json). The add form's input ids live here, with the action field
 * each one carries (the contract's verbs table names them).
 */
import { addYears, MAX_YEARS_AHEAD } from '../../domain/dates';
import { MAX_NOTE_LENGTH } from '../../domain/text';
import type { TimelineItem } from '../../domain/timeline';
import type { AddedWorkloadSource, ChangeSource, Customer, L1Status, Workload } from '../../domain/types';
import type {
  AddWorkloadErrors, AddWorkloadField, AddWorkloadFields, AddWorkloadOutcome, CustomerMatches, CustomerView,
} from '../../services/customer-views';
import { monthChoices, staleBanner, type Banner, type CardOrigin } from './esd-card';
import {
  expectedStart, formatDay, formatEsd, formatInstantDay, formatShortDay, NOTE_LABELS, plain, STATE_LABELS, truncate,
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

const SOURCE_CHOICES: Record<AddedWorkloadSource, string> = {
  serialDeployment: 'Serial deployment', successReview: 'Customer Success Review',
};
const DEFAULT_SOURCE: AddedWorkloadSource = 'serialDeployment';

/** Where a workload came from, by the source of its first history entry (R7, R8, R10). */
const SOURCE_LABELS: Record<ChangeSource, string> = {
  gateway: 'Gateway', import: 'Gateway (bulk import)', serialDeployment: 'serial deployment',
  successReview: 'Customer Success Review', card: 'the FM\'s card', api: 'Gateway (API)',
};

/** R1: why a workload carries no date, in plain words. */
const NO_DATE_BECAUSE: Record<L1Status, string> = {
  InProgress: 'not set', Unknown: 'the customer\'s intent is not known yet', Blocked: 'blocked',
  NoIntent: 'the customer does not intend to deploy it',
};

/**
 * The card is an overview (each workload's ESD card shows its own notes): the three latest notes, cut short, so that
 * a customer with every workload, or with the add form filled in, stays under Teams' 28 KB.
 */
const NOTES_SHOWN = 3;
const NOTE_CHARS_SHOWN = 150;
const QUERY_CHARS_SHOWN = 80;

/**
 * Where the workload came from. Its first history entry says through what it was entered; an entry that set no date
 * (R2: entered as already under way, started with no ESD to chase) says so.
 */
function sourceOf(w: Workload): string {
  const first = w.history[0];
  if (!first) return '';
  return `Source: ${SOURCE_LABELS[first.source]}${first.to === null ? ' (already under way)' : ''}`;
}

/**
 * One line under the workload: its state, its date (or why it has none), start and completion, and where it came
 * from.
 */
function details(w: Workload): string {
  const parts: string[] = [STATE_LABELS[w.state]];
  if (w.l1Status !== 'InProgress') parts.push(`No start date: ${NO_DATE_BECAUSE[w.l1Status]}`);
  else if (w.engagementStartDate) parts.push(`Start date: ${formatEsd(w.engagementStartDate, w.datePrecision)}`);
  if (w.startedOn) parts.push(`Started on ${formatDay(w.startedOn)}`);
  if (w.completedOn) parts.push(`Completed on ${formatDay(w.completedOn)}`);
  const source = sourceOf(w);
  if (source) parts.push(source);
  return parts.join(' · ');
}

/** P3: what a step of the series says of the time to it: the gap, or that it overlaps; '' for neither. */
function gapText(item: TimelineItem): string {
  if (item.after && item.gapDays !== null) {
    const previous = workloadLabel(item.after.workload);
    if (item.gapDays === 0) return `the same day ${previous} was completed`;
    return `${item.gapDays} day${item.gapDays === 1 ? '' : 's'} after ${previous} was completed`;
  }
  return item.overlapping ? 'overlaps another deployment, so no gap' : '';
}

/**
 * P3: one step of the series in plain words: when it started (or is expected to: a month estimate reads "expected in
 * February 2027"), when it was completed, the customer's silence, and the gap to it.
 */
function timelineText(item: TimelineItem): string {
  const parts = [
    item.startedOn ? `started ${formatShortDay(item.startedOn)}` : expectedStart(item.start, item.datePrecision),
  ];
  if (item.completedOn) parts.push(`completed ${formatShortDay(item.completedOn)}`);
  else if (item.state === 'awaitingCustomer' || item.state === 'inactive') parts.push(STATE_LABELS[item.state].toLowerCase());
  const gap = gapText(item);
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

function assigneeLine(customer: Customer): string {
  return customer.assignee
    ? `${customer.assignee.type === 'fm' ? 'FM' : 'Partner'}: ${customer.assignee.name || '(unnamed)'}`
    : 'Not assigned yet';
}

export interface CustomerCardInput extends CustomerView {
  banner?: Banner;
  /** Errors under the add form's inputs, and what was typed, put back so nothing is lost. */
  errors?: AddWorkloadErrors;
  values?: AddWorkloadFields;
}

/** The add form: shown to whoever may add (R7, R8) while some catalogue workload is missing. */
function addForm(input: CustomerCardInput): Record<string, unknown> {
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
    sources: Object.entries(SOURCE_CHOICES).map(([value, title]) => ({ title, value })),
    today,
    maxDate: addYears(today, MAX_YEARS_AHEAD),
    maxNoteLength: MAX_NOTE_LENGTH,
    monthChoices: shown ? monthChoices(today) : [],
    errors: byInput(input.errors),
    values,
  };
}

export function customerCard(input: CustomerCardInput): AdaptiveCard {
  const { customer } = input;
  return renderCard('customer', {
    banner: { text: plain(input.banner?.text ?? ''), style: input.banner?.style ?? 'default' },
    name: plain(customer.name),
    subtitle: plain(`${assigneeLine(customer)} · tenant ${customer.tenantId}`),
    canOpen: input.canOpen,
    workloads: customer.workloads.map((w) => ({
      label: workloadLabel(w.workload),
      details: details(w),
      open: { verb: OPEN_VERB, tenantId: customer.tenantId, workload: w.workload, from: FROM_CUSTOMER },
    })),
    // A form sent back to be corrected is what the card is about: it leaves out the timeline and the notes, so that
    // what was typed (a note of up to 2,000 characters) fits.
    timeline: (input.values ? [] : seriesShown(input.timeline))
      .map((item) => ({ text: plain(`${workloadLabel(item.workload)}: ${timelineText(item)}`) })),
    notes: (input.values ? [] : customer.statusNotes.slice(-NOTES_SHOWN)).reverse().map((n) => ({
      heading: plain(`${formatInstantDay(n.at)} · ${n.by.name} · ${n.workload ? `${workloadLabel(n.workload)} · ` : ''}`
        + `${NOTE_LABELS[n.kind]}: `),
      text: plain(truncate(n.text, NOTE_CHARS_SHOWN)),
    })),
    readOnlyReason: plain(input.readOnlyReason),
    add: addForm(input),
  });
}

/** What an added workload's banner says: which, and when it is expected (a month reads "expected in …", R7). */
function addedText(outcome: Extract<AddWorkloadOutcome, { status: 'applied' }>): string {
  const w = outcome.view.customer.workloads.find((x) => x.workload === outcome.added);
  const when = w?.engagementStartDate ? `, ${expectedStart(w.engagementStartDate, w.datePrecision)}` : '';
  return `Added ${workloadLabel(outcome.added)}${when}.${outcome.noted ? ' The note is in the Overall Status Notes.' : ''}`;
}

/** The card that answers `addWorkload`: the customer as it is now, with a line saying what happened. */
export function customerOutcomeCard(outcome: AddWorkloadOutcome): AdaptiveCard {
  const { view } = outcome;
  switch (outcome.status) {
    case 'applied':
      return customerCard({ ...view, banner: { text: addedText(outcome), style: 'good' } });
    case 'duplicate':
      return customerCard({ ...view, banner: { text: 'Already recorded: nothing was changed twice.', style: 'accent' } });
    case 'stale':
      return customerCard({ ...view, banner: staleBanner(outcome.lastChange) });
    case 'invalid': {
      const text = 'Nothing was saved: open "Add a workload" again and correct the fields marked there.';
      return customerCard({ ...view, banner: { text, style: 'attention' }, errors: outcome.errors, values: outcome.values });
    }
    case 'refused':
      return customerCard({ ...view, banner: { text: `Nothing was changed. ${outcome.message}`, style: 'attention' } });
  }
}

/** Several customers match: a short list to pick one from, each answering its customer card in place. */
export function customerListCard(matches: CustomerMatches, query: string): AdaptiveCard {
  const count = matches.more ? `More than ${matches.customers.length}` : String(matches.customers.length);
  return renderCard('customerList', {
    heading: plain(`${count} customers match "${truncate(query.trim(), QUERY_CHARS_SHOWN)}": pick one.`),
    customers: matches.customers.map((c) => ({
      name: plain(c.name),
      line: plain(`${assigneeLine(c)} · ${c.workloads.length} workload${c.workloads.length === 1 ? '' : 's'} · tenant ${c.tenantId}`),
      show: { verb: CUSTOMER_VERB, tenantId: c.tenantId },
    })),
    more: matches.more,
  });
}
