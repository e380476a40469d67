/**
 * The Gateway queue card (`queue`, P1) and the heads-up card: customers waiting for an FM, each with its first ESD,
 * its workloads and an "Assign an FM" action whose choices are the FMs in suggestion order (least loaded first, P2),
 * each labelled with their load around that date. One template (queue.json) for both.
 *
 * Size: an Adaptive Card over ~28 KB (UTF-16) is refused by Teams, so the card holds at most QUEUE_CARD_CUSTOMERS
 * customers and offers at most FM_CHOICES FMs each (the least loaded); names are cut to fit. The rest of the queue
 * is one "Show more" away.
 *
 * Every text comes from the message catalogue (area `queue`) in the reader's locale (issue 11): the client's for
 * replies and invoke answers, the Gateway person's directory locale for a heads-up; en-US when none is given.
 */
import { hasActiveEsd } from '../../domain/rules';
import { monthOf, type CalendarDate } from '../../domain/dates';
import type { FirstEsd } from '../../domain/assignment';
import type { AssignOutcome, QueuedCustomer, QueueView } from '../../services/gateway-queue';
import type { Suggestion } from '../../services/suggestions';
import type { Locale } from '../../domain/types';
import type { QueueWorkload } from '../../store/store';
import { sayRefusal, t } from '../i18n/messages';
import type { Banner } from './esd-card';
import {
  actorLabel, formatDay, formatEsd, formatInstantDay, formatMonth, plain, truncate, workloadLabel,
} from './format';
import { renderCard, type AdaptiveCard } from './render';

export const ASSIGN_VERB = 'assign';
export const SHOW_QUEUE_VERB = 'showQueue';
/**
 * The assign form's one input: the chosen FM's directory object id. A card's input ids must be unique and a queue
 * card holds several customers' forms, so each is `aadObjectId.<tenantId>`; the plain `aadObjectId` is read too.
 */
export const ASSIGNEE_INPUT = 'aadObjectId';

export function assigneeInputId(tenantId: string): string {
  return `${ASSIGNEE_INPUT}.${tenantId}`;
}

/** Customers on one queue card. */
export const QUEUE_CARD_CUSTOMERS = 5;
/** FMs offered in one customer's assign action on the queue card (the least loaded), and on a heads-up card. */
export const FM_CHOICES = 5;
export const HEADS_UP_FM_CHOICES = 40;

const NAME_CHARS = 80;
const FM_NAME_CHARS = 40;
const WORKLOADS_CHARS = 240;

/** What an action of the card carries: the customer at the version the card shows. */
export interface AssignData {
  verb: typeof ASSIGN_VERB;
  tenantId: string;
  etag: string;
}

/** "Alice Fm — 2 starting that fortnight, 5 in flight, capacity 3 a week". */
export function fmChoiceTitle(fm: Suggestion, locale: Locale = 'en-US'): string {
  const values = { name: truncate(fm.name, FM_NAME_CHARS), starting: fm.starting, inFlight: fm.inFlight };
  return fm.capacity === null
    ? t(locale, 'queue.fmChoice', values)
    : t(locale, 'queue.fmChoice.capacity', { ...values, capacity: fm.capacity });
}

/** The first ESD as the Gateway reads it: a day, "expected in February 2027", or that there is none. */
export function firstEsdLine(first: FirstEsd | null, today: CalendarDate, locale: Locale = 'en-US'): string {
  if (!first) return t(locale, 'queue.firstEsd.none');
  const passed = first.date < today && first.precision === 'day';
  return t(locale, passed ? 'queue.firstEsd.passed' : 'queue.firstEsd', { date: formatEsd(first.date, first.precision, locale) });
}

function workloadLine(w: QueueWorkload, locale: Locale): string {
  const workload = workloadLabel(w.workload);
  if (w.state === 'started') {
    return w.startedOn
      ? t(locale, 'queue.workload.startedOn', { workload, day: formatDay(w.startedOn, locale) })
      : t(locale, 'queue.workload.started', { workload });
  }
  if (w.state === 'completed') return t(locale, 'queue.workload.completed', { workload });
  if (w.state === 'inactive') return t(locale, 'queue.workload.inactive', { workload });
  if (hasActiveEsd(w) && w.engagementStartDate) {
    return t(locale, 'queue.workload.esd', { workload, date: formatEsd(w.engagementStartDate, w.datePrecision, locale) });
  }
  return t(locale, 'queue.workload.l1Status', { workload, status: w.l1Status });
}

function customerData(
  customer: QueuedCustomer, today: CalendarDate, choices: number, locale: Locale,
): Record<string, unknown> {
  const { entry, first, suggestions } = customer;
  const assign: AssignData = { verb: ASSIGN_VERB, tenantId: entry.tenantId, etag: entry.etag };
  const offered = suggestions.slice(0, choices);
  const all = offered.length === suggestions.length;
  return {
    name: plain(truncate(entry.name, NAME_CHARS)),
    when: firstEsdLine(first, today, locale),
    workloads: plain(truncate(entry.workloads.map((w) => workloadLine(w, locale)).join(' · '), WORKLOADS_CHARS)),
    inputId: assigneeInputId(entry.tenantId),
    pickLabel: all
      ? t(locale, 'queue.input.pick.all')
      : t(locale, 'queue.input.pick.some', { offered: offered.length, total: suggestions.length }),
    fms: offered.map((fm) => ({ title: plain(fmChoiceTitle(fm, locale)), value: fm.aadObjectId })),
    assign,
    text: {
      assign: t(locale, 'queue.action.assign'),
      pickError: t(locale, 'queue.input.pick.error'),
      pickPlaceholder: t(locale, 'queue.input.pick.placeholder'),
      submit: t(locale, 'queue.submit.assign'),
    },
  };
}

export interface QueueCardInput {
  view: QueueView;
  banner?: Banner;
  /** The reader's language (en-US when absent). */
  locale?: Locale;
}

/** The queue card: one page of waiting customers, soonest first, with "Show more" when more wait. */
export function queueCard({ view, banner, locale = 'en-US' }: QueueCardInput): AdaptiveCard {
  const shown = view.customers.slice(0, QUEUE_CARD_CUSTOMERS);
  return renderCard('queue', {
    banner: { text: plain(banner?.text ?? ''), style: banner?.style ?? 'default' },
    heading: t(locale, 'queue.heading'),
    intro: t(locale, shown.length === 0 ? 'queue.intro.empty' : 'queue.intro'),
    customers: shown.map((c) => customerData(c, view.today, FM_CHOICES, locale)),
    more: view.continuationToken ? t(locale, 'queue.more') : '',
    showMore: view.continuationToken ? { verb: SHOW_QUEUE_VERB, continuationToken: view.continuationToken } : null,
    showMoreTitle: t(locale, 'queue.showMore'),
    refresh: { verb: SHOW_QUEUE_VERB },
    refreshTitle: t(locale, 'queue.refresh'),
  });
}

/**
 * The heads-up: one customer still without an FM whose first ESD is close, with the assign action, in the Gateway
 * person's locale.
 */
export function headsUpCard(
  customer: QueuedCustomer, today: CalendarDate, locale: Locale = 'en-US',
): { card: AdaptiveCard; summary: string } {
  const { entry, first } = customer;
  const when = !first ? t(locale, 'queue.headsUp.soon')
    : first.precision === 'month'
      ? t(locale, 'queue.headsUp.inMonth', { month: formatMonth(monthOf(first.date), locale) })
      : t(locale, 'queue.headsUp.onDay', { day: formatDay(first.date, locale) });
  const card = renderCard('queue', {
    banner: { text: plain(t(locale, 'queue.headsUp.banner', { name: entry.name, when })), style: 'warning' },
    heading: t(locale, 'queue.headsUp.heading'),
    intro: t(locale, 'queue.headsUp.intro'),
    customers: [customerData(customer, today, HEADS_UP_FM_CHOICES, locale)],
    more: '',
    showMore: null,
    showMoreTitle: t(locale, 'queue.showMore'),
    refresh: { verb: SHOW_QUEUE_VERB },
    refreshTitle: t(locale, 'queue.headsUp.open'),
  });
  return { card, summary: plain(t(locale, 'queue.headsUp.summary', { name: entry.name, when })) };
}

/** What an assignment from the card did, as the banner over the redrawn queue says it. */
export function assignBanner(outcome: AssignOutcome, locale: Locale = 'en-US'): Banner {
  switch (outcome.status) {
    case 'assigned': {
      const { customer, fmName, reachable } = outcome;
      const key = reachable ? 'queue.assigned' : 'queue.assigned.unreachable';
      return { text: t(locale, key, { customer: customer.name, fm: fmName }), style: 'good' };
    }
    case 'repeat':
      return { text: t(locale, 'queue.repeat', { customer: outcome.customer.name, fm: outcome.fmName }), style: 'accent' };
    case 'stale': {
      const { customer, assignment } = outcome;
      const assignee = customer.assignee;
      if (!assignee) return { text: t(locale, 'queue.stale.unassigned', { customer: customer.name }), style: 'warning' };
      const values = { customer: customer.name, assignee: assignee.name };
      const text = assignment
        ? t(locale, 'queue.stale.assignedBy', {
          ...values, actor: actorLabel(assignment.by, locale), day: formatInstantDay(assignment.at, locale),
        })
        : t(locale, 'queue.stale.assigned', values);
      return { text, style: 'warning' };
    }
    case 'invalid':
      return { text: t(locale, 'queue.invalid', { message: sayRefusal(locale, outcome.reason) }), style: 'attention' };
  }
}
