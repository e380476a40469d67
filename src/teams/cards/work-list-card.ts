/**
 * The FM's work list (`upcoming`): one card, "Needs your answer" then "Next" (domain/work-list.ts), each row with an
 * `open` action that answers the workload's ESD card in place of the list (its `back` action answers the list again).
 */
import { daysBetween, monthOf, type CalendarDate } from '../../domain/dates';
import { answerDueOn, type WorkListSection } from '../../domain/work-list';
import type { WorkListView } from '../../services/engagement-queries';
import type { Locale } from '../../domain/types';
import type { EngagementRow } from '../../store/store';
import { t } from '../i18n/messages';
import { formatDay, formatEsd, formatMonth, plain, truncate, workloadLabel } from './format';
import { renderCard, type AdaptiveCard } from './render';

/** A customer name on a list row; the ESD card it opens shows it whole. Keeps 20 rows within Teams' card size. */
const NAME_CHARS_SHOWN = 60;

/** The English text of an empty list (tests read it). */
export const NOTHING_TO_DO = t('en-US', 'workList.nothing');

type Color = 'Default' | 'Warning' | 'Attention';

interface Row {
  customer: string;
  what: string;
  due: string;
  color: Color;
  open: Record<string, string>;
}

/** How a row that needs an answer is due: since when, and how overdue (R3 on the ESD, R5 on the follow-up day). */
function dueNow(
  row: EngagementRow, on: CalendarDate, today: CalendarDate, locale: Locale,
): { due: string; color: Color } {
  const late = daysBetween(on, today);
  const color: Color = late > 0 ? 'Attention' : 'Warning';
  if (row.state === 'awaitingCustomer') return { due: t(locale, 'workList.followUpDue', { days: late }), color };
  if (row.datePrecision === 'month') {
    // R7: an estimate is due from its month on, never on a day.
    return monthOf(on) === monthOf(today) ? { due: t(locale, 'workList.dueThisMonth'), color: 'Warning' }
      : { due: t(locale, 'workList.dueSince', { month: formatMonth(monthOf(on), locale) }), color: 'Attention' };
  }
  return { due: t(locale, 'workList.due', { days: late }), color };
}

/** When a row that comes next is: its ESD in so many days, or the follow-up day the FM asked for (R5). */
function dueLater(row: EngagementRow, on: CalendarDate, today: CalendarDate, locale: Locale): string {
  if (row.state === 'awaitingCustomer') return t(locale, 'workList.followUpOn', { day: formatDay(on, locale) });
  if (row.datePrecision === 'month') return '';
  return t(locale, 'workList.inDays', { days: daysBetween(today, on) });
}

function rowOf(row: EngagementRow, today: CalendarDate, locale: Locale): Row {
  const on = answerDueOn(row) ?? row.engagementStartDate;
  const { due, color } = on <= today ? dueNow(row, on, today, locale)
    : { due: dueLater(row, on, today, locale), color: 'Default' as const };
  const esd = formatEsd(row.engagementStartDate, row.datePrecision, locale);
  return {
    customer: plain(truncate(row.customerName, NAME_CHARS_SHOWN)),
    what: ` · ${workloadLabel(row.workload)} · ${esd}${due ? ' · ' : ''}`,
    due,
    color,
    open: { verb: 'open', tenantId: row.tenantId, workload: row.workload, from: 'upcoming' },
  };
}

type SectionName = 'needsAnswer' | 'next';

function section(
  name: SectionName, rows: WorkListSection<EngagementRow>, today: CalendarDate, locale: Locale,
): Record<string, unknown> {
  const total = rows.shown.length + rows.more;
  const title = t(locale, `workList.${name}.title`);
  return {
    title: total > 0 ? t(locale, 'workList.sectionTitle', { title, total }) : title,
    hint: t(locale, `workList.${name}.hint`),
    rows: rows.shown.map((row) => rowOf(row, today, locale)),
    more: rows.more > 0 ? t(locale, `workList.${name}.more`, { count: rows.more }) : '',
    empty: total === 0 ? t(locale, `workList.${name}.empty`) : '',
  };
}

/** The work list in the reader's language (en-US unless given). */
export function workListCard({ today, list }: WorkListView, locale: Locale = 'en-US'): AdaptiveCard {
  const nothing = list.needsAnswer.shown.length === 0 && list.next.shown.length === 0;
  return renderCard('workList', {
    text: { title: t(locale, 'workList.title'), open: t(locale, 'workList.open') },
    subtitle: t(locale, 'workList.subtitle', { today: formatDay(today, locale) }),
    sections: nothing ? [] : [
      section('needsAnswer', list.needsAnswer, today, locale), section('next', list.next, today, locale),
    ],
    nothing: nothing ? t(locale, 'workList.nothing') : '',
  });
}
