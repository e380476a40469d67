/**
 * The Monday digest cards (src/services/digests.ts), one template (digest.json) for both:
 * - an FM's: what waits for their answer, then the week's Engagement Start Dates, each row opening its ESD card
 *   (the work list's `open` verb and data, so the bot answers it as it answers a row of `upcoming`);
 * - a Gateway person's: the customers without an FM starting within two weeks (plain rows; "Open the queue" answers
 *   the queue card, whose rows assign), and last week's reminders Teams did not deliver, each with why.
 * At most DIGEST_ROWS_SHOWN rows a section, names cut to fit: the card stays under Teams' size limit.
 */
import { monthOf, type CalendarDate } from '../../domain/dates';
import type { Locale } from '../../domain/types';
import type { DigestCards, FmDigest, GatewayDigest } from '../../services/digests';
import type { UnreachablePerson } from '../../services/reach';
import type { ExplainedReminderItem } from '../../services/reminder-list';
import type { EngagementRow, QueueEntry } from '../../store/store';
import type { MessageKey } from '../i18n/catalogue';
import { say, t } from '../i18n/messages';
import { commandWord } from '../commands';
import { formatDay, formatEsd, formatMonth, plain, workloadLabel } from './format';
import { SHOW_QUEUE_VERB } from './queue-card';
import { renderCard, type AdaptiveCard } from './render';
import { openData, rowName, workloadAndDate, type CardRow, type OpenData, type RowColor } from './reminder-summary-card';

/** Rows shown in one section of a digest. */
export const DIGEST_ROWS_SHOWN = 8;
type DigestRow = Omit<CardRow, 'open'> & { open: OpenData | null };
type Tag = { due: string; color: RowColor };

/** A section's texts are the catalogue's `<prefix>.title`, `.hint`, `.empty`; `more` says what is not shown. */
interface Section {
  prefix: 'digest.fm.waiting' | 'digest.fm.week' | 'digest.gateway.unassigned' | 'digest.gateway.failed'
    | 'digest.gateway.unreachable';
  /** The title's arguments (a day). */
  values?: Record<string, string>;
  rows: DigestRow[];
  more: MessageKey;
  /** No line for an empty section (it is not drawn then). */
  noEmpty?: boolean;
}

function sectionData(section: Section, locale: Locale): Record<string, unknown> {
  const { rows, prefix } = section;
  const more = rows.length - DIGEST_ROWS_SHOWN;
  const title = t(locale, `${prefix}.title`, section.values);
  return {
    title: rows.length > 0 ? t(locale, 'digest.sectionTitle', { title, count: rows.length }) : title,
    hint: t(locale, `${prefix}.hint`),
    rows: rows.slice(0, DIGEST_ROWS_SHOWN),
    more: more > 0 ? t(locale, section.more, { count: more, command: commandWord(locale, 'upcoming') }) : '',
    empty: rows.length === 0 && !section.noEmpty ? t(locale, `${prefix}.empty` as MessageKey) : '',
  };
}

function engagementRow(row: EngagementRow, tag: Tag, locale: Locale): DigestRow {
  return {
    customer: rowName(row.customerName), what: workloadAndDate(row, tag.due !== '', locale), ...tag, open: openData(row),
  };
}

/** Why a workload waits for the FM: the day they were asked (R3), or the follow-up day they asked for (R5). */
function waitingTag(row: EngagementRow, locale: Locale): Tag {
  const on = row.remindOn ?? row.engagementStartDate;
  if (row.state === 'awaitingCustomer') {
    return { due: t(locale, 'digest.tag.followUpDue', { day: formatDay(on, locale) }), color: 'Attention' };
  }
  // R7: an estimate is due from its month on, never on a day.
  if (row.datePrecision === 'month') {
    return { due: t(locale, 'digest.tag.dueSince', { month: formatMonth(monthOf(on), locale) }), color: 'Attention' };
  }
  return { due: t(locale, 'digest.tag.askedOn', { day: formatDay(on, locale) }), color: 'Attention' };
}

function weekTag(row: EngagementRow, locale: Locale): Tag {
  if (row.state === 'started') return { due: t(locale, 'digest.tag.started'), color: 'Good' };
  if (row.state === 'awaitingCustomer') return { due: t(locale, 'digest.tag.waiting'), color: 'Default' };
  return { due: '', color: 'Default' };
}

/** The card's fixed texts (digest.json). */
function fixedTexts(locale: Locale): Record<string, string> {
  return { open: t(locale, 'digest.open'), openQueue: t(locale, 'digest.openQueue') };
}

/** An FM's Monday digest, in their language: what waits for their answer, then the week's Engagement Start Dates. */
export function fmDigestCard(digest: FmDigest, locale: Locale = 'en-US'): { card: AdaptiveCard; summary: string } {
  const { monday, week, unanswered } = digest;
  const sections: Section[] = [
    {
      prefix: 'digest.fm.waiting', rows: unanswered.map((row) => engagementRow(row, waitingTag(row, locale), locale)),
      more: 'digest.moreInUpcoming',
    },
    {
      prefix: 'digest.fm.week', rows: week.map((row) => engagementRow(row, weekTag(row, locale), locale)),
      more: 'digest.moreInUpcoming',
    },
  ];
  const card = renderCard('digest', {
    text: fixedTexts(locale),
    heading: t(locale, 'digest.fm.heading', { day: formatDay(monday, locale) }),
    subtitle: t(locale, 'digest.fm.subtitle'),
    sections: sections.map((section) => sectionData(section, locale)),
    showQueue: null,
  });
  const summary = t(locale, 'digest.fm.summary', { week: week.length, unanswered: unanswered.length });
  return { card, summary };
}

function unassignedRow(entry: QueueEntry, monday: CalendarDate, locale: Locale): DigestRow {
  const first = entry.workloads.find((w) => w.engagementStartDate === entry.firstEsd);
  const date = entry.firstEsd ?? monday;
  const precision = first?.datePrecision ?? 'day';
  const passed = precision === 'day' && date < monday;
  return {
    customer: rowName(entry.name), what: ` · ${formatEsd(date, precision, locale)}${passed ? ' · ' : ''}`,
    due: passed ? t(locale, 'digest.tag.passed') : '', color: passed ? 'Attention' : 'Default', open: null,
  };
}

function failedRow(item: ExplainedReminderItem, locale: Locale): DigestRow {
  const what = item.kind === 'summary' || item.workload === null ? t(locale, 'digest.gateway.failed.several')
    : workloadLabel(item.workload);
  const to = item.fmName === null ? t(locale, 'digest.gateway.failed.nobody') : plain(item.fmName);
  return {
    customer: item.customerName === null ? t(locale, 'digest.gateway.failed.noCustomer') : rowName(item.customerName),
    what: t(locale, 'digest.gateway.failed.line', { what, to, day: formatDay(item.dueOn, locale) }),
    // Why, in the reader's language (the recorded error itself only when it is of no known kind).
    due: item.failure ? say(locale, item.failure) : t(locale, 'digest.gateway.failed.notDelivered'),
    color: 'Attention', open: null,
  };
}

/** Why the bot cannot reach an FM, in a few plain words. */
function unreachableRow(person: UnreachablePerson, locale: Locale): DigestRow {
  return {
    customer: rowName(person.name),
    what: t(locale, 'digest.gateway.unreachable.line', { count: person.remindersWaiting }),
    due: t(locale, 'digest.gateway.unreachable.why', { reason: person.reason }), color: 'Attention', open: null,
  };
}

/**
 * A Gateway person's Monday digest, in their language: customers waiting for an FM soon, and last week's
 * undelivered reminders.
 */
export function gatewayDigestCard(
  digest: GatewayDigest, locale: Locale = 'en-US',
): { card: AdaptiveCard; summary: string } {
  const { monday, until, unassigned, failed, unreachable } = digest;
  const sections: Section[] = [
    {
      prefix: 'digest.gateway.unassigned', values: { day: formatDay(until, locale) },
      rows: unassigned.map((entry) => unassignedRow(entry, monday, locale)), more: 'digest.gateway.unassigned.more',
    },
    {
      prefix: 'digest.gateway.failed', rows: failed.map((item) => failedRow(item, locale)), more: 'digest.more',
    },
    // Shown only when someone cannot be reached: their reminders wait until they install the app or open it.
    ...(unreachable.length > 0 ? [{
      prefix: 'digest.gateway.unreachable' as const, rows: unreachable.map((person) => unreachableRow(person, locale)),
      more: 'digest.more' as const, noEmpty: true,
    }] : []),
  ];
  const card = renderCard('digest', {
    text: fixedTexts(locale),
    heading: t(locale, 'digest.gateway.heading', { day: formatDay(monday, locale) }),
    subtitle: t(locale, 'digest.gateway.subtitle'),
    sections: sections.map((section) => sectionData(section, locale)),
    showQueue: unassigned.length > 0 ? { verb: SHOW_QUEUE_VERB } : null,
  });
  const summary = t(locale, 'digest.gateway.summary', {
    unassigned: unassigned.length, failed: failed.length, unreachable: unreachable.length,
  });
  return { card, summary };
}

/** Both digest cards, as the sweep takes them, in the person's directory locale, else `defaultLocale`. */
export function digestCards(defaultLocale: Locale): DigestCards {
  return {
    fm: (digest, locale) => fmDigestCard(digest, locale ?? defaultLocale),
    gateway: (digest, locale) => gatewayDigestCard(digest, locale ?? defaultLocale),
  };
}
