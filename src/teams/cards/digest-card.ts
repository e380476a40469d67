/**
 * The Monday digest cards (src/services/digests.ts), one template (digest.json) for both:
 * - an FM's: what waits for their answer, then the week's Engagement Start Dates, each row opening its ESD card
 *   (the work list's `open` verb and data, so the bot answers it as it answers a row of `upcoming`);
 * - a Gateway person's: the customers without an FM starting within two weeks (plain rows; "Open the queue" answers
 *   the queue card, whose rows assign), and last week's reminders Teams did not deliver, each with why.
 * At most DIGEST_ROWS_SHOWN rows a section, names cut to fit: the card stays under Teams' size limit.
 */
import { monthOf, type CalendarDate } from '../../domain/dates';
import type { FmDigest, GatewayDigest } from '../../services/digests';
import type { UnreachablePerson } from '../../services/reach';
import type { ReminderItem } from '../../services/reminder-list';
import type { EngagementRow, QueueEntry } from '../../store/store';
import { formatDay, formatEsd, formatMonth, plain, workloadLabel } from './format';
import { SHOW_QUEUE_VERB } from './queue-card';
import { renderCard, type AdaptiveCard } from './render';
import { openData, rowName, workloadAndDate, type CardRow, type OpenData, type RowColor } from './reminder-summary-card';

/** Rows shown in one section of a digest. */
export const DIGEST_ROWS_SHOWN = 8;

type DigestRow = Omit<CardRow, 'open'> & { open: OpenData | null };

interface Section {
  title: string;
  hint: string;
  rows: DigestRow[];
  /** What the line under the rows says of the ones not shown. */
  more: (n: number) => string;
  empty: string;
}

function sectionData(section: Section): Record<string, unknown> {
  const { rows } = section;
  const more = rows.length - DIGEST_ROWS_SHOWN;
  return {
    title: rows.length > 0 ? `${section.title} (${rows.length})` : section.title,
    hint: section.hint,
    rows: rows.slice(0, DIGEST_ROWS_SHOWN),
    more: more > 0 ? section.more(more) : '',
    empty: rows.length === 0 ? section.empty : '',
  };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function engagementRow(row: EngagementRow, tag: { due: string; color: RowColor }): DigestRow {
  return {
    customer: rowName(row.customerName), what: workloadAndDate(row, tag.due !== ''), ...tag, open: openData(row),
  };
}

/** Why a workload waits for the FM: the day they were asked (R3), or the follow-up day they asked for (R5). */
function waitingTag(row: EngagementRow): { due: string; color: RowColor } {
  const on = row.remindOn ?? row.engagementStartDate;
  if (row.state === 'awaitingCustomer') return { due: `follow-up due ${formatDay(on)}`, color: 'Attention' };
  // R7: an estimate is due from its month on, never on a day.
  if (row.datePrecision === 'month') return { due: `due since ${formatMonth(monthOf(on))}`, color: 'Attention' };
  return { due: `asked on ${formatDay(on)}`, color: 'Attention' };
}

function weekTag(row: EngagementRow): { due: string; color: RowColor } {
  if (row.state === 'started') return { due: 'started', color: 'Good' };
  if (row.state === 'awaitingCustomer') return { due: 'waiting for the customer', color: 'Default' };
  return { due: '', color: 'Default' };
}

const MORE_IN_UPCOMING = (n: number): string => `and ${n} more: send "upcoming" to see them all.`;

/** An FM's Monday digest: what waits for their answer, then the week's Engagement Start Dates. */
export function fmDigestCard(digest: FmDigest): { card: AdaptiveCard; summary: string } {
  const { monday, week, unanswered } = digest;
  const card = renderCard('digest', {
    heading: `Your week from ${formatDay(monday)}`,
    subtitle: 'Open one to answer it or to change its date.',
    sections: [
      {
        title: 'Waiting for your answer', hint: 'You were asked about these and have not answered yet.',
        rows: unanswered.map((row) => engagementRow(row, waitingTag(row))), more: MORE_IN_UPCOMING,
        empty: 'Nothing waits for your answer.',
      },
      {
        title: 'Engagement Start Dates this week', hint: 'Monday to Sunday, by date.',
        rows: week.map((row) => engagementRow(row, weekTag(row))), more: MORE_IN_UPCOMING,
        empty: 'No Engagement Start Date this week.',
      },
    ].map(sectionData),
    showQueue: null,
  });
  const summary = `Your week: ${count(week.length, 'Engagement Start Date', 'Engagement Start Dates')}, `
    + `${unanswered.length} waiting for your answer`;
  return { card, summary };
}

function unassignedRow(entry: QueueEntry, monday: CalendarDate): DigestRow {
  const first = entry.workloads.find((w) => w.engagementStartDate === entry.firstEsd);
  const date = entry.firstEsd ?? monday;
  const precision = first?.datePrecision ?? 'day';
  const passed = precision === 'day' && date < monday;
  return {
    customer: rowName(entry.name), what: ` · ${formatEsd(date, precision)}${passed ? ' · ' : ''}`,
    due: passed ? 'date passed' : '', color: passed ? 'Attention' : 'Default', open: null,
  };
}

function failedRow(item: ReminderItem): DigestRow {
  const what = item.kind === 'summary' || item.workload === null ? 'several reminders in one card'
    : workloadLabel(item.workload);
  const to = item.fmName === null ? 'someone no longer in the directory' : plain(item.fmName);
  return {
    customer: item.customerName === null ? 'A customer no longer stored' : rowName(item.customerName),
    what: ` · ${what} · to ${to} · ${formatDay(item.dueOn)} · `,
    due: item.reason ?? 'not delivered', color: 'Attention', open: null,
  };
}

/** Why the bot cannot reach an FM, in a few plain words. */
const CANNOT_REACH: Record<UnreachablePerson['reason'], string> = {
  neverInstalled: 'has not installed the app',
  blocked: 'blocked the bot',
  uninstalled: 'removed the app',
  graphRefused: 'the app could not be installed for them',
};

function unreachableRow(person: UnreachablePerson): DigestRow {
  return {
    customer: rowName(person.name), what: ` · ${count(person.remindersWaiting, 'reminder', 'reminders')} waiting · `,
    due: CANNOT_REACH[person.reason], color: 'Attention', open: null,
  };
}

/** A Gateway person's Monday digest: customers waiting for an FM soon, and last week's undelivered reminders. */
export function gatewayDigestCard(digest: GatewayDigest): { card: AdaptiveCard; summary: string } {
  const { monday, until, unassigned, failed, unreachable } = digest;
  const card = renderCard('digest', {
    heading: `The Gateway's week from ${formatDay(monday)}`,
    subtitle: 'Customers to assign before they start, and reminders that did not reach their FM.',
    sections: [
      {
        title: `Customers without an FM starting by ${formatDay(until)}`,
        hint: 'Soonest first: assign an FM so the customer does not wait. Open the queue to assign them.',
        rows: unassigned.map((entry) => unassignedRow(entry, monday)),
        more: (n: number) => `and ${n} more: open the queue to see them all.`,
        empty: 'Every customer starting within two weeks has an FM or a partner.',
      },
      {
        title: 'Reminders Teams did not deliver last week', hint: 'Each says why: the FM may not have seen it.',
        rows: failed.map(failedRow), more: (n: number) => `and ${n} more.`,
        empty: 'Every reminder of last week was delivered.',
      },
      // Shown only when someone cannot be reached: their reminders wait until they install the app or open it.
      ...(unreachable.length > 0 ? [{
        title: 'FMs the bot cannot reach', hint: 'Their reminders wait until they install the app or open it.',
        rows: unreachable.map(unreachableRow), more: (n: number) => `and ${n} more.`, empty: '',
      }] : []),
    ].map(sectionData),
    showQueue: unassigned.length > 0 ? { verb: SHOW_QUEUE_VERB } : null,
  });
  const summary = `This week: ${count(unassigned.length, 'customer', 'customers')} without an FM, `
    + `${count(failed.length, 'reminder', 'reminders')} not delivered`
    + (unreachable.length > 0 ? `, ${count(unreachable.length, 'FM', 'FMs')} the bot cannot reach` : '');
  return { card, summary };
}

/** Both digest cards, as the sweep takes them. */
export const DIGEST_CARDS = { fm: fmDigestCard, gateway: gatewayDigestCard };
