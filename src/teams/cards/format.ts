/** Presentation helpers for cards: labels and dates as an FM reads them. */
import type { CalendarDate } from '../../domain/dates';
import {
  NOTE_KINDS, WORKLOAD_STATES, type Actor, type DatePrecision, type Locale, type NoteKind, type WorkloadName,
  type WorkloadState,
} from '../../domain/types';
import { formatDay as dayIn, formatMonth as monthIn, formatShortDay as shortDayIn, t } from '../i18n/messages';

const WORKLOAD_LABELS: Record<WorkloadName, string> = {
  ExchangeOnline: 'Exchange Online', SharePointOnline: 'SharePoint Online', OneDrive: 'OneDrive', Teams: 'Microsoft Teams',
  Intune: 'Microsoft Intune', Windows: 'Windows', Microsoft365Apps: 'Microsoft 365 Apps', Defender: 'Microsoft Defender',
  Purview: 'Microsoft Purview', Viva: 'Microsoft Viva', Copilot: 'Microsoft 365 Copilot',
};

export const STATE_LABELS: Record<WorkloadState, string> = labels(WORKLOAD_STATES, (state) => stateLabel(state));

export const NOTE_LABELS: Record<NoteKind, string> = labels(NOTE_KINDS, (kind) => noteLabel(kind));

function labels<K extends string>(keys: readonly K[], label: (key: K) => string): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, label(key)])) as Record<K, string>;
}

export function stateLabel(state: WorkloadState, locale: Locale = 'en-US'): string {
  return t(locale, `state.${state}`);
}

export function noteLabel(kind: NoteKind, locale: Locale = 'en-US'): string {
  return t(locale, `note.${kind}`);
}

export function workloadLabel(workload: WorkloadName): string {
  return WORKLOAD_LABELS[workload];
}

/** `Tue, 1 Dec 2026`, or `expected in February 2027` for an R7 month estimate (never shown as a day). */
export function formatEsd(date: CalendarDate, precision: DatePrecision | null, locale: Locale = 'en-US'): string {
  if (precision !== 'month') return formatDay(date, locale);
  return t(locale, 'date.expectedIn', { month: formatMonth(date.slice(0, 7), locale) });
}

/** The ESD inside a sentence: `expected to start on Tue, 1 Dec 2026`, or `expected in February 2027` (R7). */
export function expectedStart(date: CalendarDate, precision: DatePrecision | null, locale: Locale = 'en-US'): string {
  if (precision === 'month') return formatEsd(date, precision, locale);
  return t(locale, 'customer.expectedOn', { day: formatDay(date, locale) });
}

export function formatDay(date: CalendarDate, locale: Locale = 'en-US'): string {
  return dayIn(locale, date);
}

/** `1 Dec 2026`: a day in a compact line (the deployment timeline). */
export function formatShortDay(date: CalendarDate, locale: Locale = 'en-US'): string {
  return shortDayIn(locale, date);
}

/** The calendar day of an instant, for "who, when" lines. */
export function formatInstantDay(instant: string, locale: Locale = 'en-US'): string {
  return shortDayIn(locale, new Date(instant));
}

export function formatMonth(month: string, locale: Locale = 'en-US'): string {
  return monthIn(locale, month);
}

/** `Farah Khan (FM)`. */
export function actorLabel(actor: Actor, locale: Locale = 'en-US'): string {
  return t(locale, 'esd.actor', { name: actor.name, role: t(locale, `role.${actor.role}`) });
}

/**
 * User text bound into a card. Templating never evaluates data, and user text is only placed in TextRuns (no
 * Markdown), but Teams also expands `{{DATE(…)}}` functions in card text: break that sequence up.
 */
export function plain(text: string): string {
  return text.replace(/\{(?=\{)/g, '{\u200b'); // every `{` followed by `{`, so `{{{` cannot leave a `{{`
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
