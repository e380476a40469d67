/**
 * P2, balance FM workload: per FM of the directory, per ISO week, how many engagements start (active ESDs, R1) and
 * how many of those are only month estimates (R7), plus how many workloads are in flight: started and not yet
 * completed, including those entered as already under way, which have no ESD (R2).
 *
 * States counted as starting: `scheduled`, `awaitingCustomer` and `started`, the engagements that do or did begin
 * in that week. Not `inactive` (the customer stopped answering and the reminders stopped, R5: no FM time is planned
 * for it), nor `completed` (finished work is no load), nor `notApplicable` (no active ESD, R1).
 */
import { addDays, isoWeekLabel, startOfIsoWeek, todayIn, type CalendarDate } from '../domain/dates';
import type { Person, WorkloadState } from '../domain/types';
import type { Store, WeekStarts } from '../store/store';
import { startsWindow } from '../store/week-starts';
import type { Clock } from './clock';

export const STARTING_STATES: readonly WorkloadState[] = ['scheduled', 'awaitingCustomer', 'started'];

export interface FmLoad {
  aadObjectId: string;
  name: string;
  /** Per week of `weeks`. */
  starting: number[];
  estimated: number[];
  inFlight: number;
  /** The FM's weekly capacity from the directory, or null when not set. */
  capacity: number | null;
}

export interface LoadReport {
  from: CalendarDate;
  /** ISO week labels (`2026-W49`), starting with the week that holds `from`. */
  weeks: string[];
  fms: FmLoad[];
}

export interface LoadInput {
  from: CalendarDate;
  weeks: number;
  fms: readonly Pick<Person, 'aadObjectId' | 'name' | 'weeklyCapacity'>[];
  /** The store's counts per FM and ISO week (Store.countStartsByAssigneeAndWeek, in STARTING_STATES). */
  starts: readonly WeekStarts[];
  /** Per FM (object id): workloads in flight, whatever their date or lack of one (Store.countInFlightByAssignee). */
  inFlight: ReadonlyMap<string, number>;
}

/** The first and last day of the reported weeks: Monday of `from`'s ISO week to the Sunday `weeks` later. */
export function loadWindow(from: CalendarDate, weeks: number): { first: CalendarDate; last: CalendarDate } {
  return startsWindow({ from, weeks });
}

/** Pure: the report over counts already read. FMs are listed by name; counts of people who are not FMs are left out. */
export function computeLoad(input: LoadInput): LoadReport {
  const { first } = loadWindow(input.from, input.weeks);
  const weekStarts = Array.from({ length: input.weeks }, (_, i) => addDays(first, 7 * i));
  const byFm = new Map<string, FmLoad>(input.fms.map((fm) => [fm.aadObjectId, {
    aadObjectId: fm.aadObjectId, name: fm.name,
    starting: weekStarts.map(() => 0), estimated: weekStarts.map(() => 0), inFlight: 0,
    capacity: fm.weeklyCapacity ?? null,
  }]));
  for (const count of input.starts) {
    const load = byFm.get(count.aadObjectId);
    const week = weekStarts.indexOf(startOfIsoWeek(count.week));
    if (!load || week < 0) continue;
    load.starting[week] = (load.starting[week] ?? 0) + count.starting;
    load.estimated[week] = (load.estimated[week] ?? 0) + count.estimated;
  }
  for (const load of byFm.values()) load.inFlight = input.inFlight.get(load.aadObjectId) ?? 0;
  const fms = [...byFm.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.aadObjectId.localeCompare(b.aadObjectId));
  return { from: input.from, weeks: weekStarts.map(isoWeekLabel), fms };
}

/** The report read from the store (GET /api/load). */
export class LoadReports {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /**
   * The directory's FMs, the store's counts per FM and week, the workloads in flight; from the week of today (UTC) by
   * default. Three reads whose cost follows the FMs and weeks, not the workloads.
   */
  async report(query: { from?: CalendarDate; weeks: number }): Promise<LoadReport> {
    const { weeks } = query;
    const from = query.from ?? todayIn('UTC', this.clock.now());
    const [fms, starts, inFlight] = await Promise.all([
      this.store.listPeople('fm'),
      this.store.countStartsByAssigneeAndWeek({ from, weeks, states: STARTING_STATES }),
      this.inFlight(),
    ]);
    return computeLoad({ from, weeks, fms, starts, inFlight });
  }

  /**
   * P2: per FM (object id), the workloads in flight (started, not completed; R2: with or without an ESD). An FM
   * with none is absent (read it as 0).
   */
  inFlight(): Promise<Map<string, number>> {
    return this.store.countInFlightByAssignee();
  }
}
