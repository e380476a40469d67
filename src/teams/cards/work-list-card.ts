/**
 * The FM's work list (`upcoming`): one card, "Needs your answer" then "Next" (domain/work-list.ts), each row with an
 * `open` action that answers the workload's ESD card in place of the list (its `back` action answers the list again).
 */
import { daysBetween, monthOf, type CalendarDate } from '../../domain/dates';
import { answerDueOn, type WorkListSection } from '../../domain/work-list';
import type { WorkListView } from '../../services/engagement-queries';
import type { EngagementRow } from '../../store/store';
import { formatDay, formatEsd, formatMonth, plain, truncate, workloadLabel } from './format';
import { renderCard, type AdaptiveCard } from './render';

/** A customer name on a list row; the ESD card it opens shows it whole. Keeps 20 rows within Teams' card size. */
const NAME_CHARS_SHOWN = 60;

export const NOTHING_TO_DO = 'Nothing needs your answer and nothing is scheduled. Cards arrive on each Engagement '
  + 'Start Date; type "customer" and a name to see a customer.';

type Color = 'Default' | 'Warning' | 'Attention';

interface Row {
  customer: string;
  what: string;
  due: string;
  color: Color;
  open: Record<string, string>;
}

/** "today", "yesterday", "3 days ago" (`days` after the day). */
function ago(days: number): string {
  if (days === 0) return 'today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** How a row that needs an answer is due: since when, and how overdue (R3 on the ESD, R5 on the follow-up day). */
function dueNow(row: EngagementRow, on: CalendarDate, today: CalendarDate): { due: string; color: Color } {
  const late = daysBetween(on, today);
  const color: Color = late > 0 ? 'Attention' : 'Warning';
  if (row.state === 'awaitingCustomer') return { due: `follow-up due ${ago(late)}`, color };
  if (row.datePrecision === 'month') {
    // R7: an estimate is due from its month on, never on a day.
    return monthOf(on) === monthOf(today) ? { due: 'due this month', color: 'Warning' }
      : { due: `due since ${formatMonth(monthOf(on))}`, color: 'Attention' };
  }
  return { due: `due ${ago(late)}`, color };
}

/** When a row that comes next is: its ESD in so many days, or the follow-up day the FM asked for (R5). */
function dueLater(row: EngagementRow, on: CalendarDate, today: CalendarDate): string {
  if (row.state === 'awaitingCustomer') return `waiting for the customer, follow-up on ${formatDay(on)}`;
  if (row.datePrecision === 'month') return '';
  const days = daysBetween(today, on);
  return days === 1 ? 'tomorrow' : `in ${days} days`;
}

function rowOf(row: EngagementRow, today: CalendarDate): Row {
  const on = answerDueOn(row) ?? row.engagementStartDate;
  const { due, color } = on <= today ? dueNow(row, on, today) : { due: dueLater(row, on, today), color: 'Default' as const };
  return {
    customer: plain(truncate(row.customerName, NAME_CHARS_SHOWN)),
    what: ` · ${workloadLabel(row.workload)} · ${formatEsd(row.engagementStartDate, row.datePrecision)}${due ? ' · ' : ''}`,
    due,
    color,
    open: { verb: 'open', tenantId: row.tenantId, workload: row.workload, from: 'upcoming' },
  };
}

interface SectionText {
  title: string;
  hint: string;
  more: (n: number) => string;
  empty: string;
}

const NEEDS_ANSWER: SectionText = {
  title: 'Needs your answer',
  hint: 'Due today or overdue: has communication with the customer started?',
  more: (n) => `and ${n} more: they move up as you answer these.`,
  empty: 'Nothing is due today or overdue.',
};
const NEXT: SectionText = {
  title: 'Next',
  hint: 'Coming up, by date.',
  more: (n) => `and ${n} more after these.`,
  empty: 'Nothing is scheduled after today.',
};

function section(
  text: SectionText, rows: WorkListSection<EngagementRow>, today: CalendarDate,
): Record<string, unknown> {
  const total = rows.shown.length + rows.more;
  return {
    title: total > 0 ? `${text.title} (${total})` : text.title,
    hint: text.hint,
    rows: rows.shown.map((row) => rowOf(row, today)),
    more: rows.more > 0 ? text.more(rows.more) : '',
    empty: total === 0 ? text.empty : '',
  };
}

export function workListCard({ today, list }: WorkListView): AdaptiveCard {
  const nothing = list.needsAnswer.shown.length === 0 && list.next.shown.length === 0;
  return renderCard('workList', {
    subtitle: `As of ${formatDay(today)}. Open one to answer it or to change its date.`,
    sections: nothing ? [] : [section(NEEDS_ANSWER, list.needsAnswer, today), section(NEXT, list.next, today)],
    nothing: nothing ? NOTHING_TO_DO : '',
  });
}
