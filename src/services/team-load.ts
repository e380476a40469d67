/**
 * P2: the `load` command's view: the load report of the next weeks from the viewer's today, one page of FMs at a
 * time, with the viewer's own row when they are an FM. Who may see it is the domain's (mayViewLoad).
 */
import { addDays, todayIn, type CalendarDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import { LOAD_REFUSAL, mayViewLoad, NOT_IN_DIRECTORY } from '../domain/rules';
import type { Person } from '../domain/types';
import type { Clock } from './clock';
import { actorOf, timeZoneOf } from './directory';
import { loadWindow, type FmLoad, type LoadReports } from './load-report';

export interface TeamLoadQuery {
  /** 1-based; a page past the last shows the last (the team may have shrunk since the card was drawn). */
  page: number;
  pageSize: number;
  weeks: number;
}

export interface TeamLoadView {
  today: CalendarDate;
  /** The Monday of each week shown. */
  weekStarts: CalendarDate[];
  /** ISO week labels, as GET /api/load gives them. */
  weeks: string[];
  /** This page's FMs, in the report's order (by name). */
  fms: FmLoad[];
  page: number;
  pages: number;
  /** How many FMs the directory holds. */
  total: number;
  /** The viewer's own row, when they are an FM of the directory. */
  own: FmLoad | undefined;
}

export class TeamLoad {
  constructor(private readonly load: Pick<LoadReports, 'report'>, private readonly clock: Clock) {}

  /** `forbidden` for someone without a role (NOT_IN_DIRECTORY) or a partner (LOAD_REFUSAL). */
  async view(viewer: Person | undefined, query: TeamLoadQuery): Promise<TeamLoadView> {
    const actor = actorOf(viewer);
    if (!mayViewLoad(actor)) throw new DomainError('forbidden', actor ? LOAD_REFUSAL : NOT_IN_DIRECTORY);
    const today = todayIn(timeZoneOf(viewer), this.clock.now());
    const report = await this.load.report({ from: today, weeks: query.weeks });
    const total = report.fms.length;
    const pages = Math.max(1, Math.ceil(total / query.pageSize));
    const page = Math.min(Math.max(1, Math.floor(query.page)), pages);
    const first = (page - 1) * query.pageSize;
    return {
      today, weeks: report.weeks, weekStarts: report.weeks.map((_, i) => addDays(loadWindow(today, 1).first, 7 * i)),
      fms: report.fms.slice(first, first + query.pageSize), page, pages, total,
      own: report.fms.find((fm) => fm.aadObjectId === actor?.aadObjectId),
    };
  }
}
