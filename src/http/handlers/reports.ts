/** Read-only listings: the active engagements by date (paged) and the FM load per ISO week (P2). */
import { todayIn } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import { loadReport } from '../../services/load-report';
import type { RouteInput, RouteResult } from '../route';
import { DEFAULT_LOAD_WEEKS, type EngagementQueryParams, type LoadQueryParams } from '../schemas/requests';
import type { ApiServices } from './deps';

export function reportHandlers({ store, clock }: Pick<ApiServices, 'store' | 'clock'>) {
  return {
    async engagements({ query }: RouteInput<unknown, EngagementQueryParams, unknown>): Promise<RouteResult> {
      const { from, to, assignee, continuationToken, limit } = query;
      if (from !== undefined && to !== undefined && to < from) {
        throw new DomainError('validation', 'The request is not valid.', [{ path: 'to', message: `to (${to}) is before from (${from}).` }]);
      }
      const page = await store.listEngagements({ from, to, assigneeId: assignee, continuationToken, limit });
      return { status: 200, body: page.continuationToken ? page : { items: page.items } };
    },

    async load({ query }: RouteInput<unknown, LoadQueryParams, unknown>): Promise<RouteResult> {
      const from = query.from ?? todayIn('UTC', clock.now());
      return { status: 200, body: await loadReport(store, from, query.weeks ?? DEFAULT_LOAD_WEEKS) };
    },
  };
}
