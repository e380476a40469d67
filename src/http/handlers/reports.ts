/** Read-only listings over their services: the active engagements by date (paged) and the FM load per ISO week (P2). */
import type { LoadReport } from '../../services/load-report';
import { acceptsCsv, csvResult, type CsvValue } from '../csv';
import type { RouteInput, RouteResult } from '../route';
import { DEFAULT_LOAD_WEEKS, type EngagementQueryParams, type LoadQueryParams } from '../schemas/requests';
import type { ApiServices } from './deps';

/** GET /api/load as CSV: who, capacity and in flight, then the starts of each week, then the estimates among them. */
export const LOAD_CSV = 'A row per FM (name, aadObjectId, capacity, inFlight), a column per ISO week of starts (2026-W49 …), '
  + 'then one per week of the month estimates among them (2026-W49 estimated …); header row first.';

function loadCsvHeader(report: LoadReport): string[] {
  return ['name', 'aadObjectId', 'capacity', 'inFlight', ...report.weeks, ...report.weeks.map((w) => `${w} estimated`)];
}

function loadCsvRows(report: LoadReport): CsvValue[][] {
  return report.fms.map((fm) => [fm.name, fm.aadObjectId, fm.capacity, fm.inFlight, ...fm.starting, ...fm.estimated]);
}

export function reportHandlers({ engagements, load }: Pick<ApiServices, 'engagements' | 'load'>) {
  return {
    async engagements(
      this: void, { query }: RouteInput<unknown, EngagementQueryParams, unknown>,
    ): Promise<RouteResult> {
      const { from, to, assignee, continuationToken, limit } = query;
      const page = await engagements.list({ from, to, assigneeId: assignee, continuationToken, limit });
      return { status: 200, body: page.continuationToken ? page : { items: page.items } };
    },

    async load(this: void, { query, header }: RouteInput<unknown, LoadQueryParams, unknown>): Promise<RouteResult> {
      const report = await load.report({ from: query.from, weeks: query.weeks ?? DEFAULT_LOAD_WEEKS });
      if (!acceptsCsv(header('accept'))) return { status: 200, body: report };
      return csvResult(`load-${report.weeks[0] ?? report.from}.csv`, loadCsvHeader(report), loadCsvRows(report));
    },
  };
}
