/**
 * P2: the FMs to assign a customer to, least loaded first, for its first ESD (`GET /api/suggestions`, the queue
 * card's assign action, the heads-up card). The counts are the load report's (LoadReports: starts per ISO week, in
 * flight, capacity); the order is the domain's rule (rankForAssignment).
 */
import { rankForAssignment, type FmLoadSummary } from '../domain/assignment';
import { startOfIsoWeek, type CalendarDate } from '../domain/dates';
import type { LoadReports } from './load-report';

export type Suggestion = FmLoadSummary;

/** The fortnight the starts are counted over: the ISO week of the date and the next. */
const FORTNIGHT_WEEKS = 2;

export class Suggestions {
  constructor(private readonly load: Pick<LoadReports, 'report'>) {}

  /** Every FM of the directory, ranked for a customer whose first ESD is `date`. */
  async forDate(date: CalendarDate): Promise<Suggestion[]> {
    const report = await this.load.report({ from: date, weeks: FORTNIGHT_WEEKS });
    return rankForAssignment(report.fms.map((fm) => ({
      aadObjectId: fm.aadObjectId, name: fm.name, starting: fm.starting.reduce((sum, n) => sum + n, 0),
      inFlight: fm.inFlight, capacity: fm.capacity,
    })));
  }

  /** The ranking for each date; dates in one ISO week share one load report. */
  async forDates(dates: readonly CalendarDate[]): Promise<Map<CalendarDate, Suggestion[]>> {
    const byWeek = new Map<CalendarDate, Promise<Suggestion[]>>();
    for (const date of dates) {
      const week = startOfIsoWeek(date);
      if (!byWeek.has(week)) byWeek.set(week, this.forDate(week));
    }
    const answer = new Map<CalendarDate, Suggestion[]>();
    for (const date of dates) answer.set(date, await (byWeek.get(startOfIsoWeek(date)) as Promise<Suggestion[]>));
    return answer;
  }
}
