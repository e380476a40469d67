/**
 * The FM's work list (`upcoming`): what needs the FM's answer now, then what comes next. Pure: the rows and the FM's
 * today come in.
 *
 * - **Needs your answer**: a workload still `scheduled` whose ESD is today or earlier (R3: the day has come), or one
 *   `awaitingCustomer` whose follow-up day (R5) is today or earlier (its ESD when it has no follow-up day). The most
 *   overdue first.
 * - **Next**: every other `scheduled` or `awaitingCustomer` workload, by that same day: an ESD after today, or a
 *   follow-up day still to come.
 * - Never listed: `started` (answered), `inactive` (R5: reminders stop), `completed` and `notApplicable` (R1) work.
 */
import type { CalendarDate } from './dates';
import type { WorkloadState } from './types';

/** The states the work list shows: those still waiting for the FM's answer about the start. */
export const WORK_LIST_STATES: readonly WorkloadState[] = ['scheduled', 'awaitingCustomer'];

/** What the list needs to know of one engagement. */
export interface WorkListItem {
  state: WorkloadState;
  engagementStartDate: CalendarDate;
  followUpOn: CalendarDate | null;
}

/** The day the FM owes an answer about the engagement: its ESD, or for one awaiting the customer its follow-up day. */
export function answerDueOn(item: WorkListItem): CalendarDate | null {
  if (item.state === 'scheduled') return item.engagementStartDate;
  if (item.state === 'awaitingCustomer') return item.followUpOn ?? item.engagementStartDate;
  return null;
}

export interface WorkListSection<T> {
  /** The first `limit` items, in the section's order. */
  shown: T[];
  /** How many more there are. */
  more: number;
}

export interface WorkList<T> {
  needsAnswer: WorkListSection<T>;
  next: WorkListSection<T>;
}

function section<T>(items: T[], limit: number): WorkListSection<T> {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

/**
 * Splits the FM's engagements (in ESD order, as the store lists them) into the two sections, each ordered by the day
 * the answer is due and at most `limit` shown. Items in other states are left out. The sort is stable, so items due
 * the same day keep the store's order (ESD, tenant, workload).
 */
export function workList<T extends WorkListItem>(items: readonly T[], today: CalendarDate, limit: number): WorkList<T> {
  const dated = items.flatMap((item) => {
    const on = answerDueOn(item);
    return on === null ? [] : [{ item, on }];
  }).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const due = dated.filter((d) => d.on <= today).map((d) => d.item);
  const later = dated.filter((d) => d.on > today).map((d) => d.item);
  return { needsAnswer: section(due, limit), next: section(later, limit) };
}
