/** P3: a customer's timeline and the gaps report over Timelines; the report as CSV when the client asks for it. */
import type { RouteInput, RouteResult } from '../route';
import type { GapQueryParams, TenantParams } from '../schemas/requests';
import type { ApiServices } from './deps';

export function timelineHandlers({ timelines }: Pick<ApiServices, 'timelines'>) {
  return {
    async timeline(this: void, { params }: RouteInput<unknown, unknown, TenantParams>): Promise<RouteResult> {
      return { status: 200, body: await timelines.timeline(params.tenantId) };
    },

    async gaps(this: void, { query }: RouteInput<unknown, GapQueryParams, unknown>): Promise<RouteResult> {
      return { status: 200, body: await timelines.gaps(query) };
    },
  };
}
