/**
 * P1, P2: the Gateway queue and assignment by load. Which customers wait for an FM and in what order, how the FMs
 * are ranked for one of them, and when the Gateway is told that one is about to start without an FM. Pure: the
 * loads are counted elsewhere (the load report) and handed in; "today" comes from the caller.
 */
import { addWorkingDays, type CalendarDate } from './dates';
import { hasActiveEsd } from './rules';
import type { Customer, DatePrecision, StatusNote, Workload, WorkloadState } from './types';

/** What the first ESD is read from: a customer's workloads, or a queue entry's. */
export type EsdFields = Pick<Workload, 'l1Status' | 'engagementStartDate' | 'datePrecision' | 'state'>;

/** The states of a workload whose start is still ahead (not started, and not given up as inactive: R5). */
export const EXPECTED_START_STATES: readonly WorkloadState[] = ['scheduled', 'awaitingCustomer'];

export interface FirstEsd {
  date: CalendarDate;
  precision: DatePrecision;
}

/**
 * P1: the customer's first ESD, which puts it in line in the queue: the earliest active ESD (R1) of a workload still
 * expected to start (EXPECTED_START_STATES); null when it has none. On one date a day beats a month estimate (R7).
 */
export function firstEsd(customer: { workloads: readonly EsdFields[] }): FirstEsd | null {
  let first: FirstEsd | null = null;
  for (const w of customer.workloads) {
    if (!hasActiveEsd(w) || !EXPECTED_START_STATES.includes(w.state)) continue;
    const candidate: FirstEsd = { date: w.engagementStartDate as CalendarDate, precision: w.datePrecision ?? 'day' };
    if (!first || candidate.date < first.date || (candidate.date === first.date && candidate.precision === 'day')) {
      first = candidate;
    }
  }
  return first;
}

/** P1: a customer waits in the Gateway queue while it has neither an FM nor an FRP partner (R9). */
export function isUnassigned(customer: Customer): boolean {
  return customer.assignee === null;
}

/** One FM's load around a customer's first ESD, as the load report counts it (P2). */
export interface FmLoadSummary {
  aadObjectId: string;
  name: string;
  /** Engagements of the FM starting in the ISO week of the date and the week after. */
  starting: number;
  /** The FM's workloads started and not completed. */
  inFlight: number;
  /** The FM's weekly capacity from the directory, or null when not set (shown, not ranked on). */
  capacity: number | null;
}

/**
 * P2: the FMs in the order they are suggested for a customer: fewest starts in the fortnight (that ISO week and the
 * next), then fewest in flight, then by name (and id, so equal names keep one order). The least loaded first.
 */
export function rankForAssignment<T extends FmLoadSummary>(fms: readonly T[]): T[] {
  return [...fms].sort((a, b) => a.starting - b.starting || a.inFlight - b.inFlight
    || a.name.localeCompare(b.name) || (a.aadObjectId < b.aadObjectId ? -1 : a.aadObjectId > b.aadObjectId ? 1 : 0));
}

/**
 * P1: whether a customer still waiting for an FM, whose first ESD is `first`, is due a heads-up to the Gateway on
 * `today`: the date is at most `alertDays` working days away (a date already passed is due too).
 */
export function headsUpDue(first: CalendarDate, today: CalendarDate, alertDays: number): boolean {
  return first <= addWorkingDays(today, alertDays);
}

/**
 * Who assigned the customer, and when: the last customer-wide Overall Status Note (an assignment is the only change
 * recorded for the customer rather than for one of its workloads), or undefined.
 */
export function lastAssignment(customer: Customer): StatusNote | undefined {
  return customer.statusNotes.filter((n) => n.workload === null).at(-1);
}
