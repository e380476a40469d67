/**
 * What the `upcoming` command and the REST listing read: an FM's work list, and the active ESDs by date
 * (GET /api/engagements). The `customer` command reads through CustomerViews (customer-views.ts).
 */
import { DomainError } from '../domain/errors';
import type { CalendarDate } from '../domain/dates';
import type { Person } from '../domain/types';
import { WORK_LIST_STATES, workList, type WorkList } from '../domain/work-list';
import { MAX_PAGE_SIZE } from '../store/engagement-rows';
import type { EngagementQuery, EngagementRow, Page, Store } from '../store/store';
import type { CardActions } from './card-actions';

/** The rows each section of the work list shows: a week or two of work, one card. */
export const WORK_LIST_SHOWN = 10;

/** The filters of the REST listing. */
export type EngagementListQuery = Pick<EngagementQuery, 'from' | 'to' | 'assigneeId' | 'limit' | 'continuationToken'>;

/** The viewer's work list as of their today. */
export interface WorkListView {
  today: CalendarDate;
  list: WorkList<EngagementRow>;
}

export class EngagementQueries {
  constructor(private readonly store: Store, private readonly cardActions: CardActions) {}

  /**
   * The viewer's work list (`upcoming`, domain/work-list.ts): what needs their answer, then what comes next. Every
   * one of the FM's engagements still waiting for an answer is read (pages of 1,000; an FM has tens), so the
   * sections are ordered by due day and "how many more" is exact: the cost follows the FM's own engagements.
   */
  async workList(viewer: Person): Promise<WorkListView> {
    const rows: EngagementRow[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.store.listEngagements({
        assigneeId: viewer.aadObjectId, states: [...WORK_LIST_STATES], limit: MAX_PAGE_SIZE, continuationToken,
      });
      rows.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken !== undefined);
    const today = this.cardActions.todayOf(viewer);
    return { today, list: workList(rows, today, WORK_LIST_SHOWN) };
  }

  /** Active ESDs (R1) by date, then tenant, then workload; paged. A range that ends before it starts is refused. */
  async list(query: EngagementListQuery): Promise<Page<EngagementRow>> {
    const { from, to, assigneeId, continuationToken, limit } = query;
    if (from !== undefined && to !== undefined && to < from) {
      throw new DomainError('validation', 'The request is not valid.', [
        { path: 'to', message: `to (${to}) is before from (${from}).` },
      ]);
    }
    return this.store.listEngagements({ from, to, assigneeId, continuationToken, limit });
  }
}
