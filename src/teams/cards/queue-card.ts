/**
 * The Gateway queue card (`queue`, P1) and the heads-up card: customers waiting for an FM, each with its first ESD,
 * its workloads and an "Assign an FM" action whose choices are the FMs in suggestion order (least loaded first, P2),
 * each labelled with their load around that date. One template (queue.json) for both.
 *
 * Size: an Adaptive Card over ~28 KB (UTF-16) is refused by Teams, so the card holds at most QUEUE_CARD_CUSTOMERS
 * customers and offers at most FM_CHOICES FMs each (the least loaded); names are cut to fit. The rest of the queue
 * is one "Show more" away.
 */
import { hasActiveEsd } from '../../domain/rules';
import { monthOf, type CalendarDate } from '../../domain/dates';
import type { FirstEsd } from '../../domain/assignment';
import type { AssignOutcome, QueuedCustomer, QueueView } from '../../services/gateway-queue';
import type { Suggestion } from '../../services/suggestions';
import type { QueueWorkload } from '../../store/store';
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
export function fmChoiceTitle(fm: Suggestion): string {
  const capacity = fm.capacity === null ? '' : `, capacity ${fm.capacity} a week`;
  return `${truncate(fm.name, FM_NAME_CHARS)} — ${fm.starting} starting that fortnight, ${fm.inFlight} in flight${capacity}`;
}

/** The first ESD as the Gateway reads it: a day, "expected in February 2027", or that there is none. */
export function firstEsdLine(first: FirstEsd | null, today: CalendarDate): string {
  if (!first) return 'No Engagement Start Date yet: the FMs are ordered by their load from today.';
  const passed = first.date < today && first.precision === 'day' ? ' (already passed)' : '';
  return `First Engagement Start Date: ${formatEsd(first.date, first.precision)}${passed}`;
}

function workloadLine(w: QueueWorkload): string {
  const label = workloadLabel(w.workload);
  if (w.state === 'started') return `${label}: started${w.startedOn ? ` on ${formatDay(w.startedOn)}` : ''}`;
  if (w.state === 'completed') return `${label}: completed`;
  if (w.state === 'inactive') return `${label}: customer inactive`;
  if (hasActiveEsd(w) && w.engagementStartDate) return `${label}: ${formatEsd(w.engagementStartDate, w.datePrecision)}`;
  return `${label}: ${w.l1Status}`;
}

function customerData(customer: QueuedCustomer, today: CalendarDate, choices: number): Record<string, unknown> {
  const { entry, first, suggestions } = customer;
  const assign: AssignData = { verb: ASSIGN_VERB, tenantId: entry.tenantId, etag: entry.etag };
  const offered = suggestions.slice(0, choices);
  const all = offered.length === suggestions.length;
  return {
    name: plain(truncate(entry.name, NAME_CHARS)),
    when: firstEsdLine(first, today),
    workloads: plain(truncate(entry.workloads.map(workloadLine).join(' · '), WORKLOADS_CHARS)),
    inputId: assigneeInputId(entry.tenantId),
    pickLabel: all ? 'FM (least loaded first)' : `FM (the ${offered.length} least loaded of ${suggestions.length})`,
    fms: offered.map((fm) => ({ title: plain(fmChoiceTitle(fm)), value: fm.aadObjectId })),
    assign,
  };
}

export interface QueueCardInput {
  view: QueueView;
  banner?: Banner;
}

/** The queue card: one page of waiting customers, soonest first, with "Show more" when more wait. */
export function queueCard({ view, banner }: QueueCardInput): AdaptiveCard {
  const shown = view.customers.slice(0, QUEUE_CARD_CUSTOMERS);
  const intro = shown.length === 0
    ? 'No customer is waiting for an FM: nothing to assign.'
    : 'By first Engagement Start Date, soonest first. For each customer the FMs are listed least loaded first: '
      + 'fewest starts in the fortnight of that date, then least work in flight.';
  return renderCard('queue', {
    banner: { text: plain(banner?.text ?? ''), style: banner?.style ?? 'default' },
    heading: 'Customers waiting for an FM',
    intro,
    customers: shown.map((c) => customerData(c, view.today, FM_CHOICES)),
    more: view.continuationToken ? 'More customers are waiting: Show more lists the next ones.' : '',
    showMore: view.continuationToken ? { verb: SHOW_QUEUE_VERB, continuationToken: view.continuationToken } : null,
    refresh: { verb: SHOW_QUEUE_VERB },
    refreshTitle: 'Refresh',
  });
}

/** The heads-up: one customer still without an FM whose first ESD is close, with the assign action. */
export function headsUpCard(customer: QueuedCustomer, today: CalendarDate): { card: AdaptiveCard; summary: string } {
  const { entry, first } = customer;
  const when = !first ? 'soon'
    : first.precision === 'month' ? `in ${formatMonth(monthOf(first.date))}` : `on ${formatDay(first.date)}`;
  const text = `${entry.name} has no FM yet and is expected to start ${when}: assign an FM so the customer does not wait.`;
  const card = renderCard('queue', {
    banner: { text: plain(text), style: 'warning' },
    heading: 'A customer is waiting for an FM',
    intro: 'The FMs are listed least loaded first: fewest starts in the fortnight of that date, then least work in flight.',
    customers: [customerData(customer, today, HEADS_UP_FM_CHOICES)],
    more: '',
    showMore: null,
    refresh: { verb: SHOW_QUEUE_VERB },
    refreshTitle: 'Open the whole queue',
  });
  return { card, summary: plain(`No FM yet: ${entry.name}, expected to start ${when}`) };
}

/** What an assignment from the card did, as the banner over the redrawn queue says it. */
export function assignBanner(outcome: AssignOutcome): Banner {
  switch (outcome.status) {
    case 'assigned': {
      const { customer, fmName, reachable } = outcome;
      const text = reachable
        ? `${customer.name} is now assigned to ${fmName}, who has been sent its cards.`
        : `${customer.name} is now assigned to ${fmName}, who has not opened the bot in Teams yet: ask them to open it, `
          + 'or its cards cannot reach them.';
      return { text, style: 'good' };
    }
    case 'repeat':
      return { text: `Already recorded: ${outcome.customer.name} is assigned to ${outcome.fmName}.`, style: 'accent' };
    case 'stale': {
      const { customer, assignment } = outcome;
      const assignee = customer.assignee;
      if (!assignee) {
        return {
          text: `Nothing was changed: ${customer.name} changed since this list was drawn. Here is the queue as it is `
            + 'now: assign it again.',
          style: 'warning',
        };
      }
      const by = assignment ? ` by ${actorLabel(assignment.by)} on ${formatInstantDay(assignment.at)}` : '';
      return {
        text: `Nothing was changed: ${customer.name} was assigned to ${assignee.name}${by}, after this list was drawn.`,
        style: 'warning',
      };
    }
    case 'invalid':
      return { text: `Nothing was changed: ${outcome.message}`, style: 'attention' };
  }
}
