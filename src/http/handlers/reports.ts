/** Read-only listings over their services: the active engagements by date (paged) and the FM load per ISO week (P2). */
import type { RouteInput, RouteResult } from '../route';
import { DEFAULT_LOAD_WEEKS, type EngagementQueryParams, type LoadQueryParams } from '../schemas/requests';
import type { ApiServices } from './deps';

export function reportHandlers({ engagements, load }: Pick<ApiServices, 'engagements' | 'load'>) {
  return {
    async engagements(
      this: void, { query }: RouteInput<unknown, EngagementQueryParams, unknown>,
    ): Promise<RouteResult> {
      const { from, to, assignee, continuationToken, limit } = query;
      const page = await engagements.list({ from, to, assigneeId: assignee, continuationToken, limit });
      return { status: 200, body: page.continuationToken ? page : { items: page.items } };
    },

    async load(this: void, { query }: RouteInput<unknown, LoadQueryParams, unknown>): Promise<RouteResult> {
      return { status: 200, body: await load.report({ from: query.from, weeks: query.weeks ?? DEFAULT_LOAD_WEEKS }) };
    },
  };
}
