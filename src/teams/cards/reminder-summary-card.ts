/**
 * The reminder summary card: when more than DIGEST_THRESHOLD reminder cards are due for one FM on one morning, they
 * arrive as this one card. Each row opens that workload's own ESD card in place (the work list's `open` verb and
 * data, so the bot answers it as it answers a row of `upcoming`; the ESD card's way back leads to that list).
 *
 * Size: Teams refuses a card over ~28 KB (UTF-16), so at most SUMMARY_ROWS_SHOWN rows are drawn, names cut to fit;
 * a line says how many more there are and that `upcoming` lists them all.
 */
import type { CalendarDate } from '../../domain/dates';
import type { DatePrecision, Locale, ReminderKind, WorkloadName } from '../../domain/types';
import type { RenderedCard } from '../../services/card-delivery';
import { t } from '../i18n/messages';
import { commandWord } from '../commands';
import { formatDay, formatEsd, plain, truncate, workloadLabel } from './format';
import { renderCard, type AdaptiveCard } from './render';

/** One reminder that was due: which workload, its ESD, and whether it is the start (R3) or a follow-up (R5). */
export interface ReminderSummaryRow {
  tenantId: string;
  customerName: string;
  workload: WorkloadName;
  engagementStartDate: CalendarDate;
  /** Null is read as a day (a workload stores null only without an ESD). */
  datePrecision: DatePrecision | null;
  kind: ReminderKind;
}

/** Rows drawn on one summary card: 40 rows of the longest names would pass Teams' size limit. */
export const SUMMARY_ROWS_SHOWN = 15;
/** A customer name on a row; the ESD card it opens shows it whole. */
const NAME_CHARS_SHOWN = 60;
/** Customer names named in the notification's summary. */
const NAMES_IN_SUMMARY = 3;

export type RowColor = 'Default' | 'Good' | 'Warning' | 'Attention';

/** What the `open` action of a row carries: the work list's, so the bot answers it the same way. */
export interface OpenData {
  verb: 'open';
  tenantId: string;
  workload: WorkloadName;
  from: 'upcoming';
}

export function openData(row: { tenantId: string; workload: WorkloadName }): OpenData {
  return { verb: 'open', tenantId: row.tenantId, workload: row.workload, from: 'upcoming' };
}

/** A row as the list templates draw it: the customer in bold, then workload and date, then a coloured tag. */
export interface CardRow {
  customer: string;
  what: string;
  due: string;
  color: RowColor;
  open: OpenData;
}

/** " · Microsoft Teams · Tue, 24 Nov 2026", followed by " · " when a tag follows. */
export function workloadAndDate(
  row: Pick<ReminderSummaryRow, 'workload' | 'engagementStartDate' | 'datePrecision'>, tagged: boolean,
  locale: Locale = 'en-US',
): string {
  const date = formatEsd(row.engagementStartDate, row.datePrecision, locale);
  return ` · ${workloadLabel(row.workload)} · ${date}${tagged ? ' · ' : ''}`;
}

/** The customer's name as a row shows it: cut to fit, user text made plain. */
export function rowName(name: string): string {
  return plain(truncate(name, NAME_CHARS_SHOWN));
}

function tagOf(row: ReminderSummaryRow, today: CalendarDate, locale: Locale): { due: string; color: RowColor } {
  if (row.kind === 'followUp') return { due: t(locale, 'summary.tag.followUp'), color: 'Warning' };
  if (row.datePrecision === 'month') return { due: '', color: 'Default' }; // "expected in …" says it (R7)
  return row.engagementStartDate < today ? { due: t(locale, 'summary.tag.passed'), color: 'Attention' }
    : { due: t(locale, 'summary.tag.today'), color: 'Warning' };
}

function summaryRow(row: ReminderSummaryRow, today: CalendarDate, locale: Locale): CardRow {
  const { due, color } = tagOf(row, today, locale);
  return {
    customer: rowName(row.customerName), what: workloadAndDate(row, due !== '', locale), due, color, open: openData(row),
  };
}

/** "6 engagements are due to start: …; 2 follow-ups you asked for: …." */
function introOf(rows: readonly ReminderSummaryRow[], locale: Locale): string {
  const starts = rows.filter((r) => r.kind === 'start').length;
  const followUps = rows.length - starts;
  const startText = starts > 0 ? t(locale, 'summary.intro.starts', { count: starts }) : '';
  const followUpText = followUps > 0 ? t(locale, 'summary.intro.followUps', { count: followUps }) : '';
  if (!startText || !followUpText) return startText || followUpText;
  return t(locale, 'summary.intro.both', { starts: startText, followUps: followUpText });
}

/** "7 reminders: Contoso Ltd, Fabrikam, Northwind and 4 more" (distinct customers, in the rows' order). */
function summaryOf(rows: readonly ReminderSummaryRow[], locale: Locale): string {
  const names = [...new Set(rows.map((r) => r.customerName))];
  const named = names.slice(0, NAMES_IN_SUMMARY).map((n) => truncate(n, NAME_CHARS_SHOWN))
    .join(t(locale, 'summary.nameSeparator'));
  const others = Math.max(0, names.length - NAMES_IN_SUMMARY);
  return plain(t(locale, 'summary.notification', { count: rows.length, names: named, others }));
}

/**
 * The due reminders of one FM's morning as one card, in the order given; `today` is the FM's day; in the FM's
 * language (a proactive card: the directory's locale, else the deployment's default).
 */
export function reminderSummaryCard(
  rows: readonly ReminderSummaryRow[], today: CalendarDate, locale: Locale = 'en-US',
): RenderedCard & { card: AdaptiveCard } {
  const shown = rows.slice(0, SUMMARY_ROWS_SHOWN);
  const more = rows.length - shown.length;
  const card = renderCard('reminderSummary', {
    heading: t(locale, 'summary.heading', { day: formatDay(today, locale) }),
    intro: introOf(rows, locale),
    subtitle: t(locale, 'summary.subtitle'),
    open: t(locale, 'summary.open'),
    rows: shown.map((row) => summaryRow(row, today, locale)),
    more: more > 0 ? t(locale, 'summary.more', { count: more, command: commandWord(locale, 'upcoming') }) : '',
  });
  return { card, summary: summaryOf(rows, locale) };
}
