/**
 * P3, serial deployments: a customer's workloads as one series in order of start, with the gap between finishing one
 * deployment and starting the next, and the gaps report's figures over many customers. Pure: the definitions are
 * in docs/domain.md ("Gaps (P3)").
 *
 * - The series: the InProgress workloads (R1) that have a start, the day they started or else their ESD. A workload
 *   that is not InProgress is left out whatever it did before (it keeps its history): it is no step of the series.
 * - An item's start: `startedOn`, else the ESD (a month estimate, R7, is its 1st, flagged `estimated`).
 * - `gapDays`: days from the latest completion of another item on or before the item's start to that start (0 when
 *   one finished the day the next started); null for the first item, when nothing completed by then, and when the
 *   item overlaps (an item before it had started and had not completed by its start).
 */
import { daysBetween, type CalendarDate } from './dates';
import { esdApplies } from './rules';
import {
  WORKLOADS, type ChangeSource, type DatePrecision, type Workload, type WorkloadName, type WorkloadState,
} from './types';

/** What the series reads of a workload: its dates and state, and the source it was entered through. */
export type SeriesWorkload = Pick<
  Workload, 'workload' | 'l1Status' | 'engagementStartDate' | 'datePrecision' | 'state' | 'startedOn' | 'completedOn'
> & {
  /** The source of the workload's first history entry (how it was entered), or null when it has none. */
  source: ChangeSource | null;
};

/** A customer as the series reads it. */
export interface SeriesCustomer {
  tenantId: string;
  name: string;
  workloads: SeriesWorkload[];
}

export interface TimelineItem {
  workload: WorkloadName;
  source: ChangeSource | null;
  engagementStartDate: CalendarDate | null;
  datePrecision: DatePrecision | null;
  state: WorkloadState;
  startedOn: CalendarDate | null;
  completedOn: CalendarDate | null;
  /** Where the item sits: `startedOn`, else the ESD. */
  start: CalendarDate;
  /** Not started, and the ESD is only a month (R7): the start is that month's 1st, an estimate. */
  estimated: boolean;
  /** It starts (or started) while an item before it was still under way: there is no gap to measure. */
  overlapping: boolean;
  gapDays: number | null;
  /** The item whose completion `gapDays` is measured from; null when `gapDays` is. */
  after: { workload: WorkloadName; completedOn: CalendarDate } | null;
}

/** The source of a stored workload: that of its first history entry (how it was entered). */
export function sourceOf(workload: Pick<Workload, 'history'>): ChangeSource | null {
  return workload.history[0]?.source ?? null;
}

/** A stored workload as the series reads it. */
export function seriesWorkload(w: Workload): SeriesWorkload {
  return {
    workload: w.workload, l1Status: w.l1Status, engagementStartDate: w.engagementStartDate,
    datePrecision: w.datePrecision, state: w.state, startedOn: w.startedOn, completedOn: w.completedOn,
    source: sourceOf(w),
  };
}

/** The item's start, or null when the workload is no step of the series. */
function startOf(w: SeriesWorkload): CalendarDate | null {
  if (!esdApplies(w.l1Status) || w.state === 'notApplicable') return null;
  return w.startedOn ?? w.engagementStartDate;
}

/** Whether the item had begun: started on a day (or completed, which only a started workload can be). */
function begun(item: TimelineItem): boolean {
  return item.startedOn !== null || item.completedOn !== null;
}

/** The latest completion of another item on or before `start`. */
function latestCompletion(items: readonly TimelineItem[], self: TimelineItem): TimelineItem | undefined {
  let latest: TimelineItem | undefined;
  for (const other of items) {
    if (other === self || other.completedOn === null || other.completedOn > self.start) continue;
    if (!latest || (latest.completedOn ?? '') < other.completedOn) latest = other;
  }
  return latest;
}

/** The series of one customer's workloads, in order of start (then catalogue order), with the gaps (P3). */
export function timelineOf(workloads: readonly SeriesWorkload[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const w of workloads) {
    const start = startOf(w);
    if (start === null) continue;
    items.push({
      workload: w.workload, source: w.source, engagementStartDate: w.engagementStartDate,
      datePrecision: w.datePrecision, state: w.state, startedOn: w.startedOn, completedOn: w.completedOn, start,
      estimated: w.startedOn === null && w.datePrecision === 'month', overlapping: false, gapDays: null, after: null,
    });
  }
  items.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1
    : WORKLOADS.indexOf(a.workload) - WORKLOADS.indexOf(b.workload)));
  items.forEach((item, i) => {
    if (i === 0) return;
    item.overlapping = items.slice(0, i)
      .some((before) => begun(before) && (before.completedOn === null || before.completedOn > item.start));
    const latest = item.overlapping ? undefined : latestCompletion(items, item);
    if (latest?.completedOn) {
      item.after = { workload: latest.workload, completedOn: latest.completedOn };
      item.gapDays = daysBetween(latest.completedOn, item.start);
    }
  });
  return items;
}

/** The states of a next item that has not started yet but is still expected to (not inactive, R5). */
const WAITING_STATES: readonly WorkloadState[] = ['scheduled', 'awaitingCustomer'];

/** One gap of the report: a customer's item with a gap, whose start is in the reported range. */
export interface Gap {
  workload: WorkloadName;
  state: WorkloadState;
  start: CalendarDate;
  estimated: boolean;
  /** The workload whose completion the gap is measured from, and that day. */
  after: WorkloadName;
  completedOn: CalendarDate;
  gapDays: number;
  /** Not started yet, still expected to (scheduled or waiting for the customer's answer): the gap may still grow. */
  waiting: boolean;
}

export interface CustomerGaps {
  tenantId: string;
  name: string;
  gaps: Gap[];
}

export interface GapSummary {
  /** How many gaps the report lists. */
  gaps: number;
  /** Null without gaps; the mean of the two middle ones for an even count (so it may end in .5). */
  medianDays: number | null;
  /** Nearest rank: the smallest gap that at least 90% of the gaps do not exceed; null without gaps. */
  p90Days: number | null;
  /** How many of the gaps are `waiting`: a deployment completed and the next one not started yet. */
  waiting: number;
}

/** The gaps of one customer's series whose item starts in [from, to] (by that item's start). */
export function gapsOf(workloads: readonly SeriesWorkload[], from: CalendarDate, to: CalendarDate): Gap[] {
  const gaps: Gap[] = [];
  for (const item of timelineOf(workloads)) {
    if (item.gapDays === null || item.after === null || item.start < from || item.start > to) continue;
    gaps.push({
      workload: item.workload, state: item.state, start: item.start, estimated: item.estimated,
      after: item.after.workload, completedOn: item.after.completedOn, gapDays: item.gapDays,
      waiting: WAITING_STATES.includes(item.state),
    });
  }
  return gaps;
}

/** The median, the 90th percentile (nearest rank) and the count of waiting ones, over every gap listed. */
export function summariseGaps(customers: readonly CustomerGaps[]): GapSummary {
  const all = customers.flatMap((c) => c.gaps);
  const days = all.map((g) => g.gapDays).sort((a, b) => a - b);
  const n = days.length;
  const at = (i: number): number => days[i] ?? 0;
  return {
    gaps: n,
    medianDays: n === 0 ? null : n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2,
    p90Days: n === 0 ? null : at(Math.ceil(0.9 * n) - 1),
    waiting: all.filter((g) => g.waiting).length,
  };
}
