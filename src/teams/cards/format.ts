/** Presentation helpers for cards: labels and dates as an FM reads them. */
import type { CalendarDate } from '../../domain/dates';
import type { Actor, DatePrecision, NoteKind, Role, WorkloadName, WorkloadState } from '../../domain/types';
import { formatDay as dayIn, formatMonth as monthIn } from '../i18n/messages';

const WORKLOAD_LABELS: Record<WorkloadName, string> = {
  ExchangeOnline: 'Exchange Online', SharePointOnline: 'SharePoint Online', OneDrive: 'OneDrive', Teams: 'Microsoft Teams',
  Intune: 'Microsoft Intune', Windows: 'Windows', Microsoft365Apps: 'Microsoft 365 Apps', Defender: 'Microsoft Defender',
  Purview: 'Microsoft Purview', Viva: 'Microsoft Viva', Copilot: 'Microsoft 365 Copilot',
};

export const STATE_LABELS: Record<WorkloadState, string> = {
  scheduled: 'Scheduled', started: 'Started', awaitingCustomer: 'Waiting for the customer',
  inactive: 'Customer inactive', completed: 'Completed', notApplicable: 'No active date (not In Progress)',
};

export const NOTE_LABELS: Record<NoteKind, string> = {
  dateChanged: 'Date changed', noResponse: 'No response', customerInactive: 'Customer inactive', started: 'Started',
  completed: 'Completed', statusChanged: 'Status changed', note: 'Note',
};

const ROLE_LABELS: Record<Role, string> = { fm: 'FM', gateway: 'Gateway', partner: 'Partner', admin: 'Admin' };

export function workloadLabel(workload: WorkloadName): string {
  return WORKLOAD_LABELS[workload];
}

const SHORT_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function utc(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** `Tue, 1 Dec 2026`, or `expected in February 2027` for an R7 month estimate (never shown as a day). */
export function formatEsd(date: CalendarDate, precision: DatePrecision | null): string {
  return precision === 'month' ? `expected in ${formatMonth(date.slice(0, 7))}` : formatDay(date);
}

/** The ESD inside a sentence: `expected to start on Tue, 1 Dec 2026`, or `expected in February 2027` (R7). */
export function expectedStart(date: CalendarDate, precision: DatePrecision | null): string {
  return precision === 'month' ? formatEsd(date, precision) : `expected to start on ${formatDay(date)}`;
}

export function formatDay(date: CalendarDate): string {
  return dayIn('en-US', date);
}

/** `1 Dec 2026`: a day in a compact line (the deployment timeline). */
export function formatShortDay(date: CalendarDate): string {
  return SHORT_FORMAT.format(utc(date));
}

/** The calendar day of an instant, for "who, when" lines. */
export function formatInstantDay(instant: string): string {
  return SHORT_FORMAT.format(new Date(instant));
}

export function formatMonth(month: string): string {
  return monthIn('en-US', month);
}

export function actorLabel(actor: Actor): string {
  return `${actor.name} (${ROLE_LABELS[actor.role]})`;
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
