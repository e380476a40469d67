/**
 * P2: what both stores share to count the engagements starting per FM and ISO week
 * (Store.countStartsByAssigneeAndWeek): the days a query covers and the order of its answer.
 */
import { addDays, startOfIsoWeek, type CalendarDate } from '../domain/dates';
import type { DatePrecision } from '../domain/types';
import type { StartsQuery, WeekStarts } from './store';

/** Monday of the week holding `from` to the Sunday `weeks` weeks later. */
export function startsWindow(query: Pick<StartsQuery, 'from' | 'weeks'>): { first: CalendarDate; last: CalendarDate } {
  if (!Number.isInteger(query.weeks) || query.weeks < 1) {
    throw new RangeError(`countStartsByAssigneeAndWeek: weeks must be a whole number from 1, got ${query.weeks}.`);
  }
  const first = startOfIsoWeek(query.from);
  return { first, last: addDays(first, 7 * query.weeks - 1) };
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** By week, then FM (code unit order, as SQLite compares text). */
export function compareWeekStarts(a: WeekStarts, b: WeekStarts): number {
  return compareCodeUnits(a.week, b.week) || compareCodeUnits(a.aadObjectId, b.aadObjectId);
}

/** One active ESD of an FM's customer, as little of it as the count needs. */
export interface StartEntry {
  aadObjectId: string;
  date: CalendarDate;
  precision: DatePrecision | null;
}

/** Entries summed per FM and ISO week (a null precision reads as a day). */
export function tallyStarts(entries: Iterable<StartEntry>): WeekStarts[] {
  const byKey = new Map<string, WeekStarts>();
  for (const { aadObjectId, date, precision } of entries) {
    const week = startOfIsoWeek(date);
    const key = `${week} ${aadObjectId}`;
    const tally = byKey.get(key) ?? { aadObjectId, week, starting: 0, estimated: 0 };
    tally.starting += 1;
    if (precision === 'month') tally.estimated += 1;
    byKey.set(key, tally);
  }
  return [...byKey.values()].sort(compareWeekStarts);
}
