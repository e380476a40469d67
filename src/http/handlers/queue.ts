/** The Gateway queue (P1) and the FMs suggested for a date (P2): read-only, over their services. */
import { etagHeader } from '../etag';
import type { RouteInput, RouteResult } from '../route';
import type { QueueQueryParams, SuggestionQueryParams } from '../schemas/requests';
import type { ApiServices } from './deps';

export function queueHandlers({ queue, suggestions }: Pick<ApiServices, 'queue' | 'suggestions'>) {
  return {
    async unassigned(this: void, { query }: RouteInput<unknown, QueueQueryParams, unknown>): Promise<RouteResult> {
      const page = await queue.list({ limit: query.limit, continuationToken: query.continuationToken });
      const items = page.items.map((entry) => ({ ...entry, etag: etagHeader(entry.etag) }));
      const { continuationToken } = page;
      return { status: 200, body: continuationToken ? { items, continuationToken } : { items } };
    },

    async suggestions(
      this: void, { query }: RouteInput<unknown, SuggestionQueryParams, unknown>,
    ): Promise<RouteResult> {
      return { status: 200, body: await suggestions.forDate(query.date) };
    },
  };
}
