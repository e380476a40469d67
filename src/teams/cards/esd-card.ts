/** The ESD card: one template (esd.json) for reminders, `upcoming` and every answer to a card action. */
import { addDays, addYears, MAX_YEARS_AHEAD, monthOf, type CalendarDate } from '../../domain/dates';
import { MAX_NOTE_LENGTH } from '../../domain/text';
import type { Customer, Locale, StatusNote, Workload } from '../../domain/types';
import {
  allowedVerbs, earliestStartDay, ENGAGEMENT_VERBS, MAX_START_DAYS_BACK, type EngagementVerb,
} from '../../domain/engagement';
import type { ActionOutcome, CardState } from '../../services/card-actions';
import type { MessageKey } from '../i18n/catalogue';
import { say, sayByField, sayRefusal, t } from '../i18n/messages';
import { byCardInput, CARD_INPUTS, type CardInputs } from './esd-inputs';
import {
  actorLabel, formatDay, formatEsd, formatInstantDay, formatMonth, noteLabel, plain, stateLabel, truncate,
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
const BACK_TITLES: Record<CardOrigin, MessageKey> = { upcoming: 'esd.back.upcoming', customer: 'esd.back.customer' };

export interface EsdCardInput extends CardState {
  banner?: Banner;
  /** Opened from a list: the card has a way back to it, and every action keeps the origin. */
  from?: CardOrigin;
  /** Per-input errors shown under the inputs, and the values to put back so nothing typed is lost. */
  errors?: CardInputs;
  values?: CardInputs;
  /** The reader's language (issue 11); en-US when absent. */
  locale?: Locale;
}

/** R3: what counts as a start, under every ESD card (here in en-US). */
export const R3_GUIDANCE = t('en-US', 'esd.guidance');

/** The template's fixed texts (`${text.…}`): its headings, buttons and input labels, by the catalogue's key. */
const TEMPLATE_TEXTS = {
  refresh: 'esd.refresh', heading: 'esd.heading', notesHeading: 'esd.notesHeading',
  actionConfirmStart: 'esd.action.confirmStart', inputStartedOn: 'esd.input.startedOn',
  submitConfirmStart: 'esd.submit.confirmStart', actionReschedule: 'esd.action.reschedule',
  inputNewDate: 'esd.input.newDate', inputNewMonth: 'esd.input.newMonth',
  inputNewMonthPlaceholder: 'esd.input.newMonth.placeholder', inputReason: 'esd.input.reason',
  inputReasonError: 'esd.input.reason.error', inputReasonPlaceholder: 'esd.input.reason.placeholder',
  submitReschedule: 'esd.submit.reschedule', actionNoResponse: 'esd.action.noResponse',
  noResponseHint: 'esd.noResponse.hint', inputNote: 'esd.input.note', inputNoteError: 'esd.input.note.error',
  inputNotePlaceholder: 'esd.input.note.placeholder', submitNoResponse: 'esd.submit.noResponse',
  submitCustomerInactive: 'esd.submit.customerInactive', actionComplete: 'esd.action.complete',
  inputCompleteNote: 'esd.input.completeNote', submitComplete: 'esd.submit.complete',
} as const satisfies Record<string, MessageKey>;

const templateTexts = new Map<Locale, Record<keyof typeof TEMPLATE_TEXTS, string>>();

function textsOf(locale: Locale): Record<keyof typeof TEMPLATE_TEXTS, string> {
  let texts = templateTexts.get(locale);
  if (!texts) {
    texts = Object.fromEntries(Object.entries(TEMPLATE_TEXTS).map(([name, key]) => [name, t(locale, key)])) as
      Record<keyof typeof TEMPLATE_TEXTS, string>;
    templateTexts.set(locale, texts);
  }
  return texts;
}
const NOTES_SHOWN = 3;
const NOTE_CHARS_SHOWN = 400;
const MONTHS_OFFERED = 12 * MAX_YEARS_AHEAD;

interface Fact {
  label: string;
  value: string;
  color: 'Default' | 'Good' | 'Warning' | 'Attention';
}

function facts(customer: Customer, workload: Workload, locale: Locale): Fact[] {
  const list: Fact[] = [];
  const add = (label: MessageKey, value: string, color: Fact['color'] = 'Default'): void => {
    list.push({ label: t(locale, label), value: plain(value), color });
  };
  const day = (date: CalendarDate): string => formatDay(date, locale);
  if (workload.engagementStartDate) {
    add('esd.fact.startDate', formatEsd(workload.engagementStartDate, workload.datePrecision, locale));
  }
  add('esd.fact.state', stateLabel(workload.state, locale), workload.state === 'inactive' ? 'Warning' : 'Default');
  const lastSet = workload.history[workload.history.length - 1];
  if (lastSet) {
    const setBy = { actor: actorLabel(lastSet.by, locale), day: formatInstantDay(lastSet.at, locale) };
    add('esd.fact.setBy', t(locale, 'esd.fact.setByValue', setBy));
  }
  const assignee = customer.assignee;
  add('esd.fact.assignedTo', assignee
    ? t(locale, 'esd.fact.assignee', { name: assignee.name || t(locale, 'esd.fact.unnamed'), type: assignee.type })
    : t(locale, 'esd.fact.notAssigned'));
  if (workload.followUpOn && workload.state === 'awaitingCustomer') add('esd.fact.askAgainOn', day(workload.followUpOn));
  if (workload.startedOn) add('esd.fact.startedOn', day(workload.startedOn), 'Good');
  if (workload.completedOn) add('esd.fact.completedOn', day(workload.completedOn), 'Good');
  return list;
}

function recentNotes(customer: Customer, workload: Workload, locale: Locale): { heading: string; text: string }[] {
  return customer.statusNotes.filter((n) => n.workload === workload.workload).slice(-NOTES_SHOWN).reverse()
    .map((n) => ({
      heading: plain(t(locale, 'esd.note.heading', {
        day: formatInstantDay(n.at, locale), name: n.by.name, label: noteLabel(n.kind, locale),
      })),
      text: plain(truncate(n.text, NOTE_CHARS_SHOWN)),
    }));
}

type MonthChoice = Readonly<{ title: string; value: string }>;
/**
 * The month picker depends only on the current month: built once per month, not per card. The templates take the
 * list whole (`"choices": "${monthChoices}"`, one expression instead of two per month: half an ESD card's rendering),
 * so every card holds this same frozen list.
 */
const monthChoicesCache = new Map<Locale, { month: string; choices: readonly MonthChoice[] }>();

/** R7: the months a date may be estimated in, from the current one, for every card's month picker. */
export function monthChoices(today: CalendarDate, locale: Locale = 'en-US'): readonly MonthChoice[] {
  const current = monthOf(today);
  const cached = monthChoicesCache.get(locale);
  if (cached?.month === current) return cached.choices;
  const choices: MonthChoice[] = [];
  let day = `${current}-01`;
  for (let i = 0; i < MONTHS_OFFERED; i++) {
    choices.push(Object.freeze({ title: formatMonth(monthOf(day), locale), value: monthOf(day) }));
    day = addDays(day, 32).slice(0, 8) + '01';
  }
  const built = { month: current, choices: Object.freeze(choices) };
  monthChoicesCache.set(locale, built);
  return built.choices;
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
  const locale = input.locale ?? 'en-US';
  const card = renderCard('esd', {
    text: textsOf(locale),
    act: actionData(input, input.from),
    back: { title: input.from ? t(locale, BACK_TITLES[input.from]) : '' },
    // Universal Actions refresh: the assigned FM sees the current state whenever the card is shown again.
    refreshUserIds: customer.assignee?.type === 'fm' ? [customer.assignee.aadObjectId] : [],
    banner: { text: plain(input.banner?.text ?? ''), style: input.banner?.style ?? 'default' },
    customerName: plain(customer.name),
    workloadLabel: workloadLabel(workload.workload),
    facts: facts(customer, workload, locale),
    guidance: t(locale, 'esd.guidance'),
    notes: recentNotes(customer, workload, locale),
    readOnlyReason: input.readOnlyReason ? plain(say(locale, input.readOnlyReason)) : '',
    actions: availableActions(workload, input.canAct),
    today: input.today,
    startMin: earliestStartDay(input.today),
    startHint: t(locale, 'esd.startHint', { days: MAX_START_DAYS_BACK }),
    maxDate: addYears(input.today, MAX_YEARS_AHEAD),
    maxNoteLength: MAX_NOTE_LENGTH,
    monthChoices: monthChoices(input.today, locale),
    errors,
    values,
  });
  // A `$when` that drops the refresh leaves `"refresh": null`, which the card schema does not allow.
  if (card.refresh === null) delete card.refresh;
  return card;
}

/** R5: what confirming a start did to the ESD, when it moved it to the day it started. */
function startMoved(w: Workload, before: Workload | undefined, locale: Locale): string {
  const was = before?.engagementStartDate;
  if (!before || !was || (was === w.engagementStartDate && before.datePrecision === w.datePrecision)) return '';
  const wasText = before.datePrecision === 'month' ? formatEsd(was, 'month', locale) : formatDay(was, locale);
  return t(locale, 'esd.done.startMoved', { was: wasText });
}

/** R7: a month estimate is never shown as a day. */
function rescheduled(w: Workload, locale: Locale): string {
  const date = w.engagementStartDate ?? '';
  return w.datePrecision === 'month'
    ? t(locale, 'esd.done.rescheduledMonth', { month: formatMonth(monthOf(date), locale) })
    : t(locale, 'esd.done.rescheduledDay', { day: formatDay(date, locale) });
}

/** What an applied verb did, given the workload after it (and, for a start, before it). */
const DONE: Record<EngagementVerb, (locale: Locale, w: Workload, before?: Workload) => string> = {
  confirmStart: (locale, w, before) => t(locale, 'esd.done.confirmStart', { day: formatDay(w.startedOn ?? '', locale) })
    + startMoved(w, before, locale),
  reschedule: (locale, w) => rescheduled(w, locale),
  noResponse: (locale, w) => t(locale, 'esd.done.noResponse', { day: formatDay(w.followUpOn ?? '', locale) }),
  customerInactive: (locale) => t(locale, 'esd.done.customerInactive'),
  complete: (locale, w) => t(locale, 'esd.done.complete', { day: formatDay(w.completedOn ?? '', locale) }),
};

/** A card drawn before someone else's change: nothing was changed, and what changed since (the last note). */
export function staleBanner(last: StatusNote | undefined, locale: Locale = 'en-US'): Banner {
  const what = last
    ? t(locale, 'esd.stale.change', {
      actor: actorLabel(last.by, locale), label: noteLabel(last.kind, locale), day: formatInstantDay(last.at, locale),
      text: truncate(last.text, 200),
    })
    : t(locale, 'esd.stale.unknown');
  return { text: t(locale, 'esd.stale', { what }), style: 'warning' };
}

/** The card answering a card action, in the reader's language: the current state, a line saying what happened. */
export function outcomeCard(outcome: ActionOutcome, from?: CardOrigin, locale: Locale = 'en-US'): AdaptiveCard {
  const state = { ...outcome.state, from, locale };
  switch (outcome.status) {
    case 'applied': {
      const text = DONE[outcome.verb](locale, state.workload, outcome.before);
      return esdCard({ ...state, banner: { text, style: 'good' } });
    }
    case 'duplicate':
      return esdCard({ ...state, banner: { text: t(locale, 'esd.duplicate'), style: 'accent' } });
    case 'stale':
      return esdCard({ ...state, banner: staleBanner(outcome.lastChange, locale) });
    case 'invalid': {
      // Each message under the input of its field, and what was typed back in its input.
      const banner: Banner = { text: t(locale, 'esd.invalid'), style: 'attention' };
      const errors = byCardInput(sayByField(locale, outcome.errors));
      return esdCard({ ...state, banner, errors, values: byCardInput(outcome.values) });
    }
    case 'refused':
      return esdCard({
        ...state, banner: { text: t(locale, 'esd.refused', { message: sayRefusal(locale, outcome.reason) }), style: 'attention' },
      });
  }
}

/**
 * The proactive reminder in the FM's language: the ESD card with a line saying why it comes today, and the
 * notification's summary.
 */
export function reminderCard(state: CardState, locale: Locale = 'en-US'): { card: AdaptiveCard; summary: string } {
  const { customer, workload, today } = state;
  const label = workloadLabel(workload.workload);
  const date = workload.engagementStartDate ?? today;
  const followUp = workload.state === 'awaitingCustomer';
  let text: string;
  if (followUp) text = t(locale, 'esd.reminder.followUp', { customer: customer.name, workload: label });
  else if (workload.datePrecision === 'month') {
    // R7: an estimate has no day to announce, only the month it is expected in.
    text = monthOf(date) === monthOf(today)
      ? t(locale, 'esd.reminder.thisMonth')
      : t(locale, 'esd.reminder.monthWas', { month: formatMonth(monthOf(date), locale) });
  } else {
    text = date < today
      ? t(locale, 'esd.reminder.dayWas', { day: formatDay(date, locale) })
      : t(locale, 'esd.reminder.today');
  }
  const summary = t(locale, 'esd.reminder.summary', {
    kind: followUp ? 'followUp' : 'start', customer: customer.name, workload: label,
  });
  return { card: esdCard({ ...state, locale, banner: { text, style: 'accent' } }), summary: plain(summary) };
}
