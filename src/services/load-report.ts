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
import type { EngagementQuery, EngagementRow, Store } from '../store/store';
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
  /** Rows with an ESD in the reported weeks (any state: only the starting states are counted). */
  rowsInWeeks: readonly EngagementRow[];
  /** Per FM (object id): workloads in flight, whatever their date or lack of one (Store.countInFlightByAssignee). */
  inFlight: ReadonlyMap<string, number>;
}

/** The first and last day of the reported weeks: Monday of `from`'s ISO week to the Sunday `weeks` later. */
export function loadWindow(from: CalendarDate, weeks: number): { first: CalendarDate; last: CalendarDate } {
  const first = startOfIsoWeek(from);
  return { first, last: addDays(first, 7 * weeks - 1) };
}

function fmOf(row: EngagementRow): string | null {
  return row.assignee?.type === 'fm' ? row.assignee.aadObjectId : null;
}

/** Pure: the report over rows already read. FMs are listed by name; rows of people who are not FMs are left out. */
export function computeLoad(input: LoadInput): LoadReport {
  const { first } = loadWindow(input.from, input.weeks);
  const weekStarts = Array.from({ length: input.weeks }, (_, i) => addDays(first, 7 * i));
  const byFm = new Map<string, FmLoad>(input.fms.map((fm) => [fm.aadObjectId, {
    aadObjectId: fm.aadObjectId, name: fm.name,
    starting: weekStarts.map(() => 0), estimated: weekStarts.map(() => 0), inFlight: 0,
    capacity: fm.weeklyCapacity ?? null,
  }]));
  for (const row of input.rowsInWeeks) {
    const load = byFm.get(fmOf(row) ?? '');
    const week = weekStarts.indexOf(startOfIsoWeek(row.engagementStartDate));
    if (!load || week < 0 || !STARTING_STATES.includes(row.state)) continue;
    load.starting[week] = (load.starting[week] ?? 0) + 1;
    if (row.datePrecision === 'month') load.estimated[week] = (load.estimated[week] ?? 0) + 1;
  }
  for (const load of byFm.values()) load.inFlight = input.inFlight.get(load.aadObjectId) ?? 0;
  const fms = [...byFm.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.aadObjectId.localeCompare(b.aadObjectId));
  return { from: input.from, weeks: weekStarts.map(isoWeekLabel), fms };
}

const PAGE = 1000;

/** Every row of a listing, page after page. */
async function allEngagements(store: Store, query: Omit<EngagementQuery, 'limit' | 'continuationToken'>): Promise<EngagementRow[]> {
  const rows: EngagementRow[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await store.listEngagements({ ...query, limit: PAGE, continuationToken });
    rows.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return rows;
}

/** The report read from the store (GET /api/load). */
export class LoadReports {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** The directory's FMs, the rows of the weeks, the workloads in flight; from the week of today (UTC) by default. */
  async report(query: { from?: CalendarDate; weeks: number }): Promise<LoadReport> {
    const { weeks } = query;
    const from = query.from ?? todayIn('UTC', this.clock.now());
    const { first, last } = loadWindow(from, weeks);
    const [fms, rowsInWeeks, inFlight] = await Promise.all([
      this.store.listPeople('fm'),
      allEngagements(this.store, { from: first, to: last, states: [...STARTING_STATES] }),
      this.inFlight(),
    ]);
    return computeLoad({ from, weeks, fms, rowsInWeeks, inFlight });
  }

  /**
   * P2: per FM (object id), the workloads in flight (started, not completed; R2: with or without an ESD). An FM
   * with none is absent (read it as 0).
   */
  inFlight(): Promise<Map<string, number>> {
    return this.store.countInFlightByAssignee();
  }
}
