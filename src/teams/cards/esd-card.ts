/** The ESD card: one template (esd.json) for reminders, `upcoming` and every answer to a card action. */
import { addDays, addYears, MAX_YEARS_AHEAD, monthOf, type CalendarDate } from '../../domain/dates';
import { MAX_NOTE_LENGTH } from '../../domain/text';
import type { Customer, StatusNote, Workload } from '../../domain/types';
import {
  allowedVerbs, earliestStartDay, ENGAGEMENT_VERBS, MAX_START_DAYS_BACK, type EngagementVerb,
} from '../../domain/engagement';
import type { ActionOutcome, CardState } from '../../services/card-actions';
import { byCardInput, CARD_INPUTS, type CardInputs } from './esd-inputs';
import {
  actorLabel, formatDay, formatEsd, formatInstantDay, formatMonth, NOTE_LABELS, plain, STATE_LABELS, truncate,
  workloadLabel,
} from './format';
import { renderCard, type AdaptiveCard } from './render';

export type BannerStyle = 'good' | 'warning' | 'attention' | 'accent';
export interface Banner {
  text: string;
  style: BannerStyle;
}

/**
 * Where an ESD card was opened from (verb `open`): the card it offers to go back to (verb `back`, `to` = the origin).
 * `upcoming` is the FM's work list; `customer` the customer card.
 */
export const CARD_ORIGINS = ['upcoming', 'customer'] as const;
export type CardOrigin = (typeof CARD_ORIGINS)[number];
const BACK_TITLES: Record<CardOrigin, string> = { upcoming: 'Back to my list', customer: 'Back to the customer' };

export interface EsdCardInput extends CardState {
  banner?: Banner;
  /** Opened from a list: the card has a way back to it, and every action keeps the origin. */
  from?: CardOrigin;
  /** Per-input errors shown under the inputs, and the values to put back so nothing typed is lost. */
  errors?: CardInputs;
  values?: CardInputs;
}

export const R3_GUIDANCE = 'Communication has started when you and the customer exchange information about the '
  + 'FastTrack process (an email thread, a first call, or the kickoff), not when you sent a first email or left a voicemail.';
const START_HINT = 'Pick the day you and the customer started exchanging information (today, or up to '
  + `${MAX_START_DAYS_BACK} days back). If it is not the Engagement Start Date, the date moves to that day.`;
const NOTES_SHOWN = 3;
const NOTE_CHARS_SHOWN = 400;
const MONTHS_OFFERED = 12 * MAX_YEARS_AHEAD;

interface Fact {
  label: string;
  value: string;
  color: 'Default' | 'Good' | 'Warning' | 'Attention';
}

function facts(customer: Customer, workload: Workload): Fact[] {
  const list: Fact[] = [];
  const add = (label: string, value: string, color: Fact['color'] = 'Default'): void => { list.push({ label, value: plain(value), color }); };
  if (workload.engagementStartDate) add('Start date', formatEsd(workload.engagementStartDate, workload.datePrecision));
  add('State', STATE_LABELS[workload.state], workload.state === 'inactive' ? 'Warning' : 'Default');
  const lastSet = workload.history[workload.history.length - 1];
  if (lastSet) add('Set by', `${actorLabel(lastSet.by)}, ${formatInstantDay(lastSet.at)}`);
  const assignee = customer.assignee;
  add('Assigned to', assignee ? `${assignee.name || '(unnamed)'} (${assignee.type === 'fm' ? 'FM' : 'Partner'})` : 'Not assigned yet');
  if (workload.followUpOn && workload.state === 'awaitingCustomer') add('Ask again on', formatDay(workload.followUpOn));
  if (workload.startedOn) add('Started on', formatDay(workload.startedOn), 'Good');
  if (workload.completedOn) add('Completed on', formatDay(workload.completedOn), 'Good');
  return list;
}

function recentNotes(customer: Customer, workload: Workload): { heading: string; text: string }[] {
  return customer.statusNotes.filter((n) => n.workload === workload.workload).slice(-NOTES_SHOWN).reverse()
    .map((n) => ({
      heading: plain(`${formatInstantDay(n.at)} · ${n.by.name} · ${NOTE_LABELS[n.kind]}: `),
      text: plain(truncate(n.text, NOTE_CHARS_SHOWN)),
    }));
}

type MonthChoice = Readonly<{ title: string; value: string }>;
/**
 * The month picker depends only on the current month: built once per month, not per card. The templates take the
 * list whole (`"choices": "${monthChoices}"`, one expression instead of two per month: half an ESD card's rendering),
 * so every card holds this same frozen list.
 */
let monthChoicesCache: { month: string; choices: readonly MonthChoice[] } | undefined;

/** R7: the months a date may be estimated in, from the current one, for every card's month picker. */
export function monthChoices(today: CalendarDate): readonly MonthChoice[] {
  const current = monthOf(today);
  if (monthChoicesCache?.month === current) return monthChoicesCache.choices;
  const choices: MonthChoice[] = [];
  let day = `${current}-01`;
  for (let i = 0; i < MONTHS_OFFERED; i++) {
    choices.push(Object.freeze({ title: formatMonth(monthOf(day)), value: monthOf(day) }));
    day = addDays(day, 32).slice(0, 8) + '01';
  }
  monthChoicesCache = { month: current, choices: Object.freeze(choices) };
  return monthChoicesCache.choices;
}

/** The actions shown: to a viewer who may act, the verbs the workload allows (the domain refuses the others). */
function availableActions(workload: Workload, canAct: boolean): Record<EngagementVerb, boolean> {
  const allowed = allowedVerbs(workload);
  const shown = ENGAGEMENT_VERBS.map((verb) => [verb, canAct && allowed.has(verb)]);
  return Object.fromEntries(shown) as Record<EngagementVerb, boolean>;
}

/** The `data` of each action of the card: its verb and the card's key (and origin); `back` names where to go. */
function actionData(state: CardState, from: CardOrigin | undefined): Record<string, Record<string, unknown>> {
  const key = {
    tenantId: state.customer.tenantId, workload: state.workload.workload, revision: state.workload.revision,
    ...(from ? { from } : {}),
  };
  const data: Record<string, Record<string, unknown>> = {};
  for (const verb of [...ENGAGEMENT_VERBS, 'refresh']) data[verb] = { verb, ...key };
  data.back = { verb: 'back', to: from ?? '', tenantId: key.tenantId, workload: key.workload };
  return data;
}

export function esdCard(input: EsdCardInput): AdaptiveCard {
  const { customer, workload } = input;
  const errors = Object.fromEntries(CARD_INPUTS.map((id) => [id, input.errors?.[id] ?? '']));
  // Typed values go back as typed (they are input values, not shown text), cut to what an input may hold: a client
  // that ignores maxLength cannot inflate the card past Teams' size limit.
  const values = Object.fromEntries(CARD_INPUTS.map((id) => [id, (input.values?.[id] ?? '').slice(0, MAX_NOTE_LENGTH)]));
  values.startedOn ||= input.today; // R5: today preselected
  const card = renderCard('esd', {
    act: actionData(input, input.from),
    back: { title: input.from ? BACK_TITLES[input.from] : '' },
    // Universal Actions refresh: the assigned FM sees the current state whenever the card is shown again.
    refreshUserIds: customer.assignee?.type === 'fm' ? [customer.assignee.aadObjectId] : [],
    banner: { text: plain(input.banner?.text ?? ''), style: input.banner?.style ?? 'default' },
    customerName: plain(customer.name),
    workloadLabel: workloadLabel(workload.workload),
    facts: facts(customer, workload),
    guidance: R3_GUIDANCE,
    notes: recentNotes(customer, workload),
    readOnlyReason: input.canAct ? '' : plain(input.readOnlyReason),
    actions: availableActions(workload, input.canAct),
    today: input.today,
    startMin: earliestStartDay(input.today),
    startHint: START_HINT,
    maxDate: addYears(input.today, MAX_YEARS_AHEAD),
    maxNoteLength: MAX_NOTE_LENGTH,
    monthChoices: monthChoices(input.today),
    errors,
    values,
  });
  // A `$when` that drops the refresh leaves `"refresh": null`, which the card schema does not allow.
  if (card.refresh === null) delete card.refresh;
  return card;
}

/** R5: what confirming a start did to the ESD, when it moved it to the day it started. */
function startMoved(w: Workload, before: Workload | undefined): string {
  const was = before?.engagementStartDate;
  if (!before || !was || (was === w.engagementStartDate && before.datePrecision === w.datePrecision)) return '';
  return ` The Engagement Start Date (it was ${before.datePrecision === 'month' ? formatEsd(was, 'month') : formatDay(was)}) is now that day.`;
}

/** R7: a month estimate is never shown as a day. */
function rescheduled(w: Workload): string {
  const date = w.engagementStartDate ?? '';
  return w.datePrecision === 'month' ? `Rescheduled: now ${formatEsd(date, 'month')}.` : `Rescheduled to ${formatDay(date)}.`;
}

/** What an applied verb did, given the workload after it (and, for a start, before it). */
const DONE: Record<EngagementVerb, (w: Workload, before?: Workload) => string> = {
  confirmStart: (w, before) => `Recorded: communication with the customer started on ${formatDay(w.startedOn ?? '')}.${startMoved(w, before)}`,
  reschedule: (w) => `${rescheduled(w)} The reason is in the Overall Status Notes.`,
  noResponse: (w) => `Noted. The date stays; you will be asked again on ${formatDay(w.followUpOn ?? '')}.`,
  customerInactive: () => 'Noted: the customer is inactive. The date stays and the reminders stop.',
  complete: (w) => `Recorded: the deployment completed on ${formatDay(w.completedOn ?? '')}.`,
};

/** A card drawn before someone else's change: nothing was changed, and what changed since (the last note). */
export function staleBanner(last: StatusNote | undefined): Banner {
  const what = last
    ? `${actorLabel(last.by)} recorded "${NOTE_LABELS[last.kind]}" on ${formatInstantDay(last.at)}: ${truncate(last.text, 200)}`
    : 'it was changed by someone else';
  return { text: `This card was out of date, so nothing was changed. Since it was sent, ${what}`, style: 'warning' };
}

/** The card that answers a card action: the current state, with a line saying what happened. */
export function outcomeCard(outcome: ActionOutcome, from?: CardOrigin): AdaptiveCard {
  const state = { ...outcome.state, from };
  switch (outcome.status) {
    case 'applied':
      return esdCard({ ...state, banner: { text: DONE[outcome.verb](state.workload, outcome.before), style: 'good' } });
    case 'duplicate':
      return esdCard({ ...state, banner: { text: 'Already recorded: nothing was changed twice.', style: 'accent' } });
    case 'stale':
      return esdCard({ ...state, banner: staleBanner(outcome.lastChange) });
    case 'invalid': {
      // Each message under the input of its field, and what was typed back in its input.
      const banner: Banner = { text: 'Nothing was saved: please correct the fields below.', style: 'attention' };
      return esdCard({ ...state, banner, errors: byCardInput(outcome.errors), values: byCardInput(outcome.values) });
    }
    case 'refused':
      return esdCard({ ...state, banner: { text: `Nothing was changed. ${outcome.message}`, style: 'attention' } });
  }
}

/** The proactive reminder: the ESD card with a line saying why it comes today, and the notification's summary. */
export function reminderCard(state: CardState): { card: AdaptiveCard; summary: string } {
  const { customer, workload, today } = state;
  const label = workloadLabel(workload.workload);
  const date = workload.engagementStartDate ?? today;
  const followUp = workload.state === 'awaitingCustomer';
  let text: string;
  if (followUp) text = `You asked to be reminded: did ${customer.name} answer about ${label}?`;
  else if (workload.datePrecision === 'month') {
    // R7: an estimate has no day to announce, only the month it is expected in.
    const when = monthOf(date) === monthOf(today) ? 'Expected this month' : `It was ${formatEsd(date, 'month')}`;
    text = `${when}: has communication with the customer started?`;
  } else {
    const when = date < today ? `The Engagement Start Date was ${formatDay(date)}` : 'Today is the Engagement Start Date';
    text = `${when}: did communication with the customer start?`;
  }
  return {
    card: esdCard({ ...state, banner: { text, style: 'accent' } }),
    summary: plain(`${followUp ? 'Follow-up' : 'Engagement Start Date'}: ${customer.name} · ${label}`),
  };
}
